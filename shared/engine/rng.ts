import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
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

/** A new generator from an integer seed. */
export function rngFromSeed(seed: number): Rng {
  return wrap(xoroshiro128plus(seed | 0));
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
