/**
 * One game on the server, without any transport: members and seats, the phase clock, drafts and
 * submitted orders, chat, bots for empty seats, and persistence. Every rule is the engine's
 * (shared/engine): this class only decides *when* to call it and *who* may see what.
 */
import { ARCHETYPES, type BotSeat, botOrders } from '../../shared/bots/index.ts';
import { hash } from '../../shared/bots/reading.ts';
import {
  concludeGame,
  createGame,
  type GameEvent,
  type GameState,
  type GameView,
  injectEvent,
  type Orders,
  type OrdersInput,
  type Problem,
  parseOrders,
  type Result,
  resolveRound,
  type Scenario,
  type Viewer,
  viewFor,
} from '../../shared/engine/index.ts';
import {
  type Command,
  type CreateOptions,
  type JoinOptions,
  nameKey,
  type Phase,
} from '../../shared/protocol/schemas.ts';
import type {
  BotExplanation,
  ChatLine,
  JoinRequest,
  ReportKind,
  TeamOrdersMessage,
} from '../../shared/protocol/serverMessages.ts';
import type { GameRecord, InjectRecord, MemberRecord, SessionSnapshot, Storage } from '../storage/Storage.ts';
import { botExplanations } from './botExplanation.ts';
import { ChatLog } from './ChatLog.ts';
import { Members } from './Members.ts';
import { agentCommand, agentTick } from './AgentSeats.ts';
import { autoStart } from './autoStart.ts';
import { rewindPoint } from './rewind.ts';
import { checkSchedule, dueInjects } from './schedule.ts';

/** What the session asks its transport to deliver. */
export interface Delivery {
  /** The game changed: refresh every client's view and the public room state. */
  changed(): void;
  /** A team's draft or submission changed. */
  teamOrders(nation: string): void;
  chat(line: ChatLine): void;
  /**
   * Events to publish (a resolved round, an injected card, the end), with the bots' explanations:
   * `bots` as every client may read them, `botsFull` as the facilitator does (with their proposals).
   */
  report(
    kind: ReportKind,
    round: number,
    events: GameEvent[],
    bots?: BotExplanation[],
    botsFull?: BotExplanation[],
  ): void;
  /** A notice to a nation's team (or to everyone when nation is null). */
  notice(nation: string | null, text: string): void;
  /** A notice to the facilitator's clients. */
  noticeFacilitator(text: string): void;
  /** The requests to join a team changed: tell the members who may answer them. */
  joinRequests(): void;
  /** The game went back in time (a rewind): every client gets its whole view and reports again. */
  resync?(): void;
}

/** Requests to join a team that may wait at once in one game. */
export const MAX_JOIN_REQUESTS = 30;
/**
 * After a restart, seated nations count as present this long (or until their players are back), so
 * the first players to rejoin do not move the game on without the others. Deadlines still rule.
 */
export const RESTART_GRACE_MS = 120_000;

/** What a join gives: a seat, or a request that the team must answer first. */
export type Admission = { member: MemberRecord } | { request: JoinRequest };

/** A report published earlier in the game (past reports carry no bot explanations). */
export interface PastReport {
  kind: ReportKind;
  round: number;
  events: GameEvent[];
}

const fail = (path: string, message: string): { ok: false; errors: Problem[] } => ({
  ok: false,
  errors: [{ path, message }],
});

/**
 * An answer to a proposal that is not the nation's gets the same refusal whether the proposal exists
 * (between two other nations) or not: the refusal must not tell a third nation what is pending.
 */
function unrevealing(p: Problem): Problem {
  if (!/^treaties\.answer\.\d+\.id$/.test(p.path)) return p;
  const id = /'([^']*)'/.exec(p.message)?.[1] ?? '';
  return { path: p.path, message: `no pending proposal '${id}' addressed to you` };
}

const EMPTY_SESSION: SessionSnapshot = {
  phase: 'lobby',
  deadline: 0,
  paused: false,
  remaining: 0,
  botSeats: [],
  forcedBots: [],
  ready: [],
  muted: [],
  kicked: [],
  asking: [],
  locked: false,
  barredNames: [],
  drafts: [],
};

