/**
 * The game state and the vocabulary shared by every rule. The state is plain JSON: it can be
 * stored, sent, compared and replayed byte for byte.
 */
import type { EventCard, Scenario } from './scenarioSchema.ts';

/** A playable nation's id, e.g. 'US', 'CN', 'EU'. */
export type NationId = string;
/** A market's ISO 3166-1 alpha-2 code, e.g. 'BR'. */
export type MarketId = string;
/** Whose models a market can run: a nation, or 'OTHER' (local and third-party models). */
export type ProviderId = string;
export const OTHER_PROVIDER = 'OTHER';

export const STACK_LAYERS = ['design', 'fabrication', 'lithography', 'memory'] as const;
/** One layer of the chip supply chain. */
export type StackLayer = (typeof STACK_LAYERS)[number];

export const RELEASE_POLICIES = ['open', 'closed', 'held'] as const;
/** How a nation ships its models: open weights, closed API, or not at all. */
export type ReleasePolicy = (typeof RELEASE_POLICIES)[number];

export const CONTROL_TIERS = ['open', 'licensed', 'embargo'] as const;
/** An export-control tier: free trade, licences under a cap, or an embargo (which leaks). */
export type ControlTier = (typeof CONTROL_TIERS)[number];

export const REGULATION_LEVELS = ['light', 'balanced', 'strict'] as const;
export type Regulation = (typeof REGULATION_LEVELS)[number];

export const VISA_POLICIES = ['open', 'restrictive'] as const;
export type VisaPolicy = (typeof VISA_POLICIES)[number];

export const TREATY_TYPES = [
  'AiForum',
  'ComputeSharing',
  'JointModel',
  'SafetyPact',
  'ChipSupplyGuarantee',
] as const;
/** The kinds of treaty two nations can sign. */
export type TreatyType = (typeof TREATY_TYPES)[number];

export const BUDGET_LINES = ['compute', 'training', 'chips', 'talent', 'safety', 'aid'] as const;
/** The lines of a budget allocation. */
export type BudgetLine = (typeof BUDGET_LINES)[number];
export type BudgetAllocation = Record<BudgetLine, number>;

/** Export controls one nation applies to one target. */
export interface ControlSetting {
  /** Tier on chips and chip-making tools. */
  chips: ControlTier;
  /** Tier on closed model access and weights. */
  models: ControlTier;
}

/** A nation's standing policies: they stay in force until changed by an order. */
export interface Policies {
  /** How the nation's models are released. */
  release: ReleasePolicy;
  /** Controls per target nation; a target missing here is 'open' on both. */
  exportControls: Record<NationId, ControlSetting>;
  /**
   * Controls per market tier of the AI Diffusion Rule ('1', '2', '3'): they bind every market of
   * the tier and every nation whose main home market is in it. Absent until first set.
   */
  tierControls?: Partial<Record<1 | 2 | 3, ControlSetting>>;
  /** Tariff rate (0..0.5) per target nation on AI goods and services. */
  tariffs: Record<NationId, number>;
  /** Nations under this nation's financial sanctions. */
  sanctions: NationId[];
  /** Talent and visa policy. */
  visa: VisaPolicy;
  /** Domestic AI regulation. */
  regulation: Regulation;
  /** The region that receives this nation's aid budget, or null. */
  aidRegion: string | null;
  /** Whose open model the sovereign model programme fine-tunes, or null when none runs. */
  programmeBase: NationId | null;
}

