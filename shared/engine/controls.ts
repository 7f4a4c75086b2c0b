import type { Rules } from './rules.ts';
import type { ControlTier, NationState } from './types.ts';

/** Share of an open model's weights that reach a receiver under the provider's model controls and sanctions. */
export function modelControlPass(rules: Rules, provider: NationState, receiver: NationState): number {
  if (provider.id === receiver.id) return 1;
  const tier: ControlTier = provider.policies.exportControls[receiver.id]?.models ?? 'open';
  let rate = tier === 'open' ? 1 : tier === 'licensed' ? rules.licensedPass : rules.leakage;
  if (provider.policies.sanctions.includes(receiver.id)) rate *= rules.sanctionPass;
  return rate;
}
