/**
 * The balance check on a smaller sample than docs/BALANCE.md's 2,000 games a scenario, with bounds
 * wide enough to be stable on a few hundred games: every nation wins sometimes and never most of the
 * time, no archetype wins most of its seats, and the lead changes hands.
 */
import { describe, expect, it } from 'vitest';
import { balanceOf } from '../scripts/balance.ts';
import { runGames } from '../scripts/sim/runGames.ts';
import { readScenario } from '../server/scenarioFiles.ts';
import { leadStats } from '../shared/sim/balanceStats.ts';
import { parseBots } from '../shared/sim/seats.ts';

describe('balance', () => {
  it('8 nations: every nation wins between 1% and 40%, no archetype more than 50% of its seats, the lead changes hands', async () => {
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
    // The leader at mid-game does not always win, and the lead changes hands.
    const lead = leadStats(
      played.map((p) => p.baseline),
      5,
    );
    expect(lead.leaderWins).toBeLessThan(0.65);
    expect(lead.changes).toBeGreaterThan(1.5);
  });

  it('Three Powers: every power wins between 10% and 60%, no archetype more than 60% of its seats', async () => {
    const scenario = readScenario('three-powers');
    const bots = parseBots('mix', scenario);
    if (!bots.ok) throw new Error(bots.error);
    const quiet = { tick: () => {}, end: () => {} };
    const played = await runGames(
      scenario,
      { scenarioId: scenario.id, seed: 12, rounds: undefined, bots: bots.value, whatif: null },
      150,
      2,
      quiet,
    );
    const report = balanceOf(
      played.map((p) => p.baseline),
      scenario.nations.map((n) => n.id),
      { min: 0.1, max: 0.6 },
      0.6,
    );
    expect(report.violations).toEqual([]);
  });
});
