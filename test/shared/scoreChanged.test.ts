/**
 * ScoreChanged: every round, every nation gets exactly one, its parts add up to the change of its
 * score, `to` is the score its ranking shows after the round and `from` the one before (whole bot
 * games of both scenarios, a few seeds).
 */
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { scoreboard, viewFor } from '../../shared/engine/index.ts';
import { playRecorded } from '../report/botGames.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;
const PARTS = ['softPower', 'sovereignty', 'economy', 'objectives'] as const;

describe.each(['sovereign-ai-2026', 'three-powers'])('ScoreChanged in whole bot games of %s', (id) => {
  const scenario = readScenario(id);
  it.each([1, 2, 3])('seed %i: one per nation per round, parts summing to the change', (seed) => {
    const { start, rounds } = playRecorded(scenario, seed);
    expect(rounds.length).toBe(start.rounds);
    const startScores = new Map(scoreboard(start, { revealSecrets: false }).map((r) => [r.nation, r.score]));
    const previous = new Map(startScores);
    let nonZero = 0;
    for (const { round, events, after } of rounds) {
      const ranking = new Map(viewFor(after, { kind: 'spectator' }).ranking.map((r) => [r.nation, r.score]));
      for (const nation of Object.keys(after.nations)) {
        const mine = events.filter((e) => e.type === 'ScoreChanged' && e.params.nation === nation);
        expect(mine, `round ${round} ${nation}`).toHaveLength(1);
        const e = mine[0]!;
        expect(e.audience).toBe('all');
        expect(e.round).toBe(round);
        const p = e.params as unknown as Record<string, number>;
        const sum = PARTS.reduce((s, k) => s + p[k]!, 0);
        for (const k of PARTS) expect(round1(p[k]!), `${k} is rounded to 0.1`).toBeCloseTo(p[k]!, 12);
        expect(Math.abs(round1(sum) - round1(p.to! - p.from!)), `round ${round} ${nation}`).toBeLessThan(
          1e-9,
        );
        expect(p.to, `round ${round} ${nation}: to is the ranking's score`).toBe(ranking.get(nation));
        expect(p.from, `round ${round} ${nation}: from is the last round's to`).toBe(previous.get(nation));
        previous.set(nation, p.to!);
        if (p.to !== p.from) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThan(0);
    // The last round's ScoreChanged come before the end of the game.
    const last = rounds.at(-1)!.events.map((e) => e.type);
    expect(last.lastIndexOf('ScoreChanged')).toBeLessThan(last.indexOf('GameEnded'));
  });
});
