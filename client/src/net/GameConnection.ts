/**
 * The client's link to the game server through @colyseus/sdk: create, join, rejoin with the seat
 * token kept in localStorage, and every server message written into the store.
 */
import { Client, type Room } from '@colyseus/sdk';
import type { Scenario } from '../../../shared/engine/index.ts';
import {
  type ClientMessageType,
  type CreateOptions,
  JOIN_DENIED_CLOSE_CODE,
  KICKED_CLOSE_CODE,
} from '../../../shared/protocol/schemas.ts';
import type { InflatedMessages, ServerMessages } from '../../../shared/protocol/serverMessages.ts';
import { Inflater, unpackEvents, unpackView } from '../../../shared/protocol/wire.ts';
import { t } from '../i18n.ts';
import { type ClientReport, chatKey, type RoomSnapshot, type Store } from '../state/store.ts';

/** The server's address: the page's own origin (the server serves the client), or :2567 in Vite dev. */
export function defaultEndpoint(): string {
  return import.meta.env?.DEV ? `${location.protocol}//${location.hostname}:2567` : location.origin;
}

const tokenKey = (code: string) => `sovereign.seat.${code}`;

/** The scenario quick play plays: short, three powers. */
export const QUICK_PLAY_SCENARIO = 'three-powers';

export class GameConnection {
  readonly client: Client;
  room: Room | null = null;
  private readonly store: Store;
  readonly endpoint: string;

  constructor(store: Store, endpoint = defaultEndpoint()) {
    this.store = store;
    this.endpoint = endpoint;
    this.client = new Client(endpoint);
  }

  async api<T>(path: string): Promise<T> {
    const res = await fetch(`${this.endpoint}${path}`);
    const body = await res.json();
    if (!res.ok) throw new Error(body.error ?? `${path}: HTTP ${res.status}`);
    return body as T;
  }

  /** Creates a game; the creator is its facilitator and may also play `nation`. */
  async create(name: string, game: Partial<CreateOptions>, nation?: string): Promise<void> {
    await this.attach(() => this.client.create('game', { name, game, ...(nation ? { nation } : {}) }));
  }

  /** Joins by code as a player (of `nation`, or the first free one) or a spectator. */
  async join(code: string, name: string, role: 'player' | 'spectator', nation?: string): Promise<void> {
    const upper = code.trim().toUpperCase();
    await this.attach(() => this.client.joinById(upper, { name, role, ...(nation ? { nation } : {}) }));
  }

  /** The seat token saved for a game, if this browser played it. */
  savedToken(code: string): string | null {
    return localStorage.getItem(tokenKey(code.toUpperCase()));
  }

  /** Back to the same seat after a refresh or a server restart. */
  async rejoin(code: string, name: string): Promise<void> {
    const token = this.savedToken(code);
    if (!token) throw new Error('no seat saved in this browser for that game');
    await this.attach(() => this.client.joinById(code.toUpperCase(), { name, seatToken: token }));
  }

  /** Quick play: a private game against bots on the short scenario, started at once. */
  async quickPlay(name: string, nation = 'US'): Promise<void> {
    await this.create(
      name,
      {
        scenario: QUICK_PLAY_SCENARIO,
        private: true,
        bots: true,
        timers: { briefing: 0, negotiation: 0, orders: 0 },
      },
      nation,
    );
    this.send('command', { type: 'Start' });
  }

  send(type: ClientMessageType, message: unknown): void {
    const errors = { ...this.store.get().errors };
    delete errors[type];
    this.store.set({ errors });
    this.room?.send(type, message);
  }

  async leave(): Promise<void> {
    const room = this.room;
    this.room = null;
    await room?.leave();
    this.store.set({
      screen: 'home',
      connection: 'idle',
      welcome: null,
      waiting: null,
      joinRequests: [],
      room: null,
      view: null,
      team: null,
    });
  }

