/**
 * Golden cases: training, release policy, open-weight diffusion, the sovereign model programme and
 * joint models (shared/engine/trainModels.ts).
 * gain = trainGain x ln(1 + effort / trainScale) x max(0, 1 - cap / capCeiling), with
 * effort = spend x C/(C + computeHalf) x talent/(talent + 50) / trainingCost, C = compute + cloud.
 * Diffusion: every nation below fineTuneRatio x (best open capability, before training) closes
 * diffusionRate of the gap.
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

/** The capability gain the rules give for a training spend. */
function trainGain(cap: number, spend: number, compute: number, talent: number, costFactor = 1): number {
  const eff = (compute / (compute + 150)) * (talent / (talent + 50));
  return 4.5 * Math.log(1 + (spend * eff) / costFactor / 4) * Math.max(0, 1 - cap / 110);
}

describe('training', () => {
  it('TRN-1 training spend raises capability by the log-effort formula', () => {
    const s0 = setup({ mutate: allClosed });
    const { state, events } = play(s0, { US: { budget: { training: 10 } } });
    const us = nation(state, 'US');
    const c = us.compute + us.cloudCompute; // compute used = this round's compute and cloud
    expect(us.capability).toBeCloseTo(80 + trainGain(80, 10, c, 50), 10);
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
    expect(eu.capability).toBeCloseTo(60 + trainGain(60, 10, eu.compute + eu.cloudCompute, 50, 0.7), 10);
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
    const gained = 60 + trainGain(60, 1, eu.compute + eu.cloudCompute, 50);
    // then diffusion from CN: + (64.4 - gained) x 0.5
    expect(eu.capability).toBeCloseTo(gained + (64.4 - gained) * 0.5, 10);
    expect(eu.policies.programmeBase).toBe('CN');
  });

  it('SOV-2 an underfunded programme stalls', () => {
    const { state, events } = play(setup(), { EU: { programmeBase: 'CN', budget: { training: 0.5 } } });
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
