/**
 * What each client of a room is sent of the game, and the caches that make it cheap: one view cut per
 * kind of viewer (the facilitator's, and the spectators' that every other client gets, with each
 * nation's own part beside it), packed once per history start and deflated once for every client in
 * step (as boardgame.io's master sends each player its filtered state, apart from the transport).
 *
 * The caches compare states by identity: the session never mutates its state, it replaces it with
 * the engine's new one (resolveRound, injectEvent and restore all return a new object), so the same
 * object means the same game. A room keeps no cut between broadcasts (memory).
 */
import {
  eventsFor,
  type GameEvent,
  type GameView,
  type OwnView,
  ownView,
  type Viewer,
} from '../../shared/engine/index.ts';
import type {
  BotExplanation,
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
import type { GameSession, PastReport } from '../game/GameSession.ts';
import { Deflater, encode } from './Deflater.ts';

/** A client as the broadcaster sees it: whom to send to, and as whom it sees the game. */
export interface Recipient {
  sessionId: string;
  viewer: Viewer;
  send<K extends keyof ServerMessages>(type: K, message: ServerMessages[K]): void;
}

/** The views of one state, each cut once and packed once per history start, and each nation's own part. */
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

export class Broadcaster {
  private readonly session: () => GameSession;
  private cut: Cut = emptyCut();
  /** Views and reports travel deflated, each primed with the previous one of the client. */
  private readonly deflater = new Deflater();
  /** The state each client's last view showed (by session id). */
  private readonly viewVersion = new Map<string, unknown>();
  /** How many history entries each client has been sent. */
  private readonly historySent = new Map<string, number>();

  constructor(session: () => GameSession) {
    this.session = session;
  }

  private cutFor(state: unknown): Cut {
    if (this.cut.state !== state) this.cut = { ...emptyCut(), state };
    return this.cut;
  }

  /** A client that reconnected may have lost messages: its next view is whole and nothing is primed. */
  reconnected(sessionId: string): void {
    this.viewVersion.delete(sessionId);
    this.deflater.forget(sessionId);
  }

  /** A client left: forget everything about it. */
  left(sessionId: string): void {
    this.viewVersion.delete(sessionId);
    this.historySent.delete(sessionId);
    this.deflater.forget(sessionId);
  }

  /** A (re)joining client: the reports so far, then its whole view. */
  catchUp(to: Recipient): void {
    this.sendReports(to);
    this.sendView(to, true);
  }

  /** The game changed: a new view to every client whose last view showed another state. */
  changed(recipients: Recipient[]): void {
    const state = this.session().state;
    for (const to of recipients) if (this.viewVersion.get(to.sessionId) !== state) this.sendView(to);
    this.cut = emptyCut();
    this.deflater.endBroadcast();
  }

  /**
   * Sends a client its view, with only the history entries it has not had yet (unless `full`).
   * Every client but the facilitator gets the spectators' view, deflated once for all who are in step,
   * and a nation's members its own part beside it (`ownView`): their secret objective and proposals.
   */
  private sendView(to: Recipient, full = false): void {
    const session = this.session();
    const state = session.state;
    const cut = this.cutFor(state);
    const key = to.viewer.kind === 'facilitator' ? 'facilitator' : 'spectator';
    let view = cut.views.get(key);
    if (!view) {
      view = session.viewAs(to.viewer.kind === 'facilitator' ? to.viewer : { kind: 'spectator' });
      cut.views.set(key, view);
    }
    cut.adoption ??= packAdoption(view.adoption);
    this.viewVersion.set(to.sessionId, state);
    const from = Math.min(full ? 0 : (this.historySent.get(to.sessionId) ?? 0), view.history.length);
    this.historySent.set(to.sessionId, view.history.length);
    let bytes = cut.bytes.get(`${key}:${from}`);
    if (!bytes) {
      bytes = encode(packView(view, from, cut.adoption));
      cut.bytes.set(`${key}:${from}`, bytes);
    }
    const sent = this.deflater.deflate(to.sessionId, 'view', bytes);
    if (to.viewer.kind === 'nation') {
      let own = cut.own.get(to.viewer.nation);
      if (!own) {
        own = ownView(state, to.viewer.nation);
        cut.own.set(to.viewer.nation, own);
      }
      sent.own = own;
    }
    to.send('view', sent);
  }

  /**
   * Sends a client every report published so far, cut as its live `report`s were: every event for
   * the facilitator; for everyone else the public ones, plus for a nation's members those addressed
   * to the nation. Packed once per kind of viewer and state (a restart brings everyone back at once).
   */
  private sendReports(to: Recipient): void {
    const session = this.session();
    const cut = this.cutFor(session.state);
    const v = to.viewer;
    const key = `reports:${v.kind === 'nation' ? v.nation : v.kind}`;
    let bytes = cut.bytes.get(key);
    if (!bytes) {
      cut.past ??= session.pastReports();
      const message: PastReportsMessage = {
        reports: cut.past.map((r) => ({
          round: r.round,
          kind: r.kind,
          events: packEvents(eventsFor(r.events, v), r.round),
          bots: [],
        })),
      };
      bytes = encode(message);
      cut.bytes.set(key, bytes);
    }
    to.send('reports', this.deflater.deflate(to.sessionId, 'reports', bytes));
  }

  /**
   * A report to every client, like views: every client but the facilitator gets the public events
   * (and the bots' public explanations), packed and deflated once for all who are in step, and a
   * nation's members the events addressed to it beside them.
   */
  report(
    recipients: Recipient[],
    report: {
      kind: ReportKind;
      round: number;
      events: GameEvent[];
      bots: BotExplanation[];
      botsFull: BotExplanation[];
    },
  ): void {
    const { kind, round, events } = report;
    const packed = new Map<'public' | 'facilitator', Buffer>();
    const bytesFor = (key: 'public' | 'facilitator') => {
      let bytes = packed.get(key);
      if (!bytes) {
        const seen = key === 'facilitator' ? events : events.filter((e) => e.audience === 'all');
        const bots = key === 'facilitator' ? report.botsFull : report.bots;
        bytes = encode({ round, kind, events: packEvents(seen, round), bots });
        packed.set(key, bytes);
      }
      return bytes;
    };
    const own = new Map<string, OwnEvents>();
    for (const to of recipients) {
      const v = to.viewer;
      const sent = this.deflater.deflate(
        to.sessionId,
        'report',
        bytesFor(v.kind === 'facilitator' ? 'facilitator' : 'public'),
      );
      if (v.kind === 'nation') {
        let mine = own.get(v.nation);
        if (!mine) {
          mine = ownEvents(events, v.nation, round);
          own.set(v.nation, mine);
        }
        if (mine.events.length > 0) sent.ownEvents = mine;
      }
      to.send('report', sent);
    }
    this.deflater.endBroadcast();
  }
}
