/**
 * The one draw of a bot seat's archetype, from a game's seed: the simulator (shared/sim/seats.ts)
 * and the server (a seat handed to a bot) both use it, so the balance measured by simulation
 * (docs/BALANCE.md) is the balance of the bots the server plays.
 */
import type { NationId } from '../engine/types.ts';
import { ARCHETYPES, type Archetype } from './botTypes.ts';

/** A 32-bit integer hash (murmur3's finaliser): nearby inputs give unrelated outputs. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The seed of the generator a game's seats are drawn with: give `drawArchetypes` the engine's
 * `rngFromSeed(seatDrawSeed(seed))` (the bots never import the engine's generator themselves).
 * The generator's first draws follow its seed closely: the seed is hashed so nearby seeds differ.
 */
export const seatDrawSeed = (seed: number): number => mix32(seed ^ 0x5eed);

/** A fresh generator of integers below n (the engine's `Rng`). */
export interface SeatRng {
  int(n: number): number;
}

/**
 * An archetype for every nation, from a generator seeded with the game's seed only (`seatDrawSeed`):
 * one is drawn per nation in scenario order (`nations`), so a seat's archetype never depends on which
 * other seats are bots.
 */
export function drawArchetypes(nations: readonly NationId[], rng: SeatRng): Record<NationId, Archetype> {
  const drawn: Record<NationId, Archetype> = {};
  for (const n of nations) drawn[n] = ARCHETYPES[rng.int(ARCHETYPES.length)]!;
  return drawn;
}