  private async attach(open: () => Promise<Room>): Promise<void> {
    this.store.set({ connection: 'connecting' });
    let room: Room;
    try {
      room = await open();
    } catch (e) {
      this.store.set({ connection: 'idle' });
      throw e;
    }
    this.room = room;
    this.store.set({
      connection: 'connected',
      chat: [],
      reports: [],
      errors: {},
      notices: [],
      unread: {},
      waiting: null,
      joinRequests: [],
    });
    const unpack = (r: InflatedMessages['report']): ClientReport => ({
      ...r,
      events: unpackEvents(r.events, r.round),
    });
    const on = <K extends keyof ServerMessages>(type: K, fn: (m: ServerMessages[K]) => void) =>
      room.onMessage(type, fn as (m: unknown) => void);
    on('welcome', async (w) => {
      localStorage.setItem(tokenKey(w.code), w.seatToken);
      localStorage.setItem('sovereign.lastGame', w.code);
      this.store.set({ welcome: w, name: w.name, waiting: null });
      if (this.store.get().scenario?.id !== w.scenario) {
        this.store.set({ scenario: await this.api<Scenario>(`/api/scenarios/${w.scenario}`) });
      }
    });
    // Views and reports arrive deflated, each primed with the one before it on this connection.
    const inflater = new Inflater();
    on('view', (message) => {
      try {
        const wire = inflater.message<InflatedMessages['view']>('view', message);
        this.store.set({ view: unpackView(wire, this.store.get().view) });
      } catch {
        // A view this page cannot rebuild (it continues a history or a message it does not have):
        // get a whole one by rejoining.
        void room.leave(false);
      }
    });
    on('team', (team) => this.store.set({ team }));
    // Team admission: waiting for my team's answer, and the requests I may answer.
    on('waiting', (waiting) => this.store.set({ waiting }));
    on('joinRequests', (m) => this.store.set({ joinRequests: m.requests }));
    on('chatHistory', (chat) => this.store.set({ chat }));
    on('chat', (line) => {
      const s = this.store.get();
      const mine = line.from.name === s.welcome?.name && line.from.nation === s.welcome?.nation;
      const key = chatKey(line);
      this.store.set({
        chat: [...s.chat, line],
        unread: mine ? s.unread : { ...s.unread, [key]: (s.unread[key] ?? 0) + 1 },
      });
    });
    // The past reports on every join and reconnection: they replace the list, and open no dialog.
    on('reports', (message) => {
      try {
        const past = inflater.message<InflatedMessages['reports']>('reports', message);
        this.store.set({ reports: past.reports.map(unpack) });
      } catch {
        void room.leave(false);
      }
    });
    on('report', (message) => {
      let report: InflatedMessages['report'];
      try {
        report = inflater.message('report', message);
      } catch {
        void room.leave(false);
        return;
      }
      const s = this.store.get();
      const unpacked = unpack(report);
      const injected = unpacked.events.find((e) => e.type === 'EventCardInjected');
      this.store.set({
        reports: [...s.reports, unpacked],
        liveReports: s.liveReports + 1,
        notices:
          report.kind === 'inject' && injected
            ? [...s.notices, t('ui.notice.injected', { title: String(injected.params.title ?? '') })]
            : s.notices,
      });
    });
    on('error', (err) =>
      this.store.set({ errors: { ...this.store.get().errors, [err.message]: err.problems } }),
    );
    on('ok', (ok) => {
      const errors = { ...this.store.get().errors };
      delete errors[ok.message];
      this.store.set({ errors });
    });
    on('notice', (n) => this.store.set({ notices: [...this.store.get().notices, n.text] }));
    room.onStateChange((state) => {
      const room = (state as { toJSON(): RoomSnapshot }).toJSON();
      const screen = room.phase === 'lobby' ? 'lobby' : room.phase === 'ended' ? 'debrief' : 'game';
      this.store.set({ room, screen: this.store.get().screen === 'home' && !this.room ? 'home' : screen });
    });
    room.onLeave((code) => {
      if (this.room !== room) return;
      // Left on purpose (4000) or removed by the facilitator: stay out. Otherwise (the server
      // restarted, or the process holding the game stopped and another took it over) rejoin the
      // seat with its token, as the SDK's own reconnection cannot follow a game to a new process.
      const game = this.store.get().welcome?.code;
      if (code === JOIN_DENIED_CLOSE_CODE)
        this.store.set({
          connection: 'idle',
          waiting: null,
          notices: [...this.store.get().notices, t('ui.admit.refused')],
        });
      else if (code === 4000 || code === KICKED_CLOSE_CODE || !game) this.store.set({ connection: 'lost' });
      else void this.rejoinLoop(game, room);
    });
  }

  /** Tries to get the seat back every 2 s for two minutes, then gives up ('lost'). */
  private async rejoinLoop(code: string, lost: Room) {
    const name = this.store.get().name;
    for (let attempt = 1; attempt <= 60; attempt++) {
      if (this.room !== lost) return;
      this.store.set({ connection: 'reconnecting', reconnectAttempt: attempt });
      await new Promise((r) => setTimeout(r, 2000));
      if (this.room !== lost) return;
      try {
        await this.rejoin(code, name);
        return;
      } catch {
        // The game is not back yet (or no process has taken it over yet): try again.
      }
    }
    if (this.room === lost) this.store.set({ connection: 'lost' });
  }
}
