/**
 * Who may join a game: back to a seat with its token, a new seat, or a request that the team (or the
 * facilitator) must answer first.
 */
import type { Result } from '../../shared/engine/index.ts';
import { type JoinOptions, nameKey } from '../../shared/protocol/schemas.ts';
import type { JoinRequest } from '../../shared/protocol/serverMessages.ts';
import type { MemberRecord } from '../storage/Storage.ts';
import { fail } from './fail.ts';
import type { GameSession } from './GameSession.ts';
import { reclaimSeat } from './handover.ts';

/** Requests to join a team that may wait at once in one game. */
export const MAX_JOIN_REQUESTS = 30;

/** What a join gives: a seat, or a request that the team must answer first. */
export type Admission = { member: MemberRecord } | { request: JoinRequest };

/**
 * Admits a client: back to its seat with a token, or to a new one. A new player of a nation that
 * already has members (a removed one included) waits for the team or the facilitator to let it in
 * (`admit`); only the creator may be the facilitator; a locked game and a removed member's name
 * admit nobody new. `sessionId` names the request.
 */
export function join(
  g: GameSession,
  options: JoinOptions,
  sessionId: string,
  creator: boolean,
  now: number,
): Result<Admission> {
  if (options.seatToken) {
    const back = g.members.rejoin(options.seatToken, g.session.kicked);
    if (!back.ok) return back;
    if (back.value.nation) reclaimSeat(g, back.value.nation);
    return { ok: true, value: { member: back.value } };
  }
  if (!creator) {
    if (options.role === 'facilitator')
      return fail('role', "only the game's creator is its facilitator (rejoin with your seat token)");
    if (g.session.locked)
      return fail('', 'the facilitator has locked this game: nobody new may join (ask the facilitator)');
    if (g.session.barredNames.includes(nameKey(options.name)))
      return fail('name', 'the facilitator removed a member of that name from this game');
  }
  const seat = g.members.seat(
    options,
    Object.keys(g.state.nations),
    g.options.teams,
    [...g.requests.values()].map((r) => nameKey(r.name)),
  );
  if (!seat.ok) return seat;
  const nation = seat.value.nation;
  if (!creator && nation && g.members.of(nation).length > 0) {
    if (g.requests.size >= MAX_JOIN_REQUESTS)
      return fail('', 'too many requests to join are waiting in this game; try again in a minute');
    const request: JoinRequest = { sessionId, name: seat.value.name, nation, at: now };
    g.requests.set(sessionId, request);
    g.delivery?.joinRequests();
    return { ok: true, value: { request } };
  }
  const member = g.members.add(seat.value);
  if (member.nation) reclaimSeat(g, member.nation);
  return { ok: true, value: { member } };
}

/**
 * A member of the nation, or the facilitator, answers a request to join its team: accepted, the
 * requester gets a seat (returned); refused, nothing (null).
 */
export function admit(
  g: GameSession,
  m: MemberRecord,
  sessionId: string,
  accept: boolean,
): Result<MemberRecord | null> {
  if (m.role !== 'facilitator' && !m.nation)
    return fail('', 'only a team member or the facilitator answers requests to join');
  const request = g.requests.get(sessionId);
  // The same answer whether the request does not exist or is another team's.
  if (!request || (m.role !== 'facilitator' && request.nation !== m.nation))
    return fail('sessionId', 'no request to join your team from that client');
  g.requests.delete(sessionId);
  g.delivery?.joinRequests();
  if (!accept) return { ok: true, value: null };
  const others = [...g.requests.values()].map((r) => nameKey(r.name));
  const seat = g.members.seat(
    { name: request.name, role: 'player', nation: request.nation },
    Object.keys(g.state.nations),
    g.options.teams,
    others,
  );
  if (!seat.ok) return seat;
  const member = g.members.add(seat.value);
  reclaimSeat(g, request.nation);
  return { ok: true, value: member };
}

/** The requester left before an answer. */
export function cancelRequest(g: GameSession, sessionId: string): void {
  if (g.requests.delete(sessionId)) g.delivery?.joinRequests();
}

/** The requests a member may answer: its nation's, or all for the facilitator. */
export function requestsFor(g: GameSession, m: MemberRecord): JoinRequest[] {
  const all = [...g.requests.values()];
  if (m.role === 'facilitator') return all;
  return m.nation ? all.filter((r) => r.nation === m.nation) : [];
}
