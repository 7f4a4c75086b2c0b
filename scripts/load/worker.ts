/**
 * One process of the load generator (forked by scripts/loadtest.ts with `--role worker`): plays
 * whole games with @colyseus/sdk clients, as docs/PROTOCOL.md describes, and sends its measures to
 * the parent over the IPC channel. All the clients of a game live in the same process, so the time
 * of a round's last `submit` and the arrival of its `report` are read on one clock.
 *
 * Each client: `ready` in the briefing; a chat line then `ready` in the negotiation; a `draft` then
 * a `submit` (a fixed split of its budget from its `view`) in the orders phase. Before each action it
 * waits a random "think" time, so a client sends about five messages a round, far below the
 * server's 20 messages per second and 5 chat lines per 5 seconds.
 *
 * Flood (`--flood N`): N more clients, each joined to one of the games (a spectator, or with
 * `--flood-as player` a player sharing a nation's seat), start `--flood-after` ms after the game's
 * `Start` to send public `chat` lines at `--flood-rate` messages per second until the server closes
 * their connection (20 messages per second at most: close code 4002) or their game ends. They are
 * not players of the game (the game does not wait for them) and not counted among its clients, drops,
 * acks or bytes; what they sent, got back and when they were closed is reported on its own
 * (`flooders`), and with a flood every normal client's acks are also kept with their send time
 * (`timedAcks`) so that the parent can split them by the flood's time window.
 *
 * Bytes: the SDK takes its WebSocket class from `globalThis.WebSocket` when it is loaded, so this
 * module installs a subclass of `ws` that counts every message's payload (by message kind) and reads
 * the TCP socket's `bytesRead`/`bytesWritten` (payload + WebSocket framing + HTTP upgrade).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { inflateRawSync } from 'node:zlib';
import type { Room } from '@colyseus/sdk';
import WS from 'ws';
import { type DeflatedMessage, type DeflatedType, Inflater } from '../../shared/protocol/wire.ts';

// ---- the counting WebSocket ----

export interface ByteCounter {
  /** Payload bytes received, in total and by kind: 'state', 'patch', 'join', or a message type. */
  received: number;
  byKind: Record<string, number>;
  sent: number;
  /** The socket's bytes read, updated on each message (framing and HTTP upgrade included). */
  wire: number;
}

const PROTOCOL: Record<number, string> = { 10: 'join', 14: 'state', 15: 'patch', 16: 'schema-message' };

/** The kind of a frame: the message type of ROOM_DATA frames (13), else the protocol name. */
function kindOf(b: Uint8Array): string {
  const code = (b[0] ?? 0) & 31;
  if (code !== 13 || b[0]! & 128) return PROTOCOL[code] ?? `protocol-${code}`;
  const t = b[1] ?? 0;
  // The message type is a msgpack string: fixstr (0xa0–0xbf) or str8 (0xd9).
  if ((t & 0xe0) === 0xa0) return Buffer.from(b.subarray(2, 2 + (t & 31))).toString();
  if (t === 0xd9) return Buffer.from(b.subarray(3, 3 + (b[2] ?? 0))).toString();
  return 'data';
}

class CountingWebSocket extends WS {
  counter: ByteCounter = { received: 0, byKind: {}, sent: 0, wire: 0 };
  constructor(url: string, options?: Record<string, unknown>) {
    super(url, { ...(options ?? {}), perMessageDeflate: false });
    this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const bytes =
        data instanceof ArrayBuffer ? new Uint8Array(data) : Array.isArray(data) ? Buffer.concat(data) : data;
      const c = this.counter;
      c.received += bytes.byteLength;
      const kind = kindOf(bytes);
      c.byKind[kind] = (c.byKind[kind] ?? 0) + bytes.byteLength;
      c.wire = (this as unknown as { _socket?: { bytesRead: number } })._socket?.bytesRead ?? c.wire;
    });
  }
  override send(data: Parameters<WS['send']>[0], ...rest: unknown[]): void {
    this.counter.sent += (data as { byteLength?: number }).byteLength ?? String(data).length;
    (super.send as (...a: unknown[]) => void)(data, ...rest);
  }
}
(globalThis as unknown as { WebSocket: unknown }).WebSocket = CountingWebSocket;
const { Client } = await import('@colyseus/sdk');

// ---- what the parent sends and receives ----