interface Submission {
  orders: OrdersInput;
  by: string;
}

export class GameSession {
  readonly code: string;
  readonly options: CreateOptions;
  readonly title: string;
  state: GameState;
  session: SessionSnapshot;
  status: 'lobby' | 'running' | 'ended';
  private readonly members: Members;
  private readonly submitted = new Map<string, Submission>();
  private readonly drafts = new Map<string, Submission>();
  private readonly chatLog: ChatLog;
  /** This round's bot explanations, published with the round's report. */
  private readonly explanations = new Map<string, BotExplanation>();
  delivery: Delivery | null = null;
  /** Called once when the game ends, so its room can be freed. */
  onEnded: (() => void) | null = null;
  /** Requests to join a team, by the requesting client's session id (they end with its connection). */
  private readonly requests = new Map<string, JoinRequest>();
  /** When this game was restored after a restart (ms), or null for a game created in this run. */
  private readonly restoredAt: number | null;

  private readonly storage: Storage;

  private constructor(storage: Storage, record: GameRecord, state: GameState, restoredAt: number | null) {
    this.storage = storage;
    this.code = record.code;
    this.options = record.options;
    this.title = record.title;
    this.state = state;
    // Games saved before a field existed load with its default.
    this.session = { ...EMPTY_SESSION, ...record.session };
    this.status = record.status as GameSession['status'];
    this.members = new Members(storage, this.code);
    for (const o of storage.orders(this.code, state.round)) {
      if (o.orders) this.submitted.set(o.nation, { orders: o.orders, by: o.by });
      else this.submitted.delete(o.nation);
    }
    for (const d of this.session.drafts)
      if (d.round === state.round) this.drafts.set(d.nation, { orders: d.orders, by: d.by });
    this.chatLog = new ChatLog(storage, this.code);
    this.restoredAt = restoredAt;
    // Nobody is connected yet: a seat whose players do not come back goes to a bot after the grace period.
    if (restoredAt !== null)
      for (const n of Object.keys(state.nations))
        if (this.members.of(n).length > 0) this.members.emptySince.set(n, restoredAt);
  }

  /** A new game in its lobby, saved before it is returned. */
  static create(
    storage: Storage,
    code: string,
    options: CreateOptions,
    scenario: Scenario,
    seed: number,
    /** A branch's start (branch.ts) instead of the scenario's. */
    start?: GameState,
  ) {
    const state =
      start ?? createGame(scenario, { seed, ...(options.rounds ? { rounds: options.rounds } : {}) });
    const record: GameRecord = {
      code,
      options,
      status: 'lobby',
      title: options.title ?? scenario.title,
      createdAt: Date.now(),
      session: { ...EMPTY_SESSION },
    };
    storage.createGame(record, state);
    return new GameSession(storage, record, state, null);
  }

  /** A saved game, as it was when last saved (its submitted orders included). */
  static restore(storage: Storage, code: string): GameSession {
    const record = storage.getGame(code);
    const state = storage.latestState(code);
    if (!record || !state) throw new Error(`no saved game '${code}'`);
    return new GameSession(storage, record, state, Date.now());
  }

  get phase(): Phase {
    return this.session.phase as Phase;
  }

  // ---- members and seats ----

