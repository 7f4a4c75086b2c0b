/** Plays game `index` of a run (and its what-if twin): everything derives from the run's settings. */
import type { BotSeat } from '../../shared/bots/botTypes.ts';
import type { Scenario } from '../../shared/engine/scenarioSchema.ts';
import type { NationId } from '../../shared/engine/types.ts';
import { type GameRecord, playGame, toRecord } from '../../shared/sim/playGame.ts';
import { assignSeats, type BotAssignment, gameSeed } from '../../shared/sim/seats.ts';

/** What every thread needs to play any game of the run (plain data, sent to workers). */
export interface RunSettings {
  scenarioId: string;
  seed: number;
  rounds: number | undefined;
  bots: BotAssignment;
  whatif: { nation: NationId; seat: BotSeat } | null;
}

export interface PlayedGame {
  baseline: GameRecord;
  whatif: GameRecord | null;
}

export function playOne(scenario: Scenario, run: RunSettings, index: number): PlayedGame {
  const seed = gameSeed(run.seed, index);
  const seats = assignSeats(scenario, seed, run.bots);
  const baseline = toRecord(index, playGame(scenario, seed, seats, run.rounds));
  if (!run.whatif) return { baseline, whatif: null };
  const changed = { ...seats, [run.whatif.nation]: run.whatif.seat };
  return { baseline, whatif: toRecord(index, playGame(scenario, seed, changed, run.rounds)) };
}
