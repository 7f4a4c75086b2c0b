/**
 * Golden cases: training, release policy, open-weight diffusion, the sovereign model programme and
 * joint models (shared/engine/trainModels.ts).
 * gain = trainGain x ln(1 + effort / trainScale) x max(0, 1 - cap / reach), with
 * effort = spend x (0.5 + 0.5 sqrt(C / frontier)) x talent/(talent + 50) / trainingCost,
 * reach = capCeiling / (1 + computeGap x ln(frontier / C)), C = compute + cloud, frontier = the
 * largest C of any nation (issue 14: training depends on compute relative to the frontier).
 * Diffusion: every nation below min(fineTuneRatio x best open capability before training, its
 * reach) closes diffusionRate x (model-control pass) of the gap.
 *
 * Compute in the tiny world after one round without compute spending: every nation keeps 0.88 of
 * its compute (US 400 -> 352, CN and EU 100 -> 88) and rents cloudShare 0.01 of the others':
 * C(US) = 352 + 0.01 x (88 + 88) = 353.76 (the frontier), C(EU) = 88 + 0.01 x (352 + 88) = 92.4.
 * For EU: C / frontier = 0.261194, sqrt = 0.511070, efficiency = (0.5 + 0.255535) x 50/100 =
 * 0.377768; reach = 110 / (1 + 0.07 x ln(3.828571) = 0.093974) = 100.55080.
 */
import { describe, expect, it } from 'vitest';
import {
  allClosed,
  card,
  eventFor,
  inject,
  nation,
  ofType,
  play,
  playRounds,
  setup,
  shares,
  sum,
} from './helpers.ts';

describe('training', () => {
  it('TRN-1 training spend raises capability by the log-effort formula', () => {
    const s0 = setup({ mutate: allClosed });
    const { state, events } = play(s0, { US: { budget: { training: 10 } } });
    const us = nation(state, 'US');
    const c = us.compute + us.cloudCompute; // compute used = this round's compute and cloud
    // US is the frontier: efficiency 1 x 0.5, effort 5, reach 110:
    // gain = 4.5 x ln(1 + 5/4) x (1 - 80/110) = 4.5 x 0.810930 x 0.272727 = 0.995233.
    expect(c).toBeCloseTo(353.76, 10);
    expect(us.capability).toBeCloseTo(80.995233, 5);
    expect(eventFor(events, 'CapabilityRose', 'US').params.computeUsed as number).toBeCloseTo(c, 10);
    // Nobody else trains or receives open weights.
    expect(nation(state, 'CN').capability).toBe(70);
    expect(nation(state, 'EU').capability).toBe(60);
  });

  it('TRN-2 a trainingCost modifier (0.7) makes the same spend go further', () => {
    const s0 = inject(
      setup({ mutate: allClosed }),
      card('cheap', [{ type: 'Modifier', kind: 'trainingCost', nations: ['*'], factor: 0.7, rounds: 1 }]),
    );
    const { state } = play(s0, { EU: { budget: { training: 10 } } });
    const eu = nation(state, 'EU');
    // effort = 10 x 0.377768 / 0.7 = 5.396684; gain = 4.5 x ln(1 + 1.349171) x (1 - 60/100.55080)
    // = 4.5 x 0.854062 x 0.403287 = 1.549944.
    expect(eu.capability).toBeCloseTo(61.549944, 5);
  });
});

describe('release policy and open weights', () => {
  it('REL-1 an open model diffuses: nations below 0.92 x its capability close half the gap', () => {
    const { state, events } = play(setup(), {});
    // CN is the only open provider (70): level 64.4; EU (60) -> 60 + 4.4 x 0.5 = 62.2; US above.
    expect(nation(state, 'EU').capability).toBeCloseTo(62.2, 10);
    expect(nation(state, 'US').capability).toBe(80);
    const e = ofType(events, 'OpenWeightsDiffused');
    expect(e).toHaveLength(1);
    expect(e[0]!.params).toMatchObject({ provider: 'CN', nations: ['EU'] });
    expect(e[0]!.params.level as number).toBeCloseTo(64.4, 10);
  });

  it('REL-2 when the leader opens its weights, the others diffuse toward 0.92 x 80', () => {
    const { state } = play(setup(), { US: { release: 'open' } });
    expect(nation(state, 'CN').capability).toBeCloseTo(70 + (73.6 - 70) * 0.5, 10);
    expect(nation(state, 'EU').capability).toBeCloseTo(60 + (73.6 - 60) * 0.5, 10);
  });

  it('REL-3 closed models do not diffuse', () => {
    const { state, events } = play(setup({ mutate: allClosed }), {});
    expect(nation(state, 'EU').capability).toBe(60);
    expect(ofType(events, 'OpenWeightsDiffused')).toHaveLength(0);
  });

  it('REL-5 a model embargo by the open provider slows its weights to the leakage rate (0.2)', () => {
    const { state } = play(setup(), { CN: { exportControls: [{ target: 'EU', models: 'embargo' }] } });
    // EU closes 0.5 x 0.2 of the gap to 64.4: 60 + 4.4 x 0.1 = 60.44.
    expect(nation(state, 'EU').capability).toBeCloseTo(60.44, 10);
  });

  it('REL-6 a nation fine-tunes open weights only up to the reach of its compute', () => {
    const s0 = setup({
      tweak: (s) => {
        nation(s, 'CN').capability = 95;
        nation(s, 'EU').compute = 1;
      },
    });
    const { state } = play(s0, {});
    // C(EU) = 0.88 + 0.01 x (352 + 88) = 5.28; frontier C(US) = 352 + 0.01 x (88 + 0.88) = 352.8888;
    // reach = 110 / (1 + 0.07 x ln(66.835) = 0.294156) = 84.99749, below CN's level 95 x 0.92 = 87.4:
    // EU = 60 + (84.99749 - 60) x 0.5 = 72.49874.
    expect(nation(state, 'EU').capability).toBeCloseTo(72.49874, 4);
  });

  it('REL-4 closed models earn revenuePerGdp x GDP x share; open earn openRevenueShare of it; held none', () => {
    const check = (release: 'open' | 'closed' | 'held', rate: number) => {
      const { state, events } = play(setup({ mutate: allClosed }), { EU: { release } });
      const models = state.scenario.markets.reduce(
        (s, m) => s + (shares(state, m.id).EU ?? 0) * m.gdpUsdBn * 0.001 * rate,
        0,
      );
      const e = eventFor(events, 'RevenueEarned', 'EU');
      expect(e.params.models as number).toBeCloseTo(models, 12);
      expect(nation(state, 'EU').revenue).toBeCloseTo(models + (e.params.chips as number), 12);
      return models;
    };
    expect(check('closed', 1)).toBeGreaterThan(0);
    expect(check('open', 0.25)).toBeGreaterThan(0);
    expect(check('held', 0)).toBe(0);
  });

  it('REL-5 held models are withdrawn from every market: shares fall to (1 - stickiness) of before', () => {
    const s0 = setup();
    const { state } = play(s0, { US: { release: 'held' } });
    for (const m of s0.scenario.markets) {
      expect(shares(state, m.id).US).toBeCloseTo(
        (1 - s0.scenario.rules.adoption.stickiness) * shares(s0, m.id).US!,
        12,
      );
      expect(sum(shares(state, m.id))).toBeCloseTo(1, 12);
    }
  });
});

