import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/** A seeded random source whose state can be saved back into the game state. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** The generator state, to store in `GameState.rng`. */
  state(): number[];
}

function wrap(gen: JumpableRandomGenerator): Rng {
  return {
    next: () => uniformFloat64(gen),
    int: (n) => Math.floor(uniformFloat64(gen) * n),
    state: () => [...gen.getState()],
  };
}

/** One step of splitmix32: a well-mixed 32-bit word from a counter. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/**
 * A new generator from an integer seed. The seed is spread over the whole 128-bit state with
 * splitmix32 first: xoroshiro128+ seeded directly from a small integer gives nearly the same first
 * outputs for neighbouring seeds (games 1000 and 1001 would deal the same objectives).
 */
export function rngFromSeed(seed: number): Rng {
  const words: number[] = [];
  let x = seed | 0;
  for (let i = 0; i < 4; i++) {
    x = splitmix32(x);
    words.push(x);
  }
  if (!words.some((w) => w !== 0)) words[0] = 1;
  return wrap(xoroshiro128plusFromState(words));
}

/** A generator continuing from a stored state (the stored array is not changed). */
export function rngFromState(state: readonly number[]): Rng {
  return wrap(xoroshiro128plusFromState(state));
}

/** Fisher-Yates shuffle of a copy of `items`. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
