/**
 * The orders' JSON Schema, generated from the zod schema the server validates with (zod 4's
 * toJSONSchema), so an agent's tools and prompts describe exactly what the server accepts.
 */
import { z } from 'zod';
import { OrdersSchema } from '../engine/ordersSchema.ts';

let cached: Record<string, unknown> | null = null;

/** JSON Schema (draft 2020-12) of one nation's orders for a round, as the server receives them. */
export function ordersJsonSchema(): Record<string, unknown> {
  cached ??= z.toJSONSchema(OrdersSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return structuredClone(cached);
}
