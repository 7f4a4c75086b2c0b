/**
 * Where a problem with the orders is shown: next to its field when the form has a slot for it, else
 * by its section, else at the foot of the form. Problems come from the engine's parseOrders (the
 * form's own check) or from the server's refusal, both as dotted paths.
 */

/** Splits a server problem path ('orders.budget.compute', 'budget', 'exportControls.0.target') to a field key. */
export function fieldOf(path: string): string {
  const p = path.replace(/^orders\./, '');
  if (p.startsWith('budget')) return p.split('.')[1] ? `budget.${p.split('.')[1]}` : 'budget';
  return p.split('.')[0] ?? '';
}

/** Clears every error slot of `form` and shows each problem in the slot of its field. */
export function showProblems(form: HTMLElement, problems: { path: string; message: string }[]): void {
  for (const el of form.querySelectorAll('[data-error-for]')) el.textContent = '';
  for (const p of problems) {
    const key = fieldOf(p.path);
    const slot =
      form.querySelector(`[data-error-for="${CSS.escape(key)}"]`) ??
      form.querySelector(`[data-error-for="${CSS.escape(key.split('.')[0] ?? '')}"]`) ??
      form.querySelector('[data-error-for=""]');
    if (slot) slot.textContent = `${slot.textContent ? `${slot.textContent}; ` : ''}${p.message}`;
  }
}
