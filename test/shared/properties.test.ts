/**
 * Property tests: for random seeds and random valid orders (drawn within the bounds of the orders
 * schema), resolveRound is deterministic, never changes its input, and keeps the state's invariants;
 * a whole game ends after its number of rounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_LINES,
  CONTROL_TIERS,
  type GameState,
  type Orders,
  parseOrders,
  REGULATION_LEVELS,
  RELEASE_POLICIES,
  resolveRound,
  TREATY_TYPES,
  VISA_POLICIES,
} from '../../shared/engine/index.ts';
import { setup } from './helpers.ts';

const NATIONS = ['US', 'CN', 'EU'] as const;
const REGIONS = [
  'North America',
  'East Asia & Pacific',
  'Europe & Central Asia',
  'Latin America & Caribbean',
  'Sub-Saharan Africa',
];

/** Random choices for one nation's orders, turned into valid orders against a state by `toInput`. */
const rawOrders = fc.record({
  /** Budget shares per line, scaled so their sum never exceeds the budget. */
  shares: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
    minLength: BUDGET_LINES.length,
    maxLength: BUDGET_LINES.length,
  }),
  spendAll: fc.double({ min: 0, max: 1, noNaN: true }),
  release: fc.option(fc.constantFrom(...RELEASE_POLICIES), { nil: undefined }),
  visa: fc.option(fc.constantFrom(...VISA_POLICIES), { nil: undefined }),
  regulation: fc.option(fc.constantFrom(...REGULATION_LEVELS), { nil: undefined }),
  controls: fc.array(
    fc.record({
      target: fc.constantFrom(...NATIONS),
      chips: fc.option(fc.constantFrom(...CONTROL_TIERS), { nil: undefined }),
      models: fc.option(fc.constantFrom(...CONTROL_TIERS), { nil: undefined }),
    }),
    { maxLength: 3 },
  ),
  tariffs: fc.array(
    fc.record({ target: fc.constantFrom(...NATIONS), rate: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
    { maxLength: 3 },
  ),
  sanctions: fc.array(fc.record({ target: fc.constantFrom(...NATIONS), active: fc.boolean() }), {
    maxLength: 3,
  }),
  aidRegion: fc.option(fc.constantFrom(...REGIONS, null), { nil: undefined }),
  programme: fc.option(fc.constantFrom(...NATIONS, null), { nil: undefined }),
  propose: fc.array(fc.record({ type: fc.constantFrom(...TREATY_TYPES), to: fc.constantFrom(...NATIONS) }), {
    maxLength: 2,
  }),
  accept: fc.boolean(),
  withdraw: fc.boolean(),
});
type Raw = typeof rawOrders extends fc.Arbitrary<infer T> ? T : never;

const uniqueOthers = <T extends { target: string }>(self: string, list: T[]): T[] => {
  const seen = new Set<string>();
  return list.filter((x) => x.target !== self && !seen.has(x.target) && seen.add(x.target));
};