  /**
   * Admits a client: back to its seat with a token, or to a new one. A new player of a nation that
   * already has members (a removed one included) waits for the team or the facilitator to let it in
   * (`admit`); only the creator may be the facilitator; a locked game and a removed member's name
   * admit nobody new. `sessionId` names the request.
   */
  join(options: JoinOptions, sessionId: string, creator: boolean): Result<Admission> {
    if (options.seatToken) {
      const back = this.members.rejoin(options.seatToken, this.session.kicked);
      if (!back.ok) return back;
      if (back.value.nation) this.reclaimSeat(back.value.nation);
      return { ok: true, value: { member: back.value } };
    }
    if (!creator) {
      if (options.role === 'facilitator')
        return fail('role', "only the game's creator is its facilitator (rejoin with your seat token)");
      if (this.session.locked)
        return fail('', 'the facilitator has locked this game: nobody new may join (ask the facilitator)');
      if (this.session.barredNames.includes(nameKey(options.name)))
        return fail('name', 'the facilitator removed a member of that name from this game');
    }
    const seat = this.members.seat(
      options,
      Object.keys(this.state.nations),
      this.options.teams,
      [...this.requests.values()].map((r) => nameKey(r.name)),
    );
    if (!seat.ok) return seat;
    const nation = seat.value.nation;
    if (!creator && nation && this.members.of(nation).length > 0) {
      if (this.requests.size >= MAX_JOIN_REQUESTS)
        return fail('', 'too many requests to join are waiting in this game; try again in a minute');
      const request: JoinRequest = { sessionId, name: seat.value.name, nation, at: Date.now() };
      this.requests.set(sessionId, request);
      this.delivery?.joinRequests();
      return { ok: true, value: { request } };
    }
    const member = this.members.add(seat.value);
    if (member.nation) this.reclaimSeat(member.nation);
    return { ok: true, value: { member } };
  }

  /**
   * A member of the nation, or the facilitator, answers a request to join its team: accepted, the
   * requester gets a seat (returned); refused, nothing (null).
   */
  admit(m: MemberRecord, sessionId: string, accept: boolean): Result<MemberRecord | null> {
    if (m.role !== 'facilitator' && !m.nation)
      return fail('', 'only a team member or the facilitator answers requests to join');
    const request = this.requests.get(sessionId);
    // The same answer whether the request does not exist or is another team's.
    if (!request || (m.role !== 'facilitator' && request.nation !== m.nation))
      return fail('sessionId', 'no request to join your team from that client');
    this.requests.delete(sessionId);
    this.delivery?.joinRequests();
    if (!accept) return { ok: true, value: null };
    const others = [...this.requests.values()].map((r) => nameKey(r.name));
    const seat = this.members.seat(
      { name: request.name, role: 'player', nation: request.nation },
      Object.keys(this.state.nations),
      this.options.teams,
      others,
    );
    if (!seat.ok) return seat;
    const member = this.members.add(seat.value);
    this.reclaimSeat(request.nation);
    return { ok: true, value: member };
  }

  /** The requester left before an answer. */
  cancelRequest(sessionId: string): void {
    if (this.requests.delete(sessionId)) this.delivery?.joinRequests();
  }

  /** The requests a member may answer: its nation's, or all for the facilitator. */
  requestsFor(m: MemberRecord): JoinRequest[] {
    const all = [...this.requests.values()];
    if (m.role === 'facilitator') return all;
    return m.nation ? all.filter((r) => r.nation === m.nation) : [];
  }

  member(token: string): MemberRecord | undefined {
    return this.members.get(token);
  }

  allMembers(): MemberRecord[] {
    return this.members.all();
  }

  membersOf(nation: string): MemberRecord[] {
    return this.members.of(nation);
  }

  connected(token: string, delta: 1 | -1, now: number): void {
    this.members.connected(token, delta, now);
  }

  connectedCount(nation: string): number {
    return this.members.connectedCount(nation);
  }

  /** A human is back on a seat a bot took over when it was abandoned. */
  private reclaimSeat(nation: string) {
    if (!this.session.botSeats.includes(nation) || this.session.forcedBots.includes(nation)) return;
    this.session.botSeats = this.session.botSeats.filter((n) => n !== nation);
    this.save();
    this.delivery?.notice(nation, 'You are back: the bot has handed your seat back.');
  }

