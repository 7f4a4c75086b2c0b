import { createGame } from './createGame.ts';
import type { Scenario } from './scenarioSchema.ts';
import type { GameState } from './types.ts';

const cache = new WeakMap<Scenario, GameState>();

/**
 * The scenario's starting position: the nations' starting quantities and the markets' starting
 * adoption, which do not depend on the seed (objectives are graded from it). Memoised per scenario.
 */
export function startState(scenario: Scenario): GameState {
  let s = cache.get(scenario);
  if (!s) {
    s = createGame(scenario, { seed: 0 });
    cache.set(scenario, s);
  }
  return s;
}
