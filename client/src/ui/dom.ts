/**
 * A tiny DOM builder. Strings always become text nodes (never markup), so names and chat from other
 * players can never inject HTML.
 */
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

/** Formats a number for display in the current language: 1 decimal under 100, none above. */
export function num(x: number | undefined, digits?: number): string {
  if (x === undefined || !Number.isFinite(x)) return '–';
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : 1);
  return x.toLocaleString(language(), { maximumFractionDigits: d, minimumFractionDigits: d });
}

/** A share 0..1 as a percentage in the current language ("12%", "3.5%", "12 %"). */
export function pct(x: number | undefined): string {
  if (x === undefined) return '–';
  return formatPercentLike(num(x * 100, x < 0.1 ? 1 : 0));
}

/** The number text inside the current language's percent pattern. */
function formatPercentLike(n: string): string {
  return new Intl.NumberFormat(language(), { style: 'percent' }).format(0.5).replace('50', n);
}
