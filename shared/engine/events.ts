import type { NationId } from './types.ts';

/**
 * The params of every kind of event the engine emits, read off its `emit(ctx, '<Type>', {...})`
 * calls. The message template for each is `event.<type>` in assets/i18n. Shares are 0..1, money is
 * US$ billions; numbers are rounded for display by the formatter, not here.
 */
export interface EventParams {
  BudgetSet: { nation: NationId; from: number; to: number; revenue: number; sanctions: number };
  OrdersMissing: { nation: NationId };
  PolicyChanged: { nation: NationId; policy: string; from: string; to: string };
  ExportControlChanged: {
    nation: NationId;
    /** A nation, or a tier of markets ('tier2'). */
    target: string;
    chips: string;
    models: string;
    previousChips: string;
    previousModels: string;
  };
  TariffChanged: { nation: NationId; target: NationId; from: number; to: number };
  SanctionChanged: { nation: NationId; target: NationId; active: boolean };
  TreatyProposed: { proposal: string; type: string; from: NationId; to: NationId };
  TreatySigned: { treaty: string; type: string; parties: NationId[] };
  TreatyRejected: { proposal: string; type: string; from: NationId; to: NationId };
  /** `treaty` when withdrawn, `proposal` when unanswered. */
  TreatyLapsed: {
    treaty?: string;
    proposal?: string;
    type: string;
    parties: NationId[];
    reason: 'withdrawn' | 'unanswered';
    by: NationId;
  };
  TreatyBroken: { nation: NationId; partner: NationId; treaty: string; type: string; trustLoss: number };
  TreatyEffect: { type: string; nation: NationId; partner: NationId; from: number; to: number };
  ChipAccessChanged: {
    nation: NationId;
    from: number;
    to: number;
    restrictedBy: NationId[];
    weakestLayer: string;
  };
  SelfRelianceRose: { nation: NationId; by: NationId[]; gain: number; total: number };
  ChipProgrammeBuilt: { nation: NationId; spend: number; added: number; focus: string };
  ChipRevenueLost: { nation: NationId; lost: number; targets: NationId[] };
  ComputeBuilt: {
    nation: NationId;
    spend: number;
    added: number;
    from: number;
    to: number;
    chipAccess: number;
  };
  CloudAccessChanged: { nation: NationId; from: number; to: number };
  CapabilityRose: {
    nation: NationId;
    spend: number;
    from: number;
    to: number;
    computeUsed: number;
    reach: number;
  };
  OpenWeightsDiffused: { provider: NationId; level: number; nations: NationId[] };
  SovereignModelImproved: {
    nation: NationId;
    base: NationId;
    from: number;
    to: number;
    stalled?: 'underfunded' | 'baseClosed';
  };
  /** `region` 'none' and `wasted` when the nation named no region. */
  AidDelivered: { nation: NationId; spend: number; region: string; stock: number; wasted?: boolean };
  AdoptionShifted: { nation: NationId; region: string; from: number; to: number; reasons: string[] };
  MarketLeaderChanged: { market: string; nation: NationId; previous: NationId; share: number };
  RevenueEarned: { nation: NationId; models: number; chips: number; total: number; release: string };
  TrustChanged: { nation: NationId; from: number; to: number; reasons: string[] };
  TalentMoved: { nation: NationId; net: number; from: number; to: number; visa: string };
  /** `cause`: 'gap', or 'card:<id>' for an event card. */
  SafetyIncident: {
    nation: NationId;
    risk: number;
    cause: string;
    from: number;
    to: number;
    capability: number;
    safety: number;
  };
  EventCardDrawn: { card: string; title: string; round: number };
  EventCardInjected: { card: string; title: string };
  /**
   * Common: card, effect, nations. AdjustQuantity: quantity, from, to. Modifier: modifier, factor,
   * rounds. AdjustStack: layer, factor. AdoptionShift: region, amount.
   */
  CardEffect: {
    card: string;
    effect: string;
    nations: NationId[];
    quantity?: string;
    from?: number;
    to?: number;
    modifier?: string;
    factor?: number;
    rounds?: number;
    layer?: string;
    region?: string;
    amount?: number;
  };
  ModifierExpired: { card: string; modifier: string; nations: NationId[] };
  EconomyChanged: {
    nation: NationId;
    from: number;
    to: number;
    growth: number;
    capability: number;
    adequacy: number;
    trade: number;
  };
  ObjectiveAchieved: { nation: NationId; objective: string; secret: boolean; points: number };
  /** from/to: the score in the ranking every viewer sees; the parts: the change of each part. */
  ScoreChanged: {
    nation: NationId;
    from: number;
    to: number;
    softPower: number;
    sovereignty: number;
    economy: number;
    objectives: number;
  };
  GameEnded: { ranking: NationId[]; winner: NationId };
}

