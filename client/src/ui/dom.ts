/**
 * A tiny DOM builder. Strings always become text nodes (never markup), so names and chat from other
 * players can never inject HTML.
 */
import { formatMoney, formatNumber, formatPercent, formatSigned } from '../../../shared/i18n/numbers.ts';
import { language } from '../i18n.ts';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (key === 'class') el.className = String(value);
    else if (key === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else if (key === 'checked' && 'checked' in el) (el as HTMLInputElement).checked = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, ...children);
}

// Numbers are written by shared/i18n/numbers.ts, as in the news and the round report; these only
// add the current language and a dash for a missing value.
const missing = (x: number | undefined): x is undefined => x === undefined || !Number.isFinite(x);

/** A number in the current language: one decimal, none from 1,000 up (or `digits` decimals). */
export function num(x: number | undefined, digits?: number): string {
  return missing(x) ? '–' : formatNumber(x, language(), digits);
}

/** A share 0..1 as a percentage in the current language ("12%", "3.5%", "12 %"). */
export function pct(x: number | undefined): string {
  return missing(x) ? '–' : formatPercent(x, language());
}

/** US$ billions in the current language ("US$ 42.5 bn", "42,5 Md $US"), or with `digits` decimals. */
export function money(x: number | undefined, digits?: number): string {
  return missing(x) ? '–' : formatMoney(x, language(), digits);
}

/** A change with its sign ("+2.8", "−0.4", "±0.0") in the current language. */
export function signed(x: number | undefined): string {
  return missing(x) ? '–' : formatSigned(x, language(), '±');
}
