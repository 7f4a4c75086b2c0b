/**
 * Claim 3: open weights buy soft power; closed models buy revenue and lead. A middle power that
 * opens its weights roughly doubles its soft power; the leader that opens gains soft power (others
 * build on its weights) and pays in revenue and in its lead over the field. Full size:
 * `npm run fidelity -- --only open-middle,open-leader`.
 */
import { describe, expect, it } from 'vitest';
import { openLeader, openMiddle } from '../../shared/sim/experiments.ts';
import { expectChecks } from './helpers.ts';

describe('claim 3: open weights buy soft power, closed models revenue and lead', () => {
  it('Japan and Korea opening their weights raise their soft power by at least half', () => {
    const r = expectChecks(openMiddle, 10, ['jpSoft', 'krSoft']);
    for (const id of ['jpSoft', 'krSoft']) {
      const m = r.metrics.find((x) => x.id === id)!;
      expect(m.treated! / m.base).toBeGreaterThan(1.5);
    }
  });

  it('the US opening its weights gains soft power and loses revenue and its lead over the field', () => {
    expectChecks(openLeader, 10, ['usSoft', 'usRevenue', 'usField']);
  });
});
