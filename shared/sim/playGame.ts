import type { BotSeat } from '../bots/botTypes.ts';
import { botOrders } from '../bots/index.ts';
import { createGame } from '../engine/createGame.ts';
import type { Orders } from '../engine/ordersSchema.ts';
import { resolveRound } from '../engine/resolveRound.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import { type ScoreRow, scoreboard } from '../engine/scoreboard.ts';
import type { GameState, HistoryEntry, NationId, ReleasePolicy } from '../engine/types.ts';
import { type GameView, nationViews } from '../engine/viewFor.ts';

/** A bot for one seat: its orders (already parsed) and why; throws on invalid orders. */
export type BotOrdersFn = (
  state: GameState,
  nation: NationId,
  seat: BotSeat,
  salt: number,
  /** The nation's view of `state`, when the caller has cut it already. */
  view?: GameView,
) => { orders: Orders; explanation: string };

/** The outcome of one simulated game. */
export interface GameResult {
  seed: number;
  /** The bot seated at each nation. */
  seats: Record<NationId, BotSeat>;
  ranking: ScoreRow[];
  events: number;
  final: GameState;
}

/**
 * Plays a whole game with bots: each seat decides from its own view only, its orders go through
 * parseOrders like a human's, and the engine resolves every round. The game seed is the bots' salt;
 * `decide` defaults to the archetype bots (`botOrders`).
 */
export function playGame(
  scenario: Scenario,
  seed: number,
  seats: Record<NationId, BotSeat>,
  rounds?: number,
  decide: BotOrdersFn = botOrders,
): GameResult {
  let state = createGame(scenario, rounds ? { seed, rounds } : { seed });
  let events = 0;
  while (state.status === 'running') {
    const orders: Record<NationId, Orders> = {};
    // Every nation's view at once (the ranking they share is computed once), for the default bots.
    const views = decide === botOrders ? nationViews(state) : null;
    for (const id of Object.keys(state.nations)) {
      const seat = seats[id];
      if (!seat) throw new Error(`no bot seated at ${id}`);
      orders[id] = decide(state, id, seat, seed, views?.[id]).orders;
    }
    const result = resolveRound(state, orders);
    state = result.state;
    events += result.events.length;
  }
  return { seed, seats, ranking: scoreboard(state), events, final: state };
}

/** What the simulator keeps of one game: small enough to pass between threads and write out. */
export interface GameRecord {
  /** Index of the game in the run (0-based). */
  index: number;
  seed: number;
  seats: Record<NationId, BotSeat>;
  /** Key quantities after each round (entry 0 = the start), from the final state's history. */
  history: HistoryEntry[];
  /** Final ranking, best first. */
  ranking: { nation: NationId; rank: number; score: number; parts: ScoreRow['parts'] }[];
  /** Each nation's release policy when the game ended. */
  release: Record<NationId, ReleasePolicy>;
  events: number;
}

/** The record of a played game. */
export function toRecord(index: number, result: GameResult): GameRecord {
  const release: Record<NationId, ReleasePolicy> = {};
  for (const [id, n] of Object.entries(result.final.nations)) release[id] = n.policies.release;
  return {
    index,
    seed: result.seed,
    seats: result.seats,
    history: result.final.history,
    ranking: result.ranking.map((r) => ({ nation: r.nation, rank: r.rank, score: r.score, parts: r.parts })),
    release,
    events: result.events,
  };
}
