/**
 * The Colyseus room of one game: a thin shell that parses every message with its zod schema, hands
 * it to the GameSession, and delivers to each client only what it may see.
 */
import { randomInt } from 'node:crypto';
import { type Client, Room, ServerError } from '@colyseus/core';
import type { z } from 'zod';
import {
  eventsFor,
  type GameEvent,
  type GameView,
  type OwnView,
  ownView,
  type Viewer,
} from '../../shared/engine/index.ts';
import {
  CLIENT_MESSAGES,
  type ClientMessage,
  type ClientMessageType,
  type Command,
  CreateOptionsSchema,
  JOIN_DENIED_CLOSE_CODE,
  JoinOptionsSchema,
  KICKED_CLOSE_CODE,
  TOO_MANY_BYTES_CLOSE_CODE,
} from '../../shared/protocol/schemas.ts';
import type {
  ChatLine,
  PastReportsMessage,
  ReportKind,
  ServerMessages,
} from '../../shared/protocol/serverMessages.ts';
import {
  type OwnEvents,
  ownEvents,
  type PackedAdoption,
  packAdoption,
  packEvents,
  packView,
} from '../../shared/protocol/wire.ts';
import { agentSeatsOf } from '../game/AgentSeats.ts';
import { maySeeChat } from '../game/chatAudience.ts';
import { type Delivery, GameSession, type PastReport } from '../game/GameSession.ts';
import { gameSummary } from '../game/gameSummary.ts';
import { newJoinCode } from '../game/joinCode.ts';
import { readScenario } from '../scenarioFiles.ts';
import { ByteBudget } from '../security/ByteBudget.ts';
import type { Storage } from '../storage/Storage.ts';
import { Deflater, encode } from './Deflater.ts';
import { ClientState, GameRoomState, type GameRoomStateType, SeatState } from './RoomState.ts';

/** What rooms share in one server process. */
export interface RoomContext {
  storage: Storage;
  /** Live games by join code. */
  games: Map<string, GameSession>;
  /** Only the server itself may ask a room to restore a saved game. */
  restoreSecret: string;
  /** A game still in its lobby with nobody connected this long (ms) is closed and not restored. */
  lobbyIdleMs?: number;
}

/** A lobby nobody attends is closed after this long (ms) by default. */
export const LOBBY_IDLE_MS = 10 * 60_000;

let context: RoomContext | null = null;
/** Sets the storage and registry rooms use (called once at start-up). */
export function configureRooms(ctx: RoomContext): void {
  context = ctx;
}

/** A client's seat token; a client waiting for its team's answer has none yet (`pending`). */
type GameClient = Client<{ userData: { token: string; pending?: boolean } }>;

/**
 * The views of one state: the facilitator's and everyone else's (the spectators'), each cut once and
 * packed once per history start, and each nation's own part.
 */
interface Cut {
  state: unknown;
  views: Map<string, GameView>;
  adoption: PackedAdoption | null;
  bytes: Map<string, Buffer>;
  own: Map<string, OwnView>;
  /** The reports published so far (they change only with the state). */
  past: PastReport[] | null;
}
const emptyCut = (): Cut => ({
  state: null,
  views: new Map(),
  adoption: null,
  bytes: new Map(),
  own: new Map(),
  past: null,
});

const problemText = (errors: { path: string; message: string }[]) =>
  errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');

/**
 * A zod failure of create or join options as problems worded alike: each under its dotted path, an
 * unknown option under its own name (`game.colour: is not a known option`), never an empty path.
 */
function optionProblems(error: z.ZodError, prefix: string[] = []): { path: string; message: string }[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({
          path: [...prefix, ...i.path, key].join('.'),
          message: 'is not a known option',
        }))
      : [{ path: [...prefix, ...i.path].join('.'), message: i.message }],
  );
}

export class GameRoom extends Room<{ state: GameRoomStateType }> {
  session!: GameSession;
  private storage!: Storage;
  private listed = '';
  /** The synced room state lags the session (see onBeforePatch). */
  private stale = false;
  private awaitingCreator = false;
  /** The session id of the creator's seat reservation: only it becomes the facilitator. */
  private creatorSession: string | null = null;
  /** Since when (ms) a game in its lobby has had no client, or null. */
  private idleSince: number | null = Date.now();
  private lobbyIdleMs = LOBBY_IDLE_MS;
  /** Bytes each client may still send (by session id). */
  private readonly budgets = new Map<string, ByteBudget>();
  private readonly dropped = new Set<string>();
  private viewVersion = new Map<string, unknown>();
  private cut: Cut = emptyCut();
  /** Views and reports travel deflated, each primed with the previous one of the client. */
  private readonly deflater = new Deflater();
  /** How many history entries each client has been sent. */
  private historySent = new Map<string, number>();

