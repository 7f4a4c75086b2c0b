/**
 * The one translation layer of the client: i18next over the flat message files in assets/i18n
 * (one file per language, English first), country names from i18n-iso-countries, and the
 * scenario's texts from the overlays in assets/scenarios/i18n. English is bundled; another
 * language's messages, overlay and country names are fetched only when it is chosen (initI18n and
 * setLanguage wait for them), so a page downloads one language. The language is chosen per browser
 * (remembered in localStorage) and can change at any time: events travel as data and each client
 * turns them into sentences in its own language with the shared formatter.
 */
import type countriesLibrary from 'i18n-iso-countries';
import i18next from 'i18next';
import en from '../../assets/i18n/en.json';
import type { GameEvent, Scenario } from '../../shared/engine/index.ts';
import { formatEvent as formatWith, type NameResolvers } from '../../shared/i18n/formatEvent.ts';
import { scenarioNames } from '../../shared/i18n/scenarioNames.ts';
import {
  localizeScenario,
  regionName,
  type ScenarioOverlay,
  translated,
} from '../../shared/i18n/localizeScenario.ts';

/** The languages the game speaks, each named in itself (for the picker). */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'fr', name: 'Français' },
  { code: 'ja', name: '日本語' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

/** The scenario overlays of the languages loaded so far (English is the scenario itself). */
const overlays: Partial<Record<Language, ScenarioOverlay>> = { en: {} };
const overlay = (lang: Language): ScenarioOverlay => overlays[lang] ?? {};
/** i18n-iso-countries, once a language other than English is loaded. */
let countries: typeof countriesLibrary | null = null;

type Flat = Record<string, string>;
/** The messages of the languages loaded so far. */
const bundles: Partial<Record<Language, Flat>> = { en };
/** Each other language's files, as separate chunks fetched on demand. */
const packs: Record<
  Exclude<Language, 'en'>,
  () => Promise<[{ default: Flat }, { default: ScenarioOverlay }, { default: countriesLibrary.LocaleData }]>
> = {
  es: () =>
    Promise.all([
      import('../../assets/i18n/es.json'),
      import('../../assets/scenarios/i18n/es.json'),
      import('i18n-iso-countries/langs/es.json'),
    ]),
  fr: () =>
    Promise.all([
      import('../../assets/i18n/fr.json'),
      import('../../assets/scenarios/i18n/fr.json'),
      import('i18n-iso-countries/langs/fr.json'),
    ]),
  ja: () =>
    Promise.all([
      import('../../assets/i18n/ja.json'),
      import('../../assets/scenarios/i18n/ja.json'),
      import('i18n-iso-countries/langs/ja.json'),
    ]),
};
const loading = new Map<Language, Promise<void>>();

/** Fetches a language's messages, scenario overlay and country names, once. */
function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en') return Promise.resolve();
  let done = loading.get(lang);
  if (!done) {
    done = Promise.all([packs[lang](), import('i18n-iso-countries')]).then(
      ([[messages, scenario, names], library]) => {
        countries = library.default;
        countries.registerLocale(names.default);
        overlays[lang] = scenario.default;
        bundles[lang] = messages.default;
        if (i18next.isInitialized) i18next.addResourceBundle(lang, 'translation', messages.default);
      },
    );
    // A failed fetch (offline, a new build deployed under the page) may be tried again.
    done.catch(() => loading.delete(lang));
    loading.set(lang, done);
  }
  return done;
}

const STORAGE_KEY = 'sovereign.lang';
const isLanguage = (x: string | null | undefined): x is Language => LANGUAGES.some((l) => l.code === x);