export interface WorkerConfig {
  url: string;
  scenario: string;
  nations: string[];
  /** Games this process plays at once. */
  games: number;
  clientsPerRoom: number;
  rounds: number;
  thinkMin: number;
  thinkMax: number;
  /** Each game's Start is sent after a random wait from 0 to this many ms (games out of step). */
  staggerMs: number;
  /** Games of this process that join at the same time. */
  joinConcurrency: number;
  /** Soak: keep `games` games going (new ones as others end) until this time (ms since the epoch). */
  soakUntil: number | null;
  /** Give up on unfinished games at this time (ms since the epoch). */
  deadline: number;
  /** Number of this process (for names). */
  index: number;
  /** Flooding clients of this process, or null without `--flood`. */
  flood: FloodConfig | null;
}

export interface FloodConfig {
  /** One entry per flooder: the number (0-based, in this process) of the game it joins. */
  games: number[];
  /** Spectator, or a player of a nation that a normal client plays too (the games have teams). */
  as: 'spectator' | 'player';
  /** Messages per second a flooder tries to send (0: as fast as its event loop goes). */
  rate: number;
  /** When it starts, in ms after its game's `Start` was sent. */
  afterMs: number;
}

/** What one flooding client did. Times are ms since the epoch (one clock for every process). */
export interface FlooderResult {
  worker: number;
  game: string;
  as: 'spectator' | 'player';
  nation: string | null;
  /** The game's phase and round when the flood began. */
  phaseAtStart: string;
  /** Messages handed to the socket while it was open. */
  sent: number;
  firstSendAt: number | null;
  lastSendAt: number | null;
  /**
   * When the flooder first found its socket no longer open, i.e. the server's close frame had arrived
   * (checked before every send, so within a millisecond or so of the generator's loop).
   */
  closeFrameAt: number | null;
  /** The server's close (onLeave), its code; null if the flooder was still connected when its game ended. */
  closedAt: number | null;
  closeCode: number | null;
  /** Replies (`ok` and `error`) received before the close, and the refusals by text. */
  replies: number;
  ok: number;
  refused: Record<string, number>;
  /** Why it could not join (nothing else is then set). */
  joinFailed?: string;
}

/** A normal client's acknowledged message with its send time (ms since the epoch), in flood runs. */
export interface TimedAck {
  type: string;
  at: number;
  ms: number;
  /** Whether the client's game had a flooder. */
  flooded: boolean;
  /** For `submit`: whether it completed the round (its report came first). */
  resolving: boolean;
}

export interface WorkerResult {
  /** ms from `submit` to its `ok`, split by whether that submit completed the round (the report came first). */
  ackSubmit: number[];
  ackSubmitResolving: number[];
  /** ms from send to reply of the other messages, by type. */
  ackOther: Record<string, number[]>;
  /** ms from a round's last `submit` (sent by any client of the game) to each client's `report`. */
  resolveToReport: number[];
  errors: Record<string, number>;
  /** Payload bytes a client received from the start of its connection to its catch-up messages. */
  initialBytes: number[];
  initialWire: number[];
  /** Per client, payload bytes received from Start to the end of the game, divided by the rounds played. */
  perRoundBytes: number[];
  perRoundWire: number[];
  perRoundSent: number[];
  /** Per client and round, payload bytes by message kind (summed over clients; divide by clientRounds). */
  perRoundByKind: Record<string, number>;
  clientRounds: number;
  gamesJoined: number;
  gamesFull: number;
  gamesFinished: number;
  clientsJoined: number;
  joinFailures: number;
  drops: Record<string, number>;
  roundsPlayed: number;
  /** This process's CPU seconds and its event loop delay (a busy generator inflates latencies). */
  cpuSeconds: number;
  loopDelayP99: number;
  loopDelayMax: number;
  flooders: FlooderResult[];
  timedAcks: TimedAck[];
}

type Msg = { type: 'config'; config: WorkerConfig } | { type: 'go' };

// ---- the players ----

const BUDGET = { compute: 0.3, training: 0.25, chips: 0.15, talent: 0.1, safety: 0.12, aid: 0.08 };
const floor2 = (x: number) => Math.floor(x * 100) / 100;

interface NationView {
  budget: number;
}
interface View {
  round: number;
  nations: Record<string, NationView>;
}

