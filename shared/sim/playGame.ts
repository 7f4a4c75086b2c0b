import { decideOrders } from '../bots/decideOrders.ts';
import { SIMPLE_POLICIES } from '../bots/simplePolicies.ts';
import { createGame } from '../engine/createGame.ts';
import type { Orders } from '../engine/ordersSchema.ts';
import { resolveRound } from '../engine/resolveRound.ts';
import { rngFromSeed } from '../engine/rng.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import { type ScoreRow, scoreboard } from '../engine/scoreboard.ts';
import type { GameState, NationId } from '../engine/types.ts';

/** The outcome of one simulated game. */
export interface GameResult {
  seed: number;
  /** Policy played by each nation. */
  seats: Record<NationId, string>;
  ranking: ScoreRow[];
  events: number;
  final: GameState;
}

/** A policy for every nation: the given one, else a seeded pick among the simple policies. */
export function assignPolicies(
  scenario: Scenario,
  seed: number,
  fixed: Record<NationId, string> = {},
): Record<NationId, string> {
  const names = Object.keys(SIMPLE_POLICIES);
  const rng = rngFromSeed(seed ^ 0x5eed);
  const seats: Record<NationId, string> = {};
  for (const n of scenario.nations) {
    const pick = names[rng.int(names.length)]!;
    seats[n.id] = fixed[n.id] ?? fixed['*'] ?? pick;
  }
  return seats;
}

/**
 * Plays a whole game with the simple policies: each seat decides from its own view only, its
 * orders go through parseOrders like a human's, and the engine resolves every round.
 */
export function playGame(
  scenario: Scenario,
  seed: number,
  seats: Record<NationId, string>,
  rounds?: number,
): GameResult {
  let state = createGame(scenario, rounds ? { seed, rounds } : { seed });
  let events = 0;
  while (state.status === 'running') {
    const orders: Record<NationId, Orders> = {};
    for (const id of Object.keys(state.nations))
      orders[id] = decideOrders(state, id, seats[id] ?? 'balanced');
    const result = resolveRound(state, orders);
    state = result.state;
    events += result.events.length;
  }
  return { seed, seats, ranking: scoreboard(state), events, final: state };
}
