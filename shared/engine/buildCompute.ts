import { emit, modifierFactor, nationList, partners, type ResolveContext } from './context.ts';
import { modelControlRate } from './controls.ts';
import type { Rules } from './rules.ts';
import type { GameState, NationState } from './types.ts';

/** Share of a provider's closed models and cloud that reaches a receiver, after model controls and sanctions. */
export function modelPass(
  state: GameState,
  rules: Rules,
  provider: NationState,
  receiver: NationState,
): number {
  if (provider.id === receiver.id) return 1;
  if (provider.policies.sanctions.includes(receiver.id) || receiver.policies.sanctions.includes(provider.id))
    return 0;
  return modelControlRate(state.scenario, rules, provider, receiver, 0);
}

/** Compute rented or shared from abroad: treaty partners' sharing plus commercial cloud. */
export function cloudFor(state: GameState, rules: Rules, n: NationState): number {
  let cloud = 0;
  for (const pid of partners(state, n.id, 'ComputeSharing'))
    cloud += rules.sharingShare * state.nations[pid]!.compute;
  for (const p of Object.values(state.nations)) {
    if (p.id !== n.id) cloud += rules.cloudShare * p.compute * modelPass(state, rules, p, n);
  }
  return cloud;
}

/**
 * Compute build-out: depreciation, then new domestic compute bought with the compute budget at the
 * nation's chip access (controls make compute dearer); cloud access is recomputed from partners.
 */
export function buildCompute(ctx: ResolveContext): void {
  const { state, rules, round } = ctx;
  for (const n of nationList(state)) {
    const spend = ctx.orders[n.id]?.budget.compute ?? 0;
    const cost = modifierFactor(state, round, 'computeCost', n.id);
    const added = (spend * rules.computePerBillion * n.chipAccess) / cost;
    const before = n.compute;
    n.compute = n.compute * (1 - rules.depreciation) + added;
    if (spend > 0 || Math.abs(n.compute - before) / Math.max(before, 1) > 0.05) {
      emit(ctx, 'ComputeBuilt', {
        nation: n.id,
        spend,
        added,
        from: before,
        to: n.compute,
        chipAccess: n.chipAccess,
      });
    }
  }
  for (const n of nationList(state)) {
    const cloud = cloudFor(state, rules, n);
    if (Math.abs(cloud - n.cloudCompute) > Math.max(1, 0.1 * n.cloudCompute)) {
      emit(ctx, 'CloudAccessChanged', { nation: n.id, from: n.cloudCompute, to: cloud });
    }
    n.cloudCompute = cloud;
  }
}
