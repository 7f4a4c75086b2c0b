/**
 * The hard bots play the rules of issue 14 better than the normal ones: on Three Powers, at every
 * nation, a hard bot outscores a normal bot of the same archetype on the same games, averaged over
 * the five archetypes (the full check on both scenarios is in `npm run balance`).
 */
import { describe, expect, it } from 'vitest';
import { hardOverNormal } from '../../scripts/balance.ts';
import { readScenario } from '../../server/scenarioFiles.ts';

describe('difficulty: hard over normal', () => {
  it('a hard bot outscores a normal one at every nation of Three Powers', () => {
    const gains = hardOverNormal(readScenario('three-powers'), 6, 3);
    for (const [nation, gain] of Object.entries(gains)) expect(gain, nation).toBeGreaterThan(0);
  });
});
