import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Topology } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildGeometry,
  clickPoint,
  groupAnchor,
  hitTest,
  type MapGeometry,
} from '../../client/src/map/geometry.ts';
import {
  adoptionFill,
  countryStyles,
  leadingProvider,
  legend,
  links,
  MAP_MODES,
  memberNation,
} from '../../client/src/map/mapModes.ts';
import { mix, OTHER_COLOR, providerColors, ramp, toCss, VIRIDIS } from '../../client/src/map/palette.ts';
import { readScenario } from '../../server/scenarioFiles.ts';
import { createGame, parseOrders, resolveRound, type Scenario, viewFor } from '../../shared/engine/index.ts';

const require = createRequire(import.meta.url);
const topology = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
) as Topology;

describe('map geometry', () => {
  let g: MapGeometry;
  beforeAll(() => {
    g = buildGeometry(topology, 2000, 1000);
  });

  it('projects more than 230 countries with finite coordinates inside the box', () => {
    expect(g.countries.length).toBeGreaterThan(230);
    for (const c of g.countries) {
      expect(c.numeric).toMatch(/^\d{3}$/);
      expect(c.polygons.length).toBeGreaterThan(0);
      for (const ring of c.polygons) {
        expect(ring.length % 2).toBe(0);
        for (const v of ring) expect(Number.isFinite(v)).toBe(true);
      }
      expect(c.bbox.minX).toBeGreaterThanOrEqual(-1);
      expect(c.bbox.maxX).toBeLessThanOrEqual(2001);
      expect(c.bbox.maxY).toBeLessThanOrEqual(1001);
      expect(c.centroid.every(Number.isFinite)).toBe(true);
    }
  });

  it('draws tiny states as markers, large ones as shapes', () => {
    expect(g.byNumeric.get('702')?.marker).toBe(true); // Singapore
    expect(g.byNumeric.get('048')?.marker).toBe(true); // Bahrain
    expect(g.byNumeric.get('470')?.marker).toBe(true); // Malta
    expect(g.byNumeric.get('250')?.marker).toBe(false); // France
    expect(g.byNumeric.get('643')?.marker).toBe(false); // Russia
  });

  it('does not smear Russia or Fiji across the antimeridian', () => {
    for (const id of ['643', '242']) {
      const c = g.byNumeric.get(id);
      expect(c).toBeDefined();
      for (const ring of c?.polygons ?? []) {
        let minX = Infinity;
        let maxX = -Infinity;
        for (let i = 0; i < ring.length; i += 2) {
          minX = Math.min(minX, ring[i] as number);
          maxX = Math.max(maxX, ring[i] as number);
        }
        expect(maxX - minX).toBeLessThan(1000);
      }
    }
  });

  it('hit-tests countries, enclaves, markers and the sea', () => {
    const fr = g.byNumeric.get('250');
    expect(fr).toBeDefined();
    const [x, y] = fr?.centroid ?? [0, 0];
    expect(hitTest(g, x, y)).toBe('250');
    expect(hitTest(g, x + 3, y - 3)).toBe('250');
    const ls = g.byNumeric.get('426'); // Lesotho, inside South Africa
    expect(hitTest(g, ls?.centroid[0] ?? 0, ls?.centroid[1] ?? 0)).toBe('426');
    const sg = g.byNumeric.get('702');
    expect(hitTest(g, (sg?.centroid[0] ?? 0) + 2, sg?.centroid[1] ?? 0)).toBe('702');
    // Mid-Atlantic, between Brazil and West Africa.
    const br = g.byNumeric.get('076')?.centroid ?? [0, 0];
    const sn = g.byNumeric.get('686')?.centroid ?? [0, 0];
    expect(hitTest(g, (br[0] + sn[0]) / 2, (br[1] + sn[1]) / 2)).toBeNull();
    expect(hitTest(g, -50, -50)).toBeNull();
  });

  it('finds a click point for every country, even under a neighbouring marker', () => {
    for (const c of g.countries) {
      const p = clickPoint(g, c.numeric, 10);
      expect(p, c.name).not.toBeNull();
      expect(hitTest(g, p?.[0] ?? 0, p?.[1] ?? 0, 10), c.name).toBe(c.numeric);
    }
    expect(clickPoint(g, '999')).toBeNull();
  });

  it('anchors a group of members', () => {
    const a = groupAnchor(g, ['250', '276']);
    expect(a).not.toBeNull();
    expect(groupAnchor(g, ['999'])).toBeNull();
  });
});

