/**
 * Turns engine events into sentences a person can read, from flat message templates
 * (assets/i18n/<lang>.json). Pure: no I/O, no clock, no DOM.
 *
 * Template choice: the most specific key that exists and whose placeholders can all be filled.
 * For an event `event.T` whose spec lists variant params (e.g. `stalled`), the candidates are
 * `event.T.<param>.<value>.<dir>`, `event.T.<param>.<value>`, …, then `event.T.<dir>`, `event.T`,
 * where `<dir>` is `up` or `down` (the sign of `net`, else `to - from`, else `amount`). A variant
 * value is the string itself (before any ':'), `true`/`false`, `none` for an empty list or a zero,
 * or the single element of a one-element list. If nothing fits, the event prints as
 * `<type> <json params>` so a message never breaks.
 */
import type { EventParam, EventType, GameEvent } from '../engine/events.ts';

/** Flat message templates, e.g. `{ "event.TrustChanged": "Trust in {nation} …" }`. */
export type Messages = Readonly<Record<string, string>>;

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

/** How one event parameter is shown. */
export type ParamFormat =
  | 'text'
  | 'nation'
  | 'nations'
  | 'ranking'
  | 'market'
  | 'region'
  | 'card'
  | 'objective'
  | 'integer'
  | 'number'
  | 'signed'
  | 'percent'
  | 'signedPercent'
  | 'absPercent'
  | 'money'
  | 'factor'
  | 'boolean'
  | 'adoptionReasons'
  | 'trustReasons'
  | 'tier'
  | 'layer'
  | 'treaty'
  | 'policy'
  | 'policyValue'
  | 'release'
  | 'visa'
  | 'quantity'
  | 'quantityValue'
  | 'modifier'
  | 'effect'
  | 'cause'
  | 'lapse'
  | 'stalled';

/** What an event carries (read from the engine's `emit` calls) and how each param is shown. */
export interface EventSpec {
  /** Every param the engine may emit for this type (some only in some cases). */
  params: Readonly<Record<string, ParamFormat>>;
  /** Params whose value selects a more specific template, most specific first. */
  variants?: readonly string[];
}

/**
 * The params of every event type, derived from the `emit(ctx, '<Type>', {...})` calls in
 * shared/engine. Tests check the templates against this table and this table against real games.
 */
