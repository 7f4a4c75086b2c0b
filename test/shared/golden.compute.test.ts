/**
 * Golden cases: compute build-out and cloud access (shared/engine/buildCompute.ts).
 * compute' = compute x (1 - depreciation) + spend x computePerBillion x chipAccess / computeCost;
 * cloud = sum over ComputeSharing partners of sharingShare x compute' + sum over others of
 * cloudShare x compute' x modelPass (0 under a model embargo or sanctions, licensedPass if licensed).
 */
import { describe, expect, it } from 'vitest';
import { card, eventFor, expectedChipAccess, inject, nation, play, setup } from './helpers.ts';

describe('compute', () => {
  it('CMP-1 compute depreciates by 12% and grows by 14 k H100e per US$bn at full chip access', () => {
    const s0 = setup();
    const { state, events } = play(s0, { US: { budget: { compute: 10 } } });
    // US: 400 x 0.88 + 10 x 14 x 1 = 492; CN and EU: 100 x 0.88 = 88
    expect(nation(state, 'US').compute).toBeCloseTo(492, 10);
    expect(nation(state, 'CN').compute).toBeCloseTo(88, 10);
    expect(nation(state, 'EU').compute).toBeCloseTo(88, 10);
    const e = eventFor(events, 'ComputeBuilt', 'US');
    expect(e.params.added as number).toBeCloseTo(140, 10);
    expect(e.params.from).toBe(400);
  });

  it('CMP-2 a chip embargo makes compute dearer: added compute scales with chip access', () => {
    const s0 = setup();
    const { state } = play(s0, {
      US: { exportControls: [{ target: 'CN', chips: 'embargo' }] },
      CN: { budget: { compute: 10 } },
    });
    const access = expectedChipAccess(s0, 'CN', (h) => (h === 'US' ? 0.2 : 1)).overall;
    expect(nation(state, 'CN').compute).toBeCloseTo(88 + 10 * 14 * access, 10);
  });

  it('CMP-3 a computeCost modifier divides what a US$bn buys', () => {
    const s0 = inject(
      setup(),
      card('cheap', [{ type: 'Modifier', kind: 'computeCost', nations: ['EU'], factor: 0.5, rounds: 1 }]),
    );
    const { state } = play(s0, { EU: { budget: { compute: 5 } }, US: { budget: { compute: 5 } } });
    expect(nation(state, 'EU').compute).toBeCloseTo(88 + (5 * 14) / 0.5, 10);
    expect(nation(state, 'US').compute).toBeCloseTo(352 + 5 * 14, 10);
  });

  it('CMP-4 commercial cloud: 1% of every other nation compute, cut by a model embargo', () => {
    const { state } = play(setup(), {});
    // CN: 0.01 x (352 + 88) = 4.4
    expect(nation(state, 'CN').cloudCompute).toBeCloseTo(4.4, 10);
    const cut = play(setup(), { US: { exportControls: [{ target: 'CN', models: 'embargo' }] } }).state;
    expect(nation(cut, 'CN').cloudCompute).toBeCloseTo(0.88, 10);
    const lic = play(setup(), { US: { exportControls: [{ target: 'CN', models: 'licensed' }] } }).state;
    expect(nation(lic, 'CN').cloudCompute).toBeCloseTo(0.01 * 352 * 0.6 + 0.88, 10);
    // Sanctions by either side cut the cloud too.
    const sanc = play(setup(), { CN: { sanctions: [{ target: 'US', active: true }] } }).state;
    expect(nation(sanc, 'CN').cloudCompute).toBeCloseTo(0.88, 10);
  });
});
