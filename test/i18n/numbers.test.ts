/**
 * The house style of every number the game shows (shared/i18n/numbers.ts): the news, the round
 * report and the client's panels all write through it, so these are the formats a player sees.
 * Before issue 12 the client wrote "US$42.5bn" and "123" where the news wrote "US$ 42.5 bn" and
 * "123.4", and a change as "-0.4" in the news but "−0.4" in the report.
 */
import { describe, expect, it } from 'vitest';
import {
  formatFactor,
  formatMoney,
  formatNumber,
  formatPercent,
  formatSigned,
  formatSignedPercent,
} from '../../shared/i18n/numbers.ts';

describe('numbers in the house style', () => {
  it('numbers: one decimal, none from 1,000 up, or the decimals asked for', () => {
    expect(formatNumber(123.44)).toBe('123.4');
    expect(formatNumber(1234.5)).toBe('1,235');
    expect(formatNumber(7, 'en', 0)).toBe('7');
    expect(formatNumber(-0.01)).toBe('0.0');
  });

  it('money: "US$ 42.5 bn" in English, the locale compact form elsewhere, fixed decimals on request', () => {
    expect(formatMoney(42.5)).toBe('US$ 42.5 bn');
    expect(formatMoney(3.256, 'en', 2)).toBe('US$ 3.26 bn');
    expect(formatMoney(1.5, 'fr')).toBe('1,5\u00a0Md\u00a0$US');
    expect(formatMoney(1.25, 'fr', 2)).toBe('1,25\u00a0Md\u00a0$US');
  });

  it('changes: "+" or a real minus sign, none (or "±") on a change that rounds to zero', () => {
    expect(formatSigned(2.84)).toBe('+2.8');
    expect(formatSigned(-0.4)).toBe('\u22120.4');
    expect(formatSigned(0.01)).toBe('0.0');
    expect(formatSigned(0, 'en', '±')).toBe('±0.0');
    expect(formatSignedPercent(0.05)).toBe('+5%');
    expect(formatSignedPercent(-0.032)).toBe('\u22123.2%');
  });

  it('shares and factors', () => {
    expect(formatPercent(0.0512)).toBe('5.1%');
    expect(formatFactor(0.855)).toBe('0.86');
  });
});
