/**
 * The facilitator's commands: starting, pausing and moving the game on (through the phase machine,
 * phases.ts), injecting and scheduling cards, rewinding, handing seats to bots, locking, removing and
 * muting members. Each replaces the session's snapshot, never edits it in place.
 */
import { injectEvent, type Result } from '../../shared/engine/index.ts';
import { type Command, nameKey } from '../../shared/protocol/schemas.ts';
import type { InjectRecord, MemberRecord } from '../storage/Storage.ts';
import { agentCommand } from './AgentSeats.ts';
import { fail } from './fail.ts';
import type { GameSession } from './GameSession.ts';
import { setBotSeat } from './handover.ts';
import type { PhaseEvent } from './phases.ts';
import { rewindPoint } from './rewind.ts';
import { checkSchedule, dueInjects } from './schedule.ts';

/** The phase machine's answer to `event`, as a command's result. */
function phaseCommand(g: GameSession, event: PhaseEvent, now: number, value: () => string): Result<string> {
  const t = g.apply(event, now);
  if (t.refused) return fail(t.refused.path, t.refused.message);
  return { ok: true, value: value() };
}

/** Saves the session and tells the clients. */
function changed(g: GameSession) {
  g.save();
  g.delivery?.changed();
}

/** Runs a facilitator command; Kick and Mute are given the member's token by the transport. */
export function command(
  g: GameSession,
  m: MemberRecord,
  cmd: Command,
  now: number,
  target?: MemberRecord,
): Result<string> {
  if (m.role !== 'facilitator') return fail('type', 'only the facilitator may send commands');
  const s = g.session;
  switch (cmd.type) {
    case 'Start':
      return phaseCommand(g, { type: 'start' }, now, () => 'started');
    case 'AgentSeat': {
      const given = agentCommand(g, cmd, now);
      if (!given.ok) return given;
      // The agent plays instead of a bot; taken back, a bot plays until someone joins.
      if (g.status === 'running') setBotSeat(g, cmd.nation, !cmd.on && g.options.bots, false, now);
      changed(g);
      return given;
    }
    case 'EndGame':
      if (g.status === 'ended') return fail('type', 'the game has already ended');
      g.conclude(now);
      return { ok: true, value: 'ended' };
    case 'ScheduleInjects': {
      if (g.status === 'ended') return fail('type', 'the game has ended');
      const schedule = checkSchedule(g.state, g.status, cmd.injects, s.schedule ?? []);
      if (!schedule.ok) return schedule;
      g.session = { ...g.session, schedule: schedule.value };
      changed(g);
      return { ok: true, value: `${cmd.injects.length} injects scheduled` };
    }
    case 'Lock':
      g.session = { ...g.session, locked: cmd.locked };
      changed(g);
      return { ok: true, value: cmd.locked ? 'locked' : 'unlocked' };
    case 'Kick':
    case 'Mute': {
      if (!target) return fail('sessionId', 'no client with that session id in this game');
      if (cmd.type === 'Kick' && target.role === 'facilitator')
        return fail('sessionId', 'the facilitator cannot remove itself');
      const list = new Set<string>(cmd.type === 'Kick' ? s.kicked : s.muted);
      if (cmd.type === 'Kick' || cmd.muted) list.add(target.token);
      else list.delete(target.token);
      g.session =
        cmd.type === 'Kick'
          ? // Barred by name too: the removed person cannot come back under the same name.
            { ...s, kicked: [...list], barredNames: [...new Set([...s.barredNames, nameKey(target.name)])] }
          : { ...s, muted: [...list] };
      g.save();
      return { ok: true, value: cmd.type === 'Kick' ? 'kicked' : cmd.muted ? 'muted' : 'unmuted' };
    }
  }
  if (g.status !== 'running')
    return fail('type', g.status === 'lobby' ? 'start the game first' : 'the game has ended');
  switch (cmd.type) {
    case 'Pause':
      return phaseCommand(g, { type: 'pause' }, now, () => cmd.type);
    case 'Resume':
      return phaseCommand(g, { type: 'resume' }, now, () => cmd.type);
    case 'AddTime':
      return phaseCommand(g, { type: 'add-time', seconds: cmd.seconds }, now, () => cmd.type);
    case 'Advance':
      return phaseCommand(g, { type: 'advance' }, now, () => `now in ${g.phase}`);
    case 'ForceResolve':
      return phaseCommand(g, { type: 'force-resolve' }, now, () => 'resolved');
    case 'InjectEvent': {
      const injected = inject(g, cmd.cardId ?? cmd.card);
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
      return rewind(g, cmd.round, now);
    case 'BotSeat':
      if (!g.state.nations[cmd.nation]) return fail('nation', `no nation '${cmd.nation}' in this game`);
      setBotSeat(g, cmd.nation, cmd.on, cmd.on, now);
      g.delivery?.notice(
        cmd.nation,
        cmd.on
          ? 'The facilitator handed your seat to a bot: it plays your orders until you get the seat back.'
          : 'The facilitator gave your seat back.',
      );
      break;
  }
  changed(g);
  return { ok: true, value: cmd.type };
}

/** Injects a card (a deck card's id or a written card) now: saved, then announced. */
function inject(g: GameSession, card: unknown): Result<null> {
  const result = injectEvent(g.state, card);
  if (!result.ok) return result;
  g.state = result.value.state;
  g.storage.addInject(
    g.code,
    g.state.round,
    result.value.events,
    g.state,
    g.session,
    g.status,
    (card ?? null) as InjectRecord['card'],
  );
  g.delivery?.report('inject', g.state.round, result.value.events);
  return { ok: true, value: null };
}

/** The scheduled cards of the round that begins (schedule.ts), each injected once. */
export function deliverScheduled(g: GameSession): void {
  const due = dueInjects(g.session.schedule, g.state.round);
  if (due.length === 0 || g.status !== 'running') return;
  for (const entry of due) {
    g.session = {
      ...g.session,
      schedule: g.session.schedule?.map((e) => (e === entry ? { ...e, done: true } : e)),
    };
    const injected = inject(g, entry.card);
    if (!injected.ok)
      g.delivery?.noticeFacilitator(
        `A scheduled card for round ${entry.round} could not be injected: ${injected.errors.map((e) => e.message).join('; ')}`,
      );
  }
  g.save();
}

/** Back to the start of `round` (rewind.ts): this round's submissions and drafts are dropped. */
function rewind(g: GameSession, round: number, now: number): Result<string> {
  const point = rewindPoint(g.storage, g.code, g.state, round, now);
  if (!point.ok) return point;
  g.state = point.value.state;
  g.submitted.clear();
  g.drafts.clear();
  g.explanations.clear();
  g.session = {
    ...g.session,
    drafts: [],
    ready: [],
    schedule: g.session.schedule?.map((e) => (e.round >= round ? { ...e, done: false } : e)),
  };
  g.storage.rewind(g.code, point.value.log, g.state, g.session, g.status);
  g.delivery?.resync?.();
  g.delivery?.notice(null, `The facilitator took the game back to the start of round ${round}.`);
  g.apply({ type: 'rewound' }, now);
  return { ok: true, value: `rewound to round ${round}` };
}
