/**
 * Claim 6: the score rewards what the sources value. Soft power counts as a share of the world's,
 * without a cap; sovereignty is a stress test (what survives the worst supplier's embargo) with real
 * weight in the score; objectives are graded. Full size: `npm run fidelity -- --only scoring`.
 */
import { describe, expect, it } from 'vitest';
import { scoring } from '../../shared/sim/experiments.ts';
import { expectChecks } from './helpers.ts';

describe('claim 6: scoring', () => {
  it('sovereignty explains at least 15% of the within-nation variance of scores; objectives met in part earn a tenth of objective points or more', () => {
    const r = expectChecks(scoring, 30, ['var-sovereignty', 'partial']);
    // The four parts explain the whole score (the shares add up to 1, up to rounding).
    const total = ['softPower', 'sovereignty', 'economy', 'objectives']
      .map((p) => r.metrics.find((m) => m.id === `var-${p}`)!.base)
      .reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 2);
  });
});
