/**
 * The advisor: a plan for a human player's own nation, made by the bots' own logic from that
 * player's view (never from hidden state), with the reason in the player's objectives. The plan
 * follows the archetype whose strategy serves the most points of the objectives not yet met.
 */
import { type ObjectiveProgress, objectivesInView } from '../engine/objectivesInView.ts';
import type { OrdersInput } from '../engine/ordersSchema.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import { BUDGET_LINES, type BudgetLine, type NationId } from '../engine/types.ts';
import type { GameView } from '../engine/viewFor.ts';
import { decideBot } from './archetypes.ts';
import type { Archetype } from './botTypes.ts';

/** Which strategy serves each kind of objective test. */
const SERVES: Record<string, Archetype> = {
  regionShare: 'openChampion',
  marketsLed: 'openChampion',
  softPowerRank: 'openChampion',
  trustAtLeast: 'trustBuilder',
  noIncidents: 'trustBuilder',
  treatiesAtLeast: 'trustBuilder',
  capabilityRank: 'computeMaximiser',
  computeGrowth: 'computeMaximiser',
  economyGrowth: 'computeMaximiser',
  sovereigntyAtLeast: 'hedger',
  homeShare: 'hedger',
};

/** What the advisor proposes. */
export interface Advice {
  archetype: Archetype;
  orders: OrdersInput;
  /** The objectives (not yet met) this plan works toward, most points first. */
  objectives: ObjectiveProgress[];
  /** The bot logic's own sentence about the plan. */
  explanation: string;
}

/**
 * A plan for `me` this round from `me`'s own view. Deterministic: the same view gives the same
 * plan. When every objective is met (or none is known) it hedges.
 */
export function advise(view: GameView, scenario: Scenario, me: NationId): Advice {
  const tests = new Map(scenario.objectives.map((o) => [o.id, o.test.kind]));
  const open = objectivesInView(view, scenario, me).filter((o) => !o.achieved);
  const weight = new Map<Archetype, number>();
  for (const o of open) {
    const a = SERVES[tests.get(o.id) ?? ''];
    if (a) weight.set(a, (weight.get(a) ?? 0) + o.points * (1 - o.progress / 2));
  }
  const order: Archetype[] = ['openChampion', 'trustBuilder', 'computeMaximiser', 'hedger'];
  const archetype = order.reduce<Archetype>(
    (best, a) => ((weight.get(a) ?? 0) > (weight.get(best) ?? 0) ? a : best),
    'hedger',
  );
  const decision = decideBot({
    view,
    me,
    scenario,
    seat: { archetype, difficulty: 'hard' },
    salt: view.round,
  });
  return {
    archetype,
    orders: decision.orders,
    objectives: open
      .filter((o) => SERVES[tests.get(o.id) ?? ''] === archetype)
      .sort((a, b) => b.points - a.points),
    explanation: decision.explanation,
  };
}

/**
 * The scenario's suggested split of this round's budget for a nation, in US$ bn rounded down to
 * cents. Aid with no aid region would be wasted, so without one its share goes to the other lines.
 */
export function suggestedBudget(
  scenario: Scenario,
  nation: NationId,
  budget: number,
  aidRegion: string | null,
): Record<BudgetLine, number> {
  const shares: Partial<Record<BudgetLine, number>> = {
    ...scenario.nations.find((n) => n.id === nation)?.defaultAllocation,
  };
  if (!aidRegion && shares.aid) {
    const rest = BUDGET_LINES.filter((l) => l !== 'aid').reduce((s, l) => s + (shares[l] ?? 0), 0);
    if (rest > 0)
      for (const l of BUDGET_LINES) if (l !== 'aid') shares[l] = (shares[l] ?? 0) * (1 + shares.aid / rest);
    shares.aid = 0;
  }
  return Object.fromEntries(
    BUDGET_LINES.map((l) => [l, Math.floor(budget * (shares[l] ?? 0) * 100) / 100]),
  ) as Record<BudgetLine, number>;
}
