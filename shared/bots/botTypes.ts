/**
 * The bots' contract: an archetype (a kind of government) and a difficulty make a seat; from what its
 * nation may see (the engine's viewFor) and the public scenario, a bot returns its orders and one or
 * two sentences that explain them.
 */
import type { OrdersInput } from '../engine/ordersSchema.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import type { NationId } from '../engine/types.ts';
import type { GameView } from '../engine/viewFor.ts';

export const ARCHETYPES = ['openChampion', 'hawk', 'trustBuilder', 'computeMaximiser', 'hedger'] as const;
/** A kind of government with its own strategy. */
export type Archetype = (typeof ARCHETYPES)[number];

export const DIFFICULTIES = ['easy', 'normal', 'hard'] as const;
/** Easy bots leave money unspent and ignore treaties; hard bots adapt to the state of the world. */
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface BotSeat {
  archetype: Archetype;
  difficulty: Difficulty;
}

export interface BotDecision {
  orders: OrdersInput;
  /** One or two sentences a player can read: what the bot did and why. */
  explanation: string;
}

/** What a bot decides from: its own view, the public scenario, and a salt for its seeded choices. */
export interface BotInput {
  view: GameView;
  me: NationId;
  scenario: Scenario;
  seat: BotSeat;
  /** Varies the bot's seeded choices between games (the game seed, or any integer). */
  salt: number;
}