describe('sovereign model programme', () => {
  it('SOV-1 fine-tuning an open model costs programmeCost and closes programmeRate of the gap to fineTuneRatio of it', () => {
    const s0 = setup();
    const rules = s0.scenario.rules;
    const { state, events } = play(s0, {
      EU: { programmeBase: 'CN', budget: { training: rules.programmeCost + 1 } },
    });
    const eu = nation(state, 'EU');
    // level = 70 x 0.92 = 64.4; sovereignModel = 0 + (64.4 - 0) x programmeRate; the remaining 1 trains capability.
    expect(eu.sovereignModel).toBeCloseTo(64.4 * rules.programmeRate, 10);
    expect(eventFor(events, 'CapabilityRose', 'EU').params.spend as number).toBeCloseTo(1, 12);
    // Training 1: effort 0.377768, gain = 4.5 x ln(1.094442) x 0.403287 = 0.163775 -> 60.163775;
    // then diffusion from CN (level 64.4, below EU's reach 100.55): + (64.4 - 60.163775) x 0.5
    // = 62.281888.
    expect(eu.capability).toBeCloseTo(62.281888, 5);
    expect(eu.policies.programmeBase).toBe('CN');
  });

  it('SOV-2 an underfunded programme stalls', () => {
    // programmeCost is 0.05 (US$50 million): 0.04 does not fund it.
    const { state, events } = play(setup(), { EU: { programmeBase: 'CN', budget: { training: 0.04 } } });
    expect(nation(state, 'EU').sovereignModel).toBe(0);
    expect(eventFor(events, 'SovereignModelImproved', 'EU').params.stalled).toBe('underfunded');
  });

  it('SOV-3 if the base closes its weights later, the programme stalls with baseClosed', () => {
    const s0 = setup();
    const cost = s0.scenario.rules.programmeCost;
    const r1 = play(s0, { EU: { programmeBase: 'CN', budget: { training: cost } } }).state;
    const after1 = nation(r1, 'EU').sovereignModel;
    expect(after1).toBeGreaterThan(0);
    const { state, events } = play(r1, { CN: { release: 'closed' }, EU: { budget: { training: cost } } });
    expect(nation(state, 'EU').sovereignModel).toBeCloseTo(after1, 10);
    expect(eventFor(events, 'SovereignModelImproved', 'EU').params.stalled).toBe('baseClosed');
  });

  it('SOV-4 each funded round closes the same share of what is left of the gap, never passing the level', () => {
    const s0 = setup({ mutate: allClosed });
    const { programmeCost, programmeRate } = s0.scenario.rules;
    const { state } = playRounds(s0, 2, { US: { programmeBase: 'US', budget: { training: programmeCost } } });
    // level = 80 x 0.92 = 73.6 both rounds (no training left to raise capability)
    const first = 73.6 * programmeRate;
    expect(nation(state, 'US').sovereignModel).toBeCloseTo(first + (73.6 - first) * programmeRate, 10);
    expect(nation(state, 'US').sovereignModel).toBeLessThan(73.6);
  });
});

describe('joint model treaty', () => {
  it('TRN-3 joint-model partners converge: the laggard closes 30% of the gap', () => {
    const r1 = play(setup({ mutate: allClosed }), {
      EU: { treaties: { propose: [{ type: 'JointModel', to: 'US' }] } },
    }).state;
    const id = r1.proposals[0]!.id;
    const { state, events } = play(r1, { US: { treaties: { answer: [{ id, accept: true }] } } });
    expect(nation(state, 'EU').capability).toBeCloseTo(60 + (80 - 60) * 0.3, 10);
    expect(nation(state, 'US').capability).toBe(80);
    expect(ofType(events, 'TreatyEffect')[0]!.params).toMatchObject({ nation: 'EU', partner: 'US' });
  });
});
