/**
 * Claim 2: chokepoints slow capability. Training and fine-tuning reach a capability that falls
 * as the nation's compute falls behind the frontier, so the holders of the stack's layers cutting
 * China's chips lower its compute and then its capability; investing in the cut layers recovers
 * part of it. Full size: `npm run fidelity -- --only chokepoint-china,chokepoint-invest`.
 */
import { describe, it } from 'vitest';
import { chokepointChina, chokepointInvest } from '../../shared/sim/experiments.ts';
import { expectChecks } from './helpers.ts';

describe('claim 2: chokepoints slow capability', () => {
  it('a coordinated chip embargo on China lowers its compute and its capability at the end', () => {
    expectChecks(chokepointChina, 12, ['cnCompute', 'cnCap']);
  });

  it('under the embargo, China investing in chip and fab programmes recovers chip access and some capability', () => {
    expectChecks(chokepointInvest, 12, ['cnAccess', 'cnCap']);
  });
});
