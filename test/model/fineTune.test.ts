/**
 * Claim 4: cheap fine-tunes of open weights give sovereignty. A sovereign model programme costs
 * US$50 million a round (the scale of SEA-LION and TAIDE), well under 1% of a middle power's budget,
 * fine-tunes the best open model the nation can get, and raises its home share and its sovereignty.
 * Full size: `npm run fidelity -- --only fine-tune`.
 */
import { describe, it } from 'vitest';
import { fineTune } from '../../shared/sim/experiments.ts';
import { expectChecks } from './helpers.ts';

describe('claim 4: cheap fine-tunes give sovereignty', () => {
  it('a Korean programme on the best open model costs under 2% of its budget and raises its home share and sovereignty', () => {
    expectChecks(fineTune, 10, ['cost', 'krHome', 'krSov']);
  });
});
