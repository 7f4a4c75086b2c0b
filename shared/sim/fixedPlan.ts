/**
 * A strategy that ignores the world: the same budget split and the same standing policies every
 * round, whatever happens. The balance check searches such plans at random and asks that none beats
 * a thoughtful (hard) bot (GAME.md: "a strategy that ignores the world must never beat a thoughtful
 * player"). Pure and deterministic.
 */
import { split } from '../bots/reading.ts';
import type { Orders } from '../engine/ordersSchema.ts';
import { parseOrders } from '../engine/parseOrders.ts';
import { rngFromSeed } from '../engine/rng.ts';
import {
  BUDGET_LINES,
  type BudgetLine,
  type Regulation,
  type ReleasePolicy,
  type GameState,
  type NationId,
} from '../engine/types.ts';
import type { Intervention } from './experiment.ts';

export interface FixedPlan {
  shares: Record<BudgetLine, number>;
  release: ReleasePolicy;
  regulation: Regulation;
}

/** `count` random plans from a seed: budget shares uniform on the simplex, release and regulation uniform. */
export function randomPlans(seed: number, count: number): FixedPlan[] {
  const rng = rngFromSeed(seed);
  const plans: FixedPlan[] = [];
  for (let i = 0; i < count; i++) {
    const raw = BUDGET_LINES.map(() => -Math.log(1 - rng.next()));
    const total = raw.reduce((s, x) => s + x, 0);
    const shares = Object.fromEntries(BUDGET_LINES.map((l, k) => [l, raw[k]! / total])) as Record<
      BudgetLine,
      number
    >;
    const release = (['open', 'closed'] as const)[rng.int(2)]!;
    const regulation = (['light', 'balanced', 'strict'] as const)[rng.int(3)]!;
    plans.push({ shares, release, regulation });
  }
  return plans;
}

/** The plan's orders for a nation this round (the whole budget, split by the plan's shares). */
export function planOrders(state: GameState, nation: NationId, plan: FixedPlan): Orders {
  const parsed = parseOrders(state, nation, {
    budget: split(state.nations[nation]!.budget, plan.shares),
    release: plan.release,
    regulation: plan.regulation,
  });
  if (!parsed.ok) throw new Error(`fixed plan gave invalid orders: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

/** An intervention that makes `who` play the plan instead of its bot. */
export const playPlan =
  (who: NationId, plan: FixedPlan): Intervention =>
  (state, nation, orders) =>
    nation === who ? planOrders(state, nation, plan) : orders;

/** A plan as text for reports: its shares in percent and its policies. */
export function planLabel(plan: FixedPlan): string {
  const parts = BUDGET_LINES.map((l) => `${l} ${Math.round(plan.shares[l] * 100)}%`);
  return `${parts.join(', ')}; ${plan.release}, ${plan.regulation}`;
}
