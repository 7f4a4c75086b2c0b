/**
 * Golden cases: revenue and economy (shared/engine/settleEconomy.ts), with tariffs and sanctions.
 * growth = baseGrowth + aiGrowth x homeCapability x adequacy / 100 + digitalTradeGrowth x trade /
 * home GDP - sanctionGrowthHit x sanctionWeight - 0.01 x sum of own tariffs; trade = model revenue
 * (every market) - what the home markets pay foreign providers (share x GDP x revenuePerGdp x their
 * release rate: closed 1, open openRevenueShare, held 0); adequacy = min(1, (compute + cloud) /
 * (computeNeedPerGdp x home GDP)); homeCapability = GDP- and share-weighted capability of the
 * providers in the home markets (OTHER counts 50).
 */
import { describe, expect, it } from 'vitest';
import type { GameState } from '../../shared/engine/index.ts';
import { eventFor, nation, play, setup, shares } from './helpers.ts';

function homeMarkets(state: GameState, id: string) {
  const members = state.scenario.nations.find((n) => n.id === id)!.members;
  return state.scenario.markets.filter((m) => members.includes(m.id));
}

/** Expected economy growth of a nation from the resolved state (its inputs are final there). */
function expectedGrowth(state: GameState, id: string): number {
  const r = state.scenario.rules;
  const n = nation(state, id);
  const markets = homeMarkets(state, id);
  const gdp = markets.reduce((s, m) => s + m.gdpUsdBn, 0);
  let cap = 0;
  for (const m of markets)
    for (const [p, share] of Object.entries(shares(state, m.id)))
      cap += share * m.gdpUsdBn * (p === 'OTHER' ? 50 : nation(state, p).capability);
  cap /= gdp;
  const adequacy = Math.min(1, (n.compute + n.cloudCompute) / (r.computeNeedPerGdp * gdp));
  const all = state.scenario.nations.map((x) => x.id);
  const totalGdp = all.reduce((s, x) => s + homeMarkets(state, x).reduce((a, m) => a + m.gdpUsdBn, 0), 0);
  const weight = all
    .filter((x) => nation(state, x).policies.sanctions.includes(id))
    .reduce((s, x) => s + homeMarkets(state, x).reduce((a, m) => a + m.gdpUsdBn, 0) / totalGdp, 0);
  const tariffs = Object.values(n.policies.tariffs).reduce((s, t) => s + t, 0);
  return (
    r.baseGrowth +
    (r.aiGrowth * cap * adequacy) / 100 +
    (r.digitalTradeGrowth * expectedTrade(state, id)) / gdp -
    r.sanctionGrowthHit * weight -
    0.01 * tariffs
  );
}

/** Model revenue abroad and at home, minus what the home markets pay foreign providers. */
function expectedTrade(state: GameState, id: string): number {
  const r = state.scenario.rules;
  const rate = (p: string) => {
    const release = nation(state, p).policies.release;
    return release === 'closed' ? 1 : release === 'open' ? r.openRevenueShare : 0;
  };
  const earned = state.scenario.markets.reduce(
    (s, m) => s + (shares(state, m.id)[id] ?? 0) * m.gdpUsdBn * r.revenuePerGdp * rate(id),
    0,
  );
  let paid = 0;
  for (const m of homeMarkets(state, id))
    for (const [p, share] of Object.entries(shares(state, m.id)))
      if (p !== 'OTHER' && p !== id) paid += share * m.gdpUsdBn * r.revenuePerGdp * rate(p);
  return earned - paid;
}

