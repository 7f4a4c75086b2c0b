import { emit, nationList, type ResolveContext } from './context.ts';
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
    provider.policies.release === 'closed' &&
    provider.policies.exportControls[owner.id]?.models === 'embargo';
  return !closedAndEmbargoed;
}

/** The kill-switch risk a market sees in a closed provider that controls or sanctions others. */
export function cutoffRisk(provider: NationState): number {
  if (provider.policies.release !== 'closed') return 0;
  const controls = Object.values(provider.policies.exportControls);
  const embargoes = controls.filter((c) => c.models === 'embargo' || c.chips === 'embargo').length;
  return Math.min(1, 0.15 * embargoes + 0.25 * provider.policies.sanctions.length);
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
    cutoffRisk: -w.cutoffRisk * cutoffRisk(p),
    tariff: -w.tariff * tariffRate,
  };
}

/**
 * The choice model: each market's target shares are a softmax over the utility of every provider
 * that reaches it (plus 'OTHER'), with inertia toward what it already runs; the market then moves
 * a fraction (stickiness) of the way from its current shares to the target. Shares sum to 1.
 */
export function choiceShares(
  state: GameState,
  rules: Rules,
  info: MarketInfo,
  previous: Adoption | null,
): Adoption {
  const w = rules.adoption;
  const nations = nationList(state);
  const utilities: [string, number][] = [];
  const inertia = (id: string) => (previous ? w.inertia * Math.log((previous[id] ?? 0) + 0.01) : 0);
  for (const p of nations) {
    if (!isAvailable(state, p, info)) continue;
    const t = utilityTerms(state, rules, p, info);
    let u = inertia(p.id);
    for (const k of REASON_TERMS) u += t[k];
    utilities.push([p.id, u]);
  }
  utilities.push([OTHER_PROVIDER, w.otherUtility + inertia(OTHER_PROVIDER)]);
  const max = Math.max(...utilities.map(([, u]) => u));
  let total = 0;
  const target: Adoption = {};
  for (const [id, u] of utilities) {
    const e = Math.exp(u - max);
    target[id] = e;
    total += e;
  }
  const out: Adoption = {};
  const k = previous ? w.stickiness : 1;
  let sum = 0;
  for (const id of [...nations.map((n) => n.id), OTHER_PROVIDER]) {
    const share = (1 - k) * (previous?.[id] ?? 0) + k * ((target[id] ?? 0) / total);
    out[id] = share;
    sum += share;
  }
  for (const id of Object.keys(out)) out[id] = out[id]! / sum;
  return out;
}

/** Updates every market's adoption and reports regional shifts and changes of market leader. */
export function marketAdoption(ctx: ResolveContext): void {
  const { state, rules } = ctx;
  const infos = marketInfo(state.scenario);
  const nations = nationList(state);
  const before = state.adoption;
  const after: Record<string, Adoption> = {};
  for (const info of infos)
    after[info.spec.id] = choiceShares(state, rules, info, before[info.spec.id] ?? null);
  state.adoption = after;

  // Regional shifts per provider, weighted by market weight, with the reasons that set it apart.
  const regions = [...new Set(infos.map((i) => i.spec.region))];
  for (const region of regions) {
    const inRegion = infos.filter((i) => i.spec.region === region && i.owner === null);
    const weight = inRegion.reduce((s, i) => s + i.weight, 0);
    if (weight <= 0) continue;
    for (const p of nations) {
      const avg = (ad: Record<string, Adoption>) =>
        inRegion.reduce((s, i) => s + (ad[i.spec.id]?.[p.id] ?? 0) * i.weight, 0) / weight;
      const from = avg(before);
      const to = avg(after);
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
  for (const [id, share] of Object.entries(adoption)) {
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
