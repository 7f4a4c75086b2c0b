import { startResolution } from './context.ts';
import type { GameEvent } from './events.ts';
import { cloneState, endGame } from './resolveRound.ts';
import { rngFromState } from './rng.ts';
import type { GameState } from './types.ts';

/**
 * Ends a running game before its last round (a facilitator's decision): the ranking is taken on
 * the current state, objectives are judged and secrets revealed, as at a normal end. Pure.
 */
export function concludeGame(input: GameState): { state: GameState; events: GameEvent[] } {
  if (input.status !== 'running') throw new Error('the game has ended');
  const state = cloneState(input);
  const ctx = startResolution(state, rngFromState(input.rng));
  endGame(ctx);
  return { state, events: ctx.events };
}