  override async onCreate(options: Record<string, unknown>) {
    if (!context) throw new Error('rooms are not configured');
    const { storage, games, restoreSecret } = context;
    this.storage = storage;
    this.lobbyIdleMs = context.lobbyIdleMs ?? LOBBY_IDLE_MS;
    if (typeof options.restore === 'string') {
      if (options.restoreSecret !== restoreSecret) throw new ServerError(403, 'restore: not allowed');
      if (!(await storage.load(options.restore))) throw new ServerError(404, 'restore: no such game');
      this.session = GameSession.restore(storage, options.restore);
    } else {
      // The creator's own join options are checked before anything is created or stored.
      const { game: _g, ...creatorOptions } = options;
      const creatorJoin = JoinOptionsSchema.safeParse({ ...creatorOptions, role: 'facilitator' });
      if (!creatorJoin.success) throw new ServerError(400, problemText(optionProblems(creatorJoin.error)));
      const parsed = CreateOptionsSchema.safeParse(options.game ?? {});
      if (!parsed.success) throw new ServerError(400, problemText(optionProblems(parsed.error, ['game'])));
      let scenario: ReturnType<typeof readScenario>;
      try {
        scenario = readScenario(parsed.data.scenario);
      } catch (e) {
        throw new ServerError(400, `game.scenario: ${(e as Error).message}`);
      }
      let code = newJoinCode((c) => games.has(c));
      while (await storage.exists(code)) code = newJoinCode((c) => games.has(c));
      const seed = parsed.data.seed ?? randomInt(2_147_483_647);
      this.session = GameSession.create(storage, code, parsed.data, scenario, seed);
      this.awaitingCreator = true;
      // The first seat reserved in a new room is its creator's (Colyseus reserves it right after
      // onCreate): the facilitator's seat is kept for that reservation, never for the first to join.
      const self = this as unknown as { _reserveSeat: (sessionId: string, ...rest: unknown[]) => unknown };
      const reserve = self._reserveSeat.bind(this);
      self._reserveSeat = (sessionId, ...rest) => {
        this.creatorSession ??= sessionId;
        return reserve(sessionId, ...rest);
      };
    }
    this.roomId = this.session.code;
    games.set(this.session.code, this.session);
    this.maxMessagesPerSecond = 20;
    // A turn-based game: the synced state (phase, seats, readiness) need not reach clients 20 times a
    // second, Colyseus' default. Ten is quick enough to see, and halves the rooms' idle work.
    this.patchRate = 100;
    this.autoDispose = this.session.status === 'ended';
    // A game that ends (last round resolved or EndGame) frees its room once the last client leaves.
    this.session.onEnded = () => {
      this.autoDispose = true;
      if (this.clients.length === 0) void this.disconnect();
    };
    this.setState(new GameRoomState());
    this.session.delivery = this.delivery();
    this.clock.setInterval(() => {
      this.session.tick(Date.now());
      this.closeIfUnattended(Date.now());
    }, 1000);
    this.onMessage('*', (client, type, message) => {
      // A client over its byte budget is being closed: what it sent after is not handled.
      if (this.budgets.get(client.sessionId)?.spent) return;
      try {
        this.handle(client as GameClient, String(type), message);
      } catch (e) {
        // A bug must cost one message, never the server: the state is left as the last step saved it.
        console.error(`[${this.session.code}] message '${String(type)}' failed:`, e);
        this.sendTo(client, 'error', {
          message: String(type),
          problems: [{ path: '', message: 'the server could not handle this message; it was not applied' }],
        });
      }
    });
    this.sync();
    void this.setPrivate(this.session.options.private);
  }

