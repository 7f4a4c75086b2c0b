import { parseOrders } from '../engine/parseOrders.ts';
import type { Orders } from '../engine/ordersSchema.ts';
import type { GameState, NationId } from '../engine/types.ts';
import { viewFor } from '../engine/viewFor.ts';
import { SIMPLE_POLICIES } from './simplePolicies.ts';

/**
 * A bot's orders for a nation: the policy decides from the nation's own view only (never the hidden
 * state), and its orders go through parseOrders like a human's. Throws if a policy produces invalid
 * orders, which is a bug in the policy.
 */
export function decideOrders(state: GameState, nation: NationId, policyName: string): Orders {
  const policy = SIMPLE_POLICIES[policyName];
  if (!policy) throw new Error(`unknown policy '${policyName}'`);
  const shares = state.scenario.nations.find((n) => n.id === nation)?.defaultAllocation ?? {};
  const input = policy(viewFor(state, { kind: 'nation', nation }), nation, shares);
  const parsed = parseOrders(state, nation, input);
  if (!parsed.ok) {
    throw new Error(
      `policy ${policyName} gave invalid orders for ${nation}: ${JSON.stringify(parsed.errors)}`,
    );
  }
  return parsed.value;
}
