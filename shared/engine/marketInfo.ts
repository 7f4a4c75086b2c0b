import type { MarketSpec, Scenario } from './scenarioSchema.ts';
import type { NationId } from './types.ts';

/** Facts about a market that follow from the scenario alone (computed once per scenario). */
export interface MarketInfo {
  spec: MarketSpec;
  /** The nation whose home country this is, or null for a foreign market. */
  owner: NationId | null;
  /** 0.5..1.5: how much a cheap (open) model counts here; poorer markets care more. */
  priceSensitivity: number;
  /** Soft-power weight: half its share of world population, half its share of world GDP. */
  weight: number;
  /** Per nation, the share of the market's languages the nation's sovereign model speaks (0..1). */
  languageFit: Record<NationId, number>;
}

const cache = new WeakMap<Scenario, MarketInfo[]>();

/** Static market facts for a scenario, memoised (the scenario is immutable). */
export function marketInfo(scenario: Scenario): MarketInfo[] {
  const hit = cache.get(scenario);
  if (hit) return hit;
  const owners = new Map<string, NationId>();
  for (const n of scenario.nations) for (const m of n.members) owners.set(m, n.id);
  const totalPop = scenario.markets.reduce((s, m) => s + m.population, 0);
  const totalGdp = scenario.markets.reduce((s, m) => s + m.gdpUsdBn, 0);
  const infos = scenario.markets.map((spec): MarketInfo => {
    const perCapitaK = (spec.gdpUsdBn / spec.population) * 1; // US$ thousands per person
    const languageFit: Record<NationId, number> = {};
    for (const n of scenario.nations) {
      const spoken = spec.languages.filter((l) => n.languages.includes(l)).length;
      languageFit[n.id] = spec.languages.length > 0 ? spoken / spec.languages.length : 0;
    }
    return {
      spec,
      owner: owners.get(spec.id) ?? null,
      priceSensitivity: Math.min(1.5, Math.max(0.5, 1.5 - 0.25 * Math.log(Math.max(perCapitaK, 0.1)))),
      weight: 0.5 * (spec.population / totalPop) + 0.5 * (spec.gdpUsdBn / totalGdp),
      languageFit,
    };
  });
  cache.set(scenario, infos);
  return infos;
}