const result: WorkerResult = {
  ackSubmit: [],
  ackSubmitResolving: [],
  ackOther: {},
  resolveToReport: [],
  errors: {},
  initialBytes: [],
  initialWire: [],
  perRoundBytes: [],
  perRoundWire: [],
  perRoundSent: [],
  perRoundByKind: {},
  clientRounds: 0,
  gamesJoined: 0,
  gamesFull: 0,
  gamesFinished: 0,
  clientsJoined: 0,
  joinFailures: 0,
  drops: {},
  roundsPlayed: 0,
  cpuSeconds: 0,
  loopDelayP99: 0,
  loopDelayMax: 0,
  flooders: [],
  timedAcks: [],
};
const bump = (rec: Record<string, number>, key: string, n = 1) => {
  rec[key] = (rec[key] ?? 0) + n;
};

let config!: WorkerConfig;
const think = () => config.thinkMin + Math.random() * (config.thinkMax - config.thinkMin);

/** One game: its clients and when each round's last submit was sent. */
class Game {
  players: Player[] = [];
  lastSubmit = new Map<number, number>();
  code = '';
  ended = false;
  /** The game's number in this process, and whether a flooder joined it. */
  n: number;
  flooded = false;
  finished: Promise<void>;
  private resolveFinished!: () => void;
  constructor(n: number) {
    this.n = n;
    this.finished = new Promise((r) => {
      this.resolveFinished = r;
    });
  }
  playerEnded() {
    if (this.players.every((p) => p.done)) {
      if (!this.ended) {
        this.ended = true;
        this.resolveFinished();
      }
    }
  }
  abandon() {
    for (const p of this.players) p.finish(false);
    this.ended = true;
    this.resolveFinished();
  }
}

class Player {
  room: Room;
  game: Game;
  nation: string;
  facilitator: boolean;
  counter: ByteCounter;
  view: View | null = null;
  acted = new Set<string>();
  /** Messages awaiting their reply (replies come in the order of the messages). */
  pending: { type: string; at: number; round: number }[] = [];
  reportsSeen = new Set<number>();
  startSnapshot: { received: number; wire: number; sent: number; byKind: Record<string, number> } | null =
    null;
  done = false;
  chatTo: string;

  constructor(room: Room, game: Game, nation: string, facilitator: boolean, chatTo: string) {
    this.room = room;
    this.game = game;
    this.nation = nation;
    this.facilitator = facilitator;
    this.chatTo = chatTo;
    const ws = (room.connection as unknown as { transport: { ws: CountingWebSocket } }).transport.ws;
    this.counter = ws.counter;
    room.onMessage('welcome', () => {});
    room.onMessage('team', () => {});
    room.onMessage('chat', () => {});
    room.onMessage('notice', () => {});
    room.onMessage('chatHistory', () => {
      // The last of the catch-up messages a join brings (welcome, view, team, chatHistory).
      result.initialBytes.push(this.counter.received);
      result.initialWire.push(this.counter.wire);
    });
    // Views and reports arrive deflated (docs/PROTOCOL.md §11); their inflated sizes are counted
    // apart, as 'inflated:view' and 'inflated:report' (not part of the bytes received).
    const inflater = new Inflater((data, dictionary) =>
      inflateRawSync(data, dictionary ? { dictionary } : {}),
    );
    const inflate = <T>(type: DeflatedType, m: DeflatedMessage): T => {
      const bytes = inflater.bytes(type, m);
      const c = this.counter;
      c.byKind[`inflated:${type}`] = (c.byKind[`inflated:${type}`] ?? 0) + bytes.byteLength;
      return inflater.read<T>(type, m, bytes);
    };
    room.onMessage('view', (m: DeflatedMessage) => {
      this.view = inflate<View>('view', m);
      this.act();
    });
    // The past reports on joining: read (and counted) but not timed.
    room.onMessage('reports', (m: DeflatedMessage) => void inflate<unknown>('reports', m));
    room.onMessage('report', (m: DeflatedMessage) => {
      const r = inflate<{ round: number }>('report', m);
      if (this.reportsSeen.has(r.round)) return;
      this.reportsSeen.add(r.round);
      const last = this.game.lastSubmit.get(r.round);
      if (last !== undefined) result.resolveToReport.push(performance.now() - last);
    });
    room.onMessage('ok', (m: { message: string }) => this.reply(m.message, true));
    room.onMessage('error', (m: { message: string; problems: { path: string; message: string }[] }) => {
      bump(result.errors, `${m.message}: ${m.problems.map((p) => p.message).join('; ')}`.slice(0, 120));
      this.reply(m.message, false);
    });
    room.onStateChange(() => this.act());
    room.onLeave((code: number) => {
      if (!this.done) {
        bump(result.drops, String(code));
        this.finish(false);
      }
    });
  }

