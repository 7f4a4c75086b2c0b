/**
 * How a room words a refused create or join: every problem under its dotted path, an unknown option
 * under its own name (`game.colour: is not a known option`), never an empty path.
 */
import type { z } from 'zod';

export type Problems = { path: string; message: string }[];

export const problemText = (errors: Problems): string =>
  errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');

/** A zod failure of create or join options as problems (`prefix` is 'game' for the game's options). */
export function optionProblems(error: z.ZodError, prefix: string[] = []): Problems {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({
          path: [...prefix, ...i.path, key].join('.'),
          message: 'is not a known option',
        }))
      : [{ path: [...prefix, ...i.path].join('.'), message: i.message }],
  );
}
