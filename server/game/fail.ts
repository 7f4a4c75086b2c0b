import type { Problem } from '../../shared/engine/index.ts';

/** A refusal with one problem. */
export const fail = (path: string, message: string): { ok: false; errors: Problem[] } => ({
  ok: false,
  errors: [{ path, message }],
});