  override async onJoin(client: GameClient, options: Record<string, unknown>) {
    const { game: _game, restore: _r, restoreSecret: _s, ...rest } = options ?? {};
    const creator = this.awaitingCreator && client.sessionId === this.creatorSession;
    const parsed = JoinOptionsSchema.safeParse(creator ? { ...rest, role: 'facilitator' } : rest);
    if (!parsed.success) throw new ServerError(400, problemText(optionProblems(parsed.error)));
    const joined = this.session.join(parsed.data, client.sessionId, creator);
    if (!joined.ok) throw new ServerError(400, problemText(joined.errors));
    if (creator) this.awaitingCreator = false;
    this.watchBytes(client);
    if ('request' in joined.value) {
      // Waits for its team's answer, seeing nothing of the game but the public room state.
      client.userData = { token: '', pending: true };
      const { nation, name } = joined.value.request;
      this.sendTo(client, 'waiting', { code: this.session.code, nation, name });
      return;
    }
    await this.seat(client, joined.value.member);
  }

  /** Gives a client its seat: durable first, then its welcome and everything it may see. */
  private async seat(client: GameClient, m: NonNullable<ReturnType<GameSession['member']>>) {
    // The seat (and its token) is durable before the client learns it.
    await this.storage.flush();
    client.userData = { token: m.token };
    this.session.connected(m.token, 1, Date.now());
    this.sendTo(client, 'welcome', {
      sessionId: client.sessionId,
      role: m.role,
      nation: m.nation,
      name: m.name,
      seatToken: m.token,
      code: this.session.code,
      scenario: this.session.state.scenario.id,
    });
    this.catchUp(client);
    this.sync();
  }

