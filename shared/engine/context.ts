import { controlOn } from './controls.ts';
import { type EventParams, type EventType, type GameEvent, makeEvent } from './events.ts';
import type { Orders } from './ordersSchema.ts';
import type { Rng } from './rng.ts';
import type { Rules } from './rules.ts';
import type { Selector } from './scenarioSchema.ts';
import {
  type GameState,
  type ModifierKind,
  type NationId,
  type NationState,
  STACK_LAYERS,
  type StackLayer,
  type TreatyType,
} from './types.ts';

/** Working data of one resolution: the draft state (a private copy), the orders, the PRNG and the events. */
export interface ResolveContext {
  /** The draft: a deep copy of the input state that the steps update. */
  state: GameState;
  /** Validated orders of every nation (empty orders for nations that sent none). */
  orders: Record<NationId, Orders>;
  rng: Rng;
  rules: Rules;
  /** The round being resolved. */
  round: number;
  events: GameEvent[];
  /** Per-layer access of each nation to the chip stack this round, 0..1 (set by chip flows). */
  layerAccess: Record<NationId, Record<StackLayer, number>>;
  /** Chip and tool sales of each nation this round, in US$ billions (set by chip flows). */
  chipRevenue: Record<NationId, number>;
  /** Trust each nation pays once this round for the controls it imposed or tightened (set by policies). */
  controlShock: Record<NationId, number>;
}

/** The working data to resolve (or conclude) a round on `state`, a private copy of the input. */
export function startResolution(state: GameState, rng: Rng): ResolveContext {
  return {
    state,
    orders: {},
    rng,
    rules: state.scenario.rules,
    round: state.round,
    events: [],
    layerAccess: {},
    chipRevenue: {},
    controlShock: {},
  };
}

/** Appends an event for the round being resolved; its params must be the ones its type declares. */
export function emit<T extends EventType>(
  ctx: ResolveContext,
  type: T,
  params: EventParams[T],
  audience: 'all' | NationId[] = 'all',
): void {
  // A generic T's event is one member of the union; TypeScript cannot see that by itself.
  ctx.events.push(makeEvent(type, ctx.round, params, audience) as GameEvent);
}

/** The nations in scenario order. */
export function nationList(state: GameState): NationState[] {
  return state.scenario.nations.map((n) => state.nations[n.id]!);
}

/** Product of the factors of every modifier of `kind` in force for `nation` this round. */
export function modifierFactor(
  state: GameState,
  round: number,
  kind: ModifierKind,
  nation: NationId,
): number {
  let f = 1;
  for (const m of state.modifiers) {
    if (m.kind === kind && m.until >= round && (m.nations.length === 0 || m.nations.includes(nation)))
      f *= m.factor;
  }
  return f;
}

/** World share of each nation in each stack layer (the rest is held by other countries). */
export function layerShares(state: GameState, rules: Rules): Record<NationId, Record<StackLayer, number>> {
  const nations = nationList(state);
  const out: Record<NationId, Record<StackLayer, number>> = {};
  for (const n of nations) out[n.id] = { design: 0, fabrication: 0, lithography: 0, memory: 0 };
  for (const layer of STACK_LAYERS) {
    const total = nations.reduce((s, n) => s + n.stack[layer], 0);
    const nationsPart = 1 - rules.otherStack[layer];
    for (const n of nations) out[n.id]![layer] = total > 0 ? (n.stack[layer] / total) * nationsPart : 0;
  }
  return out;
}

/** Resolves a selector (nation ids and tags) to nation ids, in scenario order. */
export function selectNations(state: GameState, selector: Selector, rules: Rules): NationId[] {
  const nations = nationList(state);
  const chosen = new Set<NationId>();
  const shares = selector.some((s) => s.startsWith('@holder:')) ? layerShares(state, rules) : null;
  for (const sel of selector) {
    if (sel === '*') for (const n of nations) chosen.add(n.id);
    else if (sel === '@open' || sel === '@closed' || sel === '@held') {
      for (const n of nations) if (n.policies.release === sel.slice(1)) chosen.add(n.id);
    } else if (sel === '@leader') {
      const leader = [...nations].sort((a, b) => b.capability - a.capability)[0];
      if (leader) chosen.add(leader.id);
    } else if (sel === '@embargoed') {
      for (const n of nations) {
        if (nations.some((o) => controlOn(state.scenario, o, n).chips === 'embargo')) chosen.add(n.id);
      }
    } else if (sel.startsWith('@holder:')) {
      const layer = sel.slice('@holder:'.length) as StackLayer;
      for (const n of nations) if ((shares![n.id]?.[layer] ?? 0) >= 0.1) chosen.add(n.id);
    } else if (state.nations[sel]) chosen.add(sel);
  }
  return nations.map((n) => n.id).filter((id) => chosen.has(id));
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : Math.min(x, hi);
}

/** The partners of `nation` under treaties of `type`. */
export function partners(state: GameState, nation: NationId, type: TreatyType): NationId[] {
  const out: NationId[] = [];
  for (const t of state.treaties) {
    if (t.type !== type) continue;
    if (t.parties[0] === nation) out.push(t.parties[1]);
    else if (t.parties[1] === nation) out.push(t.parties[0]);
  }
  return out;
}

/** Natural log of one plus spending measured in units of 5% of the nation's base budget. */
export function effort(spend: number, baseBudget: number): number {
  return Math.log(1 + spend / (0.05 * baseBudget));
}
