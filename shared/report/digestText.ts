/**
 * The words of a round digest: message templates (`digest.*` in assets/i18n) filled with names and
 * numbers in plain form, and the guards that keep ids, source keys and no-change lines out. Pure.
 */
import type { GameEvent } from '../engine/events.ts';
import type { NationId } from '../engine/index.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import { formatParams, joinWords, type NameResolvers } from '../i18n/formatParams.ts';
import { formatNumber, formatPercent, formatSigned, formatSignedPercent } from '../i18n/numbers.ts';
import { formatMessage, localeOf, type Messages } from '../i18n/templates.ts';

/** What every part of the digest writes with. */
export interface DigestWriter {
  scenario: Scenario;
  me: NationId | null;
  messages: Messages;
  names: NameResolvers;
  /** Card id → title, from the cards drawn or injected in this list of events, then the scenario. */
  cardTitles: Map<string, string>;
}

/** A template filled with already formatted values; null if the template is missing or a value is. */
export function say(w: DigestWriter, key: string, params: Record<string, string> = {}): string | null {
  const template = w.messages[key];
  if (template === undefined) return null;
  const out = formatMessage(template, params);
  return /\{[A-Za-z_]\w*\}/.test(out) ? null : out;
}

/** The event's params formatted as the News tab shows them (names, shares, money, reasons). */
export const shown = (w: DigestWriter, e: GameEvent): Record<string, string> =>
  formatParams(e, w.messages, w.names);

export function nationName(w: DigestWriter, id: string): string {
  if (id === 'OTHER') return w.messages['provider.OTHER'] ?? 'other providers';
  const tier = /^tier([123])$/.exec(id)?.[1];
  if (tier) return w.messages[`marketTier.${tier}`] ?? `tier-${tier} markets`;
  return w.names.nation?.(id) ?? w.scenario.nations.find((n) => n.id === id)?.name ?? id;
}

/** "A", "A and B", "A, B and C". */
export function joinList(w: DigestWriter, items: readonly string[]): string {
  return joinWords(items, w.messages);
}

/** Up to three nations by name; more as "N nations", all of them as "every nation". */
export function nationsPhrase(w: DigestWriter, ids: readonly string[]): string {
  if (ids.length > 3 && ids.length === w.scenario.nations.length)
    return say(w, 'digest.nations.all') ?? 'every nation';
  if (ids.length > 3) return say(w, 'digest.nations.count', { count: String(ids.length) }) ?? `${ids.length}`;
  return joinList(
    w,
    ids.map((id) => (id === w.me ? (say(w, 'digest.you') ?? 'you') : nationName(w, id))),
  );
}

/** Reasons in the second person ("your cheap open weights"), from `digest.reason.<kind>.<r>[.<dir>]`. */
export function reasonsText(
  w: DigestWriter,
  kind: 'adoption' | 'trust',
  reasons: readonly string[],
  dir: 'up' | 'down',
): string {
  const words = reasons.map(
    (r) =>
      w.messages[`digest.reason.${kind}.${r}.${dir}`] ??
      w.messages[`digest.reason.${kind}.${r}`] ??
      w.messages[`reason.${r}.${dir}`] ??
      w.messages[`reason.${r}`] ??
      r,
  );
  return joinList(w, words);
}

/** Source keys like [F40] or [S2] never reach a reader of the digest. */
export const stripSources = (text: string): string =>
  text
    .replace(/\s*\[[A-Z]{1,4}\d+\]/g, '')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();

/** A card's title, never its id: from the round's announcements, the scenario or a generic word. */
export function cardTitle(w: DigestWriter, id: string): string {
  const title = w.cardTitles.get(id);
  if (title) return stripSources(title);
  return say(w, 'digest.card.unknown') ?? 'an event card';
}

/** Card ids to titles: this list's announcements first (a facilitator's card is not in the scenario). */
export function titlesOf(events: readonly GameEvent[], scenario: Scenario, names: NameResolvers) {
  const titles = new Map<string, string>();
  for (const c of scenario.events) titles.set(c.id, names.card?.(c.id) ?? c.title);
  for (const e of events) {
    if ((e.type === 'EventCardDrawn' || e.type === 'EventCardInjected') && typeof e.params.title === 'string')
      titles.set(e.params.card, e.params.title);
  }
  return titles;
}

/** The writer's language for numbers (its messages' `locale`). */
export const localeOfWriter = (w: DigestWriter): string => localeOf(w.messages);

// Numbers as the event text writes them (shared/i18n/numbers.ts), under the digest's short names.
export const num = (x: number, locale = 'en'): string => formatNumber(x, locale);
export const pct = (x: number, locale = 'en'): string => formatPercent(x, locale);
/** A signed number with one decimal and a real minus sign ("+2.8", "−0.4", "0.0"). */
export const signed = (x: number, locale = 'en'): string => formatSigned(x, locale);
/** A signed percentage ("+5%", "−3.2%"). */
export const signedPct = (x: number, locale = 'en'): string => formatSignedPercent(x, locale);

/** Ids and jargon that must never be shown, and lines whose before and after read the same. */
const LEAKS = /custom-|\(T\d+\)|\(P\d+\)|proposal P\d|\[[FS]\d+\]|H100/;
const SAME = /\bfrom (\S+?)[.,;:]? to \1(?=[\s.,;:)]|$)/;

/** Whether a line may be shown. */
export const clean = (line: string | null): line is string =>
  line !== null && line.length > 0 && !LEAKS.test(line) && !SAME.test(line);
