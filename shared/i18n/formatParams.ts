/**
 * Shows the params of an event for its message: ids as names, shares as percentages, money as US$
 * billions, reasons and policy values translated. Numbers go through ./numbers.ts.
 */
import { type AnyParams, type EventParam, type GameEvent, paramsOf } from '../engine/events.ts';
import { type ParamFormat, paramFormats } from './eventSpecs.ts';
import {
  formatFactor,
  formatFixed,
  formatMoney,
  formatNumber,
  formatPercent,
  formatSigned,
  formatSignedPercent,
} from './numbers.ts';
import { direction, formatMessage, localeOf, type Messages } from './templates.ts';

/** Optional display names for ids found in events; ids are shown as they are otherwise. */
export interface NameResolvers {
  nation?: (id: string) => string;
  market?: (id: string) => string;
  /** Objective id → title. */
  objective?: (id: string) => string;
  /** Event-card id → title. */
  card?: (id: string) => string;
  /** Region name (as the scenario spells it, in English) → its name in the reader's language. */
  region?: (name: string) => string;
}

interface FormatContext {
  messages: Messages;
  names: NameResolvers;
  params: AnyParams;
  dir: 'up' | 'down' | null;
  /** The locale numbers are written in (the messages' `locale`). */
  locale: string;
}

function msg(ctx: FormatContext, key: string, fallback: string): string {
  return ctx.messages[key] ?? fallback;
}

function nationName(ctx: FormatContext, id: string): string {
  if (id === 'OTHER') return msg(ctx, 'provider.OTHER', 'other providers');
  // A control on a tier of markets names the tier as its target ('tier2').
  const tier = /^tier([123])$/.exec(id)?.[1];
  if (tier) return msg(ctx, `marketTier.${tier}`, `tier-${tier} markets`);
  return ctx.names.nation?.(id) ?? id;
}

function list(ctx: FormatContext, items: readonly string[]): string {
  if (items.length === 0) return msg(ctx, 'list.none', 'none');
  return joinWords(items, ctx.messages);
}

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * "A", "A and B", "A, B and C" in the messages' language: English with its `list.and` (no serial
 * comma, as before), other languages through Intl.ListFormat ("A、B、C", "A, B et C").
 */
export function joinWords(items: readonly string[], messages: Messages): string {
  if (items.length <= 1) return items[0] ?? '';
  const locale = localeOf(messages);
  if (locale === 'en' || typeof Intl.ListFormat !== 'function')
    return `${items.slice(0, -1).join(', ')} ${messages['list.and'] ?? 'and'} ${items[items.length - 1]}`;
  let f = listFormats.get(locale);
  if (!f) {
    f = new Intl.ListFormat(locale, { type: 'conjunction' });
    listFormats.set(locale, f);
  }
  return f.format(items);
}

const asList = (v: EventParam): string[] => (Array.isArray(v) ? v : [String(v)]);

