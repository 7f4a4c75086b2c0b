/**
 * The phase machine's effects carried out on a game (phases.ts decides them): bots seated and
 * submitting, scheduled cards, the round resolved and published, the game ended.
 */
import type { GameEvent, GameState } from '../../shared/engine/index.ts';
import { concludeGame } from '../../shared/engine/index.ts';
import type { BotExplanation } from '../../shared/protocol/serverMessages.ts';
import { deliverScheduled } from './commands.ts';
import type { GameSession } from './GameSession.ts';
import { setBotSeat, submitBot } from './handover.ts';
import { nextPhase, type PhaseEffect, type PhaseEvent, type Transition } from './phases.ts';
import { publishRound, resolution } from './persistence.ts';

/**
 * After a restart, seated nations count as present this long (or until their players are back), so
 * the first players to rejoin do not move the game on without the others. Deadlines still rule.
 */
export const RESTART_GRACE_MS = 120_000;

/** Takes the phase machine's next session and carries out its effects; returns the transition. */
export function apply(g: GameSession, event: PhaseEvent, now: number): Transition {
  const next = nextPhase(g.session, event, now, g.options.timers);
  if (next.refused) return next;
  g.session = next.session;
  perform(g, next.effects, now);
  return next;
}

function perform(g: GameSession, effects: readonly PhaseEffect[], now: number) {
  for (const effect of effects) {
    if (effect === 'seat-bots') {
      if (g.options.bots)
        for (const n of Object.keys(g.state.nations))
          if (g.members.of(n).length === 0) setBotSeat(g, n, true, false, now);
    } else if (effect === 'deliver-scheduled') deliverScheduled(g);
    else if (effect === 'submit-bots') {
      for (const n of g.session.botSeats) if (!g.submitted.has(n)) submitBot(g, n, now);
    } else if (effect === 'resolve') resolveNow(g, now);
    else if (effect === 'save') g.save();
    else if (effect === 'changed') g.delivery?.changed();
    else checkAllReady(g, now);
  }
}

/**
 * Nations with a connected human and no bot: the ones whose readiness moves the game on. For a
 * while after a restart, a nation with players counts even before they are back.
 */
function humanNations(g: GameSession, now: number): string[] {
  const returning = g.restoredAt !== null && now - g.restoredAt < RESTART_GRACE_MS;
  const kicked = new Set(g.session.kicked);
  return Object.keys(g.state.nations).filter(
    (n) =>
      !g.session.botSeats.includes(n) &&
      (g.members.connectedCount(n) > 0 || (returning && g.members.of(n).some((m) => !kicked.has(m.token)))),
  );
}

/** Moves the game on if every human nation is ready (or has submitted). */
export function checkAllReady(g: GameSession, now: number): void {
  if (g.status !== 'running' || g.session.paused) return;
  const humans = humanNations(g, now);
  if (humans.length === 0) return;
  if (
    g.phase === 'orders'
      ? humans.every((n) => g.submitted.has(n))
      : g.phase !== 'lobby' && humans.every((n) => g.session.ready.includes(n))
  )
    apply(g, { type: 'ready-all' }, now);
}

function resolveNow(g: GameSession, now: number) {
  if (g.status !== 'running') return;
  const { round, state, events, bots, botsFull } = resolution(g);
  if (state.status === 'ended') return finish(g, round, state, events, now, bots, botsFull);
  g.state = state;
  const next = nextPhase(g.session, { type: 'round-resolved' }, now, g.options.timers);
  g.session = next.session;
  publishRound(g, round, events, bots, botsFull);
  perform(g, next.effects, now);
}

/** The game ends now: by the facilitator (EndGame), noted for the replay as concluded. */
export function conclude(g: GameSession, now: number): void {
  g.session = { ...g.session, concludedRound: g.state.round };
  const ended = concludeGame(g.state);
  finish(g, g.state.round, ended.state, ended.events, now);
}

function finish(
  g: GameSession,
  round: number,
  state: GameState,
  events: GameEvent[],
  now: number,
  bots: BotExplanation[] = [],
  botsFull: BotExplanation[] = bots,
) {
  g.state = state;
  g.session = nextPhase(g.session, { type: 'end' }, now, g.options.timers).session;
  g.storage.addRound(g.code, round, events, state, g.session, g.status);
  g.delivery?.report('end', round, events, bots, botsFull);
  g.delivery?.changed();
  g.onEnded?.();
}
