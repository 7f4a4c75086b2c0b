/**
 * Shared set-up for the engine's golden cases: a tiny game without random noise, orders that must
 * parse, and small look-ups into the resolution's events.
 */
import {
  cloneState,
  createGame,
  type EventCard,
  type EventOf,
  type EventType,
  type GameEvent,
  type GameState,
  injectEvent,
  type NationState,
  type Orders,
  paramsOf,
  parseOrders,
  resolveRound,
  STACK_LAYERS,
  type StackLayer,
} from '../../shared/engine/index.ts';
import { tinyScenario, type tinyScenarioJson } from '../fixtures/tinyScenario.ts';

export type ScenarioJson = typeof tinyScenarioJson;

/** How a golden case sets up its game. */
export interface Setup {
  /** PRNG seed (default 1). */
  seed?: number;
  /** Number of rounds (default: the scenario's). */
  rounds?: number;
  /**
   * Overrides of the rule constants. Unless a case says otherwise, random safety incidents are
   * switched off (incidentBase 0) so that trust and incidents move only for the rule under test.
   */
  rules?: Record<string, unknown>;
  /** Changes to the tiny scenario's JSON before it is loaded. */
  mutate?: (json: ScenarioJson) => void;
  /** Keep the shuffled deck and the first announced card (default: no cards at all). */
  keepCards?: boolean;
  /** Changes to the created state (made on a copy) before the first round. */
  tweak?: (state: GameState) => void;
}

/** A new game of the tiny scenario for one golden case. */
export function setup(options: Setup = {}): GameState {
  const rules = { incidentBase: 0, ...options.rules };
  const scenario = tinyScenario((json) => {
    Object.assign(json, { rules });
    options.mutate?.(json);
  });
  const created = createGame(scenario, {
    seed: options.seed ?? 1,
    ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
  });
  const state = cloneState(created);
  if (!options.keepCards) {
    state.pendingCards = [];
    state.deck = [];
  }
  options.tweak?.(state);
  return state;
}

/** Parses one nation's orders and fails the test with the engine's reasons if they are refused. */
export function valid(state: GameState, nation: string, input: unknown): Orders {
  const result = parseOrders(state, nation, input);
  if (!result.ok) throw new Error(`orders of ${nation} refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** Parses every nation's orders (they must be valid) and resolves the round. */
export function play(
  state: GameState,
  inputs: Record<string, unknown> = {},
): { state: GameState; events: GameEvent[] } {
  const orders: Record<string, Orders> = {};
  for (const [nation, input] of Object.entries(inputs)) orders[nation] = valid(state, nation, input);
  return resolveRound(state, orders);
}

/** Plays several rounds with the same orders each round; returns the final state and all events. */
export function playRounds(
  state: GameState,
  rounds: number,
  inputs: Record<string, unknown> | ((s: GameState) => Record<string, unknown>) = {},
): { state: GameState; events: GameEvent[] } {
  let s = state;
  const events: GameEvent[] = [];
  for (let i = 0; i < rounds; i++) {
    const r = play(s, typeof inputs === 'function' ? inputs(s) : inputs);
    s = r.state;
    events.push(...r.events);
  }
  return { state: s, events };
}

/** The events of one type. */
export function ofType<T extends EventType>(events: readonly GameEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is GameEvent & EventOf<T> => e.type === type);
}

/** The single event of a type about a nation (fails if there is not exactly one). */
export function eventFor<T extends EventType>(
  events: readonly GameEvent[],
  type: T,
  nation: string,
): EventOf<T> {
  const found = ofType(events, type).filter((e) => paramsOf(e).nation === nation);
  if (found.length !== 1) throw new Error(`expected one ${type} for ${nation}, found ${found.length}`);
  return found[0]!;
}

/** A nation of a state (fails if missing). */
export function nation(state: GameState, id: string): NationState {
  const n = state.nations[id];
  if (!n) throw new Error(`no nation ${id}`);
  return n;
}

/** A market's adoption shares (fails if missing). */
export function shares(state: GameState, market: string): Record<string, number> {
  const a = state.adoption[market];
  if (!a) throw new Error(`no market ${market}`);
  return a;
}

/** A card with one or more effects, for injectEvent. */
export function card(id: string, effects: unknown[]): unknown {
  return { id, title: `Card ${id}`, text: 'A test card.', anchor: 'A test.', source: 'T1', effects };
}

/** Injects a card (deck id or custom card) and fails the test if it is refused. */
export function inject(state: GameState, c: string | unknown): GameState {
  const result = injectEvent(state, c);
  if (!result.ok) throw new Error(`card refused: ${JSON.stringify(result.errors)}`);
  return result.value.state;
}

/** The card object as the engine stores it once injected. */
export function pending(state: GameState): EventCard[] {
  return state.pendingCards;
}

/** Spending effort as the rules define it: ln(1 + spend / (5% of the base budget)). */
export function effort(spend: number, baseBudget: number): number {
  return Math.log(1 + spend / (0.05 * baseBudget));
}

/** World share of each nation in each stack layer (rest of world holds `otherStack`). */
export function layerShares(state: GameState): Record<string, Record<StackLayer, number>> {
  const rules = state.scenario.rules;
  const ids = state.scenario.nations.map((n) => n.id);
  const out: Record<string, Record<StackLayer, number>> = {};
  for (const id of ids) out[id] = { design: 0, fabrication: 0, lithography: 0, memory: 0 };
  for (const layer of STACK_LAYERS) {
    const total = ids.reduce((s, id) => s + nation(state, id).stack[layer], 0);
    for (const id of ids) {
      out[id]![layer] =
        total > 0 ? (nation(state, id).stack[layer] / total) * (1 - rules.otherStack[layer]) : 0;
    }
  }
  return out;
}

/**
 * Expected chip access of `receiver`: per layer, the rest of the world plus each holder's share
 * times what passes from it (`pass(holder)`, 1 for the receiver itself), capped at 1; overall, the
 * geometric mean of the four layers.
 */
export function expectedChipAccess(
  state: GameState,
  receiver: string,
  pass: (holder: string) => number,
): { overall: number; layers: Record<StackLayer, number> } {
  const rules = state.scenario.rules;
  const sh = layerShares(state);
  const layers = { design: 0, fabrication: 0, lithography: 0, memory: 0 };
  for (const layer of STACK_LAYERS) {
    let a = rules.otherStack[layer];
    for (const [holder, s] of Object.entries(sh)) a += s[layer] * (holder === receiver ? 1 : pass(holder));
    layers[layer] = Math.min(1, a);
  }
  const overall = STACK_LAYERS.reduce((p, l) => p * layers[l], 1) ** (1 / STACK_LAYERS.length);
  return { overall, layers };
}

/** Sum of the values of a record. */
export function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}

/** The tiny scenario with every nation's models closed (no open weights diffuse). */
export function allClosed(json: ScenarioJson): void {
  for (const n of json.nations) Object.assign(n, { release: 'closed' });
}
