import { describe, expect, it } from 'vitest';
import { leaderChanges, mapRows, marketSize } from '../../client/src/map/mapChanges.ts';
import type { Scenario } from '../../shared/engine/index.ts';

const market = (id: string, numeric: string, population: number, internetPct: number) => ({
  id,
  numeric,
  name: `Market ${id}`,
  population,
  internetPct,
});
const scenario = {
  nations: [
    { id: 'US', name: 'United States', members: ['US'] },
    { id: 'CN', name: 'China', members: ['CN'] },
  ],
  markets: [market('US', '840', 330, 90), market('IN', '356', 1400, 50), market('BR', '076', 210, 80)],
} as unknown as Scenario;

describe('what a round changed on the map', () => {
  it('people online: population times the internet share (1400 × 50% = 700)', () => {
    expect(marketSize({ population: 1400, internetPct: 50 })).toBe(700);
  });

  it('lists the markets whose leader changed, largest first (India 700 before Brazil 168)', () => {
    const before = { US: { US: 0.6, CN: 0.4 }, IN: { US: 0.5, CN: 0.3 }, BR: { US: 0.45, CN: 0.4 } };
    const after = { US: { US: 0.55, CN: 0.45 }, IN: { US: 0.4, CN: 0.45 }, BR: { US: 0.3, CN: 0.5 } };
    expect(leaderChanges(scenario, before, after).map((c) => [c.iso2, c.from, c.to])).toEqual([
      ['IN', 'US', 'CN'],
      ['BR', 'US', 'CN'],
    ]);
  });

  it('the table: leader, share and its change in points, sorted by a column', () => {
    const before = { US: { US: 0.6, CN: 0.4 }, IN: { US: 0.5, CN: 0.3 }, BR: { US: 0.45, CN: 0.4 } };
    const after = { US: { US: 0.55, CN: 0.45 }, IN: { US: 0.4, CN: 0.45 }, BR: { US: 0.3, CN: 0.5 } };
    const rows = mapRows(scenario, after, before, 'change', true);
    // BR: China 0.5 − 0.4 = +0.10; IN: China 0.45 − 0.3 = +0.15; US: US 0.55 − 0.6 = −0.05.
    expect(rows.map((r) => r.iso2)).toEqual(['IN', 'BR', 'US']);
    expect(rows[0]).toMatchObject({
      leader: 'CN',
      share: 0.45,
      runnerUp: 'US',
      runnerUpShare: 0.4,
      nation: null,
    });
    expect(rows[0]?.change).toBeCloseTo(0.15, 10);
    expect(rows[2]).toMatchObject({ nation: 'US', leader: 'US' });
    expect(mapRows(scenario, after, null, 'name', false).map((r) => [r.iso2, r.change])).toEqual([
      ['BR', null],
      ['IN', null],
      ['US', null],
    ]);
  });
});