/** Everything that changes about one nation. Quantities are indices; units are in docs/RULES.md. */
export interface NationState {
  /** The nation's id. */
  id: NationId;
  /** Whether a human or a bot sits here; unseated nations play standing policies only. */
  seated: boolean;
  /** Base budget per round before modifiers, in US$ billions (AI spending capacity). */
  baseBudget: number;
  /** This round's budget in US$ billions: what orders may allocate. */
  budget: number;
  /** Revenue earned last round from closed models and chips, added to the next budget. */
  revenue: number;
  /** Domestic AI compute, in thousands of H100-equivalents. */
  compute: number;
  /** Compute rented or shared from abroad, in thousands of H100-equivalents (others can cut it). */
  cloudCompute: number;
  /** Capacity held in each layer of the chip stack (index; world shares derive from it). */
  stack: Record<StackLayer, number>;
  /** Last resolved chip access, 0..1: how much of the world chip supply chain reaches this nation. */
  chipAccess: number;
  /** Self-reliance drive from being controlled: multiplies chip-programme spending. */
  selfReliance: number;
  /** Capability of the best model the nation fields, 0..100. */
  capability: number;
  /** Capability of the nation's sovereign (fine-tuned, national-language) model, 0..100. */
  sovereignModel: number;
  /** Researchers, index (100 = a large national pool). */
  talent: number;
  /** How safe others feel depending on this nation, 0..100. */
  trust: number;
  /** Accumulated safety capacity, 0..100, set against capability to give incident risk. */
  safety: number;
  /** Standing policies. */
  policies: Policies;
  /** Soft power (derived): population-and-GDP-weighted adoption across markets, scaled by trust. */
  softPower: number;
  /** Sovereignty (derived), 0..1: share of its own stack no foreign nation can cut off. */
  sovereignty: number;
  /** Economy (derived): productivity index from the capability its economy runs on. */
  economy: number;
  /** Aid stock per region: goodwill from aid, decaying each round. */
  aidStock: Record<string, number>;
  /** Safety incidents suffered so far. */
  incidents: number;
  /** Ids of the nation's public objectives (from the scenario). */
  publicObjectives: string[];
  /** Id of the nation's secret objective, dealt at the start. Hidden from other nations. */
  secretObjective: string | null;
}

/** How one market splits its AI use among providers; shares sum to 1. */
export type Adoption = Record<ProviderId, number>;

/** A treaty in force. */
export interface Treaty {
  /** Stable id, e.g. 'T3'. */
  id: string;
  type: TreatyType;
  /** The two signatories. */
  parties: [NationId, NationId];
  /** Round in which it took effect. */
  since: number;
}

/** A treaty proposed and awaiting the other side's answer in its next orders. */
export interface TreatyProposal {
  id: string;
  type: TreatyType;
  from: NationId;
  to: NationId;
  /** Round in which it was proposed; it lapses if unanswered by the end of the next round. */
  round: number;
}

/** A temporary modifier left by an event card. */
export interface ActiveModifier {
  /** The card that set it. */
  cardId: string;
  /** Last round (inclusive) in which it applies. */
  until: number;
  /** Which quantity it modifies. */
  kind: ModifierKind;
  /** Nations it applies to; empty means all. */
  nations: NationId[];
  /** Multiplier (e.g. 0.7 = 30% cheaper training). */
  factor: number;
}
export const MODIFIER_KINDS = [
  'trainingCost',
  'computeCost',
  'chipSupply',
  'incidentRisk',
  'budget',
] as const;
export type ModifierKind = (typeof MODIFIER_KINDS)[number];

/** Per-round record of the main quantities, for charts and the debrief. */
export interface HistoryEntry {
  round: number;
  nations: Record<
    NationId,
    {
      softPower: number;
      compute: number;
      capability: number;
      trust: number;
      sovereignty: number;
      economy: number;
      budget: number;
      score: number;
    }
  >;
}

/** The whole game. Pure data; `scenario` is shared and never changed. */
export interface GameState {
  /** The validated scenario this game plays. */
  scenario: Scenario;
  /** The seed the game was created with (for replays). */
  seed: number;
  /** The round to be resolved next, from 1. Equals rounds + 1 once the game has ended. */
  round: number;
  /** Number of rounds in this game. */
  rounds: number;
  /** 'running' until the last round resolves or the game is ended, then 'ended'. */
  status: 'running' | 'ended';
  /** State of the seeded PRNG (xoroshiro128+), advanced by every random draw. */
  rng: number[];
  /** Nation states by id, in scenario order. */
  nations: Record<NationId, NationState>;
  /** Adoption shares per market. */
  adoption: Record<MarketId, Adoption>;
  /** Treaties in force. */
  treaties: Treaty[];
  /** Treaty proposals awaiting an answer. */
  proposals: TreatyProposal[];
  /** Counter for treaty and proposal ids. */
  nextId: number;
  /** Event cards not yet drawn, in draw order (shuffled with the seed). */
  deck: string[];
  /** Event cards announced for the round to be resolved (drawn or injected); they apply at its resolution. */
  pendingCards: EventCard[];
  /** Modifiers in force from event cards. */
  modifiers: ActiveModifier[];
  /** Key quantities after each resolved round (entry 0 = the start). */
  history: HistoryEntry[];
}
