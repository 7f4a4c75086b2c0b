/**
 * Golden cases: budget allocation limits and the next round's budget (income, revenue share,
 * sanctions bite, budget modifiers).
 */
import { describe, expect, it } from 'vitest';
import { type GameState, parseOrders } from '../../shared/engine/index.ts';
import { card, eventFor, inject, nation, play, setup } from './helpers.ts';

/** A game whose adoption is held still (stickiness 0) at US 0.5, CN 0.3, EU 0.1, local 0.1 everywhere. */
function heldStill(rules: Record<string, unknown> = {}): GameState {
  return setup({
    rules: { adoption: { stickiness: 0 }, ...rules },
    tweak: (s) => {
      for (const m of s.scenario.markets) s.adoption[m.id] = { US: 0.5, CN: 0.3, EU: 0.1, OTHER: 0.1 };
    },
  });
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
    const s0 = heldStill();
    const { state, events } = play(s0, {
      US: { budget: { compute: 10, training: 10 } },
      CN: { budget: { safety: 5 } },
    });
    // By the rules, with adoption held still (world GDP 47,510; each nation's budget was 50):
    // Capabilities: US 80 + 0.995233 (trained, as TRN-1) = 80.995233, CN 70, EU 62.2 (CN's weights);
    // every home market runs 0.5 x 80.995233 + 0.3 x 70 + 0.1 x 62.2 + 0.1 x 50 = 72.717616.
    // Chip revenue 0.06 x the two buyers' 100 x layer shares: US 70/85 x 0.95 + 10/40 x 0.92 + 10/95
    // x 0.96 + 10/25 x 0.94 = 1.489406 -> 8.936433; CN 10/85 x 0.95 + 20/40 x 0.92 + 5/95 x 0.96 +
    // 10/25 x 0.94 = 0.998291 -> 5.989746; EU 1.282303 -> 7.693820 (BUD-6).
    // US: compute 400 x 0.88 + 140 = 492 (CMP-1) + cloud 0.01 x 176 = 493.76 of 0.02 x 27000 = 540
    // needed (adequacy 0.914370); models 0.001 x 0.5 x 47510 = 23.755, its market pays 0.001 x 27000 x
    // (CN 0.25 x 0.3 + EU 0.1) = 4.725 abroad (trade 19.03): growth 0.01 + 0.03 x 0.727176 x 0.914370
    // + 1.5 x 19.03/27000 = 0.031004; 50 x 1.031004 + 0.3 x (23.755 + 8.936433) = 61.357654 -> 61.36.
    // CN: compute 88 + 0.01 x 580 = 93.8 of 340 (adequacy 0.275882); models 0.001 x 0.25 x 0.3 x 47510
    // = 3.56325, pays 0.001 x 17000 x (0.5 + 0.1) = 10.2 (trade -6.63675): growth 0.01 + 0.03 x
    // 0.727176 x 0.275882 - 1.5 x 6.63675/17000 = 0.015433; 50 x 1.015433 + 0.3 x (3.56325 +
    // 5.989746) = 53.637542 -> 53.64.
    // EU: adequacy 1, trade 4.176 (BUD-6): growth 0.01 + 0.03 x 0.727176 + 1.5 x 4.176/1000 = 0.038079;
    // 50 x 1.038079 + 0.3 x 12.444820 = 55.637410 -> 55.64.
    const expected: Record<string, number> = { US: 61.36, CN: 53.64, EU: 55.64 };
    for (const id of ['US', 'CN', 'EU']) {
      const n = nation(state, id);
      expect(n.revenue).toBeGreaterThan(0);
      expect(n.budget).toBeCloseTo(expected[id]!, 9);
      const e = eventFor(events, 'BudgetSet', id);
      expect(e.params.from).toBe(nation(s0, id).budget);
      expect(e.params.to).toBe(n.budget);
      expect(e.params.revenue).toBe(n.revenue);
      expect(e.params.sanctions).toBe(0);
    }
  });

  it('BUD-6 unspent budget is not carried over: spending nothing or everything gives the same income formula', () => {
    const idle = play(heldStill(), {}).state;
    const s0 = heldStill();
    const b = nation(s0, 'EU').budget;
    const busy = play(s0, { EU: { budget: { safety: b } } }).state;
    // EU (safety spending moves only trust, and adoption is held still), by the rules:
    // model revenue 0.001 x 0.1 x world GDP 47,510 = 4.751; chip revenue 0.06 x (US 50 + CN 50) x its
    // layer shares (design 5/85 x 0.95 + fabrication 10/40 x 0.92 + lithography 80/95 x 0.96 +
    // memory 5/25 x 0.94 = 0.055882 + 0.23 + 0.808421 + 0.188 = 1.282303) = 7.693820; revenue 12.444820.
    // Its markets (GDP 1000) pay 0.001 x 1000 x (US closed 0.5 + CN open 0.25 x 0.3) = 0.575 abroad:
    // trade 4.751 - 0.575 = 4.176. Home capability 0.5 x 80 + 0.3 x 70 + 0.1 x 62.2 + 0.1 x 50 = 72.22,
    // compute 88 + 4.4 cloud > 0.02 x 1000 (adequacy 1): growth 0.01 + 0.03 x 0.7222 + 1.5 x 4.176/1000
    // = 0.03793, economy 103.793. Budget 50 x 1.03793 + 0.3 x 12.444820 = 51.8965 + 3.733446
    // = 55.629946, to the cent 55.63.
    expect(nation(idle, 'EU').budget).toBeCloseTo(55.63, 9);
    expect(nation(busy, 'EU').budget).toBeCloseTo(55.63, 9);
  });

  it('BUD-7 revenueToBudget 0 makes the budget depend on the economy alone', () => {
    const { state } = play(heldStill({ revenueToBudget: 0 }), {});
    // The economies of an idle round with adoption held still (BUD-10, round 1): US 102.525086,
    // CN 101.530246, EU 103.793; budget 50 x economy / 100 to the cent: 51.262543 -> 51.26,
    // 50.765123 -> 50.77, 51.8965 -> 51.90.
    expect(nation(state, 'US').budget).toBeCloseTo(51.26, 9);
    expect(nation(state, 'CN').budget).toBeCloseTo(50.77, 9);
    expect(nation(state, 'EU').budget).toBeCloseTo(51.9, 9);
  });

  it('BUD-8 sanctions bite: the budget loses sanctionBudgetHit x the sanctioners GDP share of the base', () => {
    const s0 = heldStill();
    const { state, events } = play(s0, {
      US: { sanctions: [{ target: 'CN', active: true }] },
      EU: { sanctions: [{ target: 'CN', active: true }] },
    });
    // The sanctioners' share of the three nations' home GDP: (US 27000 + EU 1000) / 45000 = 28/45.
    expect(eventFor(events, 'BudgetSet', 'CN').params.sanctions).toBeCloseTo(28 / 45, 12);
    // CN by the rules (adoption held still; US 80, CN 70, EU 62.2 after the round): its market runs
    // 72.22 (BUD-6); no cloud from its sanctioners: compute 88 of 340 needed (adequacy 0.258824);
    // trade 3.56325 - 10.2 = -6.63675 (BUD-5): growth 0.01 + 0.03 x 0.7222 x 0.258824 - 1.5 x
    // 6.63675/17000 - 0.1 x 28/45 = -0.047200, economy 95.279985; base 50 x 0.952800 = 47.639993;
    // revenue 3.56325 + 5.989746 = 9.552996; bite 0.15 x 28/45 x 47.639993 = 4.446399:
    // 47.639993 + 0.3 x 9.552996 - 4.446399 = 46.059492 -> 46.06.
    const cn = nation(state, 'CN');
    expect(cn.economy).toBeCloseTo(95.279985, 5);
    expect(cn.budget).toBeCloseTo(46.06, 9);
    // The bite is real: without it the budget would be 47.639993 + 2.865899 = 50.505891.
    expect(cn.budget).toBeLessThan(50.505891 - 0.01);
  });

  it('BUD-9 sanctions hurt the target budget more than no sanctions at all', () => {
    const calm = play(setup(), {}).state;
    const hit = play(setup(), { US: { sanctions: [{ target: 'CN', active: true }] } }).state;
    expect(nation(hit, 'CN').budget).toBeLessThan(nation(calm, 'CN').budget);
  });

  it('BUD-10 a budget Modifier card multiplies the next budget while in force', () => {
    const s0 = inject(
      heldStill(),
      card('austerity', [{ type: 'Modifier', kind: 'budget', nations: ['EU'], factor: 0.5, rounds: 2 }]),
    );
    // By the rules, with adoption held still and nobody spending: compute x 0.88 a round (US 352,
    // 309.76, 272.5888; CN and EU 88, 77.44, 68.1472) plus 0.01 of the others' as cloud; EU fine-tunes
    // CN's weights halfway to 0.92 x 70 = 64.4 each round (62.2, 63.3, 63.85), so home markets run
    // 0.5 x 80 + 0.3 x 70 + 0.1 x EU + 0.1 x 50 = 72.22, 72.33, 72.385. Trade (BUD-5, BUD-6): US 19.03,
    // EU 4.176. Chip revenue = 0.06 x the other two's budgets x layer shares (US 1.489406, CN 0.998291,
    // EU 1.282303). Round 1 (buyers' budgets 50):
    // US adequacy 353.76/540 = 0.655111, growth 0.01 + 0.03 x 0.7222 x 0.655111 + 1.5 x 19.03/27000
    // = 0.025251; 50 x 1.025251 + 0.3 x (23.755 + 8.936433) = 61.069973 -> 61.07.
    // CN adequacy 92.4/340 = 0.271765, growth 0.015302; 50 x 1.015302 + 0.3 x (3.56325 + 5.989746)
    // = 53.631022 -> 53.63.
    // EU as BUD-6, 55.629946, halved: 27.814973 -> 27.81.
    const { state } = play(s0, {});
    expect(nation(state, 'EU').budget).toBeCloseTo(27.81, 9);
    expect(nation(state, 'US').budget).toBeCloseTo(61.07, 9);
    // In force in its second round too: the budget set at the end of round 2 is still halved.
    // EU: growth 0.01 + 0.03 x 0.7233 + 1.5 x 4.176/1000 = 0.037963, economy 103.793 x 1.037963 =
    // 107.733294; chips 0.06 x (61.07 + 53.63) x 1.282303 = 8.824812; 0.5 x (50 x 1.077333 + 0.3 x
    // (4.751 + 8.824812)) = 0.5 x 57.939390 = 28.969695 -> 28.97.
    const r2 = play(state, {}).state;
    expect(r2.modifiers).toEqual([]);
    expect(nation(r2, 'EU').budget).toBeCloseTo(28.97, 9);
    // Gone after that: the budget set at the end of round 3 is whole again. Round 2's other budgets:
    // US adequacy 311.3088/540 = 0.576498, growth 0.023567, economy 104.941259, chips 0.06 x (53.63 +
    // 27.81) x 1.489406 = 7.277831: 61.780479 -> 61.78; CN adequacy 81.312/340 = 0.239153, growth
    // 0.014604, economy 103.012972, chips 0.06 x (61.07 + 27.81) x 0.998291 = 5.323686: 54.172567 ->
    // 54.17. EU round 3: growth 0.01 + 0.03 x 0.72385 + 0.006264 = 0.037979, economy 111.824950; chips
    // 0.06 x (61.78 + 54.17) x 1.282303 = 8.920985; 50 x 1.118250 + 0.3 x 13.671985 = 60.014071 -> 60.01.
    const r3 = play(r2, {}).state;
    expect(nation(r3, 'EU').budget).toBeCloseTo(60.01, 9);
  });
});
