import { emit, layerShares, modifierFactor, nationList, type ResolveContext } from './context.ts';
import { controlOn } from './controls.ts';
import type { Rules } from './rules.ts';
import type { Scenario } from './scenarioSchema.ts';
import { type NationId, type NationState, STACK_LAYERS, type StackLayer } from './types.ts';

/** Share of a holder's chip-layer output that reaches a receiver, after controls, sanctions and tariffs. */
export function chipPass(
  scenario: Scenario,
  rules: Rules,
  holder: NationState,
  receiver: NationState,
): number {
  if (holder.id === receiver.id) return 1;
  const tier = controlOn(scenario, holder, receiver).chips;
  let rate = tier === 'open' ? 1 : tier === 'licensed' ? rules.licensedPass : rules.leakage;
  if (holder.policies.sanctions.includes(receiver.id)) rate *= rules.sanctionPass;
  rate *= 1 - 0.5 * (receiver.policies.tariffs[holder.id] ?? 0);
  return rate;
}

/**
 * Export controls and chip flows: each nation's access to each layer of the stack (its own share,
 * what other holders let through, and the open rest of the world), its overall chip access (the
 * geometric mean of the four layers: a missing layer hurts everything), chip revenue won and lost,
 * the self-reliance drive of controlled nations, and chip-programme investment.
 */
export function chipFlows(ctx: ResolveContext): void {
  const { state, rules, round } = ctx;
  const nations = nationList(state);
  const shares = layerShares(state, rules);
  const supply = (n: NationState) => modifierFactor(state, round, 'chipSupply', n.id);

  for (const n of nations) {
    const access: Record<StackLayer, number> = { design: 0, fabrication: 0, lithography: 0, memory: 0 };
    let restricted = 0;
    const restrictors: string[] = [];
    for (const layer of STACK_LAYERS) {
      let a = rules.otherStack[layer];
      for (const h of nations) {
        const share = shares[h.id]![layer] * supply(h);
        const pass = chipPass(state.scenario, rules, h, n);
        a += share * pass;
        if (h.id !== n.id) {
          const tier = controlOn(state.scenario, h, n).chips;
          const weight = tier === 'embargo' ? 1 : tier === 'licensed' ? 0.4 : 0;
          restricted += (shares[h.id]![layer] * weight) / STACK_LAYERS.length;
          if (weight > 0 && !restrictors.includes(h.id)) restrictors.push(h.id);
        }
      }
      access[layer] = Math.min(1, a);
    }
    ctx.layerAccess[n.id] = access;
    const chipAccess = STACK_LAYERS.reduce((p, l) => p * access[l], 1) ** (1 / STACK_LAYERS.length);
    if (Math.abs(chipAccess - n.chipAccess) >= 0.02) {
      emit(ctx, 'ChipAccessChanged', {
        nation: n.id,
        from: n.chipAccess,
        to: chipAccess,
        restrictedBy: restrictors,
        weakestLayer: weakest(access),
      });
    }
    n.chipAccess = chipAccess;
    n.selfReliance *= 0.9;
    if (restricted > 0.005) {
      const gain = rules.selfRelianceGain * restricted;
      n.selfReliance += gain;
      emit(ctx, 'SelfRelianceRose', { nation: n.id, by: restrictors, gain, total: n.selfReliance });
    }
  }

  // Chip revenue: holders earn on what they let through and lose what their controls hold back.
  for (const h of nations) {
    let earned = 0;
    let lost = 0;
    const targets: NationId[] = [];
    for (const n of nations) {
      if (n.id === h.id) continue;
      for (const layer of STACK_LAYERS) {
        const pass = chipPass(state.scenario, rules, h, n);
        const base = shares[h.id]![layer] * n.budget * rules.chipRevenueRate;
        earned += base * pass;
        lost += base * (1 - pass);
        if (pass < 1 && !targets.includes(n.id)) targets.push(n.id);
      }
    }
    ctx.chipRevenue[h.id] = earned;
    if (lost >= 0.05) emit(ctx, 'ChipRevenueLost', { nation: h.id, lost, targets });
  }

  // Chip and fab programmes: new capacity where the nation's access is weakest.
  for (const n of nations) {
    const spend = ctx.orders[n.id]?.budget.chips ?? 0;
    if (spend <= 0) continue;
    const access = ctx.layerAccess[n.id]!;
    const added = rules.chipProgrammeRate * spend * (1 + n.selfReliance);
    const gaps = STACK_LAYERS.map((l) => 1 - access[l] + 0.05);
    const totalGap = gaps.reduce((a, b) => a + b, 0);
    STACK_LAYERS.forEach((l, i) => {
      n.stack[l] += (added * gaps[i]!) / totalGap;
    });
    emit(ctx, 'ChipProgrammeBuilt', { nation: n.id, spend, added, focus: weakest(access) });
  }
}

function weakest(access: Record<StackLayer, number>): StackLayer {
  return STACK_LAYERS.reduce((a, b) => (access[b] < access[a] ? b : a));
}