  private setBot(nation: string, on: boolean, forced: boolean) {
    const seats = new Set(this.session.botSeats);
    const forcedSet = new Set(this.session.forcedBots);
    if (on) seats.add(nation);
    else seats.delete(nation);
    if (on && forced) forcedSet.add(nation);
    else forcedSet.delete(nation);
    this.session.botSeats = [...seats].sort();
    this.session.forcedBots = [...forcedSet].sort();
    // Handed over or given back, the seat's request to play it again is settled.
    this.session.asking = this.session.asking.filter((n) => n !== nation);
    const human = this.submitted.has(nation) && this.submitted.get(nation)?.by !== 'bot';
    if (on && this.phase === 'orders' && (!this.submitted.has(nation) || (forced && human)))
      this.submitBot(nation);
    // Handed over before the orders phase: the humans' submission gives way to the bot's, made when
    // the orders phase opens.
    else if (on && forced && human) this.withdraw(nation, 'bot', Date.now());
    this.save();
  }

  /** The facilitator handed the nation's seat to a bot: its humans may not play it. */
  private handedOver(nation: string): Result<null> {
    if (!this.session.forcedBots.includes(nation)) return { ok: true, value: null };
    return fail(
      '',
      `a bot plays ${nation} now: the facilitator handed the seat over; ask for it back (askSeat)`,
    );
  }

  /** A member of a seat handed to a bot asks to play it again; the facilitator is told. */
  askSeat(m: MemberRecord): Result<null> {
    if (!m.nation) return fail('', 'only a player with a nation can ask for its seat back');
    if (!this.session.forcedBots.includes(m.nation))
      return fail('', `${m.nation} is not handed to a bot: you can play it already`);
    // Asked already: the facilitator was told once (the seat shows it), not at every click.
    if (this.session.asking.includes(m.nation)) return { ok: true, value: null };
    this.session.asking = [...this.session.asking, m.nation].sort();
    this.save();
    this.delivery?.noticeFacilitator(`${m.name} asks to play ${m.nation} again`);
    this.delivery?.changed();
    return { ok: true, value: null };
  }

  /** The bot a seat gets: an archetype drawn from the game's seed and the nation, at the game's difficulty. */
  botSeat(nation: string): BotSeat {
    const archetype = ARCHETYPES[hash(this.state.seed, nation) % ARCHETYPES.length] ?? 'hedger';
    return { archetype, difficulty: this.options.botDifficulty };
  }

  /** An agent seat gave no valid orders: its bot plays this round, and the round's report says why. */
  botPlaysFor(nation: string, reason: string, now: number): void {
    this.submitBot(nation);
    const e = this.explanations.get(nation);
    if (e) this.explanations.set(nation, { ...e, explanation: `${reason} ${e.explanation}` });
    this.checkAllReady(now);
  }

  private submitBot(nation: string) {
    const seat = this.botSeat(nation);
    const { orders, explanation } = botOrders(this.state, nation, seat, this.state.seed);
    this.explanations.set(nation, { nation, archetype: seat.archetype, explanation });
    this.record(nation, orders as OrdersInput, 'bot');
  }

  // ---- what a member may see ----

  /** The game as a kind of viewer sees it. */
  viewAs(viewer: Viewer): GameView {
    return viewFor(this.state, viewer);
  }

  teamOrders(nation: string): TeamOrdersMessage {
    const d = this.drafts.get(nation);
    const s = this.submitted.get(nation);
    return {
      nation,
      round: this.state.round,
      draft: d?.orders ?? null,
      draftBy: d?.by ?? null,
      submitted: s?.orders ?? null,
      submittedBy: s?.by ?? null,
    };
  }

  chatFor(m: MemberRecord): ChatLine[] {
    return this.chatLog.for(m);
  }

  /**
   * Every report published so far, oldest first: the resolved rounds (the last one the end, if the game
   * ended) and the injected cards, each before the resolution of the round it was injected in.
   */
  pastReports(): PastReport[] {
    const reports: PastReport[] = this.storage.rounds(this.code).map((r) => ({
      kind: r.events.some((e) => e.type === 'GameEnded') ? 'end' : 'round',
      round: r.round,
      events: r.events,
    }));
    for (const i of this.storage.injects(this.code)) {
      const at = reports.findIndex((r) => r.kind !== 'inject' && r.round >= i.round);
      const report: PastReport = { kind: 'inject', round: i.round, events: i.events };
      if (at < 0) reports.push(report);
      else reports.splice(at, 0, report);
    }
    return reports;
  }

