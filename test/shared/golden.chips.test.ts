/**
 * Golden cases: export controls and chip flows (shared/engine/chipFlows.ts). Per layer, a
 * receiver's access is the rest of the world plus each holder's share times what passes from it:
 * open 1, licensed `licensedPass`, embargo `leakage`; x `sanctionPass` if the holder sanctions the
 * receiver; x (1 - 0.5 x the receiver's tariff on the holder). Overall access is the geometric mean.
 */
import { describe, expect, it } from 'vitest';
import { STACK_LAYERS } from '../../shared/engine/index.ts';
import { eventFor, expectedChipAccess, layerShares, nation, ofType, play, setup } from './helpers.ts';

describe('chip export controls per tier', () => {
  it('CHP-1 with no controls every nation has full chip access', () => {
    const { state } = play(setup(), {});
    for (const id of ['US', 'CN', 'EU']) expect(nation(state, id).chipAccess).toBeCloseTo(1, 12);
  });

  it('CHP-2 a chip embargo lets only `leakage` (0.2) of the holder share through to its target', () => {
    const s0 = setup();
    const { state, events } = play(s0, { US: { exportControls: [{ target: 'CN', chips: 'embargo' }] } });
    const expected = expectedChipAccess(s0, 'CN', (h) => (h === 'US' ? 0.2 : 1));
    expect(expected.overall).toBeLessThan(0.95);
    expect(nation(state, 'CN').chipAccess).toBeCloseTo(expected.overall, 12);
    // Design is the layer the US dominates: access = 0.05 + 0.95 x (70 x 0.2 + 10 + 5) / 85.
    expect(expected.layers.design).toBeCloseTo(0.05 + (0.95 * (70 * 0.2 + 10 + 5)) / 85, 12);
    const e = eventFor(events, 'ChipAccessChanged', 'CN');
    expect(e.params.restrictedBy).toEqual(['US']);
    expect(e.params.weakestLayer).toBe('design');
    // Per target: the other nations are untouched.
    expect(nation(state, 'EU').chipAccess).toBeCloseTo(1, 12);
    expect(nation(state, 'US').chipAccess).toBeCloseTo(1, 12);
  });

  it('CHP-3 a licensed regime lets `licensedPass` (0.6) through', () => {
    const s0 = setup();
    const { state } = play(s0, { US: { exportControls: [{ target: 'CN', chips: 'licensed' }] } });
    expect(nation(state, 'CN').chipAccess).toBeCloseTo(
      expectedChipAccess(s0, 'CN', (h) => (h === 'US' ? 0.6 : 1)).overall,
      12,
    );
  });

  it('CHP-4 the leakage rule sets how much an embargo leaks (leakage 0 and 0.5)', () => {
    for (const leakage of [0, 0.5]) {
      const s0 = setup({ rules: { leakage } });
      const { state } = play(s0, { EU: { exportControls: [{ target: 'US', chips: 'embargo' }] } });
      const exp = expectedChipAccess(s0, 'US', (h) => (h === 'EU' ? leakage : 1));
      expect(nation(state, 'US').chipAccess).toBeCloseTo(exp.overall, 12);
      // Lithography is EU-held: 0.04 + 0.96 x (10 + 5 + 80 x leakage) / 95.
      expect(exp.layers.lithography).toBeCloseTo(0.04 + (0.96 * (15 + 80 * leakage)) / 95, 12);
    }
  });

  it('CHP-5 embargo plus sanctions: the pass is leakage x sanctionPass (0.2 x 0.7)', () => {
    const s0 = setup();
    const { state } = play(s0, {
      US: {
        exportControls: [{ target: 'CN', chips: 'embargo' }],
        sanctions: [{ target: 'CN', active: true }],
      },
    });
    expect(nation(state, 'CN').chipAccess).toBeCloseTo(
      expectedChipAccess(s0, 'CN', (h) => (h === 'US' ? 0.2 * 0.7 : 1)).overall,
      12,
    );
  });

  it("CHP-6 a receiver's own tariff on a holder cuts its access by half the rate", () => {
    const s0 = setup();
    const { state } = play(s0, { CN: { tariffs: [{ target: 'US', rate: 0.5 }] } });
    // pass(US -> CN) = 1 x (1 - 0.5 x 0.5) = 0.75
    expect(nation(state, 'CN').chipAccess).toBeCloseTo(
      expectedChipAccess(s0, 'CN', (h) => (h === 'US' ? 0.75 : 1)).overall,
      12,
    );
  });

  it('CHP-7 controls stand: the next round (no new orders) keeps the same access', () => {
    const s0 = setup();
    const r1 = play(s0, { US: { exportControls: [{ target: 'CN', chips: 'embargo' }] } }).state;
    const r2 = play(r1, {}).state;
    expect(nation(r2, 'US').policies.exportControls.CN).toEqual({ chips: 'embargo', models: 'open' });
    expect(nation(r2, 'CN').chipAccess).toBeCloseTo(
      expectedChipAccess(r1, 'CN', (h) => (h === 'US' ? 0.2 : 1)).overall,
      12,
    );
    // Lifting it back to open removes the entry and restores full access.
    const r3 = play(r2, { US: { exportControls: [{ target: 'CN', chips: 'open' }] } }).state;
    expect(nation(r3, 'US').policies.exportControls).toEqual({});
    expect(nation(r3, 'CN').chipAccess).toBeCloseTo(1, 12);
  });
});

