/**
 * What a bot reads off its view: rivals, leaders, its reach per region, who controls it. Pure
 * functions of the view and the public scenario.
 */
import type { Scenario } from '../engine/scenarioSchema.ts';
import { BUDGET_LINES, type BudgetLine, type NationId } from '../engine/types.ts';
import type { GameView } from '../engine/viewFor.ts';

/** Regions where aid and open weights win the most new users (developing markets). */
export const AID_REGIONS = [
  'Sub-Saharan Africa',
  'South Asia',
  'Latin America & Caribbean',
  'Middle East & North Africa',
  'East Asia & Pacific',
] as const;

export const others = (view: GameView, me: NationId): NationId[] =>
  Object.keys(view.nations)
    .filter((id) => id !== me)
    .sort();

/** Rivals by capability, strongest first (ties by id, so the order is stable). */
export function byCapability(view: GameView, ids: NationId[]): NationId[] {
  return [...ids].sort(
    (a, b) => (view.nations[b]?.capability ?? 0) - (view.nations[a]?.capability ?? 0) || a.localeCompare(b),
  );
}

export function byTrust(view: GameView, ids: NationId[]): NationId[] {
  return [...ids].sort(
    (a, b) => (view.nations[b]?.trust ?? 0) - (view.nations[a]?.trust ?? 0) || a.localeCompare(b),
  );
}

/** Per scenario and region, the foreign markets (scenario order) and their total population. */
const foreignMarkets = new WeakMap<Scenario, Map<string, { ids: string[]; populations: number[] }>>();

function regionMarkets(scenario: Scenario, region: string): { ids: string[]; populations: number[] } {
  let byRegion = foreignMarkets.get(scenario);
  if (!byRegion) {
    byRegion = new Map();
    foreignMarkets.set(scenario, byRegion);
  }
  let hit = byRegion.get(region);
  if (!hit) {
    const home = new Set(scenario.nations.flatMap((n) => n.members));
    const markets = scenario.markets.filter((m) => m.region === region && !home.has(m.id));
    hit = { ids: markets.map((m) => m.id), populations: markets.map((m) => m.population) };
    byRegion.set(region, hit);
  }
  return hit;
}

/** Population-weighted share of a region's AI use that runs on `nation`'s models (foreign markets only). */
export function regionShare(view: GameView, scenario: Scenario, nation: NationId, region: string): number {
  const { ids, populations } = regionMarkets(scenario, region);
  let share = 0;
  let weight = 0;
  for (let i = 0; i < ids.length; i++) {
    const population = populations[i]!;
    share += (view.adoption[ids[i]!]?.[nation] ?? 0) * population;
    weight += population;
  }
  return weight > 0 ? share / weight : 0;
}

/** Nations that embargo or sanction `me`. */
export function hostileTo(view: GameView, me: NationId): NationId[] {
  return others(view, me).filter((id) => {
    const p = view.nations[id]!.policies;
    const c = p.exportControls[me];
    return p.sanctions.includes(me) || c?.chips === 'embargo' || c?.models === 'embargo';
  });
}

/** Nations whose models are open, best first. */
export function openModels(view: GameView): NationId[] {
  return byCapability(
    view,
    Object.keys(view.nations).filter((id) => view.nations[id]!.policies.release === 'open'),
  );
}

/** Splits a budget by shares, rounded down to cents so the total never exceeds the budget. */
export function split(
  budget: number,
  shares: Partial<Record<BudgetLine, number>>,
): Record<BudgetLine, number> {
  const total = BUDGET_LINES.reduce((s, l) => s + Math.max(0, shares[l] ?? 0), 0) || 1;
  return Object.fromEntries(
    BUDGET_LINES.map((l) => [l, Math.floor(((budget * Math.max(0, shares[l] ?? 0)) / total) * 100) / 100]),
  ) as Record<BudgetLine, number>;
}

/** A small deterministic hash (FNV-1a) for seeded choices without a PRNG state. */
export function hash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A seeded number in [0, 1). */
export const unit = (...parts: (string | number)[]) => hash(...parts) / 2 ** 32;

export const nameOf = (scenario: Scenario, id: NationId) =>
  scenario.nations.find((n) => n.id === id)?.name ?? id;
