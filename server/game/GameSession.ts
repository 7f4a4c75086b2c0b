/**
 * One game on the server, without any transport: its state, its session (phase clock, seats, drafts)
 * and the submitted orders, with the parts of its job in their own files: admission.ts (joining),
 * handover.ts (bot seats), orders.ts (drafts and submissions), commands.ts (the facilitator), the
 * phase machine phases.ts (pure: flow.ts carries out its effects) and persistence.ts. Every rule is
 * the engine's (shared/engine): the session only decides *when* to call it and *who* may see what.
 * No clock is read here: every method that needs the time is given `now` by its caller.
 */
import type { BotSeat } from '../../shared/bots/index.ts';
import {
  createGame,
  type GameState,
  type GameView,
  type Result,
  type Scenario,
  type Viewer,
  viewFor,
} from '../../shared/engine/index.ts';
import type { Command, CreateOptions, JoinOptions, Phase } from '../../shared/protocol/schemas.ts';
import type {
  BotExplanation,
  ChatLine,
  JoinRequest,
  TeamOrdersMessage,
} from '../../shared/protocol/serverMessages.ts';
import type { GameRecord, MemberRecord, SessionSnapshot, Storage } from '../storage/Storage.ts';
import { type Admission, admit, cancelRequest, join, requestsFor } from './admission.ts';
import { agentTick } from './AgentSeats.ts';
import { autoStart } from './autoStart.ts';
import { ChatLog } from './ChatLog.ts';
import { command } from './commands.ts';
import type { Delivery } from './delivery.ts';
import { apply, checkAllReady, conclude } from './flow.ts';
import { askSeat, botPlaysFor, botSeat, seatAbandoned } from './handover.ts';
import { Members } from './Members.ts';
import { draft, retract, type Submission, setReady, submit, teamOrders } from './orders.ts';
import { type PhaseEvent, statusOf, type Transition } from './phases.ts';
import { EMPTY_SESSION, loadRound, type PastReport, pastReports } from './persistence.ts';

export type { Delivery } from './delivery.ts';
export type { PastReport } from './persistence.ts';

export class GameSession {
  readonly code: string;
  readonly options: CreateOptions;
  readonly title: string;
  state: GameState;
  /** Replaced, never edited in place: every change makes a new snapshot. */
  session: SessionSnapshot;
  readonly members: Members;
  delivery: Delivery | null = null;
  /** Called once when the game ends, so its room can be freed. */
  onEnded: (() => void) | null = null;
  // The fields below are shared with the session's parts in this folder, not with its callers.
  readonly submitted = new Map<string, Submission>();
  readonly drafts = new Map<string, Submission>();
  readonly chatLog: ChatLog;
  /** This round's bot explanations, published with the round's report. */
  readonly explanations = new Map<string, BotExplanation>();
  /** Requests to join a team, by the requesting client's session id (they end with its connection). */
  readonly requests = new Map<string, JoinRequest>();
  /** When this game was restored after a restart (ms), or null for a game created in this run. */
  readonly restoredAt: number | null;
  readonly storage: Storage;

  private constructor(storage: Storage, record: GameRecord, state: GameState, restoredAt: number | null) {
    this.storage = storage;
    this.code = record.code;
    this.options = record.options;
    this.title = record.title;
    this.state = state;
    // Games saved before a field existed load with its default.
    this.session = { ...EMPTY_SESSION, ...record.session };
    this.members = new Members(storage, this.code);
    loadRound(this);
    this.chatLog = new ChatLog(storage, this.code);
    this.restoredAt = restoredAt;
    // Nobody is connected yet: a seat whose players do not come back goes to a bot after the grace period.
    if (restoredAt !== null)
      for (const n of Object.keys(state.nations))
        if (this.members.of(n).length > 0) this.members.emptySince.set(n, restoredAt);
  }

  /** A new game in its lobby, saved before it is returned. `start`: a branch's start (branch.ts). */
  static create(
    storage: Storage,
    code: string,
    options: CreateOptions,
    scenario: Scenario,
    seed: number,
    now: number,
    start?: GameState,
  ) {
    const state =
      start ?? createGame(scenario, { seed, ...(options.rounds ? { rounds: options.rounds } : {}) });
    const record: GameRecord = {
      code,
      options,
      status: 'lobby',
      title: options.title ?? scenario.title,
      createdAt: now,
      session: { ...EMPTY_SESSION },
    };
    storage.createGame(record, state);
    return new GameSession(storage, record, state, null);
  }