describe('economy', () => {
  it('ECO-1 the economy grows by the formula from home capability and compute adequacy', () => {
    const { state, events } = play(setup(), { US: { budget: { compute: 20 } } });
    for (const id of ['US', 'CN', 'EU']) {
      const g = expectedGrowth(state, id);
      expect(nation(state, id).economy).toBeCloseTo(100 * (1 + g), 10);
      expect(eventFor(events, 'EconomyChanged', id).params.growth as number).toBeCloseTo(g, 12);
    }
    // The US sells closed models abroad: a digital trade surplus; the EU's home markets buy them.
    expect(eventFor(events, 'EconomyChanged', 'US').params.trade as number).toBeCloseTo(
      expectedTrade(state, 'US'),
      10,
    );
    expect(expectedTrade(state, 'US')).toBeGreaterThan(0);
    expect(eventFor(events, 'EconomyChanged', 'EU').params.trade as number).toBeCloseTo(
      expectedTrade(state, 'EU'),
      10,
    );
    // EU: 88 + cloud against a need of 0.02 x 1000 = 20: fully adequate.
    expect(eventFor(events, 'EconomyChanged', 'EU').params.adequacy).toBe(1);
    // US: compute 352 + 280 + cloud vs need 540: adequate too; CN (88 + cloud vs 340) is not.
    expect(eventFor(events, 'EconomyChanged', 'CN').params.adequacy as number).toBeLessThan(1);
  });

  it('ECO-2 a tariff costs the imposing economy 0.01 x rate and cuts the target adoption at home', () => {
    const calm = play(setup(), {}).state;
    const { state } = play(setup(), { US: { tariffs: [{ target: 'CN', rate: 0.5 }] } });
    expect(nation(state, 'US').policies.tariffs).toEqual({ CN: 0.5 });
    expect(nation(state, 'US').economy).toBeCloseTo(100 * (1 + expectedGrowth(state, 'US')), 10);
    // tariff term: -2 x 0.5 utility for CN in the US market, nowhere else
    expect(shares(state, 'US').CN!).toBeLessThan(shares(calm, 'US').CN! - 1e-4);
    expect(shares(state, 'BR').CN!).toBeCloseTo(shares(calm, 'BR').CN!, 12);
  });

  it('ECO-3 sanctions cut the target growth by sanctionGrowthHit x the sanctioners GDP share', () => {
    const calm = play(setup(), {}).state;
    const { state, events } = play(setup(), {
      US: { sanctions: [{ target: 'CN', active: true }] },
      EU: { sanctions: [{ target: 'CN', active: true }] },
    });
    // weight = (27000 + 1000) / (27000 + 17000 + 1000)
    const weight = 28000 / 45000;
    const g = eventFor(events, 'EconomyChanged', 'CN').params.growth as number;
    expect(g).toBeCloseTo(expectedGrowth(state, 'CN'), 12);
    expect(g).toBeLessThan(0);
    expect(eventFor(events, 'BudgetSet', 'CN').params.sanctions as number).toBeCloseTo(weight, 12);
    // At least the sanctions term is lost against a calm round.
    expect(nation(state, 'CN').economy).toBeLessThan(nation(calm, 'CN').economy - 100 * 0.1 * weight + 1e-9);
    expect(eventFor(events, 'SanctionChanged', 'US').params).toMatchObject({ target: 'CN', active: true });
    // Sanctioned providers are shut out of the sanctioner's home market (target share decays).
    expect(shares(state, 'US').CN!).toBeCloseTo(
      (1 - state.scenario.rules.adoption.stickiness) * shares(setup(), 'US').CN!,
      12,
    );
  });

  it('ECO-4 lifting sanctions removes them from the standing policies', () => {
    const r1 = play(setup(), { US: { sanctions: [{ target: 'CN', active: true }] } }).state;
    expect(nation(r1, 'US').policies.sanctions).toEqual(['CN']);
    const r2 = play(r1, { US: { sanctions: [{ target: 'CN', active: false }] } }).state;
    expect(nation(r2, 'US').policies.sanctions).toEqual([]);
    expect(nation(r2, 'CN').economy).toBeCloseTo(
      nation(r1, 'CN').economy * (1 + expectedGrowth(r2, 'CN')),
      10,
    );
  });
});
