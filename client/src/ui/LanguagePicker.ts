/**
 * The language picker: each language named in itself. The choice is remembered in this browser and
 * every screen re-renders in it at once (the game goes on: only this client's words change).
 */
import { LANGUAGES, type Language, language, setLanguage, t } from '../i18n.ts';
import { h } from './dom.ts';

export function languagePicker(): HTMLSelectElement {
  const current = language();
  const select = h(
    'select',
    { class: 'language-picker', 'aria-label': t('ui.language'), 'data-testid': 'language' },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === current }, l.name)),
  );
  select.value = current;
  select.addEventListener('change', () => setLanguage(select.value as Language));
  return select;
}
