import { emit, modifierFactor, nationList, partners, type ResolveContext } from './context.ts';
import type { Rules } from './rules.ts';
import type { GameState, NationState } from './types.ts';

/** Chance of a safety incident this round: capability outrunning safety, shaped by regulation and pacts. */
export function incidentRisk(state: GameState, rules: Rules, round: number, n: NationState): number {
  const gap = (n.capability - n.safety - 30) / 10;
  const regulation = n.policies.regulation === 'light' ? 1.3 : n.policies.regulation === 'strict' ? 0.7 : 1;
  const misuse = n.policies.release === 'open' ? 1.15 : 1;
  const pact = partners(state, n.id, 'SafetyPact').length > 0 ? 0.7 : 1;
  const risk =
    (rules.incidentBase / (1 + Math.exp(-gap))) *
    regulation *
    misuse *
    pact *
    modifierFactor(state, round, 'incidentRisk', n.id);
  return Math.min(1, risk);
}

/** A safety incident: trust falls. Shared by the incident roll and event cards. */
export function sufferIncident(ctx: ResolveContext, n: NationState, risk: number, cause: string): void {
  n.incidents += 1;
  const from = n.trust;
  n.trust = Math.max(0, n.trust - ctx.rules.incidentTrustLoss);
  emit(ctx, 'SafetyIncident', {
    nation: n.id,
    risk,
    cause,
    from,
    to: n.trust,
    capability: n.capability,
    safety: n.safety,
  });
}

/** Rolls one draw per nation (always, so the PRNG stream does not depend on outcomes). */
export function rollIncidents(ctx: ResolveContext): void {
  for (const n of nationList(ctx.state)) {
    const risk = incidentRisk(ctx.state, ctx.rules, ctx.round, n);
    if (ctx.rng.next() < risk) sufferIncident(ctx, n, risk, 'capabilityOutranSafety');
  }
}
