/**
 * A game's replay file (shared/replay/replayFile.ts), made from storage: the scenario, the seed (or
 * the start state of a branched game), each resolved round's injects and orders as the round used
 * them, its events and a SHA-256 of the state after it, and the history. After a rewind, only the
 * rounds played on from it are in (the discarded ones stay in the report's log).
 */
import { createHash } from 'node:crypto';
import { createGame, type GameState } from '../../shared/engine/index.ts';
import { REPLAY_FORMAT, type ReplayFile, type ReplayStep } from '../../shared/replay/replayFile.ts';
import { storedStateText } from '../../shared/replay/rerunReplay.ts';
import type { GameSession } from '../game/GameSession.ts';
import type { Storage } from '../storage/Storage.ts';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The replay of a game's resolved rounds. */
export function buildReplay(storage: Storage, session: GameSession): ReplayFile {
  const { state, code } = session;
  const scenario = state.scenario;
  const origin = storage.origin(code);
  const fresh = createGame(scenario, { seed: state.seed, rounds: state.rounds });
  const start =
    origin && storedStateText(origin) !== storedStateText(fresh)
      ? (JSON.parse(storedStateText(origin)) as Record<string, unknown>)
      : null;
  const injects = storage.injects(code);
  const steps: ReplayStep[] = storage.rounds(code).map((r) => {
    const orders: Record<string, unknown> = {};
    const by: Record<string, string> = {};
    for (const o of storage.orders(code, r.round)) {
      if (o.orders) {
        orders[o.nation] = o.orders;
        by[o.nation] = o.by;
      } else {
        delete orders[o.nation];
        delete by[o.nation];
      }
    }
    const after = storage.stateAfter(code, r.round) as GameState;
    return {
      round: r.round,
      injects: injects
        .filter((i) => i.round === r.round)
        .map((i) => ({
          // Games from before cards were stored: a deck card is found again by the id its event names.
          card: i.card ?? i.events.find((e) => e.type === 'EventCardInjected')?.params.card ?? null,
          events: i.events,
        })),
      orders,
      by,
      concluded: session.session.concludedRound === r.round,
      events: r.events,
      stateHash: sha256(storedStateText(after)),
    };
  });
  return {
    format: REPLAY_FORMAT,
    version: 1,
    game: { code, title: session.title },
    seed: state.seed,
    rounds: state.rounds,
    scenario: scenario as unknown as Record<string, unknown>,
    start,
    steps,
    history: state.history as unknown as Record<string, unknown>[],
  };
}
