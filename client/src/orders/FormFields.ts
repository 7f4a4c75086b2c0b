/**
 * The orders form's controls by field key (the keys of orderForm.ts): made once per round, read as
 * plain values, written from values. Only values cross this border, so the rules stay in the engine
 * and the conversions in orderForm.ts.
 */
import { h } from '../ui/dom.ts';
import { type FormValue, type FormValues, proposalRows } from './orderForm.ts';

export type Field = HTMLInputElement | HTMLSelectElement;

/** The slot where the server's or the engine's problem with a field is shown. */
export const errorSlot = (key: string): HTMLElement =>
  h('span', { class: 'field-error', role: 'alert', 'data-error-for': key });

const readField = (el: Field): FormValue =>
  el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;

export class FormFields {
  private readonly inputs = new Map<string, Field>();
  /** Adds proposal rows until there are `rows` (set by the treaties section). */
  growProposals: (rows: number) => void = () => undefined;

  clear(): void {
    this.inputs.clear();
  }

  keys(): IterableIterator<string> {
    return this.inputs.keys();
  }

  /** Registers a control under its field key (its `data-field` names it for edits). */
  field<T extends Field>(key: string, el: T): T {
    el.dataset.field = key;
    this.inputs.set(key, el);
    return el;
  }

  /** A select for a field, labelled elsewhere by `for="o-<key>"`. */
  select(key: string, options: readonly string[], value: string, label: (o: string) => string) {
    const el = h(
      'select',
      { id: `o-${key.replace('.', '-')}`, name: key },
      options.map((o) => h('option', { value: o, selected: o === value }, label(o))),
    );
    el.value = value;
    return this.field(key, el);
  }

  values(): FormValues {
    const v: FormValues = {};
    for (const [key, el] of this.inputs) v[key] = readField(el);
    return v;
  }

  /**
   * Writes values into the form (only the keys given). `skip` names the fields to leave as they
   * are; returns whether a skipped field differed (so the caller can share the merged form back).
   */
  write(values: FormValues, skip: (key: string) => boolean = () => false): boolean {
    const rows = proposalRows(values);
    if (rows > proposalRows(this.values())) this.growProposals(rows);
    let skipped = false;
    for (const [key, value] of Object.entries(values)) {
      const el = this.inputs.get(key);
      if (!el || readField(el) === value) continue;
      if (skip(key)) {
        skipped = true;
        continue;
      }
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === true;
      else el.value = String(value);
    }
    return skipped;
  }
}
