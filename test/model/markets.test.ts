/**
 * Claim 5: markets have agency. Local models (fine-tunes of the best open weights, in the languages
 * no power's model speaks) keep a place in the world's markets; a market's fear of a cut-off comes
 * from its own exposure to a provider's controls, so markets exposed to a control hedge toward
 * local models, and stop when the control is lifted. Full size:
 * `npm run fidelity -- --only local-models,hedging,hedging-lifted`.
 */
import { describe, it } from 'vitest';
import { hedging, hedgingLifted, localModels } from '../../shared/sim/experiments.ts';
import { expectChecks } from './helpers.ts';

describe('claim 5: markets have agency', () => {
  it('local models keep at least 3% of foreign markets at the end of a game', () => {
    expectChecks(localModels, 6, ['localEnd']);
  });

  it('tier-2 markets under a US chip cap hedge toward local models; tier-1 markets do not', () => {
    expectChecks(hedging, 12, ['localT2', 'localT1', 'localT2minusT1']);
  });

  it('when the cap is lifted, the tier-2 markets hedge less and return to US models', () => {
    expectChecks(hedgingLifted, 12, ['localT2', 'usT2']);
  });
});
