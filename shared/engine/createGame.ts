import { deriveScores } from './deriveScores.ts';
import { choiceShares } from './marketAdoption.ts';
import { marketInfo } from './marketInfo.ts';
import { recordHistory } from './recordHistory.ts';
import { rngFromSeed, shuffled } from './rng.ts';
import type { Scenario } from './scenarioSchema.ts';
import type { GameState, NationState } from './types.ts';

/** Options of a new game. */
export interface GameOptions {
  /** Integer seed of the PRNG: the same seed, scenario and orders replay the same game. */
  seed: number;
  /** Number of rounds (default: the scenario's). */
  rounds?: number;
  /** Nations seated by humans or bots (default: all); the others keep their standing policies. */
  seated?: string[];
}

/** A setup problem (bad options), listing each one. */
export class GameSetupError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid game options: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/**
 * Creates the initial state of a game: nations from the scenario, secret objectives dealt with the
 * seed, the deck shuffled, the first card announced, market adoption at its starting equilibrium.
 * Throws GameSetupError on bad options.
 */
export function createGame(scenario: Scenario, options: GameOptions): GameState {
  const problems: string[] = [];
  if (!Number.isInteger(options.seed)) problems.push('seed must be an integer');
  const rounds = options.rounds ?? scenario.defaultRounds;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 40)
    problems.push('rounds must be an integer from 1 to 40');
  const ids = scenario.nations.map((n) => n.id);
  for (const s of options.seated ?? [])
    if (!ids.includes(s)) problems.push(`unknown nation '${s}' in seated`);
  if (problems.length > 0) throw new GameSetupError(problems);
  const seated = new Set(options.seated ?? ids);
  const rng = rngFromSeed(options.seed);

  const nations: Record<string, NationState> = {};
  for (const spec of scenario.nations) {
    const secret = spec.secretObjectives[rng.int(spec.secretObjectives.length)] ?? null;
    nations[spec.id] = {
      id: spec.id,
      seated: seated.has(spec.id),
      baseBudget: spec.baseBudget,
      budget: spec.baseBudget,
      revenue: 0,
      compute: spec.compute,
      cloudCompute: spec.cloudCompute,
      stack: { ...spec.stack },
      chipAccess: 1,
      selfReliance: 0,
      capability: spec.capability,
      sovereignModel: spec.sovereignModel,
      talent: spec.talent,
      trust: spec.trust,
      safety: spec.safety,
      policies: {
        release: spec.release,
        exportControls: {},
        tariffs: {},
        sanctions: [],
        visa: spec.visa,
        regulation: spec.regulation,
        aidRegion: null,
        programmeBase: null,
      },
      softPower: 0,
      sovereignty: 0,
      economy: 100,
      aidStock: {},
      incidents: 0,
      publicObjectives: [...spec.publicObjectives],
      secretObjective: secret,
    };
  }
  const deck = shuffled(
    scenario.events.map((e) => e.id),
    rng,
  );
  const state: GameState = {
    scenario,
    seed: options.seed,
    round: 1,
    rounds,
    status: 'running',
    rng: [],
    nations,
    adoption: {},
    treaties: [],
    proposals: [],
    nextId: 1,
    deck,
    pendingCards: [],
    modifiers: [],
    history: [],
  };
  for (const info of marketInfo(scenario))
    state.adoption[info.spec.id] = choiceShares(state, scenario.rules, info, null);
  const first = state.deck.shift();
  const card = scenario.events.find((e) => e.id === first);
  if (card) state.pendingCards.push(card);
  deriveScores(state, scenario.rules);
  recordHistory(state, 0);
  state.rng = rng.state();
  return state;
}
