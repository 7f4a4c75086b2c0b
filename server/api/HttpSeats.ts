/**
 * Seats played over the JSON HTTP API: an HTTP client counts as connected while it keeps asking
 * (a lease renewed by every request, held while a long poll waits), so its nation's readiness and
 * orders are awaited like a WebSocket client's, and a bot takes the seat after the grace period once
 * it stops. Each seat token may send at most 20 messages (POST) a second, as a WebSocket client
 * may, and make 40 reads (GET) a second.
 */
import type { GameSession } from '../game/GameSession.ts';

/** A seat counts as gone this long after its last request (long polls last at most 30 s). */
export const LEASE_MS = 45_000;
/** Messages (POST) per second per seat token: the WebSocket limit of 20 messages a second. */
export const MESSAGES_PER_SECOND = 20;
/** Reads (GET) per second per seat token (a WebSocket client reads what it is sent, for free). */
export const READS_PER_SECOND = 40;

interface Lease {
  session: GameSession;
  token: string;
  until: number;
  /** Long polls waiting now. */
  waiting: number;
}

export class HttpSeats {
  private readonly leases = new Map<string, Lease>();
  private readonly recent = new Map<string, number[]>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.expire(Date.now()), 5000);
    this.timer.unref();
  }

  /** Whether this token may send another message (or read) now: false past its limit in the last second. */
  allow(token: string, kind: 'message' | 'read', now = Date.now()): boolean {
    const key = `${kind}:${token}`;
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < 1000);
    this.recent.set(key, times);
    if (times.length >= (kind === 'message' ? MESSAGES_PER_SECOND : READS_PER_SECOND)) return false;
    times.push(now);
    return true;
  }

  /** The seat asked something: it is connected until LEASE_MS after this. */
  touch(session: GameSession, token: string, now = Date.now()): void {
    const lease = this.leases.get(token);
    if (lease && lease.session === session) {
      lease.until = now + LEASE_MS;
      return;
    }
    this.leases.set(token, { session, token, until: now + LEASE_MS, waiting: 0 });
    session.members.connected(token, 1, now);
    session.delivery?.changed();
  }

  /** A long poll starts (+1) or ends (-1): the seat stays connected while one waits. */
  waiting(token: string, delta: 1 | -1): void {
    const lease = this.leases.get(token);
    if (lease) lease.waiting = Math.max(0, lease.waiting + delta);
  }

  private expire(now: number) {
    for (const [token, lease] of this.leases) {
      if (lease.waiting > 0 || lease.until > now) continue;
      this.leases.delete(token);
      lease.session.members.connected(token, -1, now);
      lease.session.delivery?.changed();
    }
    for (const [token, times] of this.recent)
      if (times.every((t) => now - t >= 1000)) this.recent.delete(token);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
