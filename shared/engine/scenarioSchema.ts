import { z } from 'zod';
import { RulesSchema } from './rules.ts';
import {
  BUDGET_LINES,
  MODIFIER_KINDS,
  REGULATION_LEVELS,
  RELEASE_POLICIES,
  STACK_LAYERS,
  VISA_POLICIES,
} from './types.ts';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, _ or -');
const nationId = z.string().regex(/^[A-Z]{2}$/, 'must be two capital letters');
const iso2 = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');
const share = z.number().min(0).max(1);
const text = z.string().min(1).max(2000);

/** A cited source: a seed article or a public dataset or document. */
export const SourceSchema = z.object({
  id,
  title: text,
  publisher: text,
  date: z.string().min(4).max(40),
  url: z.string().max(500).optional(),
});

/** A figure with its source, shown in briefings and tooltips. */
export const FactSchema = z.object({ text, source: id });

/**
 * Which nations an effect or objective targets: nation ids, or tags resolved at the time:
 * '*' every nation, '@open' / '@closed' / '@held' by release policy, '@holder:<layer>' nations
 * holding at least 10% of a layer, '@leader' the capability leader, '@embargoed' targets of a chip embargo.
 */
export const SelectorSchema = z
  .array(
    z.union([
      nationId,
      z.enum(['*', '@open', '@closed', '@held', '@leader', '@embargoed']),
      z.string().regex(new RegExp(`^@holder:(${STACK_LAYERS.join('|')})$`), 'unknown stack layer'),
    ]),
  )
  .min(1);

/** Quantities a card may adjust directly (budgets and cloud compute are recomputed each round: use modifiers). */
const adjustable = z.enum(['trust', 'capability', 'compute', 'talent', 'safety']);

/** What an event card does. Every effect is declarative so a facilitator can write one on the spot. */
export const EffectSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('AdjustQuantity'),
    quantity: adjustable,
    nations: SelectorSchema,
    /** Added after the factor. */
    delta: z.number().min(-1000).max(1000).default(0),
    /** Multiplies the quantity. */
    factor: z.number().min(0).max(10).default(1),
  }),
  z.object({
    type: z.literal('Modifier'),
    kind: z.enum(MODIFIER_KINDS),
    nations: SelectorSchema,
    factor: z.number().min(0).max(10),
    rounds: z.number().int().min(1).max(20),
  }),
  z.object({
    type: z.literal('AdjustStack'),
    layer: z.enum(STACK_LAYERS),
    nations: SelectorSchema,
    factor: z.number().min(0).max(10),
  }),
  z.object({
    type: z.literal('AdoptionShift'),
    /** Providers whose share moves. */
    nations: SelectorSchema,
    /** Markets affected: a World Bank region name, or '*' for every market. */
    region: z.string().min(1).max(60),
    /** Share of the market moved toward (positive) or away from (negative) the providers. */
    amount: z.number().min(-0.5).max(0.5),
  }),
  z.object({ type: z.literal('Incident'), nations: SelectorSchema }),
]);

/** An event card: a real development turned into effects. */
export const EventCardSchema = z.object({
  id,
  title: text,
  /** What happens in the game, as players read it. */
  text,
  /** The real-world development it is grounded in. */
  anchor: text,
  /** Source id (from `sources`) or a citation. */
  source: z.string().min(1).max(300),
  /** None for a facilitator's headline: a card that only announces its title. */
  effects: z.array(EffectSchema).min(0).max(10),
});

/** A test of the final (or current) state that an objective asks for. */
export const ObjectiveTestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('softPowerRank'), atMost: z.number().int().min(1) }),
  z.object({ kind: z.literal('capabilityRank'), atMost: z.number().int().min(1) }),
  z.object({ kind: z.literal('regionShare'), region: z.string().min(1), atLeast: share }),
  z.object({ kind: z.literal('marketsLed'), atLeast: z.number().int().min(1) }),
  z.object({ kind: z.literal('trustAtLeast'), value: z.number().min(0).max(100) }),
  z.object({ kind: z.literal('sovereigntyAtLeast'), value: share }),
  z.object({ kind: z.literal('computeGrowth'), factor: z.number().positive() }),
  z.object({ kind: z.literal('economyGrowth'), factor: z.number().positive() }),
  z.object({ kind: z.literal('treatiesAtLeast'), count: z.number().int().min(1) }),
  z.object({ kind: z.literal('homeShare'), atLeast: share }),
  z.object({ kind: z.literal('noIncidents') }),
]);