/** Shows one param value; null when it cannot be shown (e.g. a number that is not finite). */
function formatParam(ctx: FormatContext, format: ParamFormat, v: EventParam): string | null {
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  const num = typeof v === 'number' ? v : Number.NaN;
  const str = Array.isArray(v) ? v.join(', ') : String(v);
  const needsNumber = (s: (x: number) => string) => (Number.isFinite(num) ? s(num) : str);
  switch (format) {
    case 'text':
      return str;
    case 'nation':
      return nationName(ctx, str);
    case 'nations':
      return list(
        ctx,
        asList(v).map((id) => nationName(ctx, id)),
      );
    case 'ranking':
      return asList(v)
        .map((id, i) => `${i + 1}. ${nationName(ctx, id)}`)
        .join(', ');
    case 'market':
      return ctx.names.market?.(str) ?? str;
    case 'region':
      return str === '*' ? msg(ctx, 'region.all', 'every region') : (ctx.names.region?.(str) ?? str);
    case 'card':
      return ctx.names.card?.(str) ?? str;
    case 'objective':
      return ctx.names.objective?.(str) ?? str;
    case 'integer':
      return needsNumber((x) => formatFixed(x, 0, ctx.locale));
    case 'number':
      return needsNumber((x) => formatNumber(x, ctx.locale));
    case 'signed':
      return needsNumber((x) => formatSigned(x, ctx.locale));
    case 'percent':
      return needsNumber((x) => formatPercent(x, ctx.locale));
    case 'signedPercent':
      return needsNumber((x) => formatSignedPercent(x, ctx.locale));
    case 'absPercent':
      return needsNumber((x) => formatPercent(Math.abs(x), ctx.locale));
    case 'money':
      return needsNumber((x) => formatMoney(x, ctx.locale));
    case 'factor':
      return needsNumber((x) => formatFactor(x, ctx.locale));
    case 'boolean':
      return msg(ctx, `bool.${str}`, str);
    case 'adoptionReasons':
      return list(
        ctx,
        asList(v).map((r) =>
          ctx.dir
            ? msg(ctx, `reason.${r}.${ctx.dir}`, msg(ctx, `reason.${r}`, r))
            : msg(ctx, `reason.${r}`, r),
        ),
      );
    case 'trustReasons':
      return list(
        ctx,
        asList(v).map((r) => msg(ctx, `reason.${r}`, r)),
      );
    case 'tier':
      return msg(ctx, `tier.${str}`, str);
    case 'layer':
      return msg(ctx, `layer.${str}`, str);
    case 'treaty':
      return msg(ctx, `treaty.${str}`, str);
    case 'policy':
      return msg(ctx, `policy.${str}`, str);
    case 'policyValue': {
      const policy = String(ctx.params.policy ?? '');
      const known = ctx.messages[`policy.${policy}.${str}`];
      if (known !== undefined) return known;
      if (str === 'none') return msg(ctx, 'policy.none', 'none');
      return policy === 'programme' ? nationName(ctx, str) : str;
    }
    case 'release':
      return msg(ctx, `policy.release.${str}`, str);
    case 'visa':
      return msg(ctx, `policy.visa.${str}`, str);
    case 'quantity':
      return msg(ctx, `quantity.${str}`, str);
    case 'quantityValue':
      return needsNumber((x) =>
        ctx.params.quantity === 'budget' ? formatMoney(x, ctx.locale) : formatNumber(x, ctx.locale),
      );
    case 'modifier':
      return msg(ctx, `modifier.${str}`, str);
    case 'effect':
      return msg(ctx, `effect.${str}`, str);
    case 'cause': {
      const [kind, id] = str.split(':');
      if (kind === 'card' && id !== undefined) {
        return formatMessage(msg(ctx, 'cause.card', 'event card {card}'), {
          card: ctx.names.card?.(id) ?? id,
        });
      }
      return msg(ctx, `cause.${str}`, str);
    }
    case 'lapse':
      return msg(ctx, `lapse.${str}`, str);
    case 'stalled':
      return msg(ctx, `stalled.${str}`, str);
  }
}

/** The default format of a param the spec does not list, from its value. */
function defaultFormat(v: EventParam): ParamFormat {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return 'nations';
  return 'text';
}

/** Every param of an event, shown for display. */
export function formatParams(
  event: GameEvent,
  messages: Messages,
  names: NameResolvers = {},
): Record<string, string> {
  const ctx: FormatContext = {
    messages,
    names,
    params: paramsOf(event),
    dir: direction(paramsOf(event)),
    locale: localeOf(messages),
  };
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(paramsOf(event))) {
    if (v === undefined) continue;
    const shown = formatParam(ctx, paramFormats(event.type)[name] ?? defaultFormat(v), v);
    if (shown !== null) out[name] = shown;
  }
  // A card's title travels in English with the event: a known card is shown by its translated title.
  const { card, title } = paramsOf(event);
  if (typeof card === 'string' && typeof title === 'string') {
    const title = names.card?.(card);
    if (title !== undefined && title !== card) out.title = title;
  }
  return out;
}