  /**
   * Counts the bytes a client sends, before Colyseus decodes them: past its budget the client is
   * closed, and what it sent after is ignored.
   */
  private watchBytes(client: GameClient) {
    const budget = new ByteBudget();
    this.budgets.set(client.sessionId, budget);
    client.ref.prependListener('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const bytes = Array.isArray(data)
        ? data.reduce((s, b) => s + b.length, 0)
        : (data as Buffer | ArrayBuffer).byteLength;
      if (budget.spend(bytes, Date.now())) return;
      if (budget.closing) return;
      budget.closing = true;
      console.warn(`[${this.session.code}] client ${client.sessionId}: too many bytes per second; closed`);
      client.leave(TOO_MANY_BYTES_CLOSE_CODE, 'too many bytes per second');
    });
  }

  /** A lobby nobody is connected to is closed after a while (its creator never came, or all left). */
  private closeIfUnattended(now: number) {
    if (this.session.status !== 'lobby' || this.clients.length > 0) {
      this.idleSince = null;
      return;
    }
    this.idleSince ??= now;
    if (now - this.idleSince < this.lobbyIdleMs) return;
    console.log(
      `[${this.session.code}] lobby unattended for ${Math.round(this.lobbyIdleMs / 1000)} s: closed`,
    );
    this.session.abandon();
    this.autoDispose = true;
    void this.disconnect();
  }

  override onDrop(client: GameClient) {
    if (client.userData?.pending) return this.onLeave(client);
    this.dropped.add(client.sessionId);
    this.session.connected(client.userData!.token, -1, Date.now());
    this.sync();
    this.allowReconnection(client, 30);
  }

  override onReconnect(client: GameClient) {
    this.dropped.delete(client.sessionId);
    this.watchBytes(client);
    this.session.connected(client.userData!.token, 1, Date.now());
    this.viewVersion.delete(client.sessionId);
    // Messages sent while it was away may be lost: its next view and report are not primed.
    this.deflater.forget(client.sessionId);
    this.catchUp(client);
    this.sync();
  }

  override onLeave(client: GameClient) {
    this.budgets.delete(client.sessionId);
    if (client.userData?.pending) {
      this.session.cancelRequest(client.sessionId);
      return;
    }
    const token = client.userData?.token;
    if (token && !this.dropped.delete(client.sessionId)) this.session.connected(token, -1, Date.now());
    this.viewVersion.delete(client.sessionId);
    this.historySent.delete(client.sessionId);
    this.deflater.forget(client.sessionId);
    this.sync();
  }

  override onDispose() {
    if (!this.session) return;
    context?.games.delete(this.session.code);
    this.storage.forget(this.session.code);
  }

  /**
   * Sends what is true now, once every write made so far is durable (at once with SQLite), in the
   * order of the calls: nobody is told of an order, a round or a chat line that a crash could lose.
   */
  private sendTo<K extends keyof ServerMessages>(client: Client, type: K, message: ServerMessages[K]) {
    this.storage.flush().then(
      () => client.send(type, message),
      (e: Error) => console.error(`[${this.session.code}] not saved, '${type}' not sent:`, e.message),
    );
  }

  /**
   * Everything a (re)joining client needs: the reports so far, its view, its team's orders and the
   * chat it may read.
   */
  private catchUp(client: GameClient) {
    const m = this.session.member(client.userData!.token);
    this.sendReports(client);
    this.sendView(client, true);
    if (m?.nation) this.sendTo(client, 'team', this.session.teamOrders(m.nation));
    if (m) this.sendTo(client, 'chatHistory', this.session.chatFor(m));
    if (m && (m.nation || m.role === 'facilitator'))
      this.sendTo(client, 'joinRequests', { requests: this.session.requestsFor(m) });
  }

  /**
   * Sends the client its view, with only the history entries it has not had yet (unless `full`).
   * Every client but the facilitator gets the spectators' view, deflated once for all who are in step,
   * and a nation's members its own part beside it (`ownView`): their secret objective and proposals.
   */
  private sendView(client: GameClient, full = false) {
    const state = this.session.state;
    if (this.cut.state !== state) this.cut = { ...emptyCut(), state };
    const viewer = this.viewerOf(client);
    const key = viewer.kind === 'facilitator' ? 'facilitator' : 'spectator';
    let view = this.cut.views.get(key);
    if (!view) {
      view = this.session.viewAs(viewer.kind === 'facilitator' ? viewer : { kind: 'spectator' });
      this.cut.views.set(key, view);
    }
    this.cut.adoption ??= packAdoption(view.adoption);
    this.viewVersion.set(client.sessionId, state);
    const from = Math.min(full ? 0 : (this.historySent.get(client.sessionId) ?? 0), view.history.length);
    this.historySent.set(client.sessionId, view.history.length);
    let bytes = this.cut.bytes.get(`${key}:${from}`);
    if (!bytes) {
      bytes = encode(packView(view, from, this.cut.adoption));
      this.cut.bytes.set(`${key}:${from}`, bytes);
    }
    const sent = this.deflater.deflate(client.sessionId, 'view', bytes);
    if (viewer.kind === 'nation') {
      let own = this.cut.own.get(viewer.nation);
      if (!own) {
        own = ownView(state, viewer.nation);
        this.cut.own.set(viewer.nation, own);
      }
      sent.own = own;
    }
    this.sendTo(client, 'view', sent);
  }

  /**
   * Sends the client every report published so far, cut as its live `report`s were: every event for
   * the facilitator; for everyone else the public ones, plus for a nation's members those addressed
   * to the nation. Packed once per kind of viewer and state (a restart brings everyone back at once).
   */
  private sendReports(client: GameClient) {
    const state = this.session.state;
    if (this.cut.state !== state) this.cut = { ...emptyCut(), state };
    const viewer = this.viewerOf(client);
    const key = `reports:${viewer.kind === 'nation' ? viewer.nation : viewer.kind}`;
    let bytes = this.cut.bytes.get(key);
    if (!bytes) {
      this.cut.past ??= this.session.pastReports();
      const message: PastReportsMessage = {
        reports: this.cut.past.map((r) => ({
          round: r.round,
          kind: r.kind,
          events: packEvents(eventsFor(r.events, viewer), r.round),
          bots: [],
        })),
      };
      bytes = encode(message);
      this.cut.bytes.set(key, bytes);
    }
    this.sendTo(client, 'reports', this.deflater.deflate(client.sessionId, 'reports', bytes));
  }

  private viewerOf(client: GameClient): Viewer {
    const m = this.session.member(client.userData!.token);
    if (!m || m.role === 'spectator') return { kind: 'spectator' };
    return m.nation ? { kind: 'nation', nation: m.nation } : { kind: 'facilitator' };
  }

  private delivery(): Delivery {
    // Clients waiting for their team's answer get nothing but the public room state.
    const each = (fn: (c: GameClient) => void) => {
      for (const c of this.clients) {
        const data = (c as GameClient).userData;
        if (data && !data.pending) fn(c as GameClient);
      }
    };
    const memberOf = (c: GameClient) => this.session.member(c.userData!.token);
    return {
      changed: () => {
        this.stale = true;
        // Views are large: send them only when the engine state itself changed.
        each((c) => {
          if (this.viewVersion.get(c.sessionId) !== this.session.state) this.sendView(c);
        });
        // The cut views served this broadcast; a room keeps none between broadcasts (memory).
        this.cut = emptyCut();
        this.deflater.endBroadcast();
      },
      teamOrders: (nation) =>
        each(
          (c) => memberOf(c)?.nation === nation && this.sendTo(c, 'team', this.session.teamOrders(nation)),
        ),
      chat: (line: ChatLine) =>
        each((c) => {
          const m = memberOf(c);
          if (m && maySeeChat(line, m)) this.sendTo(c, 'chat', line);
        }),
      report: (kind: ReportKind, round: number, events: GameEvent[], bots = [], botsFull = bots) => {
        // Like views: every client but the facilitator gets the public events, packed and deflated
        // once for all who are in step, and a nation's members the events addressed to it beside them.
        const packed = new Map<'public' | 'facilitator', Buffer>();
        const bytesFor = (key: 'public' | 'facilitator') => {
          let bytes = packed.get(key);
          if (!bytes) {
            const seen = key === 'facilitator' ? events : events.filter((e) => e.audience === 'all');
            bytes = encode({
              round,
              kind,
              events: packEvents(seen, round),
              bots: key === 'facilitator' ? botsFull : bots,
            });
            packed.set(key, bytes);
          }
          return bytes;
        };
        const own = new Map<string, OwnEvents>();
        each((c) => {
          const viewer = this.viewerOf(c);
          const sent = this.deflater.deflate(
            c.sessionId,
            'report',
            bytesFor(viewer.kind === 'facilitator' ? 'facilitator' : 'public'),
          );
          if (viewer.kind === 'nation') {
            let mine = own.get(viewer.nation);
            if (!mine) {
              mine = ownEvents(events, viewer.nation, round);
              own.set(viewer.nation, mine);
            }
            if (mine.events.length > 0) sent.ownEvents = mine;
          }
          this.sendTo(c, 'report', sent);
        });
        this.deflater.endBroadcast();
      },
      notice: (nation, text) =>
        each(
          (c) => (nation === null || memberOf(c)?.nation === nation) && this.sendTo(c, 'notice', { text }),
        ),
      noticeFacilitator: (text) =>
        each((c) => memberOf(c)?.role === 'facilitator' && this.sendTo(c, 'notice', { text })),
      joinRequests: () =>
        each((c) => {
          const m = memberOf(c);
          if (m && (m.nation || m.role === 'facilitator'))
            this.sendTo(c, 'joinRequests', { requests: this.session.requestsFor(m) });
        }),
    };
  }

  private handle(client: GameClient, type: string, message: unknown) {
    const refuse = (problems: { path: string; message: string }[]) =>
      this.sendTo(client, 'error', { message: type, problems });
    // Own keys only: a type such as 'constructor' or '__proto__' must not reach Object.prototype.
    if (!Object.hasOwn(CLIENT_MESSAGES, type))
      return refuse([
        {
          path: '',
          message: `unknown message type '${type}' (known: ${Object.keys(CLIENT_MESSAGES).join(', ')})`,
        },
      ]);
    const parsed = CLIENT_MESSAGES[type as ClientMessageType].safeParse(message);
    if (!parsed.success)
      return refuse(
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    const m = this.session.member(client.userData!.token);
    if (!m) return refuse([{ path: '', message: 'you are not a member of this game' }]);
    const now = Date.now();
    const s = this.session;
    const data = parsed.data as ClientMessage<'draft'> & ClientMessage<'ready'> & ClientMessage<'chat'>;
    let result: { ok: true; value: unknown } | { ok: false; errors: { path: string; message: string }[] };
    switch (type as ClientMessageType) {
      case 'draft':
        result = s.draft(m, data.orders);
        break;
      case 'submit':
        result = s.submit(m, data.orders, now);
        break;
      case 'retract':
        result = s.retract(m, now);
        break;
      case 'ready':
        result = s.ready(m, data.ready, now);
        break;
      case 'chat':
        result = s.chat(m, data.channel, data.text, now);
        break;
      case 'askSeat':
        result = s.askSeat(m);
        break;
      case 'admit': {
        const { sessionId, accept } = parsed.data as ClientMessage<'admit'>;
        const admitted = s.admit(m, sessionId, accept);
        result = admitted;
        const asker = this.clients.find((c) => c.sessionId === sessionId) as GameClient | undefined;
        if (!admitted.ok || !asker) break;
        if (admitted.value) void this.seat(asker, admitted.value);
        else asker.leave(JOIN_DENIED_CLOSE_CODE, 'your request to join the team was refused');
        result = { ok: true, value: admitted.value ? 'admitted' : 'refused' };
        break;
      }
      default: {
        const cmd = parsed.data as Command;
        const targetClient =
          cmd.type === 'Kick' || cmd.type === 'Mute'
            ? (this.clients.find((c) => c.sessionId === cmd.sessionId) as GameClient | undefined)
            : undefined;
        const target = targetClient ? s.member(targetClient.userData!.token) : undefined;
        result = s.command(m, cmd, now, target);
        if (result.ok && cmd.type === 'Kick' && targetClient)
          targetClient.leave(KICKED_CLOSE_CODE, 'removed by the facilitator');
        if (result.ok && cmd.type === 'Mute' && targetClient)
          this.sendTo(targetClient, 'notice', {
            text: cmd.muted ? 'The facilitator has muted you.' : 'You may chat again.',
          });
      }
    }
    if (!result.ok) return refuse(result.errors);
    const detail = typeof result.value === 'string' ? { detail: result.value } : {};
    this.stale = true;
    this.sendTo(client, 'ok', { message: type, ...detail });
  }

  /**
   * The synced state is brought up to date just before Colyseus sends its patch (every 50 ms), not
   * after each message: a burst of readiness changes and submissions costs one sync.
   */
  override onBeforePatch() {
    if (this.stale) this.sync();
  }

  /** Mirrors the session's public facts into the synced room state. */
  private sync() {
    this.stale = false;
    const st = this.state;
    const s = this.session;
    st.code = s.code;
    st.title = s.title;
    st.scenario = s.state.scenario.id;
    st.phase = s.phase;
    st.round = s.state.round;
    st.rounds = s.state.rounds;
    st.deadline = s.session.deadline;
    st.paused = s.session.paused;
    st.remaining = s.session.remaining;
    st.status = s.status;
    const facilitator = s.allMembers().find((m) => m.role === 'facilitator');
    st.facilitator = facilitator?.name ?? '';
    st.locked = s.session.locked;
    // Spectators connected now: the count does not grow with every spectator who ever came.
    st.spectators = (this.clients as GameClient[]).filter(
      (c) => c.userData && !c.userData.pending && s.member(c.userData.token)?.role === 'spectator',
    ).length;
    for (const nation of Object.keys(s.state.nations)) {
      let seat = st.seats.get(nation);
      if (!seat) {
        seat = new SeatState();
        seat.nation = nation;
        st.seats.set(nation, seat);
      }
      const names = s.membersOf(nation).map((m) => m.name);
      if (seat.players.join('\n') !== names.join('\n')) {
        seat.players.clear();
        for (const n of names) seat.players.push(n);
      }
      seat.connected = s.connectedCount(nation);
      seat.bot = s.session.botSeats.includes(nation);
      seat.forced = s.session.forcedBots.includes(nation);
      seat.asking = s.session.asking.includes(nation);
      seat.agent = nation in agentSeatsOf(s);
      seat.submitted = s.isSubmitted(nation);
      seat.ready = s.session.ready.includes(nation);
    }
    const live = new Set<string>();
    for (const c of this.clients as GameClient[]) {
      const m = c.userData ? s.member(c.userData.token) : undefined;
      if (!m) continue;
      live.add(c.sessionId);
      let info = st.clients.get(c.sessionId);
      if (!info) {
        info = new ClientState();
        st.clients.set(c.sessionId, info);
      }
      info.name = m.name;
      info.role = m.role;
      info.nation = m.nation ?? '';
    }
    for (const id of [...st.clients.keys()]) if (!live.has(id)) st.clients.delete(id);
    // The listing every process reads (GET /api/games); written only when it changed.
    const summary = gameSummary(s);
    const text = JSON.stringify(summary);
    if (text !== this.listed) {
      this.listed = text;
      void this.setMetadata(summary);
    }
  }
}
