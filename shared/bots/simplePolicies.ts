import type { OrdersInput } from '../engine/ordersSchema.ts';
import type { GameView } from '../engine/viewFor.ts';
import { BUDGET_LINES, type BudgetLine, type NationId, TREATY_TYPES } from '../engine/types.ts';

/** A simple built-in policy: from what a nation sees, its orders for the round. */
export type SimplePolicy = (
  view: GameView,
  me: NationId,
  shares: Partial<Record<BudgetLine, number>>,
) => OrdersInput;

const split = (budget: number, shares: Partial<Record<BudgetLine, number>>) => {
  const total = BUDGET_LINES.reduce((s, l) => s + (shares[l] ?? 0), 0) || 1;
  // Floor to cents so rounding can never exceed the budget.
  return Object.fromEntries(
    BUDGET_LINES.map((l) => [l, Math.floor(((budget * (shares[l] ?? 0)) / total) * 100) / 100]),
  ) as Record<BudgetLine, number>;
};

const rivals = (view: GameView, me: NationId) => Object.keys(view.nations).filter((id) => id !== me);

/** The strongest rival by capability. */
const topRival = (view: GameView, me: NationId) =>
  rivals(view, me).sort(
    (a, b) => view.nations[b]!.capability - view.nations[a]!.capability || a.localeCompare(b),
  )[0];

/** Accept every proposal addressed to me. */
const acceptAll = (view: GameView, me: NationId) =>
  view.proposals.filter((p) => p.to === me).map((p) => ({ id: p.id, accept: true }));

/** The region where I have the least foreign reach and the most people: where aid does most. */
const aidRegion = (view: GameView) => {
  const regions = [
    'Sub-Saharan Africa',
    'South Asia',
    'Latin America & Caribbean',
    'Middle East & North Africa',
  ];
  return regions[view.round % regions.length]!;
};

/**
 * The first simulator's policies (richer bots come later). Each keeps the nation's scenario
 * allocation as a base and leans one way.
 */
export const SIMPLE_POLICIES: Record<string, SimplePolicy> = {
  /** Spends the scenario's suggested allocation; answers yes to every treaty. */
  balanced: (view, me, shares) => ({
    budget: split(view.nations[me]!.budget, shares),
    aidRegion: aidRegion(view),
    treaties: { answer: acceptAll(view, me) },
  }),
  /** Pours money into compute and training and keeps models closed. */
  builder: (view, me, shares) => ({
    budget: split(view.nations[me]!.budget, {
      ...shares,
      compute: (shares.compute ?? 0) + 0.15,
      training: (shares.training ?? 0) + 0.15,
    }),
    release: 'closed',
    treaties: { answer: acceptAll(view, me) },
  }),
  /** Releases open weights, funds aid and fine-tunes a national model. */
  open: (view, me, shares) => ({
    budget: split(view.nations[me]!.budget, { ...shares, aid: (shares.aid ?? 0) + 0.15 }),
    release: 'open',
    visa: 'open',
    aidRegion: aidRegion(view),
    programmeBase: me,
    treaties: {
      answer: acceptAll(view, me),
      propose: view.round === 1 ? [{ type: 'AiForum', to: topRival(view, me)! }] : [],
    },
  }),
  /** Embargoes chips to the strongest rival and builds its own chip stack. */
  hawk: (view, me, shares) => ({
    budget: split(view.nations[me]!.budget, { ...shares, chips: (shares.chips ?? 0) + 0.2 }),
    exportControls: [{ target: topRival(view, me)!, chips: 'embargo' }],
    treaties: { answer: view.proposals.filter((p) => p.to === me).map((p) => ({ id: p.id, accept: false })) },
  }),
  /** Safety, strict regulation and treaties with everyone. */
  trust: (view, me, shares) => ({
    budget: split(view.nations[me]!.budget, { ...shares, safety: (shares.safety ?? 0) + 0.2 }),
    regulation: 'strict',
    treaties: {
      answer: acceptAll(view, me),
      propose:
        view.round <= 2
          ? rivals(view, me)
              .slice(0, 2)
              .map((to, i) => ({ type: TREATY_TYPES[(view.round + i) % TREATY_TYPES.length]!, to }))
              .filter(
                (p) =>
                  !view.treaties.some(
                    (t) => t.type === p.type && t.parties.includes(me) && t.parties.includes(p.to),
                  ),
              )
          : [],
    },
  }),
};

export const SIMPLE_POLICY_NAMES = Object.keys(SIMPLE_POLICIES);
