import { emit, nationList, partners, type ResolveContext } from './context.ts';
import { nationTier } from './controls.ts';
import type { ControlSetting, ControlTier, NationState } from './types.ts';

const STEP: Record<ControlTier, number> = { open: 0, licensed: 1, embargo: 2 };

/** The one-off trust cost of tightening a control from `prev` to `next` (loosening costs nothing). */
function shock(ctx: ResolveContext, prev: ControlSetting, next: ControlSetting): number {
  const { trustCostLicensed: lic, trustCostEmbargo: emb } = ctx.rules;
  const cost = (t: ControlTier) => (t === 'embargo' ? emb : t === 'licensed' ? lic : 0);
  let s = 0;
  for (const k of ['chips', 'models'] as const)
    if (STEP[next[k]] > STEP[prev[k]]) s += cost(next[k]) - cost(prev[k]);
  return s;
}

/** Applies each nation's changes to its standing policies, and ends guarantees its controls breach. */
export function applyPolicies(ctx: ResolveContext): void {
  for (const n of nationList(ctx.state)) {
    const o = ctx.orders[n.id];
    if (!o) continue;
    const p = n.policies;
    const change = (policy: string, from: string | null, to: string | null) => {
      if (from !== to)
        emit(ctx, 'PolicyChanged', { nation: n.id, policy, from: from ?? 'none', to: to ?? 'none' });
    };
    if (o.release !== undefined) {
      change('release', p.release, o.release);
      p.release = o.release;
    }
    if (o.visa !== undefined) {
      change('visa', p.visa, o.visa);
      p.visa = o.visa;
    }
    if (o.regulation !== undefined) {
      change('regulation', p.regulation, o.regulation);
      p.regulation = o.regulation;
    }
    if (o.aidRegion !== undefined) {
      change('aidRegion', p.aidRegion, o.aidRegion);
      p.aidRegion = o.aidRegion;
    }
    if (o.programmeBase !== undefined) {
      change('programme', p.programmeBase, o.programmeBase);
      p.programmeBase = o.programmeBase;
    }

    for (const c of o.exportControls) {
      const prev = p.exportControls[c.target] ?? { chips: 'open', models: 'open' };
      const next = { chips: c.chips ?? prev.chips, models: c.models ?? prev.models };
      if (next.chips === prev.chips && next.models === prev.models) continue;
      if (next.chips === 'open' && next.models === 'open') delete p.exportControls[c.target];
      else p.exportControls[c.target] = next;
      emit(ctx, 'ExportControlChanged', {
        nation: n.id,
        target: c.target,
        chips: next.chips,
        models: next.models,
        previousChips: prev.chips,
        previousModels: prev.models,
      });
      ctx.controlShock[n.id] = (ctx.controlShock[n.id] ?? 0) + shock(ctx, prev, next);
      if (next.chips !== 'open') breachGuarantee(ctx, n, c.target);
    }
    for (const c of o.tierControls ?? []) {
      const prev = p.tierControls?.[c.tier] ?? { chips: 'open', models: 'open' };
      const next = { chips: c.chips ?? prev.chips, models: c.models ?? prev.models };
      if (next.chips === prev.chips && next.models === prev.models) continue;
      p.tierControls ??= {};
      if (next.chips === 'open' && next.models === 'open') delete p.tierControls[c.tier];
      else p.tierControls[c.tier] = next;
      emit(ctx, 'ExportControlChanged', {
        nation: n.id,
        target: `tier${c.tier}`,
        chips: next.chips,
        models: next.models,
        previousChips: prev.chips,
        previousModels: prev.models,
      });
      ctx.controlShock[n.id] =
        (ctx.controlShock[n.id] ?? 0) + ctx.rules.tierTrustWeight * shock(ctx, prev, next);
      // A chip control on a tier breaches the guarantees given to the nations in it.
      if (next.chips !== 'open')
        for (const partner of partners(ctx.state, n.id, 'ChipSupplyGuarantee'))
          if (nationTier(ctx.state.scenario, partner) === c.tier) breachGuarantee(ctx, n, partner);
    }
    for (const t of o.tariffs) {
      const prev = p.tariffs[t.target] ?? 0;
      if (prev === t.rate) continue;
      if (t.rate === 0) delete p.tariffs[t.target];
      else p.tariffs[t.target] = t.rate;
      emit(ctx, 'TariffChanged', { nation: n.id, target: t.target, from: prev, to: t.rate });
    }
    for (const s of o.sanctions) {
      const active = p.sanctions.includes(s.target);
      if (active === s.active) continue;
      p.sanctions = s.active ? [...p.sanctions, s.target].sort() : p.sanctions.filter((x) => x !== s.target);
      emit(ctx, 'SanctionChanged', { nation: n.id, target: s.target, active: s.active });
    }
  }
}

/** A chip control on a partner under a chip supply guarantee ends the treaty and costs trust. */
function breachGuarantee(ctx: ResolveContext, n: NationState, target: string): void {
  if (!partners(ctx.state, n.id, 'ChipSupplyGuarantee').includes(target)) return;
  const treaty = ctx.state.treaties.find(
    (t) => t.type === 'ChipSupplyGuarantee' && t.parties.includes(n.id) && t.parties.includes(target),
  )!;
  ctx.state.treaties = ctx.state.treaties.filter((t) => t !== treaty);
  n.trust = Math.max(0, n.trust - ctx.rules.treatyBreachTrustLoss);
  emit(ctx, 'TreatyBroken', {
    nation: n.id,
    partner: target,
    treaty: treaty.id,
    type: treaty.type,
    trustLoss: ctx.rules.treatyBreachTrustLoss,
  });
}
