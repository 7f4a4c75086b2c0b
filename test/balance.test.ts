/**
 * The balance check on a smaller sample than docs/BALANCE.md's 1,000 games, with bounds wide
 * enough to be stable on 240 games: every nation wins sometimes and never most of the time, and no
 * archetype dominates the games it plays.
 */
import { describe, expect, it } from 'vitest';
import { balanceOf } from '../scripts/balance.ts';
import { runGames } from '../scripts/sim/runGames.ts';
import { readScenario } from '../server/scenarioFiles.ts';
import { parseBots } from '../shared/sim/seats.ts';

describe('balance', () => {
  it('keeps every nation between 1% and 40% of wins and every archetype at most 50% of the games it plays', async () => {
    const scenario = readScenario('sovereign-ai-2026');
    const bots = parseBots('mix', scenario);
    if (!bots.ok) throw new Error(bots.error);
    const quiet = { tick: () => {}, end: () => {} };
    const played = await runGames(
      scenario,
      { scenarioId: scenario.id, seed: 11, rounds: undefined, bots: bots.value, whatif: null },
      240,
      2,
      quiet,
    );
    const report = balanceOf(
      played.map((p) => p.baseline),
      scenario.nations.map((n) => n.id),
      { min: 0.01, max: 0.4 },
      0.5,
    );
    expect(report.games).toBe(240);
    expect(report.violations).toEqual([]);
    // Every archetype held seats, and every one of them won at least once.
    for (const s of Object.values(report.archetypes)) {
      expect(s.games).toBeGreaterThan(100);
      expect(s.wins).toBeGreaterThan(0);
    }
  });
});
