/**
 * The params of every event type and how each is shown, typed against the engine's EventParams.
 * Tests check the templates in assets/i18n against this table and this table against real games.
 */
import type { EventParams, EventType } from '../engine/events.ts';

/** How one event parameter is shown. */
export type ParamFormat =
  | 'text'
  | 'nation'
  | 'nations'
  | 'ranking'
  | 'market'
  | 'region'
  | 'card'
  | 'objective'
  | 'integer'
  | 'number'
  | 'signed'
  | 'percent'
  | 'signedPercent'
  | 'absPercent'
  | 'money'
  | 'factor'
  | 'boolean'
  | 'adoptionReasons'
  | 'trustReasons'
  | 'tier'
  | 'layer'
  | 'treaty'
  | 'policy'
  | 'policyValue'
  | 'release'
  | 'visa'
  | 'quantity'
  | 'quantityValue'
  | 'modifier'
  | 'effect'
  | 'cause'
  | 'lapse'
  | 'stalled';

/**
 * What an event of type T carries and how each param is shown: every param of EventParams[T],
 * no other (a spec naming a param the event does not have, or leaving one out, fails to compile).
 */
export interface EventSpec<T extends EventType = EventType> {
  /** Every param the engine may emit for this type (some only in some cases). */
  params: { readonly [K in keyof EventParams[T]]-?: ParamFormat };
  /** Params whose value selects a more specific template, most specific first. */
  variants?: readonly (keyof EventParams[T] & string)[];
}

/** The spec of every event type. */
export type EventSpecs = { readonly [T in EventType]: EventSpec<T> };

/**
 * The params of every event type, derived from the `emit(ctx, '<Type>', {...})` calls in
 * shared/engine. Tests check the templates against this table and this table against real games.
 */
