import { emit, nationList, type ResolveContext } from './context.ts';
import { coercion, controlOn, marketExposure } from './controls.ts';
import { type MarketInfo, marketInfo } from './marketInfo.ts';
import type { Rules } from './rules.ts';
import { type Adoption, type GameState, type NationState, OTHER_PROVIDER } from './types.ts';

/** The parts of a provider's utility in a market, before the softmax. */
export interface UtilityTerms {
  capability: number;
  openPrice: number;
  trust: number;
  disposition: number;
  language: number;
  aid: number;
  cutoffRisk: number;
  tariff: number;
}
export const REASON_TERMS: (keyof UtilityTerms)[] = [
  'capability',
  'openPrice',
  'trust',
  'disposition',
  'language',
  'aid',
  'cutoffRisk',
  'tariff',
];

/** Whether a provider's models reach a market at all. */
export function isAvailable(state: GameState, provider: NationState, info: MarketInfo): boolean {
  if (provider.policies.release === 'held') return false;
  const owner = info.owner ? state.nations[info.owner] : undefined;
  if (!owner || owner.id === provider.id) return true;
  if (owner.policies.sanctions.includes(provider.id)) return false;
  const closedAndEmbargoed =
    provider.policies.release === 'closed' && controlOn(state.scenario, provider, owner).models === 'embargo';
  return !closedAndEmbargoed;
}

/**
 * The kill-switch risk a market sees in a provider, 0..1: none for open weights (they cannot be
 * switched off); for closed models, the market's own exposure to the provider's controls (its tier,
 * or its home nation) plus `coercionSpill` of the provider's coercion of others.
 */
export function cutoffRisk(state: GameState, rules: Rules, provider: NationState, info: MarketInfo): number {
  if (provider.policies.release !== 'closed') return 0;
  return Math.min(1, marketExposure(state, rules, provider, info) + rules.coercionSpill * coercion(provider));
}

/** Utility terms of one provider in one market (already weighted). */
export function utilityTerms(state: GameState, rules: Rules, p: NationState, info: MarketInfo): UtilityTerms {
  const w = rules.adoption;
  const owner = info.owner ? state.nations[info.owner] : undefined;
  const tariffRate = owner && owner.id !== p.id ? (owner.policies.tariffs[p.id] ?? 0) : 0;
  const fit = info.languageFit[p.id] ?? 0;
  return {
    capability: (w.capability * (p.capability - 60)) / 20,
    openPrice: p.policies.release === 'open' ? w.openPrice * info.priceSensitivity : 0,
    trust: (w.trust * (p.trust - 50)) / 25,
    disposition: w.disposition * (info.spec.disposition[p.id] ?? 0),
    language: fit > 0 ? w.language * fit * Math.max(0.3, p.sovereignModel / 100) : 0,
    aid: w.aid * Math.min(1, p.aidStock[info.spec.region] ?? 0),
    cutoffRisk: -w.cutoffRisk * cutoffRisk(state, rules, p, info),
    tariff: -w.tariff * tariffRate,
  };
}

/**
 * What a provider brings to every market this round (the market-independent utility terms),
 * computed once per resolution instead of once per market. Same expressions as utilityTerms.
 */
export interface ProviderFacts {
  p: NationState;
  capability: number;
  trust: number;
  /** The provider's coercion of others (0..1), feared in every market it reaches if closed. */
  coercion: number;
  /** The sovereign model's language reach factor. */
  languageReach: number;
}

export function providerFacts(state: GameState, rules: Rules): ProviderFacts[] {
  const w = rules.adoption;
  return nationList(state).map((p) => ({
    p,
    capability: (w.capability * (p.capability - 60)) / 20,
    trust: (w.trust * (p.trust - 50)) / 25,
    coercion: coercion(p),
    languageReach: Math.max(0.3, p.sovereignModel / 100),
  }));
}

/**
 * Utility of local and third-party models ('OTHER') in a market: a base (`otherUtility`), a local
 * fine-tune of the best open model (its capability, `localCapability`, and the open-weight price),
 * the languages no nation's model speaks, and the market's fear of being cut off by what it runs
 * (`localHedge` x the share of its AI use on closed models at risk): exposed markets hedge toward
 * local models, and stop hedging when the risk falls.
 */
