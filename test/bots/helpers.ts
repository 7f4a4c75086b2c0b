/**
 * Shared set-up for the bot tests: the three scenarios, whole games played by bots, and the checks
 * every bot decision must pass (a readable explanation, a budget within the nation's budget).
 */
import { expect } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { ARCHETYPE_TITLES, type BotDecision, type BotSeat, botOrders } from '../../shared/bots/index.ts';
import {
  BUDGET_LINES,
  createGame,
  type GameState,
  type Orders,
  type OrdersInput,
  resolveRound,
  type Scenario,
  scoreboard,
} from '../../shared/engine/index.ts';
import { tinyScenario } from '../fixtures/tinyScenario.ts';

/**
 * 'tiny+regions' is the tiny scenario with a market in each developing region the bots know
 * (shared/bots/reading.ts AID_REGIONS): it plays the tiny world without tripping on the bots' aid
 * regions that the plain tiny scenario lacks.
 */
export const SCENARIO_IDS = ['sovereign-ai-2026', 'three-powers', 'tiny', 'tiny+regions'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

const cache = new Map<ScenarioId, Scenario>();
/** A scenario by id, read once per test file. */
export function scenario(id: ScenarioId): Scenario {
  let sc = cache.get(id);
  if (!sc) {
    sc =
      id === 'tiny'
        ? tinyScenario()
        : id === 'tiny+regions'
          ? tinyScenario((json) => {
              const like = json.markets.find((m) => m.id === 'KE')!;
              json.markets.push(
                { ...like, id: 'IN', name: 'Country IN', region: 'South Asia' },
                { ...like, id: 'EG', name: 'Country EG', region: 'Middle East & North Africa' },
              );
            })
          : readScenario(id);
    cache.set(id, sc);
  }
  return sc;
}

/** Total allocated by orders (as sent or as parsed). */
export function spent(orders: OrdersInput | Orders): number {
  return BUDGET_LINES.reduce((s, l) => s + (orders.budget?.[l] ?? 0), 0);
}

/** The archetype's title as a case-insensitive pattern, e.g. /Export-control hawk/i. */
export function titlePattern(seat: BotSeat): RegExp {
  return new RegExp(ARCHETYPE_TITLES[seat.archetype].replace(/[-]/g, '\\-'), 'i');
}

/** What every decision must satisfy: a short readable sentence naming the archetype, a budget within bounds. */
export function expectWellFormed(decision: BotDecision, seat: BotSeat, budget: number): void {
  const { explanation, orders } = decision;
  expect(explanation).toMatch(/^[A-Z][^\n]*[.!?]$/);
  expect(explanation).toMatch(titlePattern(seat));
  expect(explanation.length).toBeLessThan(300);
  expect(spent(orders)).toBeLessThanOrEqual(budget + 1e-6);
  for (const l of BUDGET_LINES) expect(orders.budget?.[l] ?? 0).toBeGreaterThanOrEqual(0);
}

/** Every nation's bot orders for the current round (botOrders throws on orders parseOrders refuses). */
export function allBotOrders(
  state: GameState,
  seats: Record<string, BotSeat>,
  salt: number,
): Record<string, Orders> {
  const orders: Record<string, Orders> = {};
  for (const id of Object.keys(state.nations)) orders[id] = botOrders(state, id, seats[id]!, salt).orders;
  return orders;
}

/** Plays a whole game with bots in every seat; returns the final state and its scores by nation. */
export function playGame(
  sc: Scenario,
  seed: number,
  seats: Record<string, BotSeat>,
  rounds?: number,
): { state: GameState; scores: Record<string, number> } {
  let state = createGame(sc, rounds === undefined ? { seed } : { seed, rounds });
  while (state.status === 'running') state = resolveRound(state, allBotOrders(state, seats, seed)).state;
  return { state, scores: Object.fromEntries(scoreboard(state).map((r) => [r.nation, r.score])) };
}

/** The same seat for every nation of a scenario. */
export function everyone(sc: Scenario, seat: BotSeat): Record<string, BotSeat> {
  return Object.fromEntries(sc.nations.map((n) => [n.id, seat]));
}
