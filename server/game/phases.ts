/**
 * The phase machine of a game, as a pure function of (session, event, now): it returns the next
 * session and the effects to carry out, and performs none of them (GameSession does). The clock is
 * passed in, never read here. Modelled on boardgame.io's src/core/flow.ts.
 *
 * One status: `session.phase` is the source of truth. The game's status (lobby, running, ended) is
 * derived from it (`statusOf`) and only written to storage beside it; the engine's `state.status`
 * is read once, when a round is resolved, to decide whether the game ends (`end`), and agrees with
 * the phase from then on.
 */
import type { Phase } from '../../shared/protocol/schemas.ts';
import type { SessionSnapshot } from '../storage/Storage.ts';

export type GameStatus = 'lobby' | 'running' | 'ended';

/** The game's status, derived from its phase. */
export const statusOf = (phase: string): GameStatus =>
  phase === 'lobby' ? 'lobby' : phase === 'ended' ? 'ended' : 'running';

/** Seconds of each timed phase (0: no deadline). */
export interface PhaseTimers {
  briefing: number;
  negotiation: number;
  orders: number;
}

export type PhaseEvent =
  /** The clock: a passed deadline moves the game on. */
  | { type: 'tick' }
  /** Every human nation is ready (briefing, negotiation) or has submitted (orders). */
  | { type: 'ready-all' }
  /** The facilitator's Next phase. */
  | { type: 'advance' }
  | { type: 'force-resolve' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'add-time'; seconds: number }
  /** The facilitator starts a game in its lobby. */
  | { type: 'start' }
  /** A round was resolved and the game goes on: the next round's briefing. */
  | { type: 'round-resolved' }
  /** The game went back to a round's start. */
  | { type: 'rewound' }
  /** The game ended (its last round, or the facilitator's EndGame). */
  | { type: 'end' }
  /** A lobby nobody attended. */
  | { type: 'abandon' };

/** What the session must do after a transition, in this order. */
export type PhaseEffect =
  /** Seat bots on the empty nations (a game that starts). */
  | 'seat-bots'
  /** Inject the cards scheduled for the round that begins. */
  | 'deliver-scheduled'
  /** Submit the orders of bot seats that have none. */
  | 'submit-bots'
  /** Resolve the round now. */
  | 'resolve'
  | 'save'
  /** Tell the clients the game changed. */
  | 'changed'
  /** See whether everyone is ready (it may move the game on again). */
  | 'check-ready';

export interface Transition {
  session: SessionSnapshot;
  effects: PhaseEffect[];
  /** Why the event was refused (the session is then unchanged and there is nothing to do). */
  refused?: { path: string; message: string };
}

const phaseOf = (s: SessionSnapshot) => s.phase as Phase;

/** The phase's timer in seconds (0: no deadline). */
export function phaseSeconds(phase: Phase, timers: PhaseTimers): number {
  return phase === 'briefing' || phase === 'negotiation' || phase === 'orders' ? timers[phase] : 0;
}

const refuse = (session: SessionSnapshot, path: string, message: string): Transition => ({
  session,
  effects: [],
  refused: { path, message },
});

function enter(session: SessionSnapshot, phase: Phase, now: number, timers: PhaseTimers): Transition {
  const seconds = phaseSeconds(phase, timers);
  let next: SessionSnapshot = {
    ...session,
    phase,
    deadline: seconds ? now + seconds * 1000 : 0,
    remaining: 0,
    ready: [],
  };
  if (next.paused) next = { ...next, remaining: seconds * 1000, deadline: 0 };
  const effects: PhaseEffect[] = [];
  if (phase === 'briefing') effects.push('deliver-scheduled');
  if (phase === 'orders') effects.push('submit-bots');
  effects.push('save', 'changed');
  if (phase === 'orders' || phase === 'briefing' || phase === 'negotiation') effects.push('check-ready');
  return { session: next, effects };
}

function advance(session: SessionSnapshot, now: number, timers: PhaseTimers): Transition {
  const phase = phaseOf(session);
  if (phase === 'briefing') return enter(session, 'negotiation', now, timers);
  if (phase === 'negotiation') return enter(session, 'orders', now, timers);
  if (phase === 'orders') return { session, effects: ['resolve'] };
  return { session, effects: [] };
}

/** The next session and the effects of `event` at time `now`. */
export function nextPhase(
  session: SessionSnapshot,
  event: PhaseEvent,
  now: number,
  timers: PhaseTimers,
): Transition {
  const status = statusOf(session.phase);
  const s = session;
  switch (event.type) {
    case 'start':
      if (status !== 'lobby') return refuse(s, 'type', 'the game has already started');
      {
        const entered = enter(s, 'briefing', now, timers);
        return { session: entered.session, effects: ['seat-bots', ...entered.effects] };
      }
    case 'abandon':
      if (status !== 'lobby') return { session: s, effects: [] };
      return { session: { ...s, phase: 'ended', deadline: 0 }, effects: ['save'] };
    case 'end':
      return {
        session: { ...s, phase: 'ended', deadline: 0, paused: false, remaining: 0, ready: [], drafts: [] },
        effects: [],
      };
    case 'round-resolved':
      return enter({ ...s, drafts: [] }, 'briefing', now, timers);
    case 'rewound':
      return enter(s, 'briefing', now, timers);
  }
  if (status !== 'running') return { session: s, effects: [] };
  switch (event.type) {
    case 'tick':
      if (!s.paused && s.deadline > 0 && now >= s.deadline) return advance(s, now, timers);
      // Also catches a round whose last order was stored just before a crash.
      return { session: s, effects: ['check-ready'] };
    case 'ready-all':
      if (s.paused) return { session: s, effects: [] };
      return advance(s, now, timers);
    case 'advance':
      return advance(s, now, timers);
    case 'force-resolve':
      return { session: s, effects: ['resolve'] };
    case 'pause':
      if (s.paused) return refuse(s, 'type', 'already paused');
      return {
        session: { ...s, remaining: s.deadline ? Math.max(0, s.deadline - now) : 0, paused: true },
        effects: ['save', 'changed'],
      };
    case 'resume':
      if (!s.paused) return refuse(s, 'type', 'not paused');
      return {
        session: { ...s, deadline: s.remaining ? now + s.remaining : 0, paused: false },
        effects: ['save', 'changed', 'check-ready'],
      };
    case 'add-time': {
      const ms = event.seconds * 1000;
      // A phase whose timer is 0 has no deadline to move: giving it one would end it unasked.
      if (!s.deadline && !s.remaining && phaseSeconds(phaseOf(s), timers) === 0)
        return refuse(
          s,
          'seconds',
          'this phase has no time limit (its timer is 0): use Next phase to move on',
        );
      let next = s;
      if (s.paused) next = { ...s, remaining: Math.max(0, s.remaining + ms) };
      else if (s.deadline) next = { ...s, deadline: Math.max(now, s.deadline + ms) };
      else if (event.seconds > 0) next = { ...s, deadline: now + ms };
      return { session: next, effects: ['save', 'changed'] };
    }
  }
}
