/**
 * Slows down join-code guessing: each client address may look up unknown game codes a limited
 * number of times per window; past that, lookups are refused with 429 until the window moves on.
 * Known codes are never counted, so players who type the right code are never slowed.
 */
export class GuessLimiter {
  private readonly misses = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(limit = 30, windowMs = 60_000) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  private recent(address: string, now: number): number[] {
    const times = (this.misses.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length === 0) this.misses.delete(address);
    else this.misses.set(address, times);
    return times;
  }

  /** Whether this address has used up its lookups of unknown codes. */
  blocked(address: string, now = Date.now()): boolean {
    return this.recent(address, now).length >= this.limit;
  }

  /** Counts a lookup of a code that does not exist. */
  miss(address: string, now = Date.now()): void {
    const times = this.recent(address, now);
    times.push(now);
    this.misses.set(address, times);
    // Forget quiet addresses now and then, so the map cannot grow without bound.
    if (this.misses.size > 10_000) for (const a of [...this.misses.keys()]) this.recent(a, now);
  }
}
