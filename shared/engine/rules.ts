import { z } from 'zod';

/**
 * The rule constants. A scenario may override any of them under `rules`; docs/RULES.md explains
 * each one with the formula it enters.
 */
export const RulesSchema = z.object({
  /** Share of rest-of-world capacity in each stack layer (always open to everyone). */
  otherStack: z
    .object({
      design: z.number().min(0).max(1),
      fabrication: z.number().min(0).max(1),
      lithography: z.number().min(0).max(1),
      memory: z.number().min(0).max(1),
    })
    .default({ design: 0.05, fabrication: 0.08, lithography: 0.04, memory: 0.06 }),
  /** Share of a layer that passes a 'licensed' control. */
  licensedPass: z.number().min(0).max(1).default(0.6),
  /** Share of a layer that leaks through an embargo (smuggling, third countries). */
  leakage: z.number().min(0).max(1).default(0.2),
  /** Share of a layer that still passes when its holder sanctions the receiver. */
  sanctionPass: z.number().min(0).max(1).default(0.7),
  /** Chip revenue per US$bn of the buyer's budget per unit of layer share. */
  chipRevenueRate: z.number().min(0).default(0.06),
  /** Self-reliance gained per embargoed layer-share. */
  selfRelianceGain: z.number().min(0).default(0.8),
  /** Stack capacity bought per US$bn of chip-programme spending. */
  chipProgrammeRate: z.number().min(0).default(0.35),
  /** Compute (k H100e) bought per US$bn at full chip access. */
  computePerBillion: z.number().min(0).default(14),
  /** Share of compute lost each round (depreciation, obsolescence). */
  depreciation: z.number().min(0).max(1).default(0.12),
  /** Share of a partner's compute available under a compute-sharing treaty. */
  sharingShare: z.number().min(0).max(1).default(0.1),
  /** Share of each provider's compute rentable as commercial cloud by others (scaled by model tier). */
  cloudShare: z.number().min(0).max(1).default(0.01),
  /** Capability points per unit of log training effort. */
  trainGain: z.number().min(0).default(4.5),
  /** Training spend (US$bn) at which log effort reaches ln 2. */
  trainScale: z.number().positive().default(4),
  /**
   * How fast the capability a nation can reach falls as its compute falls behind the frontier:
   * reach = capCeiling / (1 + computeGap x ln(frontier C / C)), for training and for fine-tuning.
   */
  computeGap: z.number().min(0).max(1).default(0.07),
  /** Capability ceiling of the era for the nation with the most compute (diminishing returns near it). */
  capCeiling: z.number().positive().default(110),
  /** Share of the best open model a fine-tuner can reach. */
  fineTuneRatio: z.number().min(0).max(1).default(0.92),
  /** Share of the gap to the fine-tunable level closed each round (diffusion of open weights). */
  diffusionRate: z.number().min(0).max(1).default(0.5),
  /**
   * Training spend (US$bn) a sovereign model programme needs per round to progress: US$50 million,
   * the scale of the sourced fine-tunes of open models (Singapore's SEA-LION about US$52 million,
   * Taiwan's TAIDE about US$7.4 million, F14, F19), read as a year's running cost.
   */
  programmeCost: z.number().min(0).default(0.05),
  /** Share of the gap to the fine-tunable level a funded programme closes each round. */
  programmeRate: z.number().min(0).max(1).default(0.3),
  /** Softmax weights of the market choice model. */
  adoption: z
    .object({
      capability: z.number().default(2.2),
      openPrice: z.number().default(0.45),
      trust: z.number().default(0.9),
      disposition: z.number().default(1.1),
      language: z.number().default(0.8),
      aid: z.number().default(0.6),
      cutoffRisk: z.number().default(0.8),
      inertia: z.number().default(0.6),
      otherUtility: z.number().default(-2.9),
      /** Local models: weight of the capability of a local fine-tune of the best open model. */
      localCapability: z.number().default(3.5),
      /** Local models: weight of the market's fear of being cut off by what it runs (hedging). */
      localHedge: z.number().default(5),
      stickiness: z.number().min(0).max(1).default(0.35),
      tariff: z.number().default(2),
    })
    .default({
      capability: 2.2,
      openPrice: 0.45,
      trust: 0.9,
      disposition: 1.1,
      language: 0.8,
      aid: 0.6,
      cutoffRisk: 0.8,
      inertia: 0.6,
      otherUtility: -2.9,
      localCapability: 3.5,
      localHedge: 5,
      stickiness: 0.35,
      tariff: 2,
    }),
  /** Aid stock per US$bn of aid, and its decay per round. */
  aidPerBillion: z.number().min(0).default(0.25),
  aidDecay: z.number().min(0).max(1).default(0.3),
  /** Revenue per US$bn of market GDP per unit of closed-model share. */
  revenuePerGdp: z.number().min(0).default(0.001),
  /** Share of revenue an open model still earns (services, cloud). */
  openRevenueShare: z.number().min(0).max(1).default(0.25),
  /** Share of last round's revenue that adds to the budget. */
  revenueToBudget: z.number().min(0).max(1).default(0.3),
  /** Budget lost per sanctioning nation, weighted by its share of world GDP among nations. */
  sanctionBudgetHit: z.number().min(0).max(1).default(0.15),
  /** Trust points per unit of log safety effort. */
  trustPerSafety: z.number().min(0).default(1.6),
  /** Safety capacity per unit of log safety effort, and its decay. */
  safetyGain: z.number().min(0).default(6),
  safetyDecay: z.number().min(0).max(1).default(0.05),
  /**
   * Trust lost once when a nation imposes an embargo or a licence regime on a target (a step of
   * strictness: open to licensed costs trustCostLicensed, licensed to embargo the difference), not
   * every round: the cost then fades as trust reverts. A tier of markets counts tierTrustWeight targets.
   */
  trustCostEmbargo: z.number().min(0).default(4),
  trustCostLicensed: z.number().min(0).default(1.5),
  tierTrustWeight: z.number().min(0).default(2),
  /** Trust lost each round for each nation under this nation's sanctions. */
  trustCostSanction: z.number().min(0).default(1),
  /**
   * A market's exposure to a provider's controls (0..1) per control on it: an embargo on chips
   * counts `chips`, on models `models`, a licence regime half as much. It drives the market's
   * kill-switch fear of that provider's closed models.
   */
  exposure: z
    .object({ chips: z.number().min(0).max(1), models: z.number().min(0).max(1) })
    .default({ chips: 0.6, models: 1 }),
  /** Share of a provider's coercion elsewhere (embargoes, sanctions) that every market fears too. */
  coercionSpill: z.number().min(0).max(1).default(0.3),
  /** Trust lost by a safety incident, and by breaking a treaty. */
  incidentTrustLoss: z.number().min(0).default(8),
  treatyBreachTrustLoss: z.number().min(0).default(10),
  /** Pull of trust back toward 50 each round. */
  trustReversion: z.number().min(0).max(1).default(0.1),
  /** Base chance of a safety incident per round when capability far outruns safety. */
  incidentBase: z.number().min(0).max(1).default(0.2),
  /** Share of each nation's talent that moves each round toward the most attractive nations. */
  talentMobility: z.number().min(0).max(1).default(0.06),
  /** Talent gained per unit of log talent spending. */
  talentGain: z.number().min(0).default(4),
  /** Economy: growth per round without AI, and the extra growth at capability 100 with enough compute. */
  baseGrowth: z.number().default(0.01),
  aiGrowth: z.number().default(0.03),
  /** Compute (k H100e) per US$bn of GDP that lets the economy use its models fully. */
  computeNeedPerGdp: z.number().positive().default(0.02),
  /**
   * Economy growth per unit of digital trade balance over home GDP: what a nation's models earn
   * abroad minus what its home markets pay foreign providers (the digital trade deficit).
   */
  digitalTradeGrowth: z.number().min(0).default(1.5),
  /** Economy growth lost per sanctioning nation (weighted as for the budget). */
  sanctionGrowthHit: z.number().min(0).default(0.1),
  /** Ranking points per unit of sovereignty gained since the start, and per unit held. */
  sovereigntyChangePoints: z.number().min(0).default(40),
  sovereigntyLevelPoints: z.number().min(0).default(10),
  /** Ranking points per unit of log economic growth above the mean of all nations (within ±30). */
  economyPoints: z.number().min(0).default(200),
  /** Ranking points per unit of share of the world's soft power gained since the start. */
  softPowerSharePoints: z.number().min(0).default(40),
  /**
   * Share of the adoption of models built on a nation's open weights (other nations' fine-tunes,
   * local models) that counts in its soft power: being the base others build on is soft power.
   */
  baseCredit: z.number().min(0).max(1).default(0.3),
  /** How much trust scales soft power: 1 = in full proportion, 0 = not at all. */
  softPowerTrustWeight: z.number().min(0).max(1).default(1),
  /**
   * In the sovereignty stress test, the share of what an embargo would cut that a chip-supply
   * guarantor's promise still delivers (a promise is not a fab).
   */
  guaranteeWeight: z.number().min(0).max(1).default(0.3),
});

/** The rule constants in force for a scenario. */
export type Rules = z.infer<typeof RulesSchema>;