/** Valid orders input for `nation` on `state` from random choices. */
function toInput(state: GameState, nation: string, raw: Raw): Record<string, unknown> {
  const self = state.nations[nation]!;
  // Shares below 1e-9 count as 0, and each line's fraction is taken before it is scaled: with
  // subnormal shares (1e-323) the product budget × share lost its precision and the lines could sum
  // to more than the budget (seen: 56.50 of 56.31).
  const shares = raw.shares.map((x) => (x < 1e-9 ? 0 : x));
  const total = shares.reduce((a, b) => a + b, 0) || 1;
  const budget = Object.fromEntries(
    BUDGET_LINES.map((l, i) => [
      l,
      Math.floor(self.budget * raw.spendAll * (shares[i]! / total) * 1e6) / 1e6,
    ]),
  );
  const input: Record<string, unknown> = {
    budget,
    exportControls: uniqueOthers(nation, raw.controls).map(({ target, chips, models }) => ({
      target,
      ...(chips ? { chips } : {}),
      ...(models ? { models } : {}),
    })),
    tariffs: uniqueOthers(nation, raw.tariffs),
    sanctions: uniqueOthers(nation, raw.sanctions),
  };
  if (raw.release) input.release = raw.release;
  if (raw.visa) input.visa = raw.visa;
  if (raw.regulation) input.regulation = raw.regulation;
  if (raw.aidRegion !== undefined) input.aidRegion = raw.aidRegion;
  if (
    raw.programme !== undefined &&
    (raw.programme === null ||
      raw.programme === nation ||
      state.nations[raw.programme]!.policies.release === 'open')
  )
    input.programmeBase = raw.programme;
  const seen = new Set<string>();
  input.treaties = {
    propose: raw.propose.filter((p) => {
      const key = `${p.type}:${p.to}`;
      if (p.to === nation || seen.has(key)) return false;
      seen.add(key);
      return !state.treaties.some(
        (t) => t.type === p.type && t.parties.includes(nation) && t.parties.includes(p.to),
      );
    }),
    answer: state.proposals.filter((p) => p.to === nation).map((p) => ({ id: p.id, accept: raw.accept })),
    withdraw: raw.withdraw
      ? state.treaties
          .filter((t) => t.parties.includes(nation))
          .map((t) => t.id)
          .slice(0, 1)
      : [],
  };
  return input;
}

/** Parses every nation's random orders (they must be accepted: the generator only makes valid ones). */
function ordersFor(state: GameState, raws: Raw[]): Record<string, Orders> {
  const out: Record<string, Orders> = {};
  NATIONS.forEach((id, i) => {
    const r = parseOrders(state, id, toInput(state, id, raws[i]!));
    if (!r.ok) throw new Error(`generated orders refused: ${JSON.stringify(r.errors)}`);
    out[id] = r.value;
  });
  return out;
}

const game = fc.record({
  seed: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  incidentBase: fc.double({ min: 0, max: 1, noNaN: true }),
  rounds: fc.array(fc.array(rawOrders, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
});

const newGame = (seed: number, incidentBase: number, rounds?: number) =>
  setup({ seed, keepCards: true, rules: { incidentBase }, ...(rounds ? { rounds } : {}) });

/** Every number reachable in a value, with its path. */
function numbers(value: unknown, path = '$', out: [string, number][] = []): [string, number][] {
  if (typeof value === 'number') out.push([path, value]);
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      numbers(v, `${path}.${i}`, out);
    });
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) numbers(v, `${path}.${k}`, out);
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Asserts the invariants of a state. */
function checkInvariants(state: GameState): void {
  const { scenario, ...rest } = state;
  const bad = numbers(rest).filter(([, v]) => !Number.isFinite(v));
  expect(bad).toEqual([]);
  for (const [market, shares] of Object.entries(state.adoption)) {
    const total = Object.values(shares).reduce((a, b) => a + b, 0);
    expect(Math.abs(total - 1), market).toBeLessThan(1e-9);
    for (const v of Object.values(shares)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1 + 1e-12);
    }
  }
  for (const n of Object.values(state.nations)) {
    expect(n.budget, n.id).toBeGreaterThanOrEqual(0);
    expect(n.trust).toBeGreaterThanOrEqual(0);
    expect(n.trust).toBeLessThanOrEqual(100);
    expect(n.safety).toBeGreaterThanOrEqual(0);
    expect(n.safety).toBeLessThanOrEqual(100);
    expect(n.capability).toBeGreaterThanOrEqual(0);
    expect(n.capability).toBeLessThanOrEqual(100);
    expect(n.sovereignModel).toBeLessThanOrEqual(100);
    expect(n.chipAccess).toBeGreaterThanOrEqual(0);
    expect(n.chipAccess).toBeLessThanOrEqual(1 + 1e-12);
    expect(n.sovereignty).toBeGreaterThanOrEqual(0);
    expect(n.sovereignty).toBeLessThanOrEqual(1 + 1e-12);
    for (const x of [n.compute, n.cloudCompute, n.talent, n.revenue, n.economy, n.softPower, n.selfReliance])
      expect(x).toBeGreaterThanOrEqual(0);
  }
  // The state plays exactly the scenario's nations and markets, in its order.
  expect(Object.keys(state.nations)).toEqual(scenario.nations.map((n) => n.id));
  expect(Object.keys(state.adoption).sort()).toEqual(scenario.markets.map((m) => m.id).sort());
}

