/**
 * Whole bot games with every round's events and states kept, for tests that read the events of
 * real games (the score explanation, the round digest).
 */
import { botOrders } from '../../shared/bots/index.ts';
import {
  createGame,
  type GameEvent,
  type GameState,
  type NationId,
  type Orders,
  resolveRound,
  type Scenario,
} from '../../shared/engine/index.ts';
import { nationViews } from '../../shared/engine/viewFor.ts';
import { assignSeats } from '../../shared/sim/seats.ts';

/** One resolved round: the state before, the events of its resolution and the state after. */
export interface PlayedRound {
  round: number;
  before: GameState;
  events: GameEvent[];
  after: GameState;
}

/**
 * Plays a whole game with a mix of bots drawn from the seed. `between(state, round)` may change
 * the state before a round is resolved (a facilitator injecting a card) and return the events
 * that change made, which are counted with that round's events.
 */
export function playRecorded(
  scenario: Scenario,
  seed: number,
  between?: (state: GameState, round: number) => { state: GameState; events: GameEvent[] } | null,
): { start: GameState; rounds: PlayedRound[] } {
  const seats = assignSeats(scenario, seed);
  const start = createGame(scenario, { seed });
  let state = start;
  const rounds: PlayedRound[] = [];
  while (state.status === 'running') {
    const extra = between?.(state, state.round) ?? null;
    if (extra) state = extra.state;
    const views = nationViews(state);
    const orders: Record<NationId, Orders> = {};
    for (const id of Object.keys(state.nations))
      orders[id] = botOrders(state, id, seats[id]!, seed, views[id]).orders;
    const r = resolveRound(state, orders);
    rounds.push({
      round: state.round,
      before: state,
      events: [...(extra?.events ?? []), ...r.events],
      after: r.state,
    });
    state = r.state;
  }
  return { start, rounds };
}
