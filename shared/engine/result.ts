import type { z } from 'zod';

/** One problem with an input: where it is and what is wrong. */
export interface Problem {
  /** Dotted path to the field, e.g. 'budget.compute' or 'nations.2.members.0'; '' for the whole input. */
  path: string;
  /** Why it is refused, in plain words. */
  message: string;
}

/** A value, or every problem that prevented it. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Problem[] };

/** Turns zod issues into problems with dotted paths. */
export function problemsFromZod(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