  isSubmitted(nation: string): boolean {
    return this.submitted.has(nation);
  }

  // ---- player messages ----

  private playing(m: MemberRecord): Result<string> {
    if (!m.nation) return fail('', 'only a player with a nation can send orders');
    if (this.status !== 'running')
      return fail('', this.status === 'lobby' ? 'the game has not started' : 'the game has ended');
    return { ok: true, value: m.nation };
  }

  /** Drafts may be shared from the lobby on, so a team can plan before the first round. */
  draft(m: MemberRecord, orders: OrdersInput): Result<null> {
    if (!m.nation) return fail('', 'only a player with a nation can draft orders');
    if (this.status === 'ended') return fail('', 'the game has ended');
    const seat = this.handedOver(m.nation);
    if (!seat.ok) return seat;
    this.drafts.set(m.nation, { orders, by: m.name });
    // Saved with the session before the draft is acknowledged: a restart does not lose it.
    this.session.drafts = [...this.drafts].map(([nation, d]) => ({
      round: this.state.round,
      nation,
      orders: d.orders,
      by: d.by,
    }));
    this.save();
    this.delivery?.teamOrders(m.nation);
    return { ok: true, value: null };
  }

  /** Checks orders against the state; stores them durably before saying yes. */
  submit(m: MemberRecord, input: OrdersInput, now: number): Result<null> {
    const who = this.playing(m);
    if (!who.ok) return who;
    const seat = this.handedOver(who.value);
    if (!seat.ok) return seat;
    const parsed = parseOrders(this.state, who.value, input);
    if (!parsed.ok) return { ok: false, errors: parsed.errors.map(unrevealing) };
    this.record(who.value, input, m.name, now);
    this.checkAllReady(now);
    return { ok: true, value: null };
  }

  retract(m: MemberRecord, now: number): Result<null> {
    const who = this.playing(m);
    if (!who.ok) return who;
    const seat = this.handedOver(who.value);
    if (!seat.ok) return seat;
    if (!this.submitted.has(who.value)) return fail('', 'there is no submission to take back');
    this.withdraw(who.value, m.name, now);
    return { ok: true, value: null };
  }

  /** Takes the nation's submission back (stored as a retraction by `by`). */
  private withdraw(nation: string, by: string, now: number) {
    this.storage.addOrder({ code: this.code, round: this.state.round, nation, orders: null, by, at: now });
    this.submitted.delete(nation);
    this.delivery?.teamOrders(nation);
    this.delivery?.changed();
  }

  private record(nation: string, orders: OrdersInput, by: string, now = Date.now()) {
    this.storage.addOrder({ code: this.code, round: this.state.round, nation, orders, by, at: now });
    this.submitted.set(nation, { orders, by });
    this.delivery?.teamOrders(nation);
    this.delivery?.changed();
  }

