/**
 * Turns engine events into sentences a person can read, from flat message templates
 * (assets/i18n/<lang>.json). Pure: no I/O, no clock, no DOM. The parts: ./eventSpecs.ts (what each
 * event carries and how each param is shown), ./formatParams.ts (showing the params), ./numbers.ts
 * (every number), ./templates.ts (placeholders and template choice).
 *
 * Template choice: the most specific key that exists and whose placeholders can all be filled.
 * For an event `event.T` whose spec lists variant params (e.g. `stalled`), the candidates are
 * `event.T.<param>.<value>.<dir>`, `event.T.<param>.<value>`, …, then `event.T.<dir>`, `event.T`,
 * where `<dir>` is `up` or `down` (the sign of `net`, else `to - from`, else `amount`). A variant
 * value is the string itself (before any ':'), `true`/`false`, `none` for an empty list or a zero,
 * or the single element of a one-element list. If nothing fits, the event prints as
 * `<type> <json params>` so a message never breaks.
 */
import type { GameEvent } from '../engine/events.ts';
import { formatParams, type NameResolvers } from './formatParams.ts';
import { fillAll, type Messages, templateCandidates } from './templates.ts';

export {
  type AnyEventSpec,
  EVENT_SPECS,
  type EventSpec,
  type EventSpecs,
  type ParamFormat,
  specOf,
} from './eventSpecs.ts';
export { formatParams, joinWords, type NameResolvers } from './formatParams.ts';
export { formatMoney, formatNumber, formatPercent } from './numbers.ts';
export {
  direction,
  formatMessage,
  localeOf,
  type Messages,
  placeholders,
  templateCandidates,
} from './templates.ts';

/** The raw fallback: `<type> <json params>`. */
function fallback(event: GameEvent): string {
  return `${event.type} ${JSON.stringify(event.params)}`;
}

/**
 * A readable sentence for an event: the most specific template that exists and can be filled,
 * with its params formatted (shares as percentages, money as US$ bn, ids as names, reasons and
 * policy values translated). Falls back to `<type> <json params>`.
 */
export function formatEvent(event: GameEvent, messages: Messages, names: NameResolvers = {}): string {
  const values = formatParams(event, messages, names);
  for (const key of templateCandidates(event)) {
    const template = messages[key];
    if (template === undefined) continue;
    const out = fillAll(template, values);
    if (out !== null) return out;
  }
  return fallback(event);
}
