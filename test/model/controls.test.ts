/**
 * Claim 1: export controls bite where they are aimed, at a price. Controls may target a tier of
 * markets (the AI Diffusion Rule's tiers); the targeted markets drift toward Chinese and local
 * models far more than the others, the targets' compute (and, for a rival training at the
 * frontier, its capability) grows slower, and the controller pays a bounded, one-off trust cost
 * that fades, and revenue. Full size: `npm run fidelity -- --only controls-tier2,controls-aimed`.
 */
import { describe, expect, it } from 'vitest';
import { controlsAimed, controlsTier2 } from '../../shared/sim/experiments.ts';
import { expectChecks } from './helpers.ts';

describe('claim 1: controls bite where they are aimed, at a price', () => {
  it('a US chip cap on tier 2 moves tier-2 markets away from the US and toward Chinese and local models, more than tier 1', () => {
    const r = expectChecks(controlsTier2, 12, [
      'usT2',
      'rivalT2',
      'usT2minusT1',
      'inCompute',
      'usTrustR2',
      'usTrust',
      'usRevenue',
    ]);
    // The trust cost is paid once and fades: smaller at the end than after round 2.
    const at = (id: string) => r.metrics.find((m) => m.id === id)!.diff!;
    expect(Math.abs(at('usTrust'))).toBeLessThan(Math.abs(at('usTrustR2')));
  });

  it('a US chip embargo on tier 3 slows China’s capability and widens the US lead, for trust and revenue', () => {
    expectChecks(controlsAimed, 12, ['cnCap', 'usLead', 'usT3', 'usTrust', 'usRevenue']);
  });
});
