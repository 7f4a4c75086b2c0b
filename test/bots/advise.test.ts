/**
 * The advisor: a plan for a human's own nation from that nation's view only, that the server accepts,
 * and that works toward the objectives not yet met (it is given the player's view and nothing else).
 */
import { describe, expect, it } from 'vitest';
import { advise, suggestedBudget } from '../../shared/bots/advise.ts';
import {
  createGame,
  objectivesInView,
  parseOrders,
  resolveRound,
  scoreboard,
  viewFor,
} from '../../shared/engine/index.ts';
import { allBotOrders, everyone, scenario, spent } from './helpers.ts';

describe('the advisor', () => {
  for (const id of ['sovereign-ai-2026', 'three-powers'] as const) {
    it(`gives every nation of ${id} orders the engine accepts, every round, within the budget`, () => {
      const sc = scenario(id);
      let state = createGame(sc, { seed: 11 });
      let rounds = 0;
      while (state.status === 'running') {
        for (const nation of Object.keys(state.nations)) {
          const view = viewFor(state, { kind: 'nation', nation });
          const advice = advise(view, sc, nation);
          const parsed = parseOrders(state, nation, advice.orders);
          expect(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.errors)).toBe(true);
          expect(spent(advice.orders)).toBeLessThanOrEqual(state.nations[nation]!.budget + 1e-6);
          // Money for aid always has a region to go to.
          if ((advice.orders.budget?.aid ?? 0) > 0) expect(advice.orders.aidRegion).toBeTruthy();
          for (const o of advice.objectives) expect(o.achieved).toBe(false);
        }
        state = resolveRound(
          state,
          allBotOrders(state, everyone(sc, { archetype: 'hedger', difficulty: 'normal' }), 11),
        ).state;
        rounds++;
      }
      expect(rounds).toBe(state.rounds);
    });
  }

  it('follows the objectives: a nation whose open goals are about adoption abroad is told to open its weights', () => {
    const sc = scenario('sovereign-ai-2026');
    const state = createGame(sc, { seed: 3 });
    const tests = new Map(sc.objectives.map((o) => [o.id, o.test.kind]));
    let checked = 0;
    for (const nation of Object.keys(state.nations)) {
      const view = viewFor(state, { kind: 'nation', nation });
      const advice = advise(view, sc, nation);
      // The objectives it names are the ones its strategy serves.
      for (const o of advice.objectives) expect(tests.has(o.id)).toBe(true);
      if (advice.archetype === 'openChampion') {
        expect(advice.orders.release).toBe('open');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("shows the same progress for public objectives as the ranking's", () => {
    const sc = scenario('three-powers');
    let state = createGame(sc, { seed: 2 });
    for (let r = 0; r < 3; r++)
      state = resolveRound(
        state,
        allBotOrders(state, everyone(sc, { archetype: 'openChampion', difficulty: 'hard' }), 2),
      ).state;
    const board = scoreboard(state, { revealSecrets: true });
    for (const nation of Object.keys(state.nations)) {
      const mine = objectivesInView(viewFor(state, { kind: 'nation', nation }), sc, nation);
      const row = board.find((b) => b.nation === nation)!;
      expect(mine.map((o) => [o.id, o.secret, o.achieved, o.progress])).toEqual(
        row.objectives.map((o) => [o.id, o.secret, o.achieved, o.progress]),
      );
      // Another nation sees the public ones only.
      const other = Object.keys(state.nations).find((n) => n !== nation)!;
      const seen = objectivesInView(viewFor(state, { kind: 'nation', nation: other }), sc, nation);
      expect(seen.some((o) => o.secret)).toBe(false);
    }
  });
});

describe('the suggested split', () => {
  it('spends the whole budget as the scenario suggests, and nothing on aid while no region takes it', () => {
    const sc = scenario('sovereign-ai-2026');
    const india = sc.nations.find((n) => n.id === 'IN')!;
    expect(india.defaultAllocation?.aid ?? 0).toBeGreaterThan(0);
    const withRegion = suggestedBudget(sc, 'IN', 10, 'South Asia');
    const without = suggestedBudget(sc, 'IN', 10, null);
    expect(withRegion.aid).toBeCloseTo(10 * (india.defaultAllocation?.aid ?? 0), 1);
    expect(without.aid).toBe(0);
    const total = (b: Record<string, number>) => Object.values(b).reduce((s, x) => s + x, 0);
    // Rounded down to cents per line: at most 6 cents short of the budget, never over.
    for (const b of [withRegion, without]) {
      expect(total(b)).toBeLessThanOrEqual(10);
      expect(total(b)).toBeGreaterThan(10 - 0.07);
    }
    // The aid's share went to the other lines in proportion.
    expect(without.compute / withRegion.compute).toBeCloseTo(without.training / withRegion.training, 1);
  });
});