export function localUtility(
  rules: Rules,
  info: MarketInfo,
  bestOpen: number,
  fear: number,
  previous: Adoption | null,
): number {
  const w = rules.adoption;
  const level = bestOpen;
  let maxFit = 0;
  for (const id in info.languageFit) maxFit = Math.max(maxFit, info.languageFit[id]!);
  return (
    w.otherUtility +
    (bestOpen > 0 ? (w.localCapability * (level - 60)) / 20 + w.openPrice * info.priceSensitivity : 0) +
    w.language * (1 - maxFit) +
    w.localHedge * fear +
    (previous ? w.inertia * Math.log((previous[OTHER_PROVIDER] ?? 0) + 0.01) : 0)
  );
}

/**
 * The choice model: each market's target shares are a softmax over the utility of every provider
 * that reaches it (plus 'OTHER'), with inertia toward what it already runs; the market then moves
 * a fraction (stickiness) of the way from its current shares to the target. Shares sum to 1.
 * `facts` (from providerFacts on the same state) may be passed to share them between markets.
 */
export function choiceShares(
  state: GameState,
  rules: Rules,
  info: MarketInfo,
  previous: Adoption | null,
  facts: ProviderFacts[] = providerFacts(state, rules),
): Adoption {
  const w = rules.adoption;
  const count = facts.length;
  // Utility per provider in scenario order, then 'OTHER'. The terms are added in REASON_TERMS
  // order, as utilityTerms lists them, so every sum is bit-for-bit the same as before.
  const utilities = new Array<number>(count + 1).fill(0);
  const available = new Array<boolean>(count + 1).fill(false);
  const owner = info.owner ? state.nations[info.owner] : undefined;
  const openPrice = w.openPrice * info.priceSensitivity;
  const disposition = info.spec.disposition;
  const region = info.spec.region;
  let max = Number.NEGATIVE_INFINITY;
  // The market's fear of a cut-off: the share of what it runs that a provider could switch off.
  let fear = 0;
  // Local fine-tunes start from the best open weights anyone publishes.
  let bestOpen = 0;
  for (let i = 0; i < count; i++) {
    const f = facts[i]!;
    const p = f.p;
    if (p.policies.release === 'open') bestOpen = Math.max(bestOpen, p.capability);
    if (!isAvailable(state, p, info)) continue;
    const tariffRate = owner && owner.id !== p.id ? (owner.policies.tariffs[p.id] ?? 0) : 0;
    const fit = info.languageFit[p.id] ?? 0;
    let u = previous ? w.inertia * Math.log((previous[p.id] ?? 0) + 0.01) : 0;
    u += f.capability;
    u += p.policies.release === 'open' ? openPrice : 0;
    u += f.trust;
    u += w.disposition * (disposition[p.id] ?? 0);
    u += fit > 0 ? w.language * fit * f.languageReach : 0;
    u += w.aid * Math.min(1, p.aidStock[region] ?? 0);
    if (p.policies.release === 'closed') {
      const risk = Math.min(1, marketExposure(state, rules, p, info) + rules.coercionSpill * f.coercion);
      u -= w.cutoffRisk * risk;
      fear += (previous?.[p.id] ?? 0) * risk;
    }
    u += -w.tariff * tariffRate;
    utilities[i] = u;
    available[i] = true;
    max = Math.max(max, u);
  }
  const other = localUtility(rules, info, bestOpen, fear, previous);
  utilities[count] = other;
  available[count] = true;
  max = Math.max(max, other);
  let total = 0;
  for (let i = 0; i <= count; i++) {
    if (!available[i]) continue;
    const e = Math.exp(utilities[i]! - max);
    utilities[i] = e;
    total += e;
  }
  const out: Adoption = {};
  const k = previous ? w.stickiness : 1;
  let sum = 0;
  for (let i = 0; i <= count; i++) {
    const id = i < count ? facts[i]!.p.id : OTHER_PROVIDER;
    const share = (1 - k) * (previous?.[id] ?? 0) + k * ((available[i] ? utilities[i]! : 0) / total);
    out[id] = share;
    sum += share;
  }
  for (const id in out) out[id] = out[id]! / sum;
  return out;
}

