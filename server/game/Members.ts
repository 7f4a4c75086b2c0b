/**
 * The people in a game: who holds which seat (by secret token), who is connected now, and since
 * when a nation's seat has had nobody connected (for handing it to a bot).
 */
import type { Problem, Result } from '../../shared/engine/index.ts';
import { type JoinOptions, nameKey, type Role } from '../../shared/protocol/schemas.ts';
import type { MemberRecord, Storage } from '../storage/Storage.ts';
import { newSeatToken } from './joinCode.ts';

/**
 * Players (and the facilitator) of one game at most: its records, listings and state stay small.
 * Spectators are not counted here (they hold no seat), but only MAX_SPECTATORS may watch at once, so
 * that passers-by can never fill a game and lock its class out.
 */
export const MAX_MEMBERS = 200;
export const MAX_SPECTATORS = 100;

const fail = (path: string, message: string): { ok: false; errors: Problem[] } => ({
  ok: false,
  errors: [{ path, message }],
});

/** A new seat's role, nation and name, once the join options are checked. */
export interface Seat {
  role: Role;
  nation: string | null;
  name: string;
}

export class Members {
  private readonly byToken = new Map<string, MemberRecord>();
  private readonly connections = new Map<string, number>();
  /** Nations whose seat has nobody connected, since when (ms). */
  readonly emptySince = new Map<string, number>();
  private readonly storage: Storage;
  private readonly code: string;

  constructor(storage: Storage, code: string) {
    this.storage = storage;
    this.code = code;
    for (const m of storage.members(code)) this.byToken.set(m.token, m);
  }

  /** Back to an earlier seat by its token (refused if the facilitator removed it). */
  rejoin(token: string, kicked: string[]): Result<MemberRecord> {
    const m = this.byToken.get(token);
    if (!m) return fail('seatToken', 'no seat in this game has that token');
    if (kicked.includes(m.token)) return fail('seatToken', 'this seat was removed by the facilitator');
    return { ok: true, value: m };
  }

  /**
   * Checks a new seat: its role and nation (`nations` are the game's; `teams` whether several may
   * share one), and that its name is not used by a member or by `alsoTaken` (waiting requests).
   */
  seat(options: JoinOptions, nations: string[], teams: boolean, alsoTaken: string[] = []): Result<Seat> {
    if (options.role === 'spectator') {
      const watching = this.all().filter((m) => m.role === 'spectator' && this.connectionsOf(m.token) > 0);
      if (watching.length >= MAX_SPECTATORS)
        return fail('role', `this game has ${MAX_SPECTATORS} spectators watching already`);
    } else if (this.all().filter((m) => m.role !== 'spectator').length >= MAX_MEMBERS)
      return fail('', `this game is full (${MAX_MEMBERS} players)`);
    const key = nameKey(options.name);
    if (this.all().some((m) => nameKey(m.name) === key) || alsoTaken.includes(key))
      return fail('name', `'${options.name}' is already used in this game: choose another name`);
    let nation: string | null = null;
    if (options.role === 'facilitator' && this.all().some((m) => m.role === 'facilitator'))
      return fail('role', 'this game already has a facilitator (rejoin with your seat token)');
    if (options.nation !== undefined) {
      if (options.role === 'spectator') return fail('nation', 'a spectator does not play a nation');
      if (!nations.includes(options.nation))
        return fail('nation', `no nation '${options.nation}' in this game (${nations.join(', ')})`);
      if (!teams && this.of(options.nation).length > 0)
        return fail('nation', `${options.nation} is taken and this game has no teams`);
      nation = options.nation;
    } else if (options.role === 'player') {
      nation = nations.find((n) => this.of(n).length === 0) ?? null;
      if (!nation) return fail('nation', 'every nation is taken: choose one to join its team');
    }
    return { ok: true, value: { role: options.role, nation, name: options.name } };
  }

  /** Gives a checked seat a token and stores it before it is returned. */
  add(seat: Seat): MemberRecord {
    const member: MemberRecord = { token: newSeatToken(), code: this.code, ...seat };
    this.storage.addMember(member);
    this.byToken.set(member.token, member);
    return member;
  }

  get(token: string): MemberRecord | undefined {
    return this.byToken.get(token);
  }

  all(): MemberRecord[] {
    return [...this.byToken.values()];
  }

  of(nation: string): MemberRecord[] {
    return this.all().filter((m) => m.nation === nation);
  }

  /** A client of this member connected (+1) or went away (-1). */
  connected(token: string, delta: 1 | -1, now: number): void {
    this.connections.set(token, Math.max(0, (this.connections.get(token) ?? 0) + delta));
    const nation = this.byToken.get(token)?.nation;
    if (!nation) return;
    if (this.connectedCount(nation) === 0) this.emptySince.set(nation, now);
    else this.emptySince.delete(nation);
  }

  /** Clients of this member connected now. */
  connectionsOf(token: string): number {
    return this.connections.get(token) ?? 0;
  }

  connectedCount(nation: string): number {
    return this.of(nation).reduce((s, m) => s + (this.connections.get(m.token) ?? 0), 0);
  }
}