  send(type: string, payload: unknown) {
    if (this.done) return;
    const round = (this.room.state as { round?: number })?.round ?? 0;
    this.pending.push({ type, at: performance.now(), round });
    if (type === 'submit') {
      const prev = this.game.lastSubmit.get(round) ?? 0;
      this.game.lastSubmit.set(round, Math.max(prev, performance.now()));
    }
    this.room.send(type, payload);
  }

  reply(type: string, ok: boolean) {
    const sent = this.pending.shift();
    if (!sent || sent.type !== type) {
      bump(result.errors, `reply out of order: ${type}`);
      return;
    }
    const ms = performance.now() - sent.at;
    if (!ok) return;
    if (config.flood)
      result.timedAcks.push({
        type,
        at: performance.timeOrigin + sent.at,
        ms,
        flooded: this.game.flooded,
        resolving: type === 'submit' && this.reportsSeen.has(sent.round),
      });
    if (type === 'submit')
      (this.reportsSeen.has(sent.round) ? result.ackSubmitResolving : result.ackSubmit).push(ms);
    else {
      result.ackOther[type] ??= [];
      result.ackOther[type].push(ms);
    }
  }

  markStart() {
    const c = this.counter;
    this.startSnapshot = { received: c.received, wire: c.wire, sent: c.sent, byKind: { ...c.byKind } };
  }

  /** Schedules what the phase asks once, after a think time. */
  act() {
    if (this.done) return;
    const state = this.room.state as { phase?: string; round?: number } | undefined;
    const phase = state?.phase;
    const round = state?.round;
    if (!phase || round === undefined) return;
    if (phase === 'ended') return void this.finish(true);
    if (!this.view || this.view.round !== round) return;
    const key = `${round}:${phase}`;
    if (phase === 'lobby' || this.acted.has(key)) return;
    this.acted.add(key);
    const still = () => {
      const s = this.room.state as { phase?: string; round?: number };
      return !this.done && s.phase === phase && s.round === round;
    };
    setTimeout(() => {
      if (!still()) return;
      if (phase === 'briefing') this.send('ready', { ready: true });
      else if (phase === 'negotiation') {
        this.send('chat', {
          channel: round % 2 ? 'public' : this.chatTo,
          text: `Round ${round}: ${this.nation} proposes a forum on compute sharing.`,
        });
        this.send('ready', { ready: true });
      } else if (phase === 'orders') {
        const budget = this.view?.nations[this.nation]?.budget ?? 0;
        this.send('draft', { orders: { budget: { compute: floor2(budget * 0.5) } } });
        setTimeout(() => {
          if (!still()) return;
          const split: Record<string, number> = {};
          for (const [line, share] of Object.entries(BUDGET)) split[line] = floor2(budget * share);
          this.send('submit', { orders: { budget: split, release: 'open', regulation: 'balanced' } });
        }, think() / 2);
      }
    }, think());
  }

  finish(completed: boolean) {
    if (this.done) return;
    this.done = true;
    if (completed && this.startSnapshot) {
      const rounds = this.reportsSeen.size;
      if (rounds > 0) {
        const c = this.counter;
        const s = this.startSnapshot;
        result.perRoundBytes.push((c.received - s.received) / rounds);
        result.perRoundWire.push((c.wire - s.wire) / rounds);
        result.perRoundSent.push((c.sent - s.sent) / rounds);
        for (const [k, v] of Object.entries(c.byKind)) bump(result.perRoundByKind, k, v - (s.byKind[k] ?? 0));
        result.clientRounds += rounds;
      }
      if (this.facilitator) {
        result.roundsPlayed += rounds;
        result.gamesFinished++;
      }
    }
    this.room.leave(true).catch(() => {});
    this.game.playerEnded();
  }
}