describe('controls on a tier of markets (issue 14)', () => {
  it('CHP-T1 a chip embargo on a tier binds every nation whose main home market is in it, like a nation embargo', () => {
    // In the tiny world every market is tier 2 (the default), so US, CN and EU are tier-2 nations.
    const byTier = play(setup(), { EU: { tierControls: [{ tier: 2, chips: 'embargo' }] } }).state;
    const byNation = play(setup(), {
      EU: {
        exportControls: [
          { target: 'US', chips: 'embargo' },
          { target: 'CN', chips: 'embargo' },
        ],
      },
    }).state;
    for (const id of ['US', 'CN'])
      expect(nation(byTier, id).chipAccess).toBeCloseTo(nation(byNation, id).chipAccess, 12);
    expect(nation(byTier, 'US').chipAccess).toBeLessThan(0.9);
    expect(nation(byTier, 'EU').policies.tierControls).toEqual({ 2: { chips: 'embargo', models: 'open' } });
  });

  it('CHP-T2 a tier control on another tier binds nobody here; lifting it removes it', () => {
    const s1 = play(setup(), { EU: { tierControls: [{ tier: 1, chips: 'embargo' }] } }).state;
    expect(nation(s1, 'US').chipAccess).toBe(1);
    const s2 = play(s1, { EU: { tierControls: [{ tier: 1, chips: 'open' }] } }).state;
    expect(nation(s2, 'EU').policies.tierControls).toEqual({});
  });
});

describe('self-reliance, chip revenue and chip programmes', () => {
  it('CHP-8 an embargo raises the target self-reliance by selfRelianceGain x embargoed layer-share / 4', () => {
    const s0 = setup();
    const { state, events } = play(s0, { US: { exportControls: [{ target: 'CN', chips: 'embargo' }] } });
    const sh = layerShares(s0);
    // restricted = sum over layers of share_US x 1 (embargo weight) / 4; gain = 0.8 x restricted
    const restricted = STACK_LAYERS.reduce((s, l) => s + sh.US![l], 0) / 4;
    expect(nation(state, 'CN').selfReliance).toBeCloseTo(0.8 * restricted, 12);
    expect(eventFor(events, 'SelfRelianceRose', 'CN').params.by).toEqual(['US']);
    // A licence counts with weight 0.4.
    const lic = play(setup(), { US: { exportControls: [{ target: 'CN', chips: 'licensed' }] } }).state;
    expect(nation(lic, 'CN').selfReliance).toBeCloseTo(0.8 * 0.4 * restricted, 12);
  });

  it('CHP-9 holders earn chipRevenueRate x share x buyer budget on what passes, and report what is lost', () => {
    const s0 = setup();
    const { events } = play(s0, { US: { exportControls: [{ target: 'CN', chips: 'embargo' }] } });
    const sh = layerShares(s0);
    const usShare = STACK_LAYERS.reduce((s, l) => s + sh.US![l], 0);
    // earned = sum over buyers and layers of share x budget(50) x 0.06 x pass (CN 0.2, EU 1)
    const earned = usShare * 50 * 0.06 * 0.2 + usShare * 50 * 0.06 * 1;
    const lost = usShare * 50 * 0.06 * 0.8;
    expect(eventFor(events, 'RevenueEarned', 'US').params.chips as number).toBeCloseTo(earned, 12);
    const e = eventFor(events, 'ChipRevenueLost', 'US');
    expect(e.params.lost as number).toBeCloseTo(lost, 12);
    expect(e.params.targets).toEqual(['CN']);
    expect(ofType(events, 'ChipRevenueLost')).toHaveLength(1);
  });

  it('CHP-10 a chip programme adds chipProgrammeRate x spend x (1 + selfReliance), weighted to weak layers', () => {
    const s0 = setup();
    const { state, events } = play(s0, {
      US: { exportControls: [{ target: 'CN', chips: 'embargo' }] },
      CN: { budget: { chips: 10 } },
    });
    const cn = nation(state, 'CN');
    const added = 0.35 * 10 * (1 + cn.selfReliance);
    const access = expectedChipAccess(s0, 'CN', (h) => (h === 'US' ? 0.2 : 1)).layers;
    // gap per layer = 1 - access + 0.05; each layer gets added x gap / sum of gaps
    const gaps = STACK_LAYERS.map((l) => 1 - access[l] + 0.05);
    const total = gaps.reduce((a, b) => a + b, 0);
    STACK_LAYERS.forEach((l, i) => {
      expect(cn.stack[l]).toBeCloseTo(nation(s0, 'CN').stack[l] + (added * gaps[i]!) / total, 10);
    });
    const e = eventFor(events, 'ChipProgrammeBuilt', 'CN');
    expect(e.params.added as number).toBeCloseTo(added, 12);
    expect(e.params.focus).toBe('design');
  });
});