export const EVENT_SPECS: Readonly<Record<EventType, EventSpec>> = {
  // Declared in events.ts but not emitted by the engine (yet).
  GameStarted: { params: {} },
  BudgetSet: {
    params: { nation: 'nation', from: 'money', to: 'money', revenue: 'money', sanctions: 'percent' },
    variants: ['sanctions'],
  },
  OrdersMissing: { params: { nation: 'nation' } },
  PolicyChanged: {
    params: { nation: 'nation', policy: 'policy', from: 'policyValue', to: 'policyValue' },
    variants: ['policy'],
  },
  ExportControlChanged: {
    params: {
      nation: 'nation',
      target: 'nation',
      chips: 'tier',
      models: 'tier',
      previousChips: 'tier',
      previousModels: 'tier',
    },
  },
  TariffChanged: { params: { nation: 'nation', target: 'nation', from: 'percent', to: 'percent' } },
  SanctionChanged: {
    params: { nation: 'nation', target: 'nation', active: 'boolean' },
    variants: ['active'],
  },
  TreatyProposed: { params: { proposal: 'text', type: 'treaty', from: 'nation', to: 'nation' } },
  TreatySigned: { params: { treaty: 'text', type: 'treaty', parties: 'nations' } },
  TreatyRejected: { params: { proposal: 'text', type: 'treaty', from: 'nation', to: 'nation' } },
  TreatyLapsed: {
    // `treaty` when withdrawn, `proposal` when unanswered.
    params: {
      treaty: 'text',
      proposal: 'text',
      type: 'treaty',
      parties: 'nations',
      reason: 'lapse',
      by: 'nation',
    },
    variants: ['reason'],
  },
  TreatyBroken: {
    params: { nation: 'nation', partner: 'nation', treaty: 'text', type: 'treaty', trustLoss: 'number' },
  },
  TreatyEffect: {
    params: { type: 'treaty', nation: 'nation', partner: 'nation', from: 'number', to: 'number' },
    variants: ['type'],
  },
  ChipAccessChanged: {
    params: {
      nation: 'nation',
      from: 'percent',
      to: 'percent',
      restrictedBy: 'nations',
      weakestLayer: 'layer',
    },
    variants: ['restrictedBy'],
  },
  SelfRelianceRose: { params: { nation: 'nation', by: 'nations', gain: 'percent', total: 'percent' } },
  ChipRevenueLost: { params: { nation: 'nation', lost: 'money', targets: 'nations' } },
  ChipProgrammeBuilt: { params: { nation: 'nation', spend: 'money', added: 'number', focus: 'layer' } },
  ComputeBuilt: {
    params: {
      nation: 'nation',
      spend: 'money',
      added: 'number',
      from: 'number',
      to: 'number',
      chipAccess: 'percent',
    },
    variants: ['spend'],
  },
  CloudAccessChanged: { params: { nation: 'nation', from: 'number', to: 'number' } },
  CapabilityRose: {
    params: {
      nation: 'nation',
      spend: 'money',
      from: 'number',
      to: 'number',
      computeUsed: 'number',
      reach: 'number',
    },
  },
  OpenWeightsDiffused: { params: { provider: 'nation', level: 'number', nations: 'nations' } },
  SovereignModelImproved: {
    params: { nation: 'nation', base: 'nation', from: 'number', to: 'number', stalled: 'stalled' },
    variants: ['stalled'],
  },
  AidDelivered: {
    params: { nation: 'nation', spend: 'money', region: 'region', stock: 'percent', wasted: 'boolean' },
    variants: ['wasted'],
  },
  AdoptionShifted: {
    params: {
      nation: 'nation',
      region: 'region',
      from: 'percent',
      to: 'percent',
      reasons: 'adoptionReasons',
    },
    variants: ['reasons'],
  },
  MarketLeaderChanged: {
    params: { market: 'market', nation: 'nation', previous: 'nation', share: 'percent' },
  },
  RevenueEarned: {
    params: { nation: 'nation', models: 'money', chips: 'money', total: 'money', release: 'release' },
    variants: ['release'],
  },
  TrustChanged: {
    params: { nation: 'nation', from: 'number', to: 'number', reasons: 'trustReasons' },
    variants: ['reasons'],
  },
  TalentMoved: {
    params: { nation: 'nation', net: 'signed', from: 'number', to: 'number', visa: 'visa' },
  },
  SafetyIncident: {
    params: {
      nation: 'nation',
      risk: 'percent',
      cause: 'cause',
      from: 'number',
      to: 'number',
      capability: 'number',
      safety: 'number',
    },
    variants: ['cause'],
  },
  EventCardDrawn: { params: { card: 'card', title: 'text', round: 'integer' } },
  EventCardInjected: { params: { card: 'card', title: 'text' } },
  CardEffect: {
    // Common: card, effect, nations. AdjustQuantity: quantity, from, to. Modifier: modifier,
    // factor, rounds. AdjustStack: layer, factor. AdoptionShift: region, amount.
    params: {
      card: 'card',
      effect: 'effect',
      nations: 'nations',
      quantity: 'quantity',
      from: 'quantityValue',
      to: 'quantityValue',
      modifier: 'modifier',
      factor: 'factor',
      rounds: 'integer',
      layer: 'layer',
      region: 'region',
      amount: 'absPercent',
    },
    variants: ['nations', 'effect'],
  },
  ModifierExpired: { params: { card: 'card', modifier: 'modifier', nations: 'nations' } },
  EconomyChanged: {
    params: {
      nation: 'nation',
      from: 'number',
      to: 'number',
      growth: 'signedPercent',
      capability: 'number',
      adequacy: 'percent',
      trade: 'money',
    },
  },
  ObjectiveAchieved: {
    params: { nation: 'nation', objective: 'objective', secret: 'boolean', points: 'integer' },
    variants: ['secret'],
  },
  ScoreChanged: {
    // from/to: the score in the ranking every viewer sees; the parts: the change of each part.
    params: {
      nation: 'nation',
      from: 'number',
      to: 'number',
      softPower: 'signed',
      sovereignty: 'signed',
      economy: 'signed',
      objectives: 'signed',
    },
  },
  GameEnded: { params: { ranking: 'ranking', winner: 'nation' } },
};

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
function fillAll(template: string, values: Readonly<Record<string, string>>): string | null {
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
export function direction(params: Readonly<Record<string, EventParam>>): 'up' | 'down' | null {
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
  const spec = EVENT_SPECS[event.type] as EventSpec | undefined;
  const dir = direction(event.params);
  const keys: string[] = [];
  const push = (k: string) => {
    if (dir) keys.push(`${k}.${dir}`);
    keys.push(k);
  };
  for (const p of spec?.variants ?? []) {
    const value = variantValue(event.params[p]);
    if (value !== null) push(`${base}.${p}.${value}`);
  }
  push(base);
  if (base !== `event.${event.type}`) push(`event.${event.type}`);
  return keys;
}

/** The language of a message file: its `locale` entry (e.g. "fr"), English when it has none. */
export function localeOf(messages: Messages): string {
  return messages.locale ?? 'en';
}

const formatters = new Map<string, Intl.NumberFormat>();
/** One cached Intl.NumberFormat per locale and options. */
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A number with `decimals` decimals, thousands grouped as the locale groups them, no '-0'. */
function fixed(x: number, decimals: number, locale = 'en'): string {
  return numberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'negative',
  }).format(x);
}