/** The language to start in: the one asked for, else the one remembered, else the browser's, else English. */
export function pickLanguage(
  asked?: string | null,
  remembered?: string | null,
  preferred: readonly string[] = [],
): Language {
  for (const x of [asked, remembered, ...preferred.map((p) => p.slice(0, 2).toLowerCase())])
    if (isLanguage(x)) return x;
  return 'en';
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/**
 * Starts i18next in the language asked, remembered or preferred: at once in English (bundled), and
 * in another language when its files have arrived (the promise; English stays if they cannot load).
 */
export async function initI18n(lang?: string | null): Promise<void> {
  const nav = typeof navigator === 'undefined' ? [] : navigator.languages;
  let chosen = pickLanguage(lang, storage()?.getItem(STORAGE_KEY), nav);
  chosen = await loadLanguage(chosen).then(
    () => chosen,
    () => 'en' as const,
  );
  void i18next.init({
    lng: chosen,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(bundles).map(([l, b]) => [l, { translation: b }])),
    keySeparator: false,
    nsSeparator: false,
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
    initAsync: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = chosen;
}

/** The current language. */
export function language(): Language {
  const l = i18next.language;
  return isLanguage(l) ? l : 'en';
}

const listeners = new Set<(lang: Language) => void>();

/** Called after every change of language. */
export function onLanguageChange(listener: (lang: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Switches the language (once its files have arrived), remembers it for this browser and tells the
 * screens to re-render. A language that cannot be loaded leaves the current one in place.
 */
export async function setLanguage(lang: Language): Promise<void> {
  if (lang === language()) return;
  try {
    await loadLanguage(lang);
  } catch (e) {
    console.warn(`language ${lang} could not be loaded: ${(e as Error).message}`);
    return;
  }
  if (lang === language()) return;
  void i18next.changeLanguage(lang);
  storage()?.setItem(STORAGE_KEY, lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const l of listeners) l(lang);
}

/** A UI string; `params` fill its `{name}` placeholders (`count` picks a plural form). Text only. */
export function t(key: string, params?: Record<string, string | number>): string {
  return params ? i18next.t(key, params) : i18next.t(key);
}

/** Where a translated copy of a scenario came from. */
const origins = new WeakMap<Scenario, { english: Scenario; lang: Language }>();
const copies = new WeakMap<Scenario, Map<Language, Scenario>>();

/** The English scenario a (possibly translated) scenario was made from. */
export function englishScenario(s: Scenario): Scenario {
  return origins.get(s)?.english ?? s;
}

/** The scenario with its texts in the current language (the same object again for the same language). */
export function localized(s: Scenario, lang: Language = language()): Scenario {
  const english = englishScenario(s);
  if (lang === 'en') return english;
  let byLang = copies.get(english);
  if (!byLang) {
    byLang = new Map();
    copies.set(english, byLang);
  }
  let copy = byLang.get(lang);
  if (!copy) {
    const texts = localizeScenario(english, overlay(lang));
    copy = { ...texts, markets: texts.markets.map((m) => ({ ...m, name: countryName(m.id, m.name, lang) })) };
    origins.set(copy, { english, lang });
    byLang.set(lang, copy);
  }
  return copy;
}

/** A scenario's title or description (as the server lists them) in the current language. */
export function scenarioText(id: string, field: 'title' | 'description', english: string): string {
  return translated(overlay(language()), `scenario.${id}.${field}`, english);
}

/** A game's title in the current language when it is its scenario's title (a custom title stays). */
export function gameTitle(room: { scenario: string; title: string }): string {
  return scenarioText(room.scenario, 'title', room.title);
}

/**
 * Keeps the store's scenario in the current language: translated when it arrives, again when the
 * language changes (which re-renders every screen that shows it).
 */
export function bindLanguage(store: {
  get(): { scenario: Scenario | null };
  set(patch: { scenario: Scenario | null }): void;
  subscribe(listener: (s: { scenario: Scenario | null }) => void): unknown;
}): void {
  const sync = () => {
    const s = store.get().scenario;
    if (s && localized(s) !== s) store.set({ scenario: localized(s) });
  };
  store.subscribe(sync);
  onLanguageChange(() => {
    const s = store.get().scenario;
    // A new object even for English, so that screens that cache on the scenario render again.
    store.set({ scenario: s ? localized(s) : null });
  });
  sync();
}

const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A market's name in the current language (ISO 3166 alpha-2 id): from i18n-iso-countries, or the
 * everyday name CLDR gives (Intl.DisplayNames) when that is shorter, since the library's Japanese
 * and Spanish names are the formal ones (中華人民共和国 → 中国). English keeps the scenario's names.
 */
export function countryName(id: string, english: string, lang: Language = language()): string {
  if (lang === 'en') return english;
  const names = [...(countries?.getNames(lang, { select: 'all' })[id] ?? [])];
  let dn = displayNames.get(lang);
  if (!dn && typeof Intl.DisplayNames === 'function') {
    dn = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    displayNames.set(lang, dn);
  }
  const everyday = dn?.of(id);
  if (everyday && names.length) names.push(everyday);
  return names.sort((a, b) => a.length - b.length)[0] ?? english;
}

/** Names for ids found in events, from the (translated) scenario and the country names library. */
export function namesFor(scenario: Scenario | null): NameResolvers {
  if (!scenario) return {};
  const lang = language();
  return { ...scenarioNames(localized(scenario)), region: (name) => regionName(overlay(lang), name) };
}

/** The current language's flat messages (for the shared formatters), with the locale numbers use. */
export function messages(): Record<string, string> {
  const bundle = (i18next.getResourceBundle(language(), 'translation') ?? en) as Record<string, string>;
  return { locale: language(), ...bundle };
}

/** An engine event as a sentence in the current language. */
export function formatEvent(event: GameEvent, scenario: Scenario | null): string {
  return formatWith(event, messages(), namesFor(scenario));
}