export const EVENT_SPECS: EventSpecs = {
  BudgetSet: {
    params: { nation: 'nation', from: 'money', to: 'money', revenue: 'money', sanctions: 'percent' },
    variants: ['sanctions'],
  },
  OrdersMissing: { params: { nation: 'nation' } },
  PolicyChanged: {
    params: { nation: 'nation', policy: 'policy', from: 'policyValue', to: 'policyValue' },
    variants: ['policy'],
  },
  ExportControlChanged: {
    params: {
      nation: 'nation',
      target: 'nation',
      chips: 'tier',
      models: 'tier',
      previousChips: 'tier',
      previousModels: 'tier',
    },
  },
  TariffChanged: { params: { nation: 'nation', target: 'nation', from: 'percent', to: 'percent' } },
  SanctionChanged: {
    params: { nation: 'nation', target: 'nation', active: 'boolean' },
    variants: ['active'],
  },
  TreatyProposed: { params: { proposal: 'text', type: 'treaty', from: 'nation', to: 'nation' } },
  TreatySigned: { params: { treaty: 'text', type: 'treaty', parties: 'nations' } },
  TreatyRejected: { params: { proposal: 'text', type: 'treaty', from: 'nation', to: 'nation' } },
  TreatyLapsed: {
    // `treaty` when withdrawn, `proposal` when unanswered.
    params: {
      treaty: 'text',
      proposal: 'text',
      type: 'treaty',
      parties: 'nations',
      reason: 'lapse',
      by: 'nation',
    },
    variants: ['reason'],
  },
  TreatyBroken: {
    params: { nation: 'nation', partner: 'nation', treaty: 'text', type: 'treaty', trustLoss: 'number' },
  },
  TreatyEffect: {
    params: { type: 'treaty', nation: 'nation', partner: 'nation', from: 'number', to: 'number' },
    variants: ['type'],
  },
  ChipAccessChanged: {
    params: {
      nation: 'nation',
      from: 'percent',
      to: 'percent',
      restrictedBy: 'nations',
      weakestLayer: 'layer',
    },
    variants: ['restrictedBy'],
  },
  SelfRelianceRose: { params: { nation: 'nation', by: 'nations', gain: 'percent', total: 'percent' } },
  ChipRevenueLost: { params: { nation: 'nation', lost: 'money', targets: 'nations' } },
  ChipProgrammeBuilt: { params: { nation: 'nation', spend: 'money', added: 'number', focus: 'layer' } },
  ComputeBuilt: {
    params: {
      nation: 'nation',
      spend: 'money',
      added: 'number',
      from: 'number',
      to: 'number',
      chipAccess: 'percent',
    },
    variants: ['spend'],
  },
  CloudAccessChanged: { params: { nation: 'nation', from: 'number', to: 'number' } },
  CapabilityRose: {
    params: {
      nation: 'nation',
      spend: 'money',
      from: 'number',
      to: 'number',
      computeUsed: 'number',
      reach: 'number',
    },
  },
  OpenWeightsDiffused: { params: { provider: 'nation', level: 'number', nations: 'nations' } },
  SovereignModelImproved: {
    params: { nation: 'nation', base: 'nation', from: 'number', to: 'number', stalled: 'stalled' },
    variants: ['stalled'],
  },
  AidDelivered: {
    params: { nation: 'nation', spend: 'money', region: 'region', stock: 'percent', wasted: 'boolean' },
    variants: ['wasted'],
  },
  AdoptionShifted: {
    params: {
      nation: 'nation',
      region: 'region',
      from: 'percent',
      to: 'percent',
      reasons: 'adoptionReasons',
    },
    variants: ['reasons'],
  },
  MarketLeaderChanged: {
    params: { market: 'market', nation: 'nation', previous: 'nation', share: 'percent' },
  },
  RevenueEarned: {
    params: { nation: 'nation', models: 'money', chips: 'money', total: 'money', release: 'release' },
    variants: ['release'],
  },
  TrustChanged: {
    params: { nation: 'nation', from: 'number', to: 'number', reasons: 'trustReasons' },
    variants: ['reasons'],
  },
  TalentMoved: {
    params: { nation: 'nation', net: 'signed', from: 'number', to: 'number', visa: 'visa' },
  },
  SafetyIncident: {
    params: {
      nation: 'nation',
      risk: 'percent',
      cause: 'cause',
      from: 'number',
      to: 'number',
      capability: 'number',
      safety: 'number',
    },
    variants: ['cause'],
  },
  EventCardDrawn: { params: { card: 'card', title: 'text', round: 'integer' } },
  EventCardInjected: { params: { card: 'card', title: 'text' } },
  CardEffect: {
    // Common: card, effect, nations. AdjustQuantity: quantity, from, to. Modifier: modifier,
    // factor, rounds. AdjustStack: layer, factor. AdoptionShift: region, amount.
    params: {
      card: 'card',
      effect: 'effect',
      nations: 'nations',
      quantity: 'quantity',
      from: 'quantityValue',
      to: 'quantityValue',
      modifier: 'modifier',
      factor: 'factor',
      rounds: 'integer',
      layer: 'layer',
      region: 'region',
      amount: 'absPercent',
    },
    variants: ['nations', 'effect'],
  },
  ModifierExpired: { params: { card: 'card', modifier: 'modifier', nations: 'nations' } },
  EconomyChanged: {
    params: {
      nation: 'nation',
      from: 'number',
      to: 'number',
      growth: 'signedPercent',
      capability: 'number',
      adequacy: 'percent',
      trade: 'money',
    },
  },
  ObjectiveAchieved: {
    params: { nation: 'nation', objective: 'objective', secret: 'boolean', points: 'integer' },
    variants: ['secret'],
  },
  ScoreChanged: {
    // from/to: the score in the ranking every viewer sees; the parts: the change of each part.
    params: {
      nation: 'nation',
      from: 'number',
      to: 'number',
      softPower: 'signed',
      sovereignty: 'signed',
      economy: 'signed',
      objectives: 'signed',
    },
  },
  GameEnded: { params: { ranking: 'ranking', winner: 'nation' } },
};

/** A spec read without its type: for code that walks any event's params by name. */
export interface AnyEventSpec {
  params: Readonly<Record<string, ParamFormat | undefined>>;
  variants?: readonly string[];
}

/** The spec of an event type, read by param name. */
export function specOf(type: EventType): AnyEventSpec {
  return EVENT_SPECS[type] as AnyEventSpec;
}

/** The format of each param of an event's type, by name. */
export function paramFormats(type: EventType): AnyEventSpec['params'] {
  return specOf(type).params;
}

/** The params whose value selects a more specific template for an event's type. */
export function variantParams(type: EventType): readonly string[] {
  return specOf(type).variants ?? [];
}
