import { layerShares, nationList, partners } from './context.ts';
import { marketInfo } from './marketInfo.ts';
import type { Rules } from './rules.ts';
import { type GameState, type NationId, STACK_LAYERS } from './types.ts';

/**
 * Soft power: adoption of the nation's models across foreign markets, weighted by market weight,
 * scaled by trust: by (1 - w + w x trust / 100) with w = softPowerTrustWeight.
 */
export function softPowerOf(state: GameState, nation: NationId): number {
  const n = state.nations[nation]!;
  let sp = 0;
  for (const info of marketInfo(state.scenario)) {
    if (info.owner === nation) continue;
    sp += (state.adoption[info.spec.id]?.[nation] ?? 0) * info.weight;
  }
  const w = state.scenario.rules.softPowerTrustWeight;
  return 100 * sp * (1 - w + (w * n.trust) / 100);
}

/** GDP-weighted share of the nation's home markets that run its own models (0..1). */
export function homeShare(state: GameState, nation: NationId): number {
  let share = 0;
  let weight = 0;
  for (const info of marketInfo(state.scenario)) {
    if (info.owner !== nation) continue;
    share += (state.adoption[info.spec.id]?.[nation] ?? 0) * info.spec.gdpUsdBn;
    weight += info.spec.gdpUsdBn;
  }
  return weight > 0 ? share / weight : 0;
}

/**
 * Sovereignty (0..1): 40% chips (per layer, own capacity plus a weighted share of guaranteeing partners' against the
 * self-sufficiency need), 30% compute (domestic share of all compute used), 30% models (home share
 * of own models, lifted by a sovereign model).
 */
export function sovereigntyOf(state: GameState, rules: Rules, nation: NationId): number {
  const n = state.nations[nation]!;
  const shares = layerShares(state, rules);
  const guarantors = partners(state, nation, 'ChipSupplyGuarantee');
  let chips = 0;
  for (const layer of STACK_LAYERS) {
    const secure =
      shares[nation]![layer] + rules.guaranteeWeight * guarantors.reduce((s, g) => s + shares[g]![layer], 0);
    chips += Math.min(1, secure / rules.sovereignNeed) / STACK_LAYERS.length;
  }
  const total = n.compute + n.cloudCompute;
  const compute = total > 0 ? n.compute / total : 0;
  const models = Math.min(1, homeShare(state, nation) + 0.3 * (n.sovereignModel / 100));
  return 0.4 * chips + 0.3 * compute + 0.3 * models;
}

/** Recomputes the derived quantities (soft power, sovereignty) of every nation in place. */
export function deriveScores(state: GameState, rules: Rules): void {
  for (const n of nationList(state)) {
    n.softPower = softPowerOf(state, n.id);
    n.sovereignty = sovereigntyOf(state, rules, n.id);
  }
}