/** A public or secret objective. */
export const ObjectiveSchema = z.object({
  id,
  title: text,
  description: text,
  points: z.number().int().min(1).max(100),
  test: ObjectiveTestSchema,
});

/** A playable nation at the start of the scenario. */
export const NationSchema = z.object({
  id: nationId,
  name: text,
  /** Display colour, '#rrggbb'. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'),
  /** Home countries (ISO alpha-2); they are markets whose own adoption measures home sovereignty. */
  members: z.array(iso2).min(1),
  /** Main languages (ISO 639-1), for the language fit of its sovereign model. */
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  baseBudget: z.number().positive(),
  compute: z.number().min(0),
  cloudCompute: z.number().min(0),
  stack: z.object(
    Object.fromEntries(STACK_LAYERS.map((l) => [l, z.number().min(0)])) as Record<
      (typeof STACK_LAYERS)[number],
      z.ZodNumber
    >,
  ),
  capability: z.number().min(0).max(100),
  sovereignModel: z.number().min(0).max(100).default(0),
  talent: z.number().min(0),
  trust: z.number().min(0).max(100),
  safety: z.number().min(0).max(100),
  release: z.enum(RELEASE_POLICIES),
  visa: z.enum(VISA_POLICIES),
  regulation: z.enum(REGULATION_LEVELS),
  briefing: z.object({ position: text, strengths: text, dependencies: text }),
  publicObjectives: z.array(id).min(1),
  secretObjectives: z.array(id).min(1),
  facts: z.array(FactSchema).default([]),
  /** Suggested allocation for passive seats and the first simulator (shares of the budget). */
  defaultAllocation: z
    .object(
      Object.fromEntries(BUDGET_LINES.map((l) => [l, share])) as Record<
        (typeof BUDGET_LINES)[number],
        z.ZodNumber
      >,
    )
    .optional(),
});

/** A country on the map: every country is a market, including nations' home countries. */
export const MarketSchema = z.object({
  id: iso2,
  name: text,
  /** World Bank region. */
  region: z.string().min(1).max(60),
  /** ISO 3166-1 numeric, as in the map geometry ('076'). */
  numeric: z.string().regex(/^\d{3}$/),
  /** Millions of people. */
  population: z.number().positive(),
  /** GDP in US$ billions. */
  gdpUsdBn: z.number().positive(),
  /** Share of the population online, 0..100 (digital readiness). */
  internetPct: z.number().min(0).max(100),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)),
  blocs: z.array(z.string().max(20)).default([]),
  /**
   * Tier of chip access under the US AI Diffusion Rule of January 2025 (BIS): 1 unrestricted,
   * 2 capped, 3 barred. Export controls may target a tier of markets (docs/RULES.md section 5).
   */
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
  /** Starting disposition toward each nation, -1..1 (derivation in the scenario's notes). */
  disposition: z.record(nationId, z.number().min(-1).max(1)),
  /** Sourced facts about the country's own AI efforts, shown when it is inspected. */
  facts: z.array(FactSchema).max(10).default([]),
});

/** A whole scenario. */
export const ScenarioSchema = z.object({
  id,
  title: text,
  description: text,
  startYear: z.number().int().min(1900).max(2200),
  defaultRounds: z.number().int().min(1).max(40),
  /** How the markets' data and dispositions were produced. */
  dataNotes: text,
  sources: z.array(SourceSchema).min(1),
  nations: z.array(NationSchema).min(2).max(16),
  markets: z.array(MarketSchema).min(1),
  objectives: z.array(ObjectiveSchema).min(1),
  /** The deck: every card of a scenario changes something (only a facilitator's headline may not). */
  events: z.array(EventCardSchema.extend({ effects: z.array(EffectSchema).min(1).max(10) })).min(1),
  rules: RulesSchema.prefault({}),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type NationSpec = z.infer<typeof NationSchema>;
export type MarketSpec = z.infer<typeof MarketSchema>;
export type EventCard = z.infer<typeof EventCardSchema>;
export type Effect = z.infer<typeof EffectSchema>;
export type Objective = z.infer<typeof ObjectiveSchema>;
export type ObjectiveTest = z.infer<typeof ObjectiveTestSchema>;
export type Selector = z.infer<typeof SelectorSchema>;
