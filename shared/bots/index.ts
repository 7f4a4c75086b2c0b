/**
 * The bots: five archetypes at three difficulties, deciding from their nation's view only.
 */

import type { Orders } from '../engine/ordersSchema.ts';
import { parseOrders } from '../engine/parseOrders.ts';
import type { GameState, NationId } from '../engine/types.ts';
import { type GameView, viewFor } from '../engine/viewFor.ts';
import { decideBot } from './archetypes.ts';
import type { BotSeat } from './botTypes.ts';

export { decideBot } from './archetypes.ts';
export * from './botTypes.ts';
export { drawArchetypes, seatDrawSeed } from './seatDraw.ts';

/** Names a player reads for each archetype. */
export const ARCHETYPE_TITLES: Record<BotSeat['archetype'], string> = {
  openChampion: 'Open-weights champion',
  hawk: 'Export-control hawk',
  trustBuilder: 'Trust builder',
  computeMaximiser: 'Compute maximiser',
  hedger: 'Hedging middle power',
};

/**
 * A bot's orders for a nation in a game: it decides from `viewFor(state, nation)` (never the hidden
 * state) and its orders pass through parseOrders like a human's. Throws if they are invalid, which
 * is a bug in the bot. `view` may be passed when the caller has already cut that nation's view of
 * this very state (the simulator cuts every nation's at once with nationViews, which is faster).
 */
export function botOrders(
  state: GameState,
  nation: NationId,
  seat: BotSeat,
  salt: number,
  view: GameView = viewFor(state, { kind: 'nation', nation }),
): { orders: Orders; explanation: string } {
  const decision = decideBot({ view, me: nation, scenario: state.scenario, seat, salt });
  const parsed = parseOrders(state, nation, decision.orders);
  if (!parsed.ok) {
    throw new Error(
      `bot ${seat.archetype}/${seat.difficulty} gave invalid orders for ${nation}: ${JSON.stringify(parsed.errors)}`,
    );
  }
  return { orders: parsed.value, explanation: decision.explanation };
}