/** Per market list (by identity): its regions and, per region, its foreign markets and their total weight. */
const regionCache = new WeakMap<MarketInfo[], { region: string; markets: MarketInfo[]; weight: number }[]>();

function foreignByRegion(infos: MarketInfo[]) {
  const hit = regionCache.get(infos);
  if (hit) return hit;
  const regions = [...new Set(infos.map((i) => i.spec.region))].map((region) => {
    const markets = infos.filter((i) => i.spec.region === region && i.owner === null);
    return { region, markets, weight: markets.reduce((s, i) => s + i.weight, 0) };
  });
  regionCache.set(infos, regions);
  return regions;
}

/** Weighted mean share of `id` over `markets` in `adoption` (summed in market order). */
function weightedShare(ad: Record<string, Adoption>, markets: MarketInfo[], id: string, weight: number) {
  let s = 0;
  for (const i of markets) s += (ad[i.spec.id]?.[id] ?? 0) * i.weight;
  return s / weight;
}

/** Updates every market's adoption and reports regional shifts and changes of market leader. */
export function marketAdoption(ctx: ResolveContext): void {
  const { state, rules } = ctx;
  const infos = marketInfo(state.scenario);
  const nations = nationList(state);
  const facts = providerFacts(state, rules);
  const before = state.adoption;
  const after: Record<string, Adoption> = {};
  for (const info of infos)
    after[info.spec.id] = choiceShares(state, rules, info, before[info.spec.id] ?? null, facts);
  state.adoption = after;

  // Regional shifts per provider, weighted by market weight, with the reasons that set it apart.
  for (const { region, markets: inRegion, weight } of foreignByRegion(infos)) {
    if (weight <= 0) continue;
    for (const p of nations) {
      const from = weightedShare(before, inRegion, p.id, weight);
      const to = weightedShare(after, inRegion, p.id, weight);
      if (Math.abs(to - from) < 0.02) continue;
      emit(ctx, 'AdoptionShifted', {
        nation: p.id,
        region,
        from,
        to,
        reasons: reasons(state, rules, p, inRegion, to > from),
      });
    }
  }
  for (const info of infos) {
    const prevLeader = leader(before[info.spec.id]);
    const nextLeader = leader(after[info.spec.id]);
    if (prevLeader && nextLeader && prevLeader !== nextLeader) {
      emit(ctx, 'MarketLeaderChanged', {
        market: info.spec.id,
        nation: nextLeader,
        previous: prevLeader,
        share: after[info.spec.id]?.[nextLeader] ?? 0,
      });
    }
  }
}

/** The provider with the largest share, or undefined. */
export function leader(adoption: Adoption | undefined): string | undefined {
  if (!adoption) return undefined;
  let best: string | undefined;
  let bestShare = -1;
  for (const id in adoption) {
    const share = adoption[id]!;
    if (share > bestShare) {
      best = id;
      bestShare = share;
    }
  }
  return best;
}

/** The two utility terms that most set a provider apart from its rivals in a region (up or down). */
function reasons(
  state: GameState,
  rules: Rules,
  p: NationState,
  markets: MarketInfo[],
  gained: boolean,
): string[] {
  const nations = nationList(state);
  const sample = markets.slice(0, 12);
  if (!sample.some((i) => isAvailable(state, p, i))) return ['unavailable'];
  const score: Record<string, number> = {};
  for (const info of sample) {
    const mine = utilityTerms(state, rules, p, info);
    const rivals = nations.filter((n) => n.id !== p.id).map((n) => utilityTerms(state, rules, n, info));
    for (const k of REASON_TERMS) {
      const mean = rivals.reduce((s, t) => s + t[k], 0) / Math.max(1, rivals.length);
      score[k] = (score[k] ?? 0) + mine[k] - mean;
    }
  }
  return REASON_TERMS.filter((k) => (gained ? score[k]! > 0.05 : score[k]! < -0.05))
    .sort((a, b) => (gained ? score[b]! - score[a]! : score[a]! - score[b]!))
    .slice(0, 2);
}