describe('palette', () => {
  it('mixes and ramps colours', () => {
    expect(mix(0x000000, 0xffffff, 0.5)).toBe(0x808080);
    expect(mix(0x102030, 0x405060, 0)).toBe(0x102030);
    expect(mix(0x102030, 0x405060, 1)).toBe(0x405060);
    expect(ramp(0, VIRIDIS)).toBe(VIRIDIS[0]);
    expect(ramp(1, VIRIDIS)).toBe(VIRIDIS[VIRIDIS.length - 1]);
    expect(toCss(0x0072b2)).toBe('#0072b2');
  });

  it('gives 9 distinct provider colours for 8 nations', () => {
    const nations = ['US', 'CN', 'EU', 'JP', 'IN', 'AE', 'TW', 'KR'].map((id) => ({ id }));
    const colors = providerColors(nations);
    expect(colors.size).toBe(9);
    expect(new Set(colors.values()).size).toBe(9);
    expect(colors.get('OTHER')).toBe(OTHER_COLOR);
  });
});

describe('map modes', () => {
  let scenario: Scenario;
  beforeAll(() => {
    scenario = readScenario('sovereign-ai-2026');
  });
  const start = () => createGame(scenario, { seed: 7 });

  it('styles every market of the scenario in every mode', () => {
    const view = viewFor(start(), { kind: 'spectator' });
    for (const mode of MAP_MODES) {
      const styles = countryStyles(mode, scenario, view);
      for (const m of scenario.markets) {
        const s = styles.get(m.numeric);
        expect(s, `${mode} ${m.id}`).toBeDefined();
        expect(Number.isInteger(s?.fill)).toBe(true);
        expect(s?.alpha).toBeGreaterThan(0);
      }
      expect(legend(mode, scenario, view).length).toBeGreaterThan(0);
    }
  });

  it('outlines playable nations and colours adoption by the leading provider', () => {
    const view = viewFor(start(), { kind: 'spectator' });
    const styles = countryStyles('adoption', scenario, view);
    const colors = providerColors(scenario.nations);
    const members = memberNation(scenario);
    for (const m of scenario.markets) {
      const s = styles.get(m.numeric);
      if (members.has(m.id)) expect(s?.outline).toBe(colors.get(members.get(m.id) as string));
      const lead = leadingProvider(view.adoption[m.id]);
      if (!lead || !s) continue;
      // A full-share market has exactly the provider colour; otherwise a mix toward it.
      const full = structuredClone(view);
      full.adoption[m.id] = { [lead.id]: 1 };
      expect(countryStyles('adoption', scenario, full).get(m.numeric)?.fill).toBe(colors.get(lead.id));
    }
    // Move France to CN entirely: it turns CN's colour.
    const fr = scenario.markets.find((m) => m.id === 'FR');
    expect(fr).toBeDefined();
    const moved = structuredClone(view);
    moved.adoption.FR = { CN: 0.9, US: 0.1 };
    const fill = countryStyles('adoption', scenario, moved).get(fr?.numeric ?? '')?.fill;
    const us = structuredClone(view);
    us.adoption.FR = { CN: 0.1, US: 0.9 };
    expect(fill).not.toBe(countryStyles('adoption', scenario, us).get(fr?.numeric ?? '')?.fill);
    expect(fill).toBe(adoptionFill(colors.get('CN') as number, 0.9));
  });

  it('ramps numeric modes over nation members and keeps other markets neutral', () => {
    const view = viewFor(start(), { kind: 'spectator' });
    const styles = countryStyles('trust', scenario, view);
    const members = memberNation(scenario);
    const outsider = scenario.markets.find((m) => !members.has(m.id));
    const insider = scenario.markets.find((m) => members.has(m.id));
    expect(styles.get(outsider?.numeric ?? '')?.fill).not.toBe(styles.get(insider?.numeric ?? '')?.fill);
    const rows = legend('compute', scenario, view);
    expect(rows.filter((r) => r.value !== undefined).length).toBe(scenario.nations.length);
  });

  it('shows export-control links after an embargo', () => {
    const state = start();
    const view0 = viewFor(state, { kind: 'spectator' });
    const before = links('exportControls', scenario, view0).find((l) => l.from === 'US' && l.to === 'CN');
    expect(before?.style).not.toBe('embargo');
    const parsed = parseOrders(state, 'US', { exportControls: [{ target: 'CN', chips: 'embargo' }] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const next = resolveRound(state, { US: parsed.value }).state;
    const view = viewFor(next, { kind: 'spectator' });
    const after = links('exportControls', scenario, view);
    const usCn = after.find((l) => l.from === 'US' && l.to === 'CN');
    expect(usCn?.style).toBe('embargo');
    expect(usCn?.chips).toBe('embargo');
    expect(links('adoption', scenario, view)).toEqual([]);
  });

  it('draws treaty links and tints bloc members', () => {
    const view = structuredClone(viewFor(start(), { kind: 'spectator' }));
    view.treaties = [{ id: 'T1', type: 'SafetyPact', parties: ['EU', 'JP'], since: 1 }];
    const ls = links('treaties', scenario, view);
    expect(ls).toHaveLength(1);
    expect(ls[0]?.style).toBe('SafetyPact');
    const styles = countryStyles('treaties', scenario, view);
    const plain = countryStyles('treaties', scenario, { ...view, treaties: [] });
    const jp = scenario.markets.find((m) => m.id === 'JP');
    expect(styles.get(jp?.numeric ?? '')?.fill).not.toBe(plain.get(jp?.numeric ?? '')?.fill);
    expect(legend('treaties', scenario, view).some((r) => r.id === 'SafetyPact')).toBe(true);
  });

  it('shows sanctions as barriers beside export controls, and aid as arrows to its region', () => {
    const view = structuredClone(viewFor(start(), { kind: 'spectator' }));
    view.nations.US!.policies.sanctions = ['CN'];
    view.nations.CN!.policies.aidRegion = 'Sub-Saharan Africa';
    const sanction = links('exportControls', scenario, view).filter((l) => l.style === 'sanction');
    expect(sanction).toEqual([expect.objectContaining({ from: 'US', to: 'CN' })]);
    expect(legend('exportControls', scenario, view).some((r) => r.id === 'sanction')).toBe(true);
    const aid = links('softPower', scenario, view).filter((l) => l.style === 'aid');
    expect(aid.map((l) => [l.from, l.to])).toContainEqual(['CN', 'region:Sub-Saharan Africa']);
    expect(legend('softPower', scenario, view).some((r) => r.id === 'aid')).toBe(true);
    // No aid region, no arrow.
    view.nations.CN!.policies.aidRegion = null;
    expect(links('softPower', scenario, view).some((l) => l.from === 'CN')).toBe(false);
  });

  it("draws chip supply from the stack's large holders in the compute mode, and the flows a control cuts", () => {
    const view = structuredClone(viewFor(start(), { kind: 'spectator' }));
    const open = links('compute', scenario, view);
    const supply = open.filter((l) => l.style === 'chips');
    expect(supply.length).toBeGreaterThan(0);
    const holder = supply[0]!.from;
    const target = supply[0]!.to;
    expect(open.some((l) => l.style === 'chipCut')).toBe(false);
    view.nations[holder]!.policies.exportControls[target] = { chips: 'embargo', models: 'open' };
    const cut = links('compute', scenario, view).find((l) => l.from === holder && l.to === target);
    expect(cut?.style).toBe('chipCut');
    expect(legend('compute', scenario, view).map((r) => r.id)).toEqual(
      expect.arrayContaining(['chips', 'chipCut']),
    );
  });
});
