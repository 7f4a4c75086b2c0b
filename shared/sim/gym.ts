/**
 * A gym-like environment over the pure engine, for agents that learn or are evaluated headless:
 * `reset(scenario, seed, seats)` starts a game where some nations are agents and the others bots,
 * and `step(nation, orders)` plays the agent's orders for the round. Once every agent nation has
 * stepped, the round resolves (the bots decide from their own views, as in the simulator) and each
 * agent's result holds its new view, the round's events it may see, its reward (the change of its
 * public score) and whether the game is done. Deterministic: the same scenario, seed, seats and
 * orders give the same results. No I/O, no clock.
 */
import type { BotSeat } from '../bots/botTypes.ts';
import { botOrders } from '../bots/index.ts';
import { createGame } from '../engine/createGame.ts';
import { eventsFor, type GameEvent } from '../engine/events.ts';
import { emptyOrders, type Orders } from '../engine/ordersSchema.ts';
import { parseOrders } from '../engine/parseOrders.ts';
import { resolveRound } from '../engine/resolveRound.ts';
import type { Problem } from '../engine/result.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import { scoreboard } from '../engine/scoreboard.ts';
import type { GameState, NationId } from '../engine/types.ts';
import { type GameView, nationViews, viewFor } from '../engine/viewFor.ts';

/** Who plays a nation: the agent (orders given to `step`) or a bot. */
export type GymSeat = 'agent' | BotSeat;

export interface StepResult {
  /** The nation's view after the round resolved (or the same view while other agents are pending). */
  view: GameView;
  /** The round's events this nation may see ([] while pending). */
  events: GameEvent[];
  /** Change of the nation's public score over the round (0 while pending). */
  reward: number;
  /** The game has ended. */
  done: boolean;
  /** Why the orders were refused ([] when accepted); refused orders play as empty orders. */
  problems: Problem[];
  /** Other agent nations have not stepped this round yet: the round has not resolved. */
  pending: boolean;
}

export class Gym {
  private state: GameState | null = null;
  private seats: Record<NationId, GymSeat> = {};
  private salt = 0;
  private readonly orders = new Map<NationId, { orders: Orders; problems: Problem[] }>();
  private readonly results = new Map<NationId, StepResult>();

  /** Starts a game; returns each agent nation's first view. */
  reset(
    scenario: Scenario,
    seed: number,
    seats: Record<NationId, GymSeat>,
    rounds?: number,
  ): Record<NationId, GameView> {
    for (const n of scenario.nations)
      if (!seats[n.id]) throw new Error(`no seat for ${n.id}: give 'agent' or a bot seat`);
    this.state = createGame(scenario, rounds ? { seed, rounds } : { seed });
    this.seats = { ...seats };
    this.salt = seed;
    this.orders.clear();
    this.results.clear();
    const views: Record<NationId, GameView> = {};
    for (const id of this.agents()) views[id] = this.view(id);
    return views;
  }

  /** The agent nations, in scenario order. */
  agents(): NationId[] {
    return Object.keys(this.game().nations).filter((id) => this.seats[id] === 'agent');
  }

  /** A nation's view of the game now. */
  view(nation: NationId): GameView {
    return viewFor(this.game(), { kind: 'nation', nation });
  }

  /** The game state (for analysis only: an agent must decide from its view). */
  game(): GameState {
    if (!this.state) throw new Error('call reset first');
    return this.state;
  }

  /** The last result of a nation (after the round it stepped in resolved). */
  result(nation: NationId): StepResult | undefined {
    return this.results.get(nation);
  }

  /**
   * Plays an agent nation's orders for this round. Refused orders (shape, budget, targets…) are
   * played as empty orders and their problems returned. The last agent to step resolves the round.
   */
  step(nation: NationId, input: unknown): StepResult {
    const state = this.game();
    if (this.seats[nation] !== 'agent') throw new Error(`${nation} is not an agent nation`);
    if (state.status === 'ended') throw new Error('the game has ended: call reset');
    const parsed = parseOrders(state, nation, input);
    this.orders.set(
      nation,
      parsed.ok ? { orders: parsed.value, problems: [] } : { orders: emptyOrders(), problems: parsed.errors },
    );
    const waiting = this.agents().some((id) => !this.orders.has(id));
    if (waiting) {
      const pending: StepResult = {
        view: this.view(nation),
        events: [],
        reward: 0,
        done: false,
        problems: this.orders.get(nation)?.problems ?? [],
        pending: true,
      };
      this.results.set(nation, pending);
      return pending;
    }
    this.resolve();
    return this.results.get(nation)!;
  }

  private resolve() {
    const state = this.game();
    const before = new Map(scoreboard(state).map((r) => [r.nation, r.score]));
    const all: Record<NationId, Orders> = {};
    const views = nationViews(state);
    for (const id of Object.keys(state.nations)) {
      const seat = this.seats[id]!;
      all[id] =
        seat === 'agent'
          ? this.orders.get(id)!.orders
          : botOrders(state, id, seat, this.salt, views[id]).orders;
    }
    const { state: next, events } = resolveRound(state, all);
    this.state = next;
    const after = new Map(scoreboard(next).map((r) => [r.nation, r.score]));
    for (const id of this.agents())
      this.results.set(id, {
        view: viewFor(next, { kind: 'nation', nation: id }),
        events: eventsFor(events, { kind: 'nation', nation: id }),
        reward: (after.get(id) ?? 0) - (before.get(id) ?? 0),
        done: next.status === 'ended',
        problems: this.orders.get(id)?.problems ?? [],
        pending: false,
      });
    this.orders.clear();
  }
}