  ready(m: MemberRecord, ready: boolean, now: number): Result<null> {
    const who = this.playing(m);
    if (!who.ok) return who;
    if (this.phase !== 'briefing' && this.phase !== 'negotiation')
      return fail(
        'ready',
        'readiness counts in the briefing and negotiation phases; in the orders phase, submit',
      );
    const set = new Set(this.session.ready);
    if (ready) set.add(who.value);
    else set.delete(who.value);
    this.session.ready = [...set].sort();
    this.save();
    this.delivery?.changed();
    this.checkAllReady(now);
    return { ok: true, value: null };
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

  // ---- the facilitator ----

  /** Runs a facilitator command; Kick and Mute are given the member's token by the transport. */
  command(m: MemberRecord, cmd: Command, now: number, target?: MemberRecord): Result<string> {
    if (m.role !== 'facilitator') return fail('type', 'only the facilitator may send commands');
    const s = this.session;
    switch (cmd.type) {
      case 'Start':
        if (this.status !== 'lobby') return fail('type', 'the game has already started');
        this.status = 'running';
        if (this.options.bots)
          for (const n of Object.keys(this.state.nations))
            if (this.membersOf(n).length === 0) this.setBot(n, true, false);
        this.enterPhase('briefing', now);
        return { ok: true, value: 'started' };
      case 'AgentSeat': {
        const given = agentCommand(this, cmd, now);
        if (!given.ok) return given;
        // The agent plays instead of a bot; taken back, a bot plays until someone joins.
        if (this.status === 'running') this.setBot(cmd.nation, !cmd.on && this.options.bots, false);
        this.save();
        this.delivery?.changed();
        return given;
      }
      case 'EndGame': {
        if (this.status === 'ended') return fail('type', 'the game has already ended');
        // Noted for the replay: this round was concluded, not resolved.
        this.session.concludedRound = this.state.round;
        const ended = concludeGame(this.state);
        this.finish(this.state.round, ended.state, ended.events);
        return { ok: true, value: 'ended' };
      }
      case 'ScheduleInjects': {
        if (this.status === 'ended') return fail('type', 'the game has ended');
        const schedule = checkSchedule(this.state, this.status, cmd.injects, s.schedule ?? []);
        if (!schedule.ok) return schedule;
        s.schedule = schedule.value;
        this.save();
        this.delivery?.changed();
        return { ok: true, value: `${cmd.injects.length} injects scheduled` };
      }
      case 'Lock':
        s.locked = cmd.locked;
        this.save();
        this.delivery?.changed();
        return { ok: true, value: cmd.locked ? 'locked' : 'unlocked' };
      case 'Kick':
      case 'Mute': {
        if (!target) return fail('sessionId', 'no client with that session id in this game');
        if (cmd.type === 'Kick' && target.role === 'facilitator')
          return fail('sessionId', 'the facilitator cannot remove itself');
        const list = new Set<string>(cmd.type === 'Kick' ? s.kicked : s.muted);
        if (cmd.type === 'Kick' || cmd.muted) list.add(target.token);
        else list.delete(target.token);
        if (cmd.type === 'Kick') {
          s.kicked = [...list];
          // Barred by name too: the removed person cannot come back under the same name.
          s.barredNames = [...new Set([...s.barredNames, nameKey(target.name)])];
        } else s.muted = [...list];
        this.save();
        return { ok: true, value: cmd.type === 'Kick' ? 'kicked' : cmd.muted ? 'muted' : 'unmuted' };
      }
    }
    if (this.status !== 'running')
      return fail('type', this.status === 'lobby' ? 'start the game first' : 'the game has ended');
    switch (cmd.type) {
      case 'Pause':
        if (s.paused) return fail('type', 'already paused');
        s.remaining = s.deadline ? Math.max(0, s.deadline - now) : 0;
        s.paused = true;
        break;
      case 'Resume':
        if (!s.paused) return fail('type', 'not paused');
        s.deadline = s.remaining ? now + s.remaining : 0;
        s.paused = false;
        break;
      case 'AddTime':
        // A phase whose timer is 0 has no deadline to move: giving it one would end it unasked.
        if (!s.deadline && !s.remaining && this.phaseSeconds(this.phase) === 0)
          return fail('seconds', 'this phase has no time limit (its timer is 0): use Next phase to move on');
        if (s.paused) s.remaining = Math.max(0, s.remaining + cmd.seconds * 1000);
        else if (s.deadline) s.deadline = Math.max(now, s.deadline + cmd.seconds * 1000);
        else if (cmd.seconds > 0) s.deadline = now + cmd.seconds * 1000;
        break;
      case 'Advance':
        this.advance(now);
        return { ok: true, value: `now in ${this.phase}` };
      case 'ForceResolve':
        this.resolveNow(now);
        return { ok: true, value: 'resolved' };
      case 'InjectEvent': {
        const injected = this.inject(cmd.cardId ?? cmd.card);
        if (!injected.ok)
          return {
            ok: false,
            // A deck id that is not found is the cardId's fault; a written card's problems are inside 'card'.
            errors: injected.errors.map((e) => ({
              ...e,
              path:
                cmd.cardId !== undefined
                  ? 'cardId'
                  : e.path === 'card' || e.path === ''
                    ? 'card'
                    : `card.${e.path}`,
            })),
          };
        break;
      }
      case 'Rewind':
        return this.rewind(cmd.round, now);
      case 'BotSeat':
        if (!this.state.nations[cmd.nation]) return fail('nation', `no nation '${cmd.nation}' in this game`);
        this.setBot(cmd.nation, cmd.on, cmd.on);
        this.delivery?.notice(
          cmd.nation,
          cmd.on
            ? 'The facilitator handed your seat to a bot: it plays your orders until you get the seat back.'
            : 'The facilitator gave your seat back.',
        );
        break;
    }
    this.save();
    this.delivery?.changed();
    if (cmd.type === 'Resume') this.checkAllReady(now);
    return { ok: true, value: cmd.type };
  }

  /** Injects a card (a deck card's id or a written card) now: saved, then announced. */
  private inject(card: unknown): Result<null> {
    const result = injectEvent(this.state, card);
    if (!result.ok) return result;
    this.state = result.value.state;
    this.storage.addInject(
      this.code,
      this.state.round,
      result.value.events,
      this.state,
      this.session,
      this.status,
      (card ?? null) as InjectRecord['card'],
    );
    this.delivery?.report('inject', this.state.round, result.value.events);
    return { ok: true, value: null };
  }

  /** The scheduled cards of the round that begins (schedule.ts), each injected once. */
  private deliverScheduled() {
    const due = dueInjects(this.session.schedule, this.state.round);
    if (due.length === 0 || this.status !== 'running') return;
    for (const entry of due) {
      entry.done = true;
      const injected = this.inject(entry.card);
      if (!injected.ok)
        this.delivery?.noticeFacilitator(
          `A scheduled card for round ${entry.round} could not be injected: ${injected.errors.map((e) => e.message).join('; ')}`,
        );
    }
    this.save();
  }

  /** Back to the start of `round` (rewind.ts): this round's submissions and drafts are dropped. */
  private rewind(round: number, now: number): Result<string> {
    const point = rewindPoint(this.storage, this.code, this.state, round, now);
    if (!point.ok) return point;
    this.state = point.value.state;
    this.submitted.clear();
    this.drafts.clear();
    this.explanations.clear();
    this.session = {
      ...this.session,
      drafts: [],
      ready: [],
      schedule: this.session.schedule?.map((e) => (e.round >= round ? { ...e, done: false } : e)),
    };
    this.storage.rewind(this.code, point.value.log, this.state, this.session, this.status);
    this.delivery?.resync?.();
    this.delivery?.notice(null, `The facilitator took the game back to the start of round ${round}.`);
    this.enterPhase('briefing', now);
    return { ok: true, value: `rewound to round ${round}` };
  }

  // ---- the clock ----

  /** Called every second: deadlines and abandoned seats. */
  tick(now: number): void {
    autoStart(this, now);
    agentTick(this, now);
    if (this.status !== 'running') return;
    const s = this.session;
    if (this.options.bots) {
      for (const [nation, since] of this.members.emptySince) {
        if (s.botSeats.includes(nation) || this.membersOf(nation).length === 0) continue;
        if (now - since >= this.options.graceSeconds * 1000) {
          this.setBot(nation, true, false);
          this.delivery?.notice(null, `${nation}'s players left: a bot plays the seat until they return.`);
          this.delivery?.changed();
        }
      }
    }
    if (!s.paused && s.deadline > 0 && now >= s.deadline) this.advance(now);
    // Also catches a round whose last order was stored just before a crash: once its players are back,
    // the round resolves without waiting for the deadline.
    else this.checkAllReady(now);
  }

  /** The phase's timer in seconds (0: no deadline). */
  private phaseSeconds(phase: Phase): number {
    return phase === 'briefing' || phase === 'negotiation' || phase === 'orders'
      ? this.options.timers[phase]
      : 0;
  }

  private enterPhase(phase: Phase, now: number) {
    const seconds = this.phaseSeconds(phase);
    this.session = {
      ...this.session,
      phase,
      deadline: seconds ? now + seconds * 1000 : 0,
      remaining: 0,
      ready: [],
    };
    if (this.session.paused) this.session = { ...this.session, remaining: seconds * 1000, deadline: 0 };
    if (phase === 'briefing') this.deliverScheduled();
    if (phase === 'orders')
      for (const n of this.session.botSeats) if (!this.submitted.has(n)) this.submitBot(n);
    this.save();
    this.delivery?.changed();
    if (phase === 'orders' || phase === 'briefing' || phase === 'negotiation') this.checkAllReady(now);
  }

  private advance(now: number) {
    if (this.phase === 'briefing') this.enterPhase('negotiation', now);
    else if (this.phase === 'negotiation') this.enterPhase('orders', now);
    else if (this.phase === 'orders') this.resolveNow(now);
  }

  /**
   * Nations with a connected human and no bot: the ones whose readiness moves the game on. For a
   * while after a restart, a nation with players counts even before they are back.
   */
  private humanNations(now: number): string[] {
    const returning = this.restoredAt !== null && now - this.restoredAt < RESTART_GRACE_MS;
    const kicked = new Set(this.session.kicked);
    return Object.keys(this.state.nations).filter(
      (n) =>
        !this.session.botSeats.includes(n) &&
        (this.connectedCount(n) > 0 || (returning && this.membersOf(n).some((m) => !kicked.has(m.token)))),
    );
  }

  private checkAllReady(now: number) {
    if (this.status !== 'running' || this.session.paused) return;
    const humans = this.humanNations(now);
    if (humans.length === 0) return;
    if (this.phase === 'orders' && humans.every((n) => this.submitted.has(n))) this.resolveNow(now);
    else if (
      (this.phase === 'briefing' || this.phase === 'negotiation') &&
      humans.every((n) => this.session.ready.includes(n))
    )
      this.advance(now);
  }

  private resolveNow(now: number) {
    if (this.status !== 'running') return;
    const orders: Record<string, Orders> = {};
    for (const [nation, sub] of this.submitted) {
      const parsed = parseOrders(this.state, nation, sub.orders);
      if (parsed.ok) orders[nation] = parsed.value;
    }
    const round = this.state.round;
    const { state, events } = resolveRound(this.state, orders);
    const { shown: bots, full: botsFull } = botExplanations(
      [...this.explanations.values()].filter((e) => this.submitted.get(e.nation)?.by === 'bot'),
      (n) => this.submitted.get(n)?.orders,
      (n) => this.state.scenario.nations.find((x) => x.id === n)?.name ?? n,
    );
    this.explanations.clear();
    this.submitted.clear();
    this.drafts.clear();
    if (state.status === 'ended') return this.finish(round, state, events, bots, botsFull);
    this.state = state;
    this.session = { ...this.session, phase: 'briefing', drafts: [] };
    this.storage.addRound(this.code, round, events, state, this.session, this.status);
    this.delivery?.report('round', round, events, bots, botsFull);
    for (const n of Object.keys(state.nations)) this.delivery?.teamOrders(n);
    this.enterPhase('briefing', now);
  }

  private finish(
    round: number,
    state: GameState,
    events: GameEvent[],
    bots: BotExplanation[] = [],
    botsFull: BotExplanation[] = bots,
  ) {
    this.state = state;
    this.status = 'ended';
    this.session = {
      ...this.session,
      phase: 'ended',
      deadline: 0,
      paused: false,
      remaining: 0,
      ready: [],
      drafts: [],
    };
    this.storage.addRound(this.code, round, events, state, this.session, this.status);
    this.delivery?.report('end', round, events, bots, botsFull);
    this.delivery?.changed();
    this.onEnded?.();
  }

  /** A lobby nobody attended: ended without a round, so it is neither listed nor restored again. */
  abandon(): void {
    if (this.status !== 'lobby') return;
    this.status = 'ended';
    this.session = { ...this.session, phase: 'ended', deadline: 0 };
    this.save();
  }

  private save(withState = false) {
    this.storage.updateGame(this.code, this.status, this.session, withState ? this.state : undefined);
  }
}