/** Creates a game and seats its clients (the creator is the facilitator and plays the first nation). */
async function joinGame(client: InstanceType<typeof Client>, n: number): Promise<Game | null> {
  const game = new Game(n);
  const { nations, clientsPerRoom } = config;
  const nationOf = (i: number) => nations[i % nations.length]!;
  const chatTo = (i: number) => nations[(i + 1) % Math.min(nations.length, clientsPerRoom)]!;
  const name = (i: number) => `L${config.index}-${n}-${i}`;
  let room: Room;
  try {
    room = await client.create('game', {
      name: name(0),
      nation: nationOf(0),
      game: {
        scenario: config.scenario,
        rounds: config.rounds,
        timers: { briefing: 0, negotiation: 0, orders: 0 },
        private: true,
        // The default, but the player flooders rely on it: they share a nation with a normal client.
        ...(config.flood?.as === 'player' ? { teams: true } : {}),
      },
    });
  } catch (e) {
    result.joinFailures++;
    bump(result.errors, `create: ${(e as Error).message}`.slice(0, 120));
    return null;
  }
  game.code = room.roomId;
  game.players.push(new Player(room, game, nationOf(0), true, chatTo(0)));
  result.gamesJoined++;
  result.clientsJoined++;
  const others = await Promise.all(
    Array.from({ length: clientsPerRoom - 1 }, async (_, j) => {
      const i = j + 1;
      try {
        const r = await client.joinById(game.code, { name: name(i), nation: nationOf(i) });
        return new Player(r, game, nationOf(i), false, chatTo(i));
      } catch (e) {
        result.joinFailures++;
        bump(result.errors, `join: ${(e as Error).message}`.slice(0, 120));
        return null;
      }
    }),
  );
  for (const p of others) if (p) game.players.push(p);
  result.clientsJoined += game.players.length - 1;
  if (game.players.length === clientsPerRoom) result.gamesFull++;
  return game;
}

// ---- the flooders ----

const now = () => performance.timeOrigin + performance.now();

/** A client that joins a game and, once told, sends public chat lines as fast as asked until closed. */
class Flooder {
  room: Room;
  game: Game;
  r: FlooderResult;
  closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(room: Room, game: Game, r: FlooderResult) {
    this.room = room;
    this.game = game;
    this.r = r;
    room.onMessage('ok', () => {
      if (this.closed) return;
      r.replies++;
      r.ok++;
    });
    room.onMessage('error', (m: { problems?: { message: string }[] }) => {
      if (this.closed) return;
      r.replies++;
      bump(r.refused, (m.problems?.map((p) => p.message).join('; ') ?? '?').slice(0, 100));
    });
    // Everything else a member receives (view, report, chat, team, welcome, …) is ignored.
    room.onMessage('*', () => {});
    room.onLeave((code: number) => {
      if (this.closed) return;
      this.closed = true;
      r.closedAt = now();
      r.closeFrameAt ??= r.closedAt;
      r.closeCode = code;
      clearTimeout(this.timer);
    });
    void game.finished.then(() => this.stop());
  }

  flood(rate: number) {
    if (this.closed || this.game.ended) return;
    const s = this.room.state as { phase?: string; round?: number } | undefined;
    this.r.phaseAtStart = `${s?.phase ?? '?'} ${s?.round ?? '?'}`;
    const t0 = performance.now();
    let n = 0;
    const tick = () => {
      if (this.closed) return;
      // Paced: send what is owed since t0 (a late tick sends a burst); unpaced: 50 a turn of the loop.
      const owed = rate > 0 ? Math.floor(((performance.now() - t0) * rate) / 1000) + 1 - this.r.sent : 50;
      for (let i = 0; i <= owed; i++) {
        // The server's close frame has arrived (the socket is closing): stop.
        if (!this.room.connection.isOpen) {
          this.r.closeFrameAt = now();
          return;
        }
        if (i === owed) break;
        this.room.send('chat', { channel: 'public', text: `flood ${n++}` });
        const t = now();
        this.r.firstSendAt ??= t;
        this.r.lastSendAt = t;
        this.r.sent++;
      }
      if (rate > 0) this.timer = setTimeout(tick, 1);
      else setImmediate(tick);
    };
    tick();
  }

  /** The game ended before the server closed this flooder: leave. */
  stop() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.room.leave(true).catch(() => {});
  }
}