describe('resolveRound properties', () => {
  it('PRO-1 deterministic: the same state and orders give deep-equal results', () => {
    fc.assert(
      fc.property(game, ({ seed, incidentBase, rounds }) => {
        let s = newGame(seed, incidentBase);
        for (const raws of rounds) {
          if (s.status !== 'running') break;
          const orders = ordersFor(s, raws);
          const a = resolveRound(s, orders);
          const b = resolveRound(s, structuredClone(orders));
          expect(b).toEqual(a);
          s = a.state;
        }
        // A replay from scratch ends in the same place.
        let r = newGame(seed, incidentBase);
        for (const raws of rounds) {
          if (r.status !== 'running') break;
          r = resolveRound(r, ordersFor(r, raws)).state;
        }
        expect(r).toEqual(s);
      }),
      { numRuns: 30 },
    );
  });

  it('PRO-2 never mutates its input (deep-frozen state and orders; structural compare)', () => {
    fc.assert(
      fc.property(game, ({ seed, incidentBase, rounds }) => {
        let s = newGame(seed, incidentBase);
        for (const raws of rounds) {
          if (s.status !== 'running') break;
          const orders = ordersFor(s, raws);
          const before = structuredClone({ ...s, scenario: null });
          const ordersBefore = structuredClone(orders);
          const frozen = deepFreeze(structuredClone({ ...s, scenario: null }));
          const out = resolveRound({ ...frozen, scenario: s.scenario }, deepFreeze(structuredClone(orders)));
          const again = resolveRound(s, orders);
          expect({ ...s, scenario: null }).toEqual(before);
          expect(orders).toEqual(ordersBefore);
          expect(out).toEqual(again);
          s = again.state;
        }
      }),
      { numRuns: 30 },
    );
  });

  it('PRO-3 keeps the invariants: shares sum to 1 in [0, 1], no NaN, budgets >= 0, bounded trust', () => {
    fc.assert(
      fc.property(game, ({ seed, incidentBase, rounds }) => {
        let s = newGame(seed, incidentBase, 5);
        checkInvariants(s);
        for (const raws of rounds) {
          const { state, events } = resolveRound(s, ordersFor(s, raws));
          checkInvariants(state);
          expect(numbers(events.map((e) => e.params)).filter(([, v]) => !Number.isFinite(v))).toEqual([]);
          expect(events.every((e) => e.round === s.round)).toBe(true);
          expect(state.round).toBe(s.round + 1);
          s = state;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('PRO-4 a whole game ends with status ended after exactly `rounds` rounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        fc.array(fc.array(rawOrders, { minLength: 3, maxLength: 3 }), { minLength: 6, maxLength: 6 }),
        (rounds, seed, plan) => {
          let s = newGame(seed, 0.2, rounds);
          for (let i = 0; i < rounds; i++) {
            expect(s.status).toBe('running');
            const { state, events } = resolveRound(s, ordersFor(s, plan[i]!));
            expect(events.filter((e) => e.type === 'GameEnded')).toHaveLength(i === rounds - 1 ? 1 : 0);
            s = state;
          }
          expect(s.status).toBe('ended');
          expect(s.round).toBe(rounds + 1);
          expect(s.history).toHaveLength(rounds + 1);
          expect(() => resolveRound(s, {})).toThrow();
        },
      ),
      { numRuns: 30 },
    );
  });
});
