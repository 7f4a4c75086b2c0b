/**
 * The one translation layer of the client: i18next over the flat message files in assets/i18n
 * (English first; another language is another file). Events are turned into sentences by the
 * shared formatter with the same messages, so the server's events read the same everywhere.
 */
import i18next from 'i18next';
import en from '../../assets/i18n/en.json';
import type { GameEvent, Scenario } from '../../shared/engine/index.ts';
import { formatEvent as formatWith, type NameResolvers } from '../../shared/i18n/formatEvent.ts';

const resources = { en: { translation: en } };

/** Starts i18next (synchronously: the messages are bundled). */
export function initI18n(lang = 'en'): void {
  void i18next.init({
    lng: lang,
    fallbackLng: 'en',
    resources,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
    initAsync: false,
  });
}

/** A UI string; `params` fill its `{name}` placeholders. Text only: callers set textContent. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  return i18next.t(key, params);
}

/** Names for ids found in events, from the scenario. */
export function namesFor(scenario: Scenario | null): NameResolvers {
  if (!scenario) return {};
  const nations = new Map(scenario.nations.map((n) => [n.id, n.name]));
  const markets = new Map(scenario.markets.map((m) => [m.id, m.name]));
  const objectives = new Map(scenario.objectives.map((o) => [o.id, o.title]));
  const cards = new Map(scenario.events.map((c) => [c.id, c.title]));
  return {
    nation: (id) => nations.get(id) ?? id,
    market: (id) => markets.get(id) ?? id,
    objective: (id) => objectives.get(id) ?? id,
    card: (id) => cards.get(id) ?? id,
  };
}

/** The current language's flat messages (for the shared formatters). */
export function messages(): Record<string, string> {
  return (i18next.getResourceBundle(i18next.language, 'translation') ?? en) as Record<string, string>;
}

/** An engine event as a sentence in the current language. */
export function formatEvent(event: GameEvent, scenario: Scenario | null): string {
  return formatWith(event, messages(), namesFor(scenario));
}
