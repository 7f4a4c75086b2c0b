/**
 * The `startWhen` create option: a game in its lobby starts by itself once that many members hold a
 * nation, as if its facilitator had sent Start (so a launcher of several bots need not poll seats).
 */
import type { GameSession } from './GameSession.ts';

export function autoStart(session: GameSession, now: number): void {
  const want = session.options.startWhen;
  if (session.status !== 'lobby' || !want) return;
  const seated = session.members.all().filter((m) => m.nation !== null).length;
  if (seated < want) return;
  const facilitator = session.members.all().find((m) => m.role === 'facilitator');
  if (facilitator) session.command(facilitator, { type: 'Start' }, now);
}
