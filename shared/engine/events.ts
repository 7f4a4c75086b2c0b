import type { NationId } from './types.ts';

/** Every kind of event the engine emits. The message template for each is `event.<type>` in assets/i18n. */
export const EVENT_TYPES = [
  'GameStarted',
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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A parameter value in an event. Numbers are rounded for display by the formatter, not here. */
export type EventParam = string | number | boolean | string[];

/**
 * Something that happened, and why. `key` names the message template; `params` fill it.
 * `audience` is 'all' for public events, or the nations allowed to see it (treaty proposals).
 */
export interface GameEvent {
  type: EventType;
  key: string;
  round: number;
  params: Record<string, EventParam>;
  audience: 'all' | NationId[];
}

/** Builds an event with its message key. */
export function makeEvent(
  type: EventType,
  round: number,
  params: Record<string, EventParam>,
  audience: 'all' | NationId[] = 'all',
): GameEvent {
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
