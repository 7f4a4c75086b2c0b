import { z } from 'zod';
import {
  BUDGET_LINES,
  type BudgetAllocation,
  CONTROL_TIERS,
  REGULATION_LEVELS,
  RELEASE_POLICIES,
  TREATY_TYPES,
  VISA_POLICIES,
} from './types.ts';

const nationId = z.string().regex(/^[A-Z]{2}$/, 'must be a nation id (two capital letters)');
const money = z.number().finite().min(0, 'must not be negative').max(1e6, 'is too large');
const tier = z.enum(CONTROL_TIERS);

/**
 * One nation's orders for a round, as sent by a client or a bot. Unknown fields are refused.
 * Anything left out keeps the standing policy; the budget left out is not spent.
 */
export const OrdersSchema = z
  .object({
    /** US$ billions per budget line; the sum may not exceed the nation's budget. */
    budget: z
      .object(
        Object.fromEntries(BUDGET_LINES.map((l) => [l, money.optional()])) as Record<
          (typeof BUDGET_LINES)[number],
          z.ZodOptional<typeof money>
        >,
      )
      .strict()
      .optional(),
    release: z.enum(RELEASE_POLICIES).optional(),
    exportControls: z
      .array(z.object({ target: nationId, chips: tier.optional(), models: tier.optional() }).strict())
      .max(32)
      .optional(),
    /** Controls on a tier of markets (the AI Diffusion Rule's tiers), binding every market and nation in it. */
    tierControls: z
      .array(
        z
          .object({
            tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
            chips: tier.optional(),
            models: tier.optional(),
          })
          .strict(),
      )
      .max(3)
      .optional(),
    tariffs: z
      .array(
        z
          .object({ target: nationId, rate: z.number().min(0).max(0.5, 'must be at most 0.5 (50%)') })
          .strict(),
      )
      .max(32)
      .optional(),
    sanctions: z
      .array(z.object({ target: nationId, active: z.boolean() }).strict())
      .max(32)
      .optional(),
    visa: z.enum(VISA_POLICIES).optional(),
    regulation: z.enum(REGULATION_LEVELS).optional(),
    /** Region receiving the aid budget line; null stops aid. */
    aidRegion: z.string().min(1).max(60).nullable().optional(),
    /** Sovereign model programme: fine-tune this nation's open model (null stops the programme). */
    programmeBase: nationId.nullable().optional(),
    treaties: z
      .object({
        propose: z
          .array(z.object({ type: z.enum(TREATY_TYPES), to: nationId }).strict())
          .max(8)
          .optional(),
        answer: z
          .array(z.object({ id: z.string().min(1).max(20), accept: z.boolean() }).strict())
          .max(32)
          .optional(),
        withdraw: z.array(z.string().min(1).max(20)).max(16).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Orders as received (before checks against the state). */
export type OrdersInput = z.input<typeof OrdersSchema>;

/** Orders after validation: every field present. */
export interface Orders {
  budget: BudgetAllocation;
  release?: z.infer<typeof OrdersSchema>['release'];
  exportControls: {
    target: string;
    chips?: (typeof CONTROL_TIERS)[number];
    models?: (typeof CONTROL_TIERS)[number];
  }[];
  /** Controls per market tier; absent when the orders set none. */
  tierControls?: {
    tier: 1 | 2 | 3;
    chips?: (typeof CONTROL_TIERS)[number];
    models?: (typeof CONTROL_TIERS)[number];
  }[];
  tariffs: { target: string; rate: number }[];
  sanctions: { target: string; active: boolean }[];
  visa?: (typeof VISA_POLICIES)[number];
  regulation?: (typeof REGULATION_LEVELS)[number];
  aidRegion?: string | null;
  programmeBase?: string | null;
  treaties: {
    propose: { type: (typeof TREATY_TYPES)[number]; to: string }[];
    answer: { id: string; accept: boolean }[];
    withdraw: string[];
  };
}

/** Orders that change nothing and spend nothing: what a nation that submits nothing plays. */
export function emptyOrders(): Orders {
  return {
    budget: { compute: 0, training: 0, chips: 0, talent: 0, safety: 0, aid: 0 },
    exportControls: [],
    tariffs: [],
    sanctions: [],
    treaties: { propose: [], answer: [], withdraw: [] },
  };
}
