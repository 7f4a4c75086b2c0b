import { effort, emit, nationList, partners, type ResolveContext } from './context.ts';
import type { Rules } from './rules.ts';
import type { NationState } from './types.ts';

/** Each cause of this round's change in a nation's trust, in points. */
export function trustCauses(
  rules: Rules,
  n: NationState,
  safetySpend: number,
  aidSpend: number,
  forums: number,
  pacts: number,
  controlShock = 0,
) {
  return {
    safety: rules.trustPerSafety * effort(safetySpend, n.baseBudget),
    regulation: n.policies.regulation === 'strict' ? 1 : n.policies.regulation === 'balanced' ? 0.3 : -0.5,
    release: n.policies.release === 'open' ? 0.5 : n.policies.release === 'held' ? 0.2 : 0,
    controls: -controlShock,
    sanctions: -n.policies.sanctions.length * rules.trustCostSanction,
    aid: 0.5 * effort(aidSpend, n.baseBudget),
    treaties: 0.5 * forums + 1 * pacts,
    reversion: rules.trustReversion * (50 - n.trust),
  };
}

/**
 * Trust and safety. Trust moves with safety spending, regulation, openness, coercion (controls and
 * sanctions), aid and treaties, and drifts back toward 50. Gains are scaled by (100 - trust) / 50
 * and losses by trust / 50, so trust saturates smoothly at both ends. Safety capacity grows with spending and
 * safety pacts and slowly decays.
 */
export function updateTrust(ctx: ResolveContext): void {
  const { state, rules } = ctx;
  for (const n of nationList(state)) {
    const budget = ctx.orders[n.id]?.budget;
    const pacts = partners(state, n.id, 'SafetyPact').length;
    const causes = trustCauses(
      rules,
      n,
      budget?.safety ?? 0,
      budget?.aid ?? 0,
      partners(state, n.id, 'AiForum').length,
      pacts,
      ctx.controlShock[n.id] ?? 0,
    );
    // Trust is harder to gain the more of it a nation has, and harder to lose the less it has.
    const { reversion, ...moves } = causes;
    const gains = Object.values(moves).reduce((s, x) => s + Math.max(0, x), 0);
    const losses = Object.values(moves).reduce((s, x) => s + Math.min(0, x), 0);
    const delta = (gains * (100 - n.trust)) / 50 + (losses * n.trust) / 50 + reversion;
    const from = n.trust;
    n.trust = Math.max(0, Math.min(100, n.trust + delta));
    if (Math.abs(n.trust - from) >= 0.5) {
      const main = Object.entries(causes)
        .filter(([k]) => k !== 'reversion')
        .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
        .filter(([, v]) => Math.abs(v) >= 0.2)
        .slice(0, 2)
        .map(([k]) => k);
      emit(ctx, 'TrustChanged', { nation: n.id, from, to: n.trust, reasons: main });
    }
    n.safety = Math.min(
      100,
      n.safety * (1 - rules.safetyDecay) +
        rules.safetyGain * effort(budget?.safety ?? 0, n.baseBudget) +
        3 * pacts,
    );
  }
}
