/**
 * One draft for a team: which fields this player edited lately, so that a teammate's draft fills
 * every other field (proposals and answers included) and never undoes an edit in progress.
 */
import type { OrdersInput } from '../../../shared/engine/index.ts';
import type { FormFields } from './FormFields.ts';
import { ordersToForm, proposalRows } from './orderForm.ts';

/** How long a field this player edited wins over a teammate's draft (ms). */
export const OWN_EDIT_WINS_MS = 4000;

export class TeamDraft {
  private readonly editedAt = new Map<string, number>();

  /** A new round: nothing edited yet. */
  reset(): void {
    this.editedAt.clear();
  }

  edited(key: string, now: number): void {
    this.editedAt.set(key, now);
  }

  /** Every field counts as this player's edit (after the advisor or a suggestion fills the form). */
  editedAll(fields: FormFields, now: number): void {
    for (const key of fields.keys()) this.editedAt.set(key, now);
  }

  /**
   * Fills the form with a teammate's draft except the fields this player edited in the last few
   * seconds; true when one of those differed, so the merged form should be shared back.
   */
  merge(fields: FormFields, draft: OrdersInput, now: number): boolean {
    const recent = (key: string) => now - (this.editedAt.get(key) ?? 0) < OWN_EDIT_WINS_MS;
    return fields.write(ordersToForm(draft, proposalRows(fields.values())), recent);
  }
}
