/**
 * The agent arena end to end: it starts a real server of its own, seats an MCP agent (through the
 * SDK's MCP client and scripts/mcp.ts) and a bot over the JSON API, plays whole games, and prints
 * per seat the win rate, the mean score with its confidence interval and the refused-order rate.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

interface Row {
  nation: string;
  seat: string;
  games: number;
  winRate: number;
  meanScore: number;
  ci95: [number, number];
  refusedRate: number;
}

describe('npm run arena', () => {
  it('plays an MCP agent and a bot against the server and reports each seat', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        join(root, 'scripts', 'arena.ts'),
        '--games',
        '2',
        '--rounds',
        '2',
        '--scenario',
        'three-powers',
        '--seat',
        'US=mcp:openChampion',
        '--seat',
        'CN=bot:hawk',
        '--json',
      ],
      { cwd: root, encoding: 'utf8', timeout: 240_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { games: number; seats: Row[] };
    expect(out.games).toBe(2);
    const bySeat = new Map(out.seats.map((s) => [s.nation, s]));
    for (const nation of ['US', 'CN']) {
      const row = bySeat.get(nation);
      expect(row, nation).toBeDefined();
      expect(row!.games).toBe(2);
      expect(row!.winRate).toBeGreaterThanOrEqual(0);
      expect(row!.winRate).toBeLessThanOrEqual(1);
      expect(row!.ci95[0]).toBeLessThanOrEqual(row!.meanScore);
      expect(row!.ci95[1]).toBeGreaterThanOrEqual(row!.meanScore);
      // Agents that read the schema and their view send orders the server accepts.
      expect(row!.refusedRate).toBe(0);
    }
    expect(bySeat.get('US')!.seat).toMatch(/mcp/);
    expect(bySeat.get('CN')!.seat).toMatch(/bot/);
  }, 300_000);
});