/** Plain number: one decimal, or none from 1,000 up. */
export function formatNumber(x: number, locale = 'en'): string {
  return fixed(x, Math.abs(x) >= 1000 ? 0 : 1, locale);
}

/** A share 0..1 as a percentage: one decimal below 10%, none above (a trailing zero dropped). */
export function formatPercent(x: number, locale = 'en'): string {
  const p = x * 100;
  const n = numberFormat(locale, {
    minimumFractionDigits: 0,
    maximumFractionDigits: Math.abs(p) < 10 ? 1 : 0,
    signDisplay: 'negative',
  }).format(p);
  // The locale's percent pattern ("50%", "50 %") around the number rounded as above.
  return numberFormat(locale, { style: 'percent' }).format(0.5).replace(/50/, n);
}

/**
 * US$ billions. English: "US$ 1.2 bn" (two decimals below 1 bn, one above, none from 1,000 bn);
 * other languages: the locale's own compact currency form ("1,2 Md $US", "$12億").
 */
export function formatMoney(x: number, locale = 'en'): string {
  const a = Math.abs(x);
  if (locale === 'en' || locale.startsWith('en-'))
    return `US$ ${fixed(x, a >= 1000 ? 0 : a < 1 && a > 0 ? 2 : 1, locale)} bn`;
  return numberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumSignificantDigits: 3,
    signDisplay: 'negative',
  }).format(x * 1e9);
}

const signed = (s: string, x: number) => (x > 0 && !/^0([.,]0+)?[\s\u00a0\u202f]?%?$/.test(s) ? `+${s}` : s);

interface FormatContext {
  messages: Messages;
  names: NameResolvers;
  params: Readonly<Record<string, EventParam>>;
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
      return needsNumber((x) => fixed(x, 0, ctx.locale));
    case 'number':
      return needsNumber((x) => formatNumber(x, ctx.locale));
    case 'signed':
      return needsNumber((x) => signed(formatNumber(x, ctx.locale), x));
    case 'percent':
      return needsNumber((x) => formatPercent(x, ctx.locale));
    case 'signedPercent':
      return needsNumber((x) => signed(formatPercent(x, ctx.locale), x));
    case 'absPercent':
      return needsNumber((x) => formatPercent(Math.abs(x), ctx.locale));
    case 'money':
      return needsNumber((x) => formatMoney(x, ctx.locale));
    case 'factor':
      return needsNumber((x) =>
        numberFormat(ctx.locale, { maximumFractionDigits: 2, signDisplay: 'negative' }).format(x),
      );
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
  const spec = EVENT_SPECS[event.type] as EventSpec | undefined;
  const ctx: FormatContext = {
    messages,
    names,
    params: event.params,
    dir: direction(event.params),
    locale: localeOf(messages),
  };
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(event.params)) {
    const shown = formatParam(ctx, spec?.params[name] ?? defaultFormat(v), v);
    if (shown !== null) out[name] = shown;
  }
  // A card's title travels in English with the event: a known card is shown by its translated title.
  const card = event.params.card;
  if (typeof card === 'string' && typeof event.params.title === 'string') {
    const title = names.card?.(card);
    if (title !== undefined && title !== card) out.title = title;
  }
  return out;
}

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
