import { emit, nationList, type ResolveContext } from './context.ts';
import { marketInfo } from './marketInfo.ts';
import type { Scenario } from './scenarioSchema.ts';
import type { GameState, NationId } from './types.ts';
import { OTHER_PROVIDER } from './types.ts';

/** Capability of the models the nation's own economy runs (home adoption-weighted; OTHER counts 50). */
export function homeCapability(state: GameState, nation: NationId): number {
  let cap = 0;
  let weight = 0;
  for (const info of marketInfo(state.scenario)) {
    if (info.owner !== nation) continue;
    const ad = state.adoption[info.spec.id] ?? {};
    for (const [p, share] of Object.entries(ad)) {
      cap += share * info.spec.gdpUsdBn * (p === OTHER_PROVIDER ? 50 : (state.nations[p]?.capability ?? 0));
    }
    weight += info.spec.gdpUsdBn;
  }
  return weight > 0 ? cap / weight : 0;
}

/** Share of model revenue a provider earns under its release policy. */
function revenueRate(release: string, rules: ResolveContext['rules']): number {
  return release === 'closed' ? 1 : release === 'open' ? rules.openRevenueShare : 0;
}

/** What a nation's home markets pay foreign providers for their models this round (US$ bn). */
export function digitalImports(state: GameState, rules: ResolveContext['rules'], nation: NationId): number {
  let paid = 0;
  for (const info of marketInfo(state.scenario)) {
    if (info.owner !== nation) continue;
    for (const [p, share] of Object.entries(state.adoption[info.spec.id] ?? {})) {
      const provider = state.nations[p];
      if (!provider || p === nation) continue;
      paid +=
        share * info.spec.gdpUsdBn * rules.revenuePerGdp * revenueRate(provider.policies.release, rules);
    }
  }
  return paid;
}

const homeGdpCache = new WeakMap<Scenario, Map<NationId, number>>();

/** Home GDP of a nation, US$ billions (memoised per scenario, which is immutable). */
export function homeGdp(state: GameState, nation: NationId): number {
  let byNation = homeGdpCache.get(state.scenario);
  if (!byNation) {
    byNation = new Map();
    homeGdpCache.set(state.scenario, byNation);
  }
  let gdp = byNation.get(nation);
  if (gdp === undefined) {
    gdp = marketInfo(state.scenario).reduce((s, i) => s + (i.owner === nation ? i.spec.gdpUsdBn : 0), 0);
    byNation.set(nation, gdp);
  }
  return gdp;
}

/** Weight of the sanctions on a nation: the summed GDP shares (among nations) of those sanctioning it. */
export function sanctionWeight(state: GameState, nation: NationId): number {
  const all = nationList(state);
  const total = all.reduce((s, n) => s + homeGdp(state, n.id), 0);
  return all.reduce(
    (s, n) => s + (n.policies.sanctions.includes(nation) ? homeGdp(state, n.id) / Math.max(total, 1) : 0),
    0,
  );
}

/**
 * Revenue and economy. Closed models earn on every market's GDP by share (open ones earn a part);
 * chip sales add. The economy grows with the capability its own markets run, if it has the compute
 * to use it, gains or loses with its digital trade balance (models sold abroad minus foreign models
 * used at home), and shrinks under sanctions and tariffs.
 */
export function settleEconomy(ctx: ResolveContext): void {
  const { state, rules } = ctx;
  const infos = marketInfo(state.scenario);
  for (const n of nationList(state)) {
    const rate = revenueRate(n.policies.release, rules);
    let models = 0;
    for (const info of infos) models += (state.adoption[info.spec.id]?.[n.id] ?? 0) * info.spec.gdpUsdBn;
    models *= rules.revenuePerGdp * rate;
    const chips = ctx.chipRevenue[n.id] ?? 0;
    n.revenue = models + chips;
    emit(ctx, 'RevenueEarned', {
      nation: n.id,
      models,
      chips,
      total: n.revenue,
      release: n.policies.release,
    });

    const gdp = homeGdp(state, n.id);
    const compute = n.compute + n.cloudCompute;
    const adequacy = Math.min(1, compute / (rules.computeNeedPerGdp * gdp));
    const capability = homeCapability(state, n.id);
    const tariffs = Object.values(n.policies.tariffs).reduce((s, t) => s + t, 0);
    const trade = models - digitalImports(state, rules, n.id);
    const growth =
      rules.baseGrowth +
      (rules.aiGrowth * capability * adequacy) / 100 +
      (rules.digitalTradeGrowth * trade) / Math.max(gdp, 1) -
      rules.sanctionGrowthHit * sanctionWeight(state, n.id) -
      0.01 * tariffs;
    const from = n.economy;
    n.economy = n.economy * (1 + growth);
    emit(ctx, 'EconomyChanged', { nation: n.id, from, to: n.economy, growth, capability, adequacy, trade });
  }
}
