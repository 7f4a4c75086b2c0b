/**
 * The Colyseus room of one game: it opens the session (openGame.ts), parses every message with its
 * zod schema and hands it to the session (dispatch.ts), seats and watches its clients, and wires the
 * session's deliveries to the broadcaster (Broadcaster.ts: what each client is sent of the game) and
 * the synced room state (syncRoomState.ts). No rule of the game lives here.
 */
import { type Client, Room, ServerError } from '@colyseus/core';
import type { Viewer } from '../../shared/engine/index.ts';
import {
  JOIN_DENIED_CLOSE_CODE,
  JoinOptionsSchema,
  KICKED_CLOSE_CODE,
  TOO_MANY_BYTES_CLOSE_CODE,
} from '../../shared/protocol/schemas.ts';
import type { ChatLine, ServerMessages } from '../../shared/protocol/serverMessages.ts';
import { maySeeChat } from '../game/chatAudience.ts';
import type { Delivery, GameSession } from '../game/GameSession.ts';
import { gameSummary } from '../game/gameSummary.ts';
import { type ByteBudget, watchBytes } from '../security/ByteBudget.ts';
import type { Storage } from '../storage/Storage.ts';
import { Broadcaster, type Recipient } from './Broadcaster.ts';
import { handleMessage, type RoomSide } from './dispatch.ts';
import { openGame } from './openGame.ts';
import { GameRoomState, type GameRoomStateType } from './RoomState.ts';
import { optionProblems, problemText } from './roomOptions.ts';
import { syncRoomState } from './syncRoomState.ts';

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
  private readonly broadcaster = new Broadcaster(() => this.session);

  override async onCreate(options: Record<string, unknown>) {
    if (!context) throw new Error('rooms are not configured');
    const { storage, games } = context;
    this.storage = storage;
    this.lobbyIdleMs = context.lobbyIdleMs ?? LOBBY_IDLE_MS;
    const opened = await openGame(options, context);
    this.session = opened.session;
    if (opened.created) {
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

  /** Past its byte budget a client is closed, and what it sent after is ignored (see onCreate). */
  private watchBytes(client: GameClient) {
    const budget = watchBytes(client.ref, () => {
      console.warn(`[${this.session.code}] client ${client.sessionId}: too many bytes per second; closed`);
      client.leave(TOO_MANY_BYTES_CLOSE_CODE, 'too many bytes per second');
    });
    this.budgets.set(client.sessionId, budget);
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
    // Messages sent while it was away may be lost: its next view and report are not primed.
    this.broadcaster.reconnected(client.sessionId);
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
    this.broadcaster.left(client.sessionId);
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

  /** Everything a (re)joining client needs: the reports so far, its view, its team's orders and the chat. */
  private catchUp(client: GameClient) {
    const m = this.session.member(client.userData!.token);
    this.broadcaster.catchUp(this.recipient(client));
    if (m?.nation) this.sendTo(client, 'team', this.session.teamOrders(m.nation));
    if (m) this.sendTo(client, 'chatHistory', this.session.chatFor(m));
    if (m && (m.nation || m.role === 'facilitator'))
      this.sendTo(client, 'joinRequests', { requests: this.session.requestsFor(m) });
  }

  private viewerOf(client: GameClient): Viewer {
    const m = this.session.member(client.userData!.token);
    if (!m || m.role === 'spectator') return { kind: 'spectator' };
    return m.nation ? { kind: 'nation', nation: m.nation } : { kind: 'facilitator' };
  }

  private recipient(client: GameClient): Recipient {
    return {
      sessionId: client.sessionId,
      viewer: this.viewerOf(client),
      send: (type, message) => this.sendTo(client, type, message),
    };
  }

  /** Seated clients (those waiting for their team's answer get nothing but the public room state). */
  private seated(): GameClient[] {
    return (this.clients as GameClient[]).filter((c) => c.userData && !c.userData.pending);
  }

  private delivery(): Delivery {
    const memberOf = (c: GameClient) => this.session.member(c.userData!.token);
    const each = (fn: (c: GameClient) => void) => {
      for (const c of this.seated()) fn(c);
    };
    return {
      changed: () => {
        this.stale = true;
        this.broadcaster.changed(this.seated().map((c) => this.recipient(c)));
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
      report: (kind, round, events, bots = [], botsFull = bots) =>
        this.broadcaster.report(
          this.seated().map((c) => this.recipient(c)),
          { kind, round, events, bots, botsFull },
        ),
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
      resync: () => each((c) => this.catchUp(c)),
    };
  }

  /** Parses a message with its schema and carries it out (dispatch.ts), answering ok or error. */
  private handle(client: GameClient, type: string, message: unknown) {
    const byId = (id: string) => (this.clients as GameClient[]).find((c) => c.sessionId === id);
    const side: RoomSide = {
      memberOf: (id) => {
        const token = byId(id)?.userData?.token;
        return token ? this.session.member(token) : undefined;
      },
      has: (id) => byId(id) !== undefined,
      seat: (id, member) => {
        const c = byId(id);
        if (c) void this.seat(c, member);
      },
      close: (id, why) =>
        why === 'kicked'
          ? byId(id)?.leave(KICKED_CLOSE_CODE, 'removed by the facilitator')
          : byId(id)?.leave(JOIN_DENIED_CLOSE_CODE, 'your request to join the team was refused'),
      notice: (id, text) => {
        const c = byId(id);
        if (c) this.sendTo(c, 'notice', { text });
      },
    };
    handleMessage(
      this.session,
      this.session.member(client.userData!.token),
      type,
      message,
      Date.now(),
      side,
      {
        ok: (detail) => {
          this.stale = true;
          this.sendTo(client, 'ok', { message: type, ...(detail ? { detail } : {}) });
        },
        refuse: (problems) => this.sendTo(client, 'error', { message: type, problems }),
      },
    );
  }

  /**
   * The synced state is brought up to date just before Colyseus sends its patch (every 100 ms, the
   * patch rate set in onCreate), not after each message: a burst of submissions costs one sync.
   */
  override onBeforePatch() {
    if (this.stale) this.sync();
  }

  /** Mirrors the session's public facts into the synced room state, and the game list's entry. */
  private sync() {
    this.stale = false;
    const clients = (this.clients as GameClient[]).map((c) => ({
      sessionId: c.sessionId,
      token: c.userData && !c.userData.pending ? c.userData.token : null,
    }));
    syncRoomState(this.state, this.session, clients);
    // The listing every process reads (GET /api/games); written only when it changed.
    const summary = gameSummary(this.session);
    const text = JSON.stringify(summary);
    if (text !== this.listed) {
      this.listed = text;
      void this.setMetadata(summary);
    }
  }
}
