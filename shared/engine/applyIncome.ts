import { emit, modifierFactor, nationList, type ResolveContext } from './context.ts';
import type { Rules } from './rules.ts';
import { sanctionWeight } from './settleEconomy.ts';
import type { GameState } from './types.ts';

/**
 * The budget for a round: the base budget grown with the economy, plus part of last round's
 * revenue, less the bite of sanctions, times any card modifier. Computed at the end of a round for
 * the next one, so orders can be checked against it.
 */
export function nextBudgets(state: GameState, rules: Rules, round: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of nationList(state)) {
    const base = n.baseBudget * (n.economy / 100);
    const sanctions = rules.sanctionBudgetHit * sanctionWeight(state, n.id) * base;
    const budget =
      (base + rules.revenueToBudget * n.revenue - sanctions) * modifierFactor(state, round, 'budget', n.id);
    out[n.id] = Math.max(0, Math.round(budget * 100) / 100);
  }
  return out;
}

/**
 * Sets every nation's budget for the next round and reports it. Budget modifiers are those in force
 * in the round just resolved, so a card's k-round budget modifier shapes the k budgets after it.
 */
export function applyIncome(ctx: ResolveContext, _nextRound: number): void {
  const budgets = nextBudgets(ctx.state, ctx.rules, ctx.round);
  for (const n of nationList(ctx.state)) {
    const from = n.budget;
    n.budget = budgets[n.id]!;
    emit(ctx, 'BudgetSet', {
      nation: n.id,
      from,
      to: n.budget,
      revenue: n.revenue,
      sanctions: sanctionWeight(ctx.state, n.id),
    });
  }
}
