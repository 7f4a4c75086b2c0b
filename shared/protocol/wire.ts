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
 *
 * Both messages then travel deflated (PROTOCOL §7, "Deflated messages"): raw DEFLATE of their msgpack bytes, each primed with the
 * previous message of its type on the same connection as a preset dictionary, so a round's view costs
 * little more than what changed. That took a client's bytes per round from 24 to about 8 KiB.
 */
import { inflateSync } from 'fflate';
import { Unpackr } from 'msgpackr';
import type { EventParam, EventType, GameEvent } from '../engine/events.ts';
import type { NationId } from '../engine/types.ts';
import { type GameView, type OwnView, withOwn } from '../engine/viewFor.ts';

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
  // The server packed these from GameEvents: type and params still belong together.
  return events.map(
    (e) =>
      ({
        type: e.type,
        key: `event.${e.type}`,
        round: e.round ?? round,
        params: e.params,
        audience: e.audience ?? 'all',
      }) as GameEvent,
  );
}

/**
 * A `view` or `report` as sent: its msgpack bytes, deflated (raw DEFLATE, RFC 1951). When
 * `dictionary` is not 0, the compressor was primed with a preset dictionary: the msgpack bytes of the
 * previous message of the same type on this connection, as the client inflated them, which are
 * `dictionary` bytes long (zlib uses their last 32 KiB).
 */
export interface DeflatedMessage {
  deflated: Uint8Array;
  dictionary: number;
  /**
   * `report` only, to a nation's members: the events addressed to the nation, which the deflated
   * report (the public events, the same for every nation) lacks, and where each goes in the list.
   */
  ownEvents?: OwnEvents;
  /**
   * `view` only, to a nation's members: what the nation sees beyond the deflated view, which is then
   * the spectators' view, the same for every nation (so the server deflates it once for all).
   */
  own?: OwnView;
}

/** A nation's private events of a report: `events[i]` is event number `at[i]` of its whole list. */
export interface OwnEvents {
  events: WireEvent[];
  at: number[];
}

/** The events of a report only `nation` (of those who are not the facilitator) may see, and their places. */
export function ownEvents(events: readonly GameEvent[], nation: NationId, round: number): OwnEvents {
  const own: OwnEvents = { events: [], at: [] };
  let index = 0;
  for (const e of events) {
    if (e.audience === 'all') index++;
    else if (e.audience.includes(nation)) {
      own.events.push(...packEvents([e], round));
      own.at.push(index++);
    }
  }
  return own;
}

/** The public events of a report with a nation's own ones put back in their places. */
export function withOwnEvents(events: readonly WireEvent[], own: OwnEvents): WireEvent[] {
  const out = [...events];
  for (let i = 0; i < own.events.length; i++) out.splice(own.at[i]!, 0, own.events[i]!);
  return out;
}

/** Message types sent deflated. */
export const DEFLATED_TYPES = ['view', 'report', 'reports'] as const;
export type DeflatedType = (typeof DEFLATED_TYPES)[number];

// The server packs with msgpackr without its record extension (plain msgpack), as Colyseus does.
const unpackr = new Unpackr({ useRecords: false });

/**
 * Inflates one connection's deflated messages, remembering the last bytes of each type for the next
 * message's dictionary. Use one per connection: the server starts every connection's chains afresh,
 * and again after a reconnection.
 */
export class Inflater {
  private readonly last = new Map<string, Uint8Array>();

  /**
   * `inflate` is raw DEFLATE's decompressor: fflate's by default (browsers, anywhere); in Node,
   * `(data, dictionary) => zlib.inflateRawSync(data, { dictionary })` is several times faster.
   */
  private readonly inflate: (data: Uint8Array, dictionary?: Uint8Array) => Uint8Array;

  constructor(
    inflate: (data: Uint8Array, dictionary?: Uint8Array) => Uint8Array = (data, dictionary) =>
      inflateSync(data, dictionary ? { dictionary } : undefined),
  ) {
    this.inflate = inflate;
  }

  /** The message's msgpack bytes. Throws if it is primed with bytes this client does not have. */
  bytes(type: DeflatedType, message: DeflatedMessage): Uint8Array {
    const previous = this.last.get(type);
    if (message.dictionary !== 0 && previous?.byteLength !== message.dictionary)
      throw new Error(
        `${type}: primed with a previous message of ${message.dictionary} bytes, but this client has ${previous ? `one of ${previous.byteLength}` : 'none'}`,
      );
    const bytes = this.inflate(message.deflated, message.dictionary ? previous : undefined);
    this.last.set(type, bytes);
    return bytes;
  }

  /**
   * The message itself: a WireView for `view` (with the nation's own part applied, if any), a
   * RoundReportMessage for `report` (with the nation's own events put back, if any), a
   * PastReportsMessage for `reports` (each report already cut for this client by the server).
   */
  message<T>(type: DeflatedType, message: DeflatedMessage): T {
    return this.read<T>(type, message, this.bytes(type, message));
  }

  /** The message from its inflated `bytes` (from `bytes`, for a caller that also counts them). */
  read<T>(type: DeflatedType, message: DeflatedMessage, bytes: Uint8Array): T {
    const value = unpackr.unpack(bytes);
    if (type === 'view' && message.own) return withOwn(value as WireView, message.own) as T;
    if (type === 'report' && message.ownEvents) {
      const report = value as { events: WireEvent[] };
      return { ...report, events: withOwnEvents(report.events, message.ownEvents) } as T;
    }
    return value as T;
  }
}
