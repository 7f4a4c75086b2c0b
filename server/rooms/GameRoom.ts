/**
 * The Colyseus room of one game: it opens the session (openGame.ts), parses every message with its
 * zod schema and hands it to the session (dispatch.ts), seats and watches its clients, and wires the
 * session's deliveries to the broadcaster and its clients (ClientMail.ts) and the synced room state
 * (syncRoomState.ts). No rule of the game lives here.
 */
import { Room, ServerError } from '@colyseus/core';
import { JoinOptionsSchema, TOO_MANY_BYTES_CLOSE_CODE } from '../../shared/protocol/schemas.ts';
import type { GameSession } from '../game/GameSession.ts';
import { gameSummary } from '../game/gameSummary.ts';
import { type ByteBudget, watchBytes } from '../security/ByteBudget.ts';
import type { MemberRecord, Storage } from '../storage/Storage.ts';
import { Broadcaster } from './Broadcaster.ts';
import { ClientMail } from './ClientMail.ts';
import { handleMessage } from './dispatch.ts';
import type { GameClient } from './GameClient.ts';
import { keepCreatorSeat } from './keepCreatorSeat.ts';
import { openGame } from './openGame.ts';
import { GameRoomState, type GameRoomStateType } from './RoomState.ts';
import { LOBBY_IDLE_MS, roomContext } from './roomContext.ts';
import { optionProblems, problemText } from './roomOptions.ts';
import { roomSide } from './roomSide.ts';
import { syncRoomState } from './syncRoomState.ts';
import { UnattendedLobby } from './UnattendedLobby.ts';

export { configureRooms, LOBBY_IDLE_MS, type RoomContext } from './roomContext.ts';

export class GameRoom extends Room<{ state: GameRoomStateType }> {
  session!: GameSession;
  private storage!: Storage;
  private listed = '';
  /** The synced room state lags the session (see onBeforePatch). */
  private stale = false;
  private awaitingCreator = false;
  /** The session id of the creator's seat reservation: only it becomes the facilitator. */
  private creatorSession: string | null = null;
  private readonly lobby = new UnattendedLobby(LOBBY_IDLE_MS);
  /** Bytes each client may still send (by session id). */
  private readonly budgets = new Map<string, ByteBudget>();
  private readonly dropped = new Set<string>();
  private readonly broadcaster = new Broadcaster(() => this.session);
  private readonly mail = new ClientMail<GameClient>({
    session: () => this.session,
    storage: () => this.storage,
    broadcaster: this.broadcaster,
    seated: () => this.seated(),
    memberOf: (c) => this.memberOf(c),
    markStale: () => {
      this.stale = true;
    },
  });

  override async onCreate(options: Record<string, unknown>) {
    const context = roomContext();
    if (!context) throw new Error('rooms are not configured');
    const { storage, games } = context;
    this.storage = storage;
    this.lobby.idleMs = context.lobbyIdleMs ?? LOBBY_IDLE_MS;
    const opened = await openGame(options, context);
    this.session = opened.session;
    if (opened.created) {
      this.awaitingCreator = true;
      keepCreatorSeat(this, (sessionId) => {
        this.creatorSession ??= sessionId;
      });
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
    this.session.delivery = this.mail.delivery();
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
        this.mail.sendTo(client, 'error', {
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
    const joined = this.session.join(parsed.data, client.sessionId, creator, Date.now());
    if (!joined.ok) throw new ServerError(400, problemText(joined.errors));
    if (creator) this.awaitingCreator = false;
    this.watchBytes(client);
    if ('request' in joined.value) {
      // Waits for its team's answer, seeing nothing of the game but the public room state.
      client.userData = { token: '', pending: true };
      const { nation, name } = joined.value.request;
      this.mail.sendTo(client, 'waiting', { code: this.session.code, nation, name });
      return;
    }
    await this.seat(client, joined.value.member);
  }

  /** Gives a client its seat: durable first, then its welcome and everything it may see. */
  private async seat(client: GameClient, m: MemberRecord) {
    // The seat (and its token) is durable before the client learns it.
    await this.storage.flush();
    client.userData = { token: m.token };
    this.session.members.connected(m.token, 1, Date.now());
    this.mail.sendTo(client, 'welcome', {
      sessionId: client.sessionId,
      role: m.role,
      nation: m.nation,
      name: m.name,
      seatToken: m.token,
      code: this.session.code,
      scenario: this.session.state.scenario.id,
    });
    this.mail.catchUp(client);
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
    if (!this.lobby.expired(this.session.status === 'lobby' && this.clients.length === 0, now)) return;
    console.log(
      `[${this.session.code}] lobby unattended for ${Math.round(this.lobby.idleMs / 1000)} s: closed`,
    );
    this.session.abandon(Date.now());
    this.autoDispose = true;
    void this.disconnect();
  }

  override onDrop(client: GameClient) {
    if (client.userData?.pending) return this.onLeave(client);
    this.dropped.add(client.sessionId);
    this.session.members.connected(client.userData!.token, -1, Date.now());
    this.sync();
    this.allowReconnection(client, 30);
  }

  override onReconnect(client: GameClient) {
    this.dropped.delete(client.sessionId);
    this.watchBytes(client);
    this.session.members.connected(client.userData!.token, 1, Date.now());
    // Messages sent while it was away may be lost: its next view and report are not primed.
    this.broadcaster.reconnected(client.sessionId);
    this.mail.catchUp(client);
    this.sync();
  }

  override onLeave(client: GameClient) {
    this.budgets.delete(client.sessionId);
    if (client.userData?.pending) {
      this.session.cancelRequest(client.sessionId);
      return;
    }
    const token = client.userData?.token;
    if (token && !this.dropped.delete(client.sessionId))
      this.session.members.connected(token, -1, Date.now());
    this.broadcaster.left(client.sessionId);
    this.sync();
  }

  override onDispose() {
    if (!this.session) return;
    roomContext()?.games.delete(this.session.code);
    this.storage.forget(this.session.code);
  }

  /** The member a seated client plays as. */
  private memberOf(client: GameClient): MemberRecord | undefined {
    return this.session.members.get(client.userData!.token);
  }

  /** Seated clients (those waiting for their team's answer get nothing but the public room state). */
  private seated(): GameClient[] {
    return (this.clients as GameClient[]).filter((c) => c.userData && !c.userData.pending);
  }

  /** Parses a message with its schema and carries it out (dispatch.ts), answering ok or error. */
  private handle(client: GameClient, type: string, message: unknown) {
    const side = roomSide(
      () => this.clients as GameClient[],
      (c) => this.memberOf(c),
      (c, member) => void this.seat(c, member),
      (c, text) => this.mail.sendTo(c, 'notice', { text }),
    );
    handleMessage(this.session, this.memberOf(client), type, message, Date.now(), side, {
      ok: (detail) => {
        this.stale = true;
        this.mail.sendTo(client, 'ok', { message: type, ...(detail ? { detail } : {}) });
      },
      refuse: (problems) => this.mail.sendTo(client, 'error', { message: type, problems }),
    });
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