/** Every kind of event the engine emits, in a fixed order (tests and tables iterate it). */
export const EVENT_TYPES = [
  'BudgetSet',
  'OrdersMissing',
  'PolicyChanged',
  'ExportControlChanged',
  'TariffChanged',
  'SanctionChanged',
  'TreatyProposed',
  'TreatySigned',
  'TreatyRejected',
  'TreatyLapsed',
  'TreatyBroken',
  'TreatyEffect',
  'ChipAccessChanged',
  'SelfRelianceRose',
  'ChipProgrammeBuilt',
  'ChipRevenueLost',
  'ComputeBuilt',
  'CloudAccessChanged',
  'CapabilityRose',
  'OpenWeightsDiffused',
  'SovereignModelImproved',
  'AidDelivered',
  'AdoptionShifted',
  'MarketLeaderChanged',
  'RevenueEarned',
  'TrustChanged',
  'TalentMoved',
  'SafetyIncident',
  'EventCardDrawn',
  'EventCardInjected',
  'CardEffect',
  'ModifierExpired',
  'EconomyChanged',
  'ObjectiveAchieved',
  'ScoreChanged',
  'GameEnded',
] as const satisfies readonly (keyof EventParams)[];
export type EventType = keyof EventParams;

/** A type of EventParams left out of EVENT_TYPES (never, or the declaration below fails to compile). */
type Unlisted = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
export const EVERY_TYPE_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** A parameter value in an event. Numbers are rounded for display by the formatter, not here. */
export type EventParam = string | number | boolean | string[];

/**
 * Something that happened, and why: a tagged union on `type`, whose `params` are that type's
 * (EventParams). `key` names the message template; `params` fill it. `audience` is 'all' for public
 * events, or the nations allowed to see it (treaty proposals).
 */
export type GameEvent = { [T in EventType]: EventOf<T> }[EventType];

/** The event of one type. */
export interface EventOf<T extends EventType> {
  type: T;
  key: string;
  round: number;
  params: EventParams[T];
  audience: 'all' | NationId[];
}

/**
 * Any event's params, read without narrowing on its type: for code that reads many types alike
 * (the round digest). Each may be missing; narrow on `type` to read one type's params typed.
 */
export type AnyParams = Readonly<Record<string, EventParam | undefined>>;

/** An event's params as AnyParams. */
export function paramsOf(event: { params: object }): AnyParams {
  return event.params as AnyParams;
}

/** A type guard for the events of one type: `events.filter(isEvent('TrustChanged'))`. */
export function isEvent<T extends EventType>(type: T): (e: GameEvent) => e is GameEvent & EventOf<T> {
  return (e): e is GameEvent & EventOf<T> => e.type === type;
}

/** Builds an event with its message key. */
export function makeEvent<T extends EventType>(
  type: T,
  round: number,
  params: EventParams[T],
  audience: 'all' | NationId[] = 'all',
): EventOf<T> {
  return { type, key: `event.${type}`, round, params, audience };
}

/** The events a viewer may see: everything for the facilitator, public ones plus its own for a nation. */
export function eventsFor(events: readonly GameEvent[], viewer: Viewer): GameEvent[] {
  if (viewer.kind === 'facilitator') return [...events];
  return events.filter(
    (e) => e.audience === 'all' || (viewer.kind === 'nation' && e.audience.includes(viewer.nation)),
  );
}

/** Who is looking at the game. */
export type Viewer = { kind: 'nation'; nation: NationId } | { kind: 'spectator' } | { kind: 'facilitator' };