  /** A saved game, as it was when last saved (its submitted orders included), restored at `now`. */
  static restore(storage: Storage, code: string, now: number): GameSession {
    const record = storage.getGame(code);
    const state = storage.latestState(code);
    if (!record || !state) throw new Error(`no saved game '${code}'`);
    return new GameSession(storage, record, state, now);
  }

  /** Derived from the phase, the one source of truth (phases.ts). */
  get status(): 'lobby' | 'running' | 'ended' {
    return statusOf(this.session.phase);
  }

  get phase(): Phase {
    return this.session.phase as Phase;
  }

  // ---- members and seats (admission.ts, handover.ts) ----

  join(options: JoinOptions, sessionId: string, creator: boolean, now: number): Result<Admission> {
    return join(this, options, sessionId, creator, now);
  }

  admit(m: MemberRecord, sessionId: string, accept: boolean): Result<MemberRecord | null> {
    return admit(this, m, sessionId, accept);
  }

  /** The requester left before an answer. */
  cancelRequest(sessionId: string): void {
    cancelRequest(this, sessionId);
  }

  /** The requests a member may answer: its nation's, or all for the facilitator. */
  requestsFor(m: MemberRecord): JoinRequest[] {
    return requestsFor(this, m);
  }

  askSeat(m: MemberRecord): Result<null> {
    return askSeat(this, m);
  }

  botSeat(nation: string): BotSeat {
    return botSeat(this, nation);
  }

  botPlaysFor(nation: string, reason: string, now: number): void {
    botPlaysFor(this, nation, reason, now);
  }

  // ---- what a member may see ----

  /** The game as a kind of viewer sees it. */
  viewAs(viewer: Viewer): GameView {
    return viewFor(this.state, viewer);
  }

  teamOrders(nation: string): TeamOrdersMessage {
    return teamOrders(this, nation);
  }

  chatFor(m: MemberRecord): ChatLine[] {
    return this.chatLog.for(m);
  }

  pastReports(): PastReport[] {
    return pastReports(this.storage, this.code);
  }

  isSubmitted(nation: string): boolean {
    return this.submitted.has(nation);
  }

  // ---- player messages (orders.ts) and the facilitator (commands.ts) ----

  draft(m: MemberRecord, orders: Parameters<typeof draft>[2]): Result<null> {
    return draft(this, m, orders);
  }

  submit(m: MemberRecord, input: Parameters<typeof submit>[2], now: number): Result<null> {
    return submit(this, m, input, now);
  }

  retract(m: MemberRecord, now: number): Result<null> {
    return retract(this, m, now);
  }

  ready(m: MemberRecord, ready: boolean, now: number): Result<null> {
    return setReady(this, m, ready, now);
  }

  chat(m: MemberRecord, channel: string, text: string, now: number): Result<ChatLine> {
    const posted = this.chatLog.post(m, channel, text, {
      round: this.state.round,
      nations: Object.keys(this.state.nations),
      muted: this.session.muted.includes(m.token),
      now,
    });
    if (posted.ok) this.delivery?.chat(posted.value);
    return posted;
  }

  /** Runs a facilitator command; Kick and Mute are given the member's token by the transport. */
  command(m: MemberRecord, cmd: Command, now: number, target?: MemberRecord): Result<string> {
    return command(this, m, cmd, now, target);
  }

  // ---- the phase machine (phases.ts), its effects carried out by flow.ts ----

  /** Called every second: deadlines and abandoned seats. */
  tick(now: number): void {
    autoStart(this, now);
    agentTick(this, now);
    if (this.status !== 'running') return;
    seatAbandoned(this, now);
    this.apply({ type: 'tick' }, now);
  }

  /** Takes the phase machine's next session and carries out its effects; returns the transition. */
  apply(event: PhaseEvent, now: number): Transition {
    return apply(this, event, now);
  }

  /** Moves the game on if every human nation is ready (or has submitted). */
  checkAllReady(now: number): void {
    checkAllReady(this, now);
  }

  /** The game ends now: by the facilitator (EndGame), noted for the replay as concluded. */
  conclude(now: number): void {
    conclude(this, now);
  }

  /** A lobby nobody attended: ended without a round, so it is neither listed nor restored again. */
  abandon(now: number): void {
    this.apply({ type: 'abandon' }, now);
  }

  save(withState = false): void {
    this.storage.updateGame(this.code, this.status, this.session, withState ? this.state : undefined);
  }
}
