/**
 * What a round changed on the map, and the map as a table: Phaser-free and pure, so the scene's
 * animation and the table view read the same facts and both are tested in Node.
 */
import type { Scenario } from '../../../shared/engine/index.ts';
import { leadingProvider, memberNation } from './mapModes.ts';

/** Adoption shares per market id: provider → share. */
export type Adoption = Record<string, Record<string, number>>;

/** A market whose leading AI stack changed. */
export interface LeaderChange {
  iso2: string;
  numeric: string;
  name: string;
  from: string | null;
  to: string;
  /** People online: the order of the animation (largest first). */
  size: number;
}

/** People online in a market: its population times its internet share. */
export function marketSize(m: { population: number; internetPct: number }): number {
  return m.population * (m.internetPct / 100);
}

/** Markets whose leader changed between two adoption maps, largest first. */
export function leaderChanges(scenario: Scenario, before: Adoption, after: Adoption): LeaderChange[] {
  const out: LeaderChange[] = [];
  for (const m of scenario.markets) {
    const was = leadingProvider(before[m.id]);
    const now = leadingProvider(after[m.id]);
    if (!now || !was || was.id === now.id) continue;
    out.push({ iso2: m.id, numeric: m.numeric, name: m.name, from: was.id, to: now.id, size: marketSize(m) });
  }
  return out.sort((a, b) => b.size - a.size || a.iso2.localeCompare(b.iso2));
}

/** One row of the map's table view. */
export interface MapRow {
  iso2: string;
  name: string;
  /** The playable nation it belongs to, if any. */
  nation: string | null;
  leader: string | null;
  share: number;
  /** Change of the current leader's share since the last round (null when unknown). */
  change: number | null;
  /** The second stack and its share. */
  runnerUp: string | null;
  runnerUpShare: number;
  population: number;
}

export type MapSortKey = 'name' | 'leader' | 'share' | 'change' | 'population';

/** The map as rows, one per market, sorted by a column. */
export function mapRows(
  scenario: Scenario,
  adoption: Adoption,
  before: Adoption | null,
  sort: MapSortKey = 'population',
  descending = true,
): MapRow[] {
  const members = memberNation(scenario);
  const rows = scenario.markets.map((m): MapRow => {
    const shares = Object.entries(adoption[m.id] ?? {}).sort((a, b) => b[1] - a[1]);
    const lead = leadingProvider(adoption[m.id]);
    const second = shares.find(([id]) => id !== lead?.id);
    const prev = before?.[m.id];
    return {
      iso2: m.id,
      name: m.name,
      nation: members.get(m.id) ?? null,
      leader: lead?.id ?? null,
      share: lead?.share ?? 0,
      change: lead && prev ? lead.share - (prev[lead.id] ?? 0) : null,
      runnerUp: second?.[0] ?? null,
      runnerUpShare: second?.[1] ?? 0,
      population: m.population,
    };
  });
  const value = (r: MapRow): number | string =>
    sort === 'name'
      ? r.name
      : sort === 'leader'
        ? (r.leader ?? '')
        : sort === 'share'
          ? r.share
          : sort === 'change'
            ? (r.change ?? Number.NEGATIVE_INFINITY)
            : r.population;
  const sign = descending ? -1 : 1;
  return rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
    return sign * c || a.name.localeCompare(b.name);
  });
}

/** Capitals of the playing nations' home countries, as [longitude, latitude]. */
export const CAPITALS: Record<string, [number, number]> = {
  US: [-77.04, 38.9],
  CN: [116.4, 39.9],
  EU: [4.35, 50.85],
  JP: [139.69, 35.69],
  IN: [77.21, 28.61],
  AE: [54.37, 24.45],
  TW: [121.56, 25.04],
  KR: [126.98, 37.57],
  GB: [-0.13, 51.51],
  RU: [37.62, 55.76],
  BR: [-47.88, -15.79],
  SA: [46.72, 24.71],
  CA: [-75.7, 45.42],
  FR: [2.35, 48.86],
  IL: [35.21, 31.77],
  SG: [103.82, 1.35],
};