async function joinFlooder(
  client: InstanceType<typeof Client>,
  game: Game | undefined,
  k: number,
): Promise<Flooder | null> {
  const as = config.flood!.as;
  const { nations, clientsPerRoom } = config;
  // A player flooder joins the team of the game's second client (the first is the facilitator).
  const nation = as === 'player' ? nations[(clientsPerRoom > 1 ? 1 : 0) % nations.length]! : null;
  const r: FlooderResult = {
    worker: config.index,
    game: game?.code ?? '',
    as,
    nation,
    phaseAtStart: '',
    sent: 0,
    firstSendAt: null,
    lastSendAt: null,
    closeFrameAt: null,
    closedAt: null,
    closeCode: null,
    replies: 0,
    ok: 0,
    refused: {},
  };
  result.flooders.push(r);
  if (!game) {
    r.joinFailed = 'its game could not be created';
    return null;
  }
  try {
    const name = `Flood-${config.index}-${k}`;
    const room = await client.joinById(
      game.code,
      as === 'player' ? { name, nation: nation! } : { name, role: 'spectator' },
    );
    game.flooded = true;
    return new Flooder(room, game, r);
  } catch (e) {
    r.joinFailed = (e as Error).message.slice(0, 120);
    return null;
  }
}

function start(game: Game) {
  for (const p of game.players) p.markStart();
  game.players[0]!.send('command', { type: 'Start' });
}

async function pool<T>(items: number[], limit: number, fn: (n: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

async function waitFinished(games: Game[]) {
  const left = config.deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(games.map((g) => g.finished)),
    new Promise<void>((r) => {
      timer = setTimeout(r, Math.max(0, left));
    }),
  ]);
  clearTimeout(timer);
  for (const g of games) if (!g.ended) g.abandon();
}

const send = (m: unknown) => new Promise<void>((r) => process.send!(m, () => r()));

/** Fixed mode: join every game, wait for the parent's `go`, start them all, wait for their ends. */
async function runFixed(client: InstanceType<typeof Client>, go: Promise<void>) {
  const ids = Array.from({ length: config.games }, (_, i) => i);
  const games = (await pool(ids, config.joinConcurrency, (n) => joinGame(client, n))).filter(
    (g): g is Game => g !== null,
  );
  const flood = config.flood;
  const flooders: Flooder[] = [];
  if (flood) {
    const byN = new Map(games.map((g) => [g.n, g]));
    const joined = await pool(
      flood.games.map((_, k) => k),
      config.joinConcurrency,
      (k) => joinFlooder(client, byN.get(flood.games[k]!), k),
    );
    for (const f of joined) if (f) flooders.push(f);
  }
  await send({ type: 'joined', games: games.length, clients: result.clientsJoined });
  await go;
  for (const g of games)
    if (config.staggerMs > 0) setTimeout(() => start(g), Math.random() * config.staggerMs);
    else start(g);
  if (flood)
    setTimeout(() => {
      for (const f of flooders) f.flood(flood.rate);
    }, flood.afterMs);
  await waitFinished(games);
  for (const f of flooders) f.stop();
}

/** Soak mode: keep `games` games going until soakUntil, each joined, started and played to the end. */
async function runSoak(client: InstanceType<typeof Client>) {
  let n = 0;
  const slot = async () => {
    while (Date.now() < config.soakUntil!) {
      const game = await joinGame(client, n++);
      if (!game) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      start(game);
      await waitFinished([game]);
    }
  };
  await Promise.all(Array.from({ length: config.games }, slot));
}

export async function runWorker() {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let onGo!: () => void;
  const go = new Promise<void>((r) => {
    onGo = r;
  });
  const configured = new Promise<void>((resolve) => {
    process.on('message', (m: Msg) => {
      if (m.type === 'config') {
        config = m.config;
        resolve();
      } else if (m.type === 'go') onGo();
    });
  });
  await configured;
  const cpu0 = process.cpuUsage();
  loop.enable();
  const client = new Client(config.url);
  if (config.soakUntil === null) {
    await runFixed(client, go);
  } else await runSoak(client);
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  result.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  result.loopDelayP99 = loop.percentile(99) / 1e6;
  result.loopDelayMax = loop.max / 1e6;
  await send({ type: 'result', result });
  // Let the leaves go out before exiting.
  setTimeout(() => process.exit(0), 500);
}
