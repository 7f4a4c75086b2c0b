/**
 * The compact wire form of the two largest server messages, `view` and `report`, and how a client
 * turns them back into the engine's GameView and events (docs/PROTOCOL.md §9 and §10).
 *
 * - The adoption table (every market × every stack) travels as whole numbers of permille (0.1%) in
 *   one flat array, markets × stacks, instead of an object of floating-point shares.
 * - The history travels as the entries the client does not have yet: `historyFrom` is the index of
 *   the first one sent (0: the whole history). History entries are only ever appended.
 * - Events travel without their message key (always `event.<type>`), and without their round and
 *   audience when these are the report's round and everyone.
 *
 * Together with the other changes of that day they cut a client's bytes per round from 54 to 24 KiB
 * and the initial state from 36 to 13 KiB at 8 nations (docs/BENCHMARKS.md).
 */
import type { EventParam, EventType, GameEvent } from '../engine/events.ts';
import type { NationId } from '../engine/types.ts';
import type { GameView } from '../engine/viewFor.ts';

export interface PackedAdoption {
  /** The stacks (nations and 'OTHER'), in the order of each market's values. */
  stacks: string[];
  /** The markets (ISO 3166 codes), in the order of the rows. */
  markets: string[];
  /** Row-major, markets × stacks: each share in permille (0–1000); -1 where a market has no such stack. */
  permille: number[];
}

export interface WireView extends Omit<GameView, 'adoption' | 'history'> {
  adoption: PackedAdoption;
  /** Index of the first history entry in `history`; the entries before it are the ones already sent. */
  historyFrom: number;
  history: GameView['history'];
}

/** An event on the wire: type and params; the round and audience only when not the report's and everyone. */
export interface WireEvent {
  type: EventType;
  params: Record<string, EventParam>;
  round?: number;
  audience?: NationId[];
}

export function packAdoption(adoption: GameView['adoption']): PackedAdoption {
  const markets = Object.keys(adoption);
  const stacks: string[] = [];
  const seen = new Set<string>();
  for (const m of markets)
    for (const s of Object.keys(adoption[m]!))
      if (!seen.has(s)) {
        seen.add(s);
        stacks.push(s);
      }
  const permille = new Array<number>(markets.length * stacks.length);
  let i = 0;
  for (const m of markets) {
    const row = adoption[m]!;
    for (const s of stacks) {
      const share = row[s];
      permille[i++] = share === undefined ? -1 : Math.round(share * 1000);
    }
  }
  return { stacks, markets, permille };
}

export function unpackAdoption(packed: PackedAdoption): GameView['adoption'] {
  const out: GameView['adoption'] = {};
  const { stacks, markets, permille } = packed;
  let i = 0;
  for (const m of markets) {
    const row: Record<string, number> = {};
    for (const s of stacks) {
      const v = permille[i++]!;
      if (v >= 0) row[s] = v / 1000;
    }
    out[m] = row;
  }
  return out;
}

/** The view as sent: `historyFrom` entries of its history are taken as already known by the client. */
export function packView(
  view: GameView,
  historyFrom = 0,
  /** `packAdoption(view.adoption)`, when the caller already has it (it is the same for every viewer). */
  adoption: PackedAdoption = packAdoption(view.adoption),
): WireView {
  const from = Math.max(0, Math.min(historyFrom, view.history.length));
  return { ...view, adoption, historyFrom: from, history: view.history.slice(from) };
}

/**
 * The view a client rebuilds from a wire view and the view it had before (null at first). Throws if
 * the message continues a history the client does not have (then it must rejoin).
 */
export function unpackView(wire: WireView, previous: GameView | null): GameView {
  const known = previous?.history ?? [];
  if (wire.historyFrom > known.length)
    throw new Error(`view: history from ${wire.historyFrom}, but only ${known.length} entries are known`);
  const { historyFrom: _from, ...rest } = wire;
  return {
    ...rest,
    adoption: unpackAdoption(wire.adoption),
    history: [...known.slice(0, wire.historyFrom), ...wire.history],
  };
}

/** Events of a report on `round`, as sent. */
export function packEvents(events: readonly GameEvent[], round: number): WireEvent[] {
  return events.map((e) => {
    const w: WireEvent = { type: e.type, params: e.params };
    if (e.round !== round) w.round = e.round;
    if (e.audience !== 'all') w.audience = e.audience;
    return w;
  });
}

export function unpackEvents(events: readonly WireEvent[], round: number): GameEvent[] {
  return events.map((e) => ({
    type: e.type,
    key: `event.${e.type}`,
    round: e.round ?? round,
    params: e.params,
    audience: e.audience ?? 'all',
  }));
}
