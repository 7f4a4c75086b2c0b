import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readScenario } from '../server/scenarioFiles.ts';

const root = join(import.meta.dirname, '..');
const simulate = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/simulate.ts', ...args], { cwd: root, encoding: 'utf8' });
const quick = ['--scenario', 'three-powers', '--rounds', '3'];
const dir = mkdtempSync(join(tmpdir(), 'sovereign-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulator', () => {
  it('prints the same JSON for the same seed on one thread and on two, and other games for another seed', () => {
    const one = simulate(...quick, '--games', '4', '--seed', '5', '--json', '--threads', '1');
    const two = simulate(...quick, '--games', '4', '--seed', '5', '--json', '--threads', '2');
    const other = simulate(...quick, '--games', '4', '--seed', '6', '--json', '--threads', '1');
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const parsed = JSON.parse(one.stdout);
    expect(parsed.games).toHaveLength(4);
    expect(parsed.games.map((g: { game: number }) => g.game)).toEqual([0, 1, 2, 3]);
    expect(parsed.games[0].history).toHaveLength(4);
    expect(parsed.games[0].ranking.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
    expect(parsed.summary.games).toBe(4);
    expect(Object.keys(parsed.summary.nations)).toEqual(['US', 'CN', 'EU']);
    expect(parsed.summary.trajectory.US).toHaveLength(4);
    const seeds = (out: string) => JSON.parse(out).games.map((g: { seed: number }) => g.seed);
    expect(seeds(other.stdout)).not.toEqual(seeds(one.stdout));
    expect(other.stdout).not.toBe(one.stdout);
  });

  it('prints summary tables in text mode', () => {
    const out = simulate(...quick, '--games', '2', '--seed', '1', '--bots', 'hawk', '--threads', '1');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/2 games of Three Powers/);
    expect(out.stdout).toMatch(/^hawk\s+6\s+2\s+33\.3%/m);
    expect(out.stdout).toMatch(/Average trajectory/);
    expect(out.stdout).toMatch(/Policies most associated with winning/);
  });

  it('writes one CSV row per game, round and nation', () => {
    const file = join(dir, 'games.csv');
    const out = simulate(...quick, '--games', '3', '--seed', '2', '--threads', '1', '--out', file);
    expect(out.status).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'seed,game,run,round,nation,archetype,difficulty,softPower,compute,capability,trust,sovereignty,economy,budget,roundScore,finalRank,finalScore',
    );
    expect(lines).toHaveLength(1 + 3 * (3 + 1) * 3);
    expect(lines[1]).toMatch(/^-?\d+,0,baseline,0,US,\w+,normal,/);
  });

  it('writes every game to a JSON file', () => {
    const file = join(dir, 'games.json');
    const out = simulate(...quick, '--games', '2', '--seed', '2', '--threads', '1', '--out', file);
    expect(out.status).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.games).toHaveLength(2);
    expect(Object.keys(doc.games[1].seats)).toEqual(['US', 'CN', 'EU']);
  });

  it('compares a what-if seat with the baseline and prints a confidence interval', () => {
    const args = [...quick, '--games', '3', '--seed', '3', '--threads', '1', '--whatif', 'US=hawk:hard'];
    const text = simulate(...args);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/What if US were played by hawk:hard: 3 paired games/);
    expect(text.stdout).toMatch(
      /difference in win rate: [+-]\d+\.\d pts, 95% CI \[[+-]\d+\.\d, [+-]\d+\.\d\] pts/,
    );
    expect(text.stdout).toMatch(/difference in score: +-?\d+\.\d, 95% CI \[-?\d+\.\d, -?\d+\.\d\]/);
    const json = JSON.parse(simulate(...args, '--json').stdout);
    expect(json.whatif.nation).toBe('US');
    expect(json.whatif.seat).toBe('hawk:hard');
    expect(json.whatif.difference.score.ci95).toHaveLength(2);
    expect(json.games[0].whatif.seats.US).toEqual({ archetype: 'hawk', difficulty: 'hard' });
    expect(json.games[0].whatif.seats.CN).toEqual(json.games[0].seats.CN);
  });

  it('refuses bad arguments with a clear message and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--games', '2', '--seed', '1'], /--scenario is required/],
      [['--scenario', 'three-powers', '--games', 'many', '--seed', '1'], /--games must be an integer/],
      [['--scenario', 'atlantis', '--games', '1', '--seed', '1'], /unknown scenario 'atlantis'/],
      [[...quick, '--games', '1', '--seed', '1', '--bots', 'dove'], /unknown archetype 'dove'/],
      [[...quick, '--games', '1', '--seed', '1', '--bots', 'US=hawk:brutal'], /unknown difficulty 'brutal'/],
      [[...quick, '--games', '1', '--seed', '1', '--bots', 'XX=hawk'], /unknown nation 'XX' in --bots/],
      [[...quick, '--games', '1', '--seed', '1', '--whatif', 'US'], /bad --whatif 'US'/],
      [[...quick, '--games', '1', '--seed', '1', '--whatif', 'FR=hawk'], /unknown nation 'FR' in --whatif/],
      [[...quick, '--games', '1', '--seed', '1', '--out', 'x.txt'], /--out must name a \.csv or \.json file/],
      [[...quick, '--games', '1', '--seed', '1', '--threads', '0'], /--threads must be an integer/],
      [[...quick, '--games', '1', '--seed', '1', '--policy', 'balanced'], /Unknown option '--policy'/],
    ];
    for (const [args, message] of cases) {
      const out = simulate(...args);
      expect(out.status, args.join(' ')).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stderr).toMatch(/usage: npm run simulate/);
    }
  });

  it('has the scenario the tests rely on', () => {
    expect(readScenario('three-powers').nations.map((n) => n.id)).toEqual(['US', 'CN', 'EU']);
  });
});
