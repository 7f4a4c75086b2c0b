import { clamp, emit, type ResolveContext, selectNations } from './context.ts';
import { marketInfo } from './marketInfo.ts';
import { sufferIncident } from './rollIncidents.ts';
import type { Effect, EventCard } from './scenarioSchema.ts';
import type { NationId } from './types.ts';

const BOUNDED = new Set(['trust', 'capability', 'safety']);

/** Applies the cards announced for this round (drawn or injected), then clears them. */
export function applyEventCards(ctx: ResolveContext): void {
  for (const card of ctx.state.pendingCards)
    for (const effect of card.effects) applyEffect(ctx, card, effect);
  ctx.state.pendingCards = [];
}

/** One effect of one card. */
export function applyEffect(ctx: ResolveContext, card: EventCard, effect: Effect): void {
  const { state, rules, round } = ctx;
  const targets = selectNations(state, effect.nations, rules);
  const base = { card: card.id, effect: effect.type, nations: targets };
  switch (effect.type) {
    case 'AdjustQuantity': {
      for (const id of targets) {
        const n = state.nations[id]!;
        const from = n[effect.quantity];
        const raw = from * effect.factor + effect.delta;
        n[effect.quantity] = BOUNDED.has(effect.quantity) ? clamp(raw, 0, 100) : Math.max(0, raw);
        emit(ctx, 'CardEffect', {
          ...base,
          nations: [id],
          quantity: effect.quantity,
          from,
          to: n[effect.quantity],
        });
      }
      return;
    }
    case 'Modifier': {
      if (targets.length === 0) return;
      state.modifiers.push({
        cardId: card.id,
        until: round + effect.rounds - 1,
        kind: effect.kind,
        nations: targets,
        factor: effect.factor,
      });
      emit(ctx, 'CardEffect', {
        ...base,
        modifier: effect.kind,
        factor: effect.factor,
        rounds: effect.rounds,
      });
      return;
    }
    case 'AdjustStack': {
      for (const id of targets) state.nations[id]!.stack[effect.layer] *= effect.factor;
      emit(ctx, 'CardEffect', { ...base, layer: effect.layer, factor: effect.factor });
      return;
    }
    case 'AdoptionShift': {
      shiftAdoption(ctx, targets, effect.region, effect.amount);
      emit(ctx, 'CardEffect', { ...base, region: effect.region, amount: effect.amount });
      return;
    }
    case 'Incident': {
      for (const id of targets) sufferIncident(ctx, state.nations[id]!, 1, `card:${card.id}`);
      return;
    }
  }
}

/** Moves `amount` of each market in `region` toward (or, if negative, away from) the providers. */
function shiftAdoption(ctx: ResolveContext, providers: NationId[], region: string, amount: number): void {
  if (providers.length === 0) return;
  for (const info of marketInfo(ctx.state.scenario)) {
    if (region !== '*' && info.spec.region !== region) continue;
    const shares = ctx.state.adoption[info.spec.id];
    if (!shares) continue;
    const inGroup = (id: string) => providers.includes(id);
    const groupShare = Object.entries(shares).reduce((s, [id, v]) => s + (inGroup(id) ? v : 0), 0);
    const otherShare = 1 - groupShare;
    const moved = amount > 0 ? Math.min(amount, otherShare) : Math.max(amount, -groupShare);
    if (Math.abs(moved) < 1e-12) continue;
    for (const id of Object.keys(shares)) {
      const v = shares[id]!;
      if (inGroup(id))
        shares[id] = groupShare > 0 ? v + moved * (v / groupShare) : v + moved / providers.length;
      else shares[id] = otherShare > 0 ? v - moved * (v / otherShare) : v;
      if (shares[id]! < 0) shares[id] = 0;
    }
    const sum = Object.values(shares).reduce((s, v) => s + v, 0);
    for (const id of Object.keys(shares)) shares[id] = shares[id]! / sum;
  }
}
