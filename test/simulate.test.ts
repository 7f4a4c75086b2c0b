import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIMPLE_POLICY_NAMES } from '../shared/bots/simplePolicies.ts';
import { assignPolicies, playGame } from '../shared/sim/playGame.ts';
import { readScenario } from '../server/scenarioFiles.ts';

const root = join(import.meta.dirname, '..');
const simulate = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/simulate.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('simulator', () => {
  it('plays every simple policy to the end of a game without an invalid order', () => {
    const scenario = readScenario('sovereign-ai-2026');
    for (const policy of SIMPLE_POLICY_NAMES) {
      const result = playGame(scenario, 11, assignPolicies(scenario, 11, { '*': policy }), 3);
      expect(result.final.status).toBe('ended');
      expect(result.ranking).toHaveLength(8);
      expect(result.ranking.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('prints the same JSON for the same seed, and a different result for another seed', () => {
    const a = simulate('--scenario', 'three-powers', '--games', '3', '--seed', '5', '--json');
    const b = simulate('--scenario', 'three-powers', '--games', '3', '--seed', '5', '--json');
    const c = simulate('--scenario', 'three-powers', '--games', '3', '--seed', '6', '--json');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const parsed = JSON.parse(a.stdout);
    expect(parsed.games).toHaveLength(3);
    expect(parsed.summary.games).toBe(3);
    expect(Object.keys(parsed.summary.nations).sort()).toEqual(['CN', 'EU', 'US']);
    expect(JSON.parse(c.stdout).games.map((g: { seed: number }) => g.seed)).not.toEqual(
      parsed.games.map((g: { seed: number }) => g.seed),
    );
  });

  it('prints a ranking per game and a summary table in text mode', () => {
    const out = simulate('--scenario', 'three-powers', '--games', '2', '--seed', '1', '--policy', 'balanced');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/game seed \d+: 1\. (US|CN|EU)/);
    expect(out.stdout).toMatch(/2 games of Three Powers/);
    expect(out.stdout).toMatch(/balanced\s+\d+\s+6/);
  });

  it('refuses bad arguments with a clear message and exit code 2', () => {
    const missing = simulate('--games', '2', '--seed', '1');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--scenario is required/);
    const bad = simulate('--scenario', 'three-powers', '--games', 'many', '--seed', '1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--games must be an integer/);
    const unknown = simulate('--scenario', 'atlantis', '--games', '1', '--seed', '1');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown scenario 'atlantis'/);
  });
});
