/**
 * Difficulty matters: on three-powers, a nation played by a 'hard' bot scores more, on average over
 * twenty seeded games, than the same nation played by an 'easy' bot of the same archetype against
 * the same easy opponents. Each seed takes the next archetype, so all five are covered.
 */
import { describe, expect, it } from 'vitest';
import { ARCHETYPES, type BotSeat } from '../../shared/bots/index.ts';
import { everyone, playGame, scenario } from './helpers.ts';

describe('difficulty', () => {
  it('a hard bot outscores an easy one of the same archetype (mean over 20 seeded games)', () => {
    const sc = scenario('three-powers');
    const nations = sc.nations.map((n) => n.id);
    const gain: Record<string, number[]> = Object.fromEntries(nations.map((id) => [id, []]));
    for (let seed = 1; seed <= 20; seed++) {
      const archetype = ARCHETYPES[seed % ARCHETYPES.length]!;
      const easy: BotSeat = { archetype, difficulty: 'easy' };
      const baseline = playGame(sc, seed, everyone(sc, easy)).scores;
      for (const me of nations) {
        const hard = playGame(sc, seed, {
          ...everyone(sc, easy),
          [me]: { archetype, difficulty: 'hard' },
        }).scores;
        gain[me]!.push(hard[me]! - baseline[me]!);
      }
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    for (const me of nations) expect(mean(gain[me]!), `${me}: ${gain[me]!.join(', ')}`).toBeGreaterThan(0);
    expect(mean(nations.flatMap((id) => gain[id]!))).toBeGreaterThan(0);
  });
});
