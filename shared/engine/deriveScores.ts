import { modelPass } from './buildCompute.ts';
import { chipPass } from './chipFlows.ts';
import { layerShares, nationList, partners } from './context.ts';
import { marketInfo } from './marketInfo.ts';
import type { Rules } from './rules.ts';
import { homeGdp } from './settleEconomy.ts';
import { bestOpenSource } from './trainModels.ts';
import { type GameState, type NationId, type NationState, OTHER_PROVIDER, STACK_LAYERS } from './types.ts';

/**
 * Who builds on a nation's open weights: the other nations that fine-tune them (the nation is their
 * best open source and they are behind it) and, if it is the best open model anyone publishes, the
 * world's local models ('OTHER').
 */
export function builtOn(state: GameState, nation: NationId): { nations: NationId[]; local: boolean } {
  const n = state.nations[nation]!;
  if (n.policies.release !== 'open') return { nations: [], local: false };
  const rules = state.scenario.rules;
  const all = nationList(state);
  const published = Object.fromEntries(all.map((x) => [x.id, x.capability]));
  const nations = all
    .filter((k) => k.id !== nation && k.capability < n.capability)
    .filter((k) => bestOpenSource(state, rules, all, published, k)?.provider.id === nation)
    .map((k) => k.id);
  const best = all
    .filter((x) => x.policies.release === 'open')
    .sort((x, y) => y.capability - x.capability || x.id.localeCompare(y.id))[0];
  return { nations, local: best?.id === nation };
}

/**
 * Soft power: adoption of the nation's models across foreign markets, weighted by market weight,
 * plus `baseCredit` of the adoption of the models built on its open weights (other nations'
 * fine-tunes and local models, section 15 of RULES.md), scaled by trust: by
 * (1 - w + w x trust / 100) with w = softPowerTrustWeight.
 */
export function softPowerOf(state: GameState, nation: NationId): number {
  const n = state.nations[nation]!;
  const rules = state.scenario.rules;
  const on = rules.baseCredit > 0 ? builtOn(state, nation) : { nations: [], local: false };
  const credited = on.local ? [...on.nations, OTHER_PROVIDER] : on.nations;
  let sp = 0;
  for (const info of marketInfo(state.scenario)) {
    if (info.owner === nation) continue;
    const ad = state.adoption[info.spec.id];
    let s = ad?.[nation] ?? 0;
    for (const k of credited) s += rules.baseCredit * (ad?.[k] ?? 0);
    sp += s * info.weight;
  }
  const w = rules.softPowerTrustWeight;
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
 * Sovereignty (0..1) as a stress test: how much of what a nation runs on survives if one other
 * nation — the one whose cut-off would hurt most, its largest supplier — embargoes it on chips and
 * models. Per supplier `s`:
 * - chips (40%): its chip access with every layer from `s` cut to the leakage (a chip-supply
 *   guarantee from `s` keeps guaranteeWeight of what the embargo would cut), over its chip access now;
 * - compute (30%): its compute without the cloud rented from `s`, over all its compute;
 * - models (30%): the share of its home markets' AI use not on `s`'s closed models, a sovereign
 *   model taking over half of what is cut (at its own level / 100).
 * Sovereignty is the smallest of these over suppliers.
 */
export function sovereigntyOf(state: GameState, rules: Rules, nation: NationId): number {
  return stressTest(state, rules, nation).sovereignty;
}

/** The stress test behind sovereignty: the value and the supplier whose cut-off hurts most. */
export function stressTest(
  state: GameState,
  rules: Rules,
  nation: NationId,
): { sovereignty: number; supplier: NationId | null } {
  const n = state.nations[nation]!;
  const nations = nationList(state);
  const shares = layerShares(state, rules);
  const guarantors = partners(state, nation, 'ChipSupplyGuarantee');
  const pass = (h: NationState, cut: NationId) => {
    const p = chipPass(state.scenario, rules, h, n);
    if (h.id !== cut) return p;
    // A guarantor's promise keeps guaranteeWeight of what an embargo would cut (a promise is not a fab).
    const kept = guarantors.includes(cut)
      ? rules.leakage + (1 - rules.leakage) * rules.guaranteeWeight
      : rules.leakage;
    return Math.min(p, kept);
  };
  const accessWith = (cut: NationId | null) => {
    let product = 1;
    for (const layer of STACK_LAYERS) {
      let a = rules.otherStack[layer];
      for (const h of nations)
        a += shares[h.id]![layer] * (cut === null ? chipPass(state.scenario, rules, h, n) : pass(h, cut));
      product *= Math.min(1, a);
    }
    return product ** (1 / STACK_LAYERS.length);
  };
  const now = accessWith(null);
  const total = n.compute + n.cloudCompute;
  const homes = marketInfo(state.scenario).filter((i) => i.owner === nation);
  const gdp = homeGdp(state, nation);
  let best = { sovereignty: 1, supplier: null as NationId | null };
  for (const sup of nations) {
    if (sup.id === nation) continue;
    const chips = now > 0 ? Math.min(1, accessWith(sup.id) / now) : 1;
    const cloud =
      rules.cloudShare * sup.compute * modelPass(state, rules, sup, n) +
      (partners(state, nation, 'ComputeSharing').includes(sup.id) ? rules.sharingShare * sup.compute : 0);
    const compute = total > 0 ? Math.max(0, total - cloud) / total : 1;
    let onSupplier = 0;
    if (sup.policies.release === 'closed')
      for (const i of homes) onSupplier += (state.adoption[i.spec.id]?.[sup.id] ?? 0) * i.spec.gdpUsdBn;
    onSupplier = gdp > 0 ? onSupplier / gdp : 0;
    const models = 1 - onSupplier * (1 - 0.5 * (n.sovereignModel / 100));
    const value = 0.4 * chips + 0.3 * compute + 0.3 * models;
    if (value < best.sovereignty) best = { sovereignty: value, supplier: sup.id };
  }
  return best;
}

/** Recomputes the derived quantities (soft power, sovereignty) of every nation in place. */
export function deriveScores(state: GameState, rules: Rules): void {
  for (const n of nationList(state)) {
    n.softPower = softPowerOf(state, n.id);
    n.sovereignty = sovereigntyOf(state, rules, n.id);
  }
}
