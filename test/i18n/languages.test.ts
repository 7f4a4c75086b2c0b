/**
 * Every language against English: the same keys (plural forms as the language needs them), the same
 * placeholders, a translation of every text of every scenario made from the English as it is now
 * (a hash of the English is stored with each translation), a name for every country, and numbers
 * written the language's way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../shared/engine/events.ts';
import {
  formatEvent,
  formatMoney,
  formatNumber,
  formatPercent,
  type Messages,
} from '../../shared/i18n/formatEvent.ts';
import { localizeScenario, scenarioTexts } from '../../shared/i18n/localizeScenario.ts';
import { problems, readOverlay, scenarios } from './scenarioOverlay.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (lang: string): Messages =>
  JSON.parse(readFileSync(join(root, 'assets', 'i18n', `${lang}.json`), 'utf8'));
const en = read('en');
const LANGS = readdirSync(join(root, 'assets', 'i18n'))
  .filter((f) => f.endsWith('.json') && f !== 'en.json')
  .map((f) => f.replace(/\.json$/, ''));

const PLACEHOLDER = /\{+[A-Za-z_]\w*\}+/g;
const placeholdersOf = (s: string) => [...new Set(s.match(PLACEHOLDER) ?? [])].sort();
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The plural categories a language uses for whole numbers up to 1,000 (French "many" starts at a million). */
function integerCategories(lang: string): Set<string> {
  const rules = new Intl.PluralRules(lang);
  const out = new Set<string>();
  for (let n = 0; n <= 1000; n++) out.add(rules.select(n));
  return out;
}

describe('the languages', () => {
  it('include Japanese, Spanish and French', () => {
    expect(LANGS).toEqual(expect.arrayContaining(['ja', 'es', 'fr']));
  });

  for (const lang of LANGS) {
    describe(lang, () => {
      const messages = read(lang);

      it('names its locale', () => {
        expect(messages.locale).toBe(lang);
      });

      it('has every key of en.json and no other, with each plural form the language needs', () => {
        const needed = new Set(Object.keys(en));
        const bases = new Set(
          Object.keys(en)
            .filter((k) => PLURAL.test(k))
            .map((k) => k.replace(PLURAL, '')),
        );
        for (const base of bases) for (const c of integerCategories(lang)) needed.add(`${base}_${c}`);
        const have = new Set(Object.keys(messages));
        expect(
          [...needed].filter((k) => !have.has(k)),
          'missing',
        ).toEqual([]);
        const pluralOfKnownBase = (k: string) => PLURAL.test(k) && bases.has(k.replace(PLURAL, ''));
        expect(
          [...have].filter((k) => !needed.has(k) && !pluralOfKnownBase(k)),
          'unknown',
        ).toEqual([]);
      });

      it('keeps the placeholders of each English message', () => {
        for (const [key, value] of Object.entries(messages)) {
          expect(typeof value, key).toBe('string');
          expect(value.trim().length, key).toBeGreaterThan(0);
          const english = en[key] ?? en[key.replace(PLURAL, '_other')];
          if (english === undefined || key === 'locale') continue;
          const want = placeholdersOf(english);
          // A singular form may say "one" instead of {count}.
          const got = placeholdersOf(value).filter((p) => !(/_one$/.test(key) && p === '{count}'));
          const wantNoCount = /_one$/.test(key) ? want.filter((p) => p !== '{count}') : want;
          expect(got, key).toEqual(wantNoCount);
        }
      });

      it('translates every text of every scenario, from the English as it is now', () => {
        const { missing, stale, unused } = problems(lang);
        expect(missing, `missing (npm exec -- node test/i18n/scenarioOverlay.ts ${lang})`).toEqual([]);
        expect(stale, 'English changed since translated').toEqual([]);
        expect(unused, 'no longer in any scenario').toEqual([]);
      });

      it('gives a translated copy of each scenario and leaves the English one alone', () => {
        for (const s of scenarios()) {
          const before = JSON.stringify(s);
          const copy = localizeScenario(s, readOverlay(lang));
          expect(JSON.stringify(s)).toBe(before);
          const texts = new Map(scenarioTexts(copy));
          for (const [key, english] of scenarioTexts(s)) {
            // Names that are the same in both languages (e.g. "Hyperscale") may stay.
            if (english.length > 30) expect(texts.get(key), key).not.toBe(english);
          }
          expect(copy.nations.map((n) => n.id)).toEqual(s.nations.map((n) => n.id));
          expect(copy.events.map((c) => c.effects)).toEqual(s.events.map((c) => c.effects));
        }
      });

      it('names every market of every scenario from i18n-iso-countries', () => {
        for (const s of scenarios())
          for (const m of s.markets) expect(countries.getName(m.id, lang), `${lang} ${m.id}`).toBeTruthy();
      });

      it('turns events into sentences in the language, numbers written its way', () => {
        const names = { nation: (id: string) => id };
        const trust = formatEvent(
          makeEvent('TrustChanged', 1, { nation: 'US', from: 50, to: 45.26, reasons: ['controls'] }),
          messages,
          names,
        );
        expect(trust).toContain(formatNumber(45.26, lang));
        expect(trust).not.toContain('{');
        expect(trust).not.toBe(
          formatEvent(
            makeEvent('TrustChanged', 1, { nation: 'US', from: 50, to: 45.26, reasons: ['controls'] }),
            en,
            names,
          ),
        );
      });
    });
  }
});

describe('numbers through Intl.NumberFormat', () => {
  it('keeps English as it was', () => {
    expect(formatNumber(1234.56)).toBe('1,235');
    expect(formatNumber(-0.01)).toBe('0.0');
    expect(formatPercent(0.0512)).toBe('5.1%');
    expect(formatPercent(0.31)).toBe('31%');
    expect(formatMoney(0.35)).toBe('US$ 0.35 bn');
    expect(formatMoney(12.34)).toBe('US$ 12.3 bn');
  });

  it('writes French, Spanish and Japanese their own way', () => {
    expect(formatNumber(45.26, 'fr')).toBe('45,3');
    expect(formatNumber(1234.5, 'fr')).toBe('1\u202f235');
    expect(formatPercent(0.31, 'fr')).toBe('31\u00a0%');
    expect(formatPercent(0.0512, 'es')).toBe('5,1\u00a0%');
    expect(formatNumber(1234.5, 'ja')).toBe('1,235');
    expect(formatMoney(1.5, 'ja')).toBe('$15億');
    expect(formatMoney(1.5, 'fr')).toBe('1,5\u00a0Md\u00a0$US');
  });
});
