/**
 * Golden cases: trust and safety (shared/engine/updateTrust.ts), safety incidents
 * (shared/engine/rollIncidents.ts) and regulation.
 * trust' = clamp(trust + trustPerSafety x e(safety) + regulation (strict 1, balanced 0.3, light -0.5)
 *   + release (open 0.5, held 0.2) - controls imposed this round (once: embargo 4, licence 1.5 per
 *   tier of chips or models, x 2 for a tier of markets) - sanctions x 1 + 0.5 x e(aid)
 *   + 0.5 x forums + 1 x pacts, with gains scaled by (100 - trust)/50 and losses by trust/50,
 *   + trustReversion x (50 - trust), 0, 100), e(x) = ln(1 + x / (5% base budget));
 * safety' = min(100, safety x 0.95 + 6 x e(safety) + 3 x pacts).
 * risk = incidentBase / (1 + exp(-(cap - safety - 30) / 10)) x (light 1.3, strict 0.7) x (open 1.15)
 *   x (pact 0.7) x incidentRisk modifier, capped at 1; one PRNG draw per nation in order.
 */
import { describe, expect, it } from 'vitest';
import type { GameState } from '../../shared/engine/index.ts';
import { rngFromState } from '../../shared/engine/rng.ts';
import { card, eventFor, inject, nation, ofType, play, setup } from './helpers.ts';

describe('trust and safety', () => {
  it('TRU-1 safety spending and strict regulation raise trust; safety capacity grows', () => {
    const { state, events } = play(setup(), { US: { budget: { safety: 5 }, regulation: 'strict' } });
    const us = nation(state, 'US');
    // 50 + (safety 1.6 x ln(1 + 5/2.5) + strict 1) x 50/50 + 0.1 x 0 = 50 + 1.757780 + 1 = 52.757780
    expect(us.trust).toBeCloseTo(52.7577797, 6);
    expect(us.safety).toBeCloseTo(40 * 0.95 + 6 * Math.log(3), 12);
    expect(eventFor(events, 'TrustChanged', 'US').params.reasons).toEqual(['safety', 'regulation']);
    // CN: 50 + (open 0.5 + balanced 0.3) x 50/50 = 50.8.
    expect(nation(state, 'CN').trust).toBeCloseTo(50.8, 12);
  });

  it('TRU-2 coercion costs trust: a control once (embargo 4, licence 1.5), a sanction every round (1)', () => {
    const r1 = play(setup(), {
      EU: {
        regulation: 'light',
        exportControls: [{ target: 'US', chips: 'embargo', models: 'licensed' }],
        sanctions: [{ target: 'CN', active: true }],
      },
    });
    // Issue 14: the control's cost is paid when it is imposed, not every round.
    // Losses: light -0.5, embargo -4, licence -1.5, sanction -1 = -7, x 50/50; reversion 0: 43.
    expect(nation(r1.state, 'EU').trust).toBeCloseTo(43, 12);
    const r2 = play(r1.state, {});
    // Next round the controls stand but cost nothing more: losses -0.5 - 1 = -1.5 x 43/50 = -1.29;
    // reversion 0.1 x (50 - 43) = 0.7: 43 - 1.29 + 0.7 = 42.41.
    expect(nation(r2.state, 'EU').trust).toBeCloseTo(42.41, 12);
  });

  it('TRU-2b a control on a tier of markets costs tierTrustWeight (2) times a nation control', () => {
    const { state } = play(setup(), { EU: { tierControls: [{ tier: 2, chips: 'licensed' }] } });
    // balanced +0.3 x 50/50 = 0.3; licence on a tier -1.5 x 2 = -3: 50 + 0.3 - 3 = 47.3.
    expect(nation(state, 'EU').trust).toBeCloseTo(47.3, 12);
  });

  it('TRU-3 trust reverts 3% toward 50 and stays within [0, 100]', () => {
    const s0 = setup({
      tweak: (s) => {
        nation(s, 'US').trust = 99.5;
        nation(s, 'CN').trust = 0.2;
      },
    });
    const { state } = play(s0, {
      US: { budget: { safety: 40 }, regulation: 'strict' },
      CN: {
        regulation: 'light',
        release: 'closed',
        exportControls: [
          { target: 'US', chips: 'embargo', models: 'embargo' },
          { target: 'EU', chips: 'embargo', models: 'embargo' },
        ],
      },
    });
    const us = nation(state, 'US').trust;
    // US gains 1.6 x ln(1 + 40/2.5) + strict 1 = 1.6 x 2.833213 + 1 = 5.533141, x (100 - 99.5)/50
    // = 0.055331; reversion 0.1 x (50 - 99.5) = -4.95: 99.5 + 0.055331 - 4.95 = 94.605331.
    expect(us).toBeCloseTo(94.6053314, 6);
    expect(us).toBeLessThanOrEqual(100);
    // CN: light -0.5 and four embargoes imposed (4 each) -16 = -16.5, x 0.2/50 = -0.066;
    // reversion 0.1 x 49.8 = 4.98: 0.2 - 0.066 + 4.98 = 5.114.
    const cn = nation(state, 'CN').trust;
    expect(cn).toBeCloseTo(5.114, 12);
    expect(cn).toBeGreaterThanOrEqual(0);
    const s1 = setup({
      tweak: (s) => {
        nation(s, 'EU').trust = 80;
      },
    });
    const drift = play(s1, {}).state;
    // balanced +0.3 x 20/50 = 0.12; reversion 0.1 x (50 - 80) = -3: 80 + 0.12 - 3 = 77.12.
    expect(nation(drift, 'EU').trust).toBeCloseTo(77.12, 12);
    expect(nation(drift, 'EU').trust).toBeLessThan(80);
  });

  it('TRU-4 aid spending adds 0.5 x e(aid) trust', () => {
    const { state } = play(setup(), { EU: { aidRegion: 'Sub-Saharan Africa', budget: { aid: 5 } } });
    // 50 + (balanced 0.3 + aid 0.5 x ln(1 + 5/2.5)) x 50/50 = 50 + 0.3 + 0.549306 = 50.849306
    expect(nation(state, 'EU').trust).toBeCloseTo(50.8493061, 6);
  });
});

