/**
 * Golden cases: budget allocation limits and the next round's budget (income, revenue share,
 * sanctions bite, budget modifiers).
 */
import { describe, expect, it } from 'vitest';
import { type GameState, parseOrders } from '../../shared/engine/index.ts';
import { card, eventFor, inject, nation, play, setup } from './helpers.ts';

/** Home GDP of a nation: the GDP of its member markets. */
function homeGdp(state: GameState, id: string): number {
  const members = state.scenario.nations.find((n) => n.id === id)!.members;
  return state.scenario.markets.filter((m) => members.includes(m.id)).reduce((s, m) => s + m.gdpUsdBn, 0);
}

/** Summed GDP share (among nations) of those sanctioning `id`. */
function sanctionWeight(state: GameState, id: string): number {
  const ids = state.scenario.nations.map((n) => n.id);
  const total = ids.reduce((s, n) => s + homeGdp(state, n), 0);
  return ids
    .filter((n) => nation(state, n).policies.sanctions.includes(id))
    .reduce((s, n) => s + homeGdp(state, n) / total, 0);
}

/** The next budget by the rules, from the resolved state (economy and revenue are final there). */
function expectedBudget(state: GameState, id: string, modifier = 1): number {
  const r = state.scenario.rules;
  const n = nation(state, id);
  const base = n.baseBudget * (n.economy / 100);
  const bite = r.sanctionBudgetHit * sanctionWeight(state, id) * base;
  return Math.max(0, Math.round((base + r.revenueToBudget * n.revenue - bite) * modifier * 100) / 100);
}

describe('budget allocation', () => {
  it('BUD-1 the first round budget is the base budget', () => {
    const s = setup();
    for (const spec of s.scenario.nations) expect(nation(s, spec.id).budget).toBe(spec.baseBudget);
  });

  it('BUD-2 an allocation of exactly the whole budget is accepted', () => {
    const s = setup();
    const b = nation(s, 'US').budget;
    const r = parseOrders(s, 'US', {
      budget: { compute: b / 2, training: b / 4, chips: b / 8, talent: b / 16, safety: b / 32, aid: b / 32 },
    });
    expect(r.ok).toBe(true);
  });

  it('BUD-3 allocations summing to more than the budget are refused, naming the budget', () => {
    const s = setup();
    const b = nation(s, 'US').budget;
    const r = parseOrders(s, 'US', { budget: { compute: b / 2, training: b / 2 + 0.01 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe('budget');
    expect(r.errors[0]!.message).toContain(`budget of ${b.toFixed(2)}`);
  });

  it('BUD-4 the budget limit follows the current budget, not the base budget', () => {
    const s = setup({
      tweak: (st) => {
        nation(st, 'US').budget = 20;
      },
    });
    expect(parseOrders(s, 'US', { budget: { compute: 20 } }).ok).toBe(true);
    expect(parseOrders(s, 'US', { budget: { compute: 21 } }).ok).toBe(false);
  });
});

describe('next round budget', () => {
  it('BUD-5 the next budget is the base budget grown with the economy plus revenueToBudget of revenue', () => {
    const s0 = setup();
    const { state, events } = play(s0, {
      US: { budget: { compute: 10, training: 10 } },
      CN: { budget: { safety: 5 } },
    });
    for (const id of ['US', 'CN', 'EU']) {
      const n = nation(state, id);
      expect(n.revenue).toBeGreaterThan(0);
      expect(n.budget).toBeCloseTo(expectedBudget(state, id), 9);
      const e = eventFor(events, 'BudgetSet', id);
      expect(e.params.from).toBe(nation(s0, id).budget);
      expect(e.params.to).toBe(n.budget);
      expect(e.params.revenue).toBe(n.revenue);
      expect(e.params.sanctions).toBe(0);
    }
  });

  it('BUD-6 unspent budget is not carried over: spending nothing or everything gives the same income formula', () => {
    const idle = play(setup(), {}).state;
    const s0 = setup();
    const b = nation(s0, 'EU').budget;
    const busy = play(s0, { EU: { budget: { safety: b } } }).state;
    expect(nation(idle, 'EU').budget).toBeCloseTo(expectedBudget(idle, 'EU'), 9);
    expect(nation(busy, 'EU').budget).toBeCloseTo(expectedBudget(busy, 'EU'), 9);
  });

  it('BUD-7 revenueToBudget 0 makes the budget depend on the economy alone', () => {
    const { state } = play(setup({ rules: { revenueToBudget: 0 } }), {});
    for (const id of ['US', 'CN', 'EU']) {
      const n = nation(state, id);
      expect(n.budget).toBeCloseTo(Math.round(n.baseBudget * n.economy) / 100, 9);
    }
  });

  it('BUD-8 sanctions bite: the budget loses sanctionBudgetHit x the sanctioners GDP share of the base', () => {
    const s0 = setup();
    const { state, events } = play(s0, {
      US: { sanctions: [{ target: 'CN', active: true }] },
      EU: { sanctions: [{ target: 'CN', active: true }] },
    });
    const weight = sanctionWeight(state, 'CN');
    expect(weight).toBeCloseTo(
      (homeGdp(s0, 'US') + homeGdp(s0, 'EU')) / (homeGdp(s0, 'US') + homeGdp(s0, 'EU') + homeGdp(s0, 'CN')),
      12,
    );
    expect(nation(state, 'CN').budget).toBeCloseTo(expectedBudget(state, 'CN'), 9);
    expect(eventFor(events, 'BudgetSet', 'CN').params.sanctions).toBeCloseTo(weight, 12);
    // The bite is real: the same state without the sanctions would give a larger budget.
    const cn = nation(state, 'CN');
    const unsanctioned =
      cn.baseBudget * (cn.economy / 100) + state.scenario.rules.revenueToBudget * cn.revenue;
    expect(cn.budget).toBeLessThan(unsanctioned - 0.01);
  });

  it('BUD-9 sanctions hurt the target budget more than no sanctions at all', () => {
    const calm = play(setup(), {}).state;
    const hit = play(setup(), { US: { sanctions: [{ target: 'CN', active: true }] } }).state;
    expect(nation(hit, 'CN').budget).toBeLessThan(nation(calm, 'CN').budget);
  });

  it('BUD-10 a budget Modifier card multiplies the next budget while in force', () => {
    const s0 = inject(
      setup(),
      card('austerity', [{ type: 'Modifier', kind: 'budget', nations: ['EU'], factor: 0.5, rounds: 2 }]),
    );
    const { state } = play(s0, {});
    expect(nation(state, 'EU').budget).toBeCloseTo(expectedBudget(state, 'EU', 0.5), 9);
    expect(nation(state, 'US').budget).toBeCloseTo(expectedBudget(state, 'US'), 9);
    // In force in its second round too: the budget set at the end of round 2 is still halved.
    const r2 = play(state, {}).state;
    expect(r2.modifiers).toEqual([]);
    expect(nation(r2, 'EU').budget).toBeCloseTo(expectedBudget(r2, 'EU', 0.5), 9);
    // Gone after that: the budget set at the end of round 3 is whole again.
    const r3 = play(r2, {}).state;
    expect(nation(r3, 'EU').budget).toBeCloseTo(expectedBudget(r3, 'EU'), 9);
  });
});
