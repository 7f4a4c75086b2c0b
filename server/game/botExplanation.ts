/**
 * What a bot's explanation may say to whom. Treaty proposals are private to their two parties, and
 * the bots' sentences name them ("proposed an AI forum to Japan"), sometimes for partners the bot did
 * not in the end propose to: every client gets the sentence without its proposals, and the
 * facilitator that sentence plus the proposals the bot really made, read from its orders.
 */
import type { OrdersInput } from '../../shared/engine/index.ts';
import type { BotExplanation } from '../../shared/protocol/serverMessages.ts';

/** The clauses of the bots' sentences that name a treaty partner. */
const TREATY_CLAUSE =
  /[;,]?\s*(?:and\s+)?(?:proposed\s[^.;]*?\bto\b|offered\s[^.;]*?\bto\b|sought a chip supply guarantee)[^.;]*/g;

/** The explanation without the treaties it names. */
export function withoutProposals(text: string): string {
  return text.replace(TREATY_CLAUSE, '').replace(/\s+([.;,])/g, '$1');
}

/** The explanations as everyone may read them, and as the facilitator reads them. */
export function botExplanations(
  bots: BotExplanation[],
  ordersOf: (nation: string) => OrdersInput | undefined,
  nameOf: (nation: string) => string,
): { shown: BotExplanation[]; full: BotExplanation[] } {
  const shown = bots.map((b) => ({ ...b, explanation: withoutProposals(b.explanation) }));
  const full = shown.map((b) => {
    const propose = ordersOf(b.nation)?.treaties?.propose ?? [];
    if (propose.length === 0) return b;
    const list = propose.map((p) => `${p.type} to ${nameOf(p.to)}`).join(', ');
    return { ...b, explanation: `${b.explanation} Proposed (private): ${list}.` };
  });
  return { shown, full };
}
