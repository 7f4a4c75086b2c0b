/**
 * Message templates: their `{name}` placeholders, and which template an event is written with.
 *
 * Template choice: the most specific key that exists and whose placeholders can all be filled.
 * For an event `event.T` whose spec lists variant params (e.g. `stalled`), the candidates are
 * `event.T.<param>.<value>.<dir>`, `event.T.<param>.<value>`, …, then `event.T.<dir>`, `event.T`,
 * where `<dir>` is `up` or `down` (the sign of `net`, else `to - from`, else `amount`). A variant
 * value is the string itself (before any ':'), `true`/`false`, `none` for an empty list or a zero,
 * or the single element of a one-element list.
 */
import { type AnyParams, type EventParam, type GameEvent, paramsOf } from '../engine/events.ts';
import { variantParams } from './eventSpecs.ts';

/** Flat message templates, e.g. `{ "event.TrustChanged": "Trust in {nation} …" }`. */
export type Messages = Readonly<Record<string, string>>;

/** The language of a message file: its `locale` entry (e.g. "fr"), English when it has none. */
export function localeOf(messages: Messages): string {
  return messages.locale ?? 'en';
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The placeholder names in a template, in order of appearance (duplicates kept once). */
export function placeholders(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/**
 * Fills `{name}` placeholders with the params (lists joined with ", "). Placeholders without a
 * param are left as they are.
 */
export function formatMessage(
  template: string,
  params: Readonly<Record<string, string | number | boolean | readonly string[]>>,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return Array.isArray(v) ? v.join(', ') : String(v);
  });
}

/** Fills every placeholder, or returns null if one has no value. */
export function fillAll(template: string, values: Readonly<Record<string, string>>): string | null {
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const v = values[name];
    if (v === undefined) {
      missing = true;
      return '';
    }
    return v;
  });
  return missing ? null : out;
}

/** 'up', 'down' or null: the sign of `net`, else of `to - from`, else of `amount`. */
export function direction(params: AnyParams): 'up' | 'down' | null {
  const sign = (x: number) => (x > 1e-9 ? 'up' : x < -1e-9 ? 'down' : null);
  const { net, from, to, amount } = params;
  if (typeof net === 'number') return sign(net);
  if (typeof from === 'number' && typeof to === 'number') return sign(to - from);
  if (typeof amount === 'number') return sign(amount);
  return null;
}

/** The value a param contributes to a variant key, or null if it selects none. */
function variantValue(v: EventParam | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return v === 0 ? 'none' : null;
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.length === 1 ? (v[0] ?? null) : null;
  const s = String(v).split(':')[0] ?? '';
  return /^[A-Za-z0-9_-]+$/.test(s) ? s : null;
}

/** The template keys to try for an event, most specific first. */
export function templateCandidates(event: GameEvent): string[] {
  const base = event.key || `event.${event.type}`;
  const dir = direction(paramsOf(event));
  const keys: string[] = [];
  const push = (k: string) => {
    if (dir) keys.push(`${k}.${dir}`);
    keys.push(k);
  };
  for (const p of variantParams(event.type)) {
    const value = variantValue(paramsOf(event)[p]);
    if (value !== null) push(`${base}.${p}.${value}`);
  }
  push(base);
  if (base !== `event.${event.type}`) push(`event.${event.type}`);
  return keys;
}
