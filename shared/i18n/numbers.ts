/**
 * Every number, share and sum of money the game shows, in one house style, on Intl.NumberFormat:
 * the engine's event text, the round digest and the client all write numbers through here.
 *
 * - Numbers: one decimal, none from 1,000 up; thousands grouped as the locale groups them; no '-0'.
 * - Shares 0..1 as percentages: one decimal below 10%, none above, in the locale's percent pattern.
 * - Money, US$ billions: English "US$ 42.5 bn"; other languages the locale's compact currency form.
 * - Signed changes: '+' or a real minus sign ('−', U+2212), none on a change that rounds to zero.
 */

const formatters = new Map<string, Intl.NumberFormat>();

/** One cached Intl.NumberFormat per locale and options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A number with `decimals` decimals, thousands grouped as the locale groups them, no '-0'. */
export function formatFixed(x: number, decimals: number, locale = 'en'): string {
  return numberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'negative',
  }).format(x);
}

/** Plain number: one decimal, or none from 1,000 up (or exactly `decimals` decimals when given). */
export function formatNumber(x: number, locale = 'en', decimals?: number): string {
  return formatFixed(x, decimals ?? (Math.abs(x) >= 1000 ? 0 : 1), locale);
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
 * other languages: the locale's own compact currency form ("1,2 Md $US", "$12億"). `decimals`
 * fixes the decimals (a budget being shared out to the cent of a billion).
 */
export function formatMoney(x: number, locale = 'en', decimals?: number): string {
  const a = Math.abs(x);
  if (locale === 'en' || locale.startsWith('en-'))
    return `US$ ${formatFixed(x, decimals ?? (a >= 1000 ? 0 : a < 1 && a > 0 ? 2 : 1), locale)} bn`;
  const digits: Intl.NumberFormatOptions =
    decimals === undefined
      ? { maximumSignificantDigits: 3 }
      : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  return numberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    signDisplay: 'negative',
    ...digits,
  }).format(x * 1e9);
}

/** A number to at most two decimals (a factor, "×0.85"). */
export function formatFactor(x: number, locale = 'en'): string {
  return numberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'negative' }).format(x);
}

/** Text that reads as zero once rounded ("0", "0.0", "0,0 %"). */
const ZERO = /^0([.,]0+)?[\s\u00a0\u202f]?%?$/;

/**
 * `abs`, the formatted size of the change `x`, with its sign: "+2.8", "−0.4", and "0.0" for no
 * change (or `zero` before it: "±0.0" where a sign is expected).
 */
export function withSign(abs: string, x: number, zero = ''): string {
  if (ZERO.test(abs) || x === 0) return `${zero}${abs}`;
  return x > 0 ? `+${abs}` : `\u2212${abs}`;
}

/** A signed number ("+2.8", "−0.4", "0.0"; `zero` before a change that rounds to nothing). */
export function formatSigned(x: number, locale = 'en', zero = ''): string {
  return withSign(formatNumber(Math.abs(x), locale), x, zero);
}

/** A signed percentage ("+5%", "−3.2%", "0%"). */
export function formatSignedPercent(x: number, locale = 'en'): string {
  return withSign(formatPercent(Math.abs(x), locale), x);
}