/** The incident risk by the rules, from the resolved state (capability and safety are final there). */
function risk(state: GameState, id: string, pacts = false, modifier = 1): number {
  const n = nation(state, id);
  const r = state.scenario.rules;
  const reg = n.policies.regulation === 'light' ? 1.3 : n.policies.regulation === 'strict' ? 0.7 : 1;
  const open = n.policies.release === 'open' ? 1.15 : 1;
  const gap = (n.capability - n.safety - 30) / 10;
  return Math.min(1, (r.incidentBase / (1 + Math.exp(-gap))) * reg * open * (pacts ? 0.7 : 1) * modifier);
}

describe('safety incidents and regulation', () => {
  const reckless = (s: GameState) => {
    for (const id of ['US', 'CN', 'EU']) {
      nation(s, id).capability = 100;
      nation(s, id).safety = 0;
    }
  };

  it('INC-1 a certain incident (risk 1) costs incidentTrustLoss (8) trust and counts', () => {
    const s0 = setup({ rules: { incidentBase: 1 }, tweak: reckless });
    const { state, events } = play(s0, { US: { regulation: 'light' } });
    // US: 1 / (1 + e^-7) x 1.3 > 1 -> capped at 1: certain. Trust 50 - light 0.5 x 50/50 = 49.5,
    // then - 8 = 41.5.
    expect(risk(state, 'US')).toBe(1);
    expect(nation(state, 'US').trust).toBeCloseTo(41.5, 12);
    expect(nation(state, 'US').incidents).toBe(1);
    const e = eventFor(events, 'SafetyIncident', 'US');
    expect(e.params.cause).toBe('capabilityOutranSafety');
    expect(e.params.from as number).toBeCloseTo(49.5, 12);
  });

  it('INC-2 incidents happen exactly when the seeded draw is below the risk (regulation shapes it)', () => {
    let incidents = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const s0 = setup({ seed, rules: { incidentBase: 0.5 }, tweak: reckless });
      const { state, events } = play(s0, { US: { regulation: 'strict' }, EU: { regulation: 'light' } });
      const rng = rngFromState(s0.rng);
      for (const id of ['US', 'CN', 'EU']) {
        const draw = rng.next();
        const hit = draw < risk(state, id);
        expect(ofType(events, 'SafetyIncident').some((e) => e.params.nation === id)).toBe(hit);
        if (hit) incidents++;
      }
      // strict 0.7 vs light 1.3 of the same base risk
      expect(risk(state, 'US') / risk(state, 'EU')).toBeCloseTo(0.7 / 1.3, 2);
    }
    expect(incidents).toBeGreaterThan(0);
    expect(incidents).toBeLessThan(75);
  });

  it('INC-3 incidentBase 0 means no incidents at all, and the PRNG still advances', () => {
    const s0 = setup({ tweak: reckless });
    const { state, events } = play(s0, {});
    expect(ofType(events, 'SafetyIncident')).toHaveLength(0);
    const rng = rngFromState(s0.rng);
    for (let i = 0; i < 3; i++) rng.next();
    expect(state.rng).toEqual(rng.state());
  });

  it('INC-4 an Incident card hits its targets regardless of risk', () => {
    const s0 = inject(setup(), card('hack', [{ type: 'Incident', nations: ['@open'] }]));
    const { state, events } = play(s0, {});
    expect(nation(state, 'CN').incidents).toBe(1);
    expect(eventFor(events, 'SafetyIncident', 'CN').params.cause).toBe('card:hack');
    // CN: 50 - 8 (card, before the trust update) = 42, then 42 + (open 0.5 + balanced 0.3) x 58/50
    // + 0.1 x (50 - 42) = 42 + 0.928 + 0.8 = 43.728
    expect(nation(state, 'CN').trust).toBeCloseTo(43.728, 12);
    expect(nation(state, 'US').incidents).toBe(0);
  });
});
