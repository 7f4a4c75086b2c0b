import type { ResolveContext } from './context.ts';
import type { GameEvent } from './events.ts';
import { rngFromState } from './rng.ts';
import { cloneState, endGame } from './resolveRound.ts';
import type { GameState } from './types.ts';

/**
 * Ends a running game before its last round (a facilitator's decision): the ranking is taken on
 * the current state, objectives are judged and secrets revealed, as at a normal end. Pure.
 */
export function concludeGame(input: GameState): { state: GameState; events: GameEvent[] } {
  if (input.status !== 'running') throw new Error('the game has ended');
  const state = cloneState(input);
  const ctx: ResolveContext = {
    state,
    orders: {},
    rng: rngFromState(input.rng),
    rules: state.scenario.rules,
    round: state.round,
    events: [],
    layerAccess: {},
    chipRevenue: {},
  };
  endGame(ctx);
  return { state, events: ctx.events };
}
