/**
 * The people in a game: who holds which seat (by secret token), who is connected now, and since
 * when a nation's seat has had nobody connected (for handing it to a bot).
 */
import type { Problem, Result } from '../../shared/engine/index.ts';
import type { JoinOptions } from '../../shared/protocol/schemas.ts';
import type { MemberRecord, Storage } from '../storage/Storage.ts';
import { newSeatToken } from './joinCode.ts';

const fail = (path: string, message: string): { ok: false; errors: Problem[] } => ({
  ok: false,
  errors: [{ path, message }],
});

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

  /**
   * Admits a client: back to its seat with a token, or to a new seat (stored before it is
   * returned). `nations` are the game's nations; `teams` whether several may share one.
   */
  join(options: JoinOptions, nations: string[], teams: boolean, kicked: string[]): Result<MemberRecord> {
    if (options.seatToken) {
      const m = this.byToken.get(options.seatToken);
      if (!m) return fail('seatToken', 'no seat in this game has that token');
      if (kicked.includes(m.token)) return fail('seatToken', 'this seat was removed by the facilitator');
      return { ok: true, value: m };
    }
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
    const member: MemberRecord = {
      token: newSeatToken(),
      code: this.code,
      role: options.role,
      nation,
      name: options.name,
    };
    this.storage.addMember(member);
    this.byToken.set(member.token, member);
    return { ok: true, value: member };
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

  connectedCount(nation: string): number {
    return this.of(nation).reduce((s, m) => s + (this.connections.get(m.token) ?? 0), 0);
  }
}
