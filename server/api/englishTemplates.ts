/** The English message templates (assets/i18n/en.json), read once, for text written on the server. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let templates: Record<string, string> | null = null;

export function englishTemplates(): Record<string, string> {
  templates ??= JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'i18n', 'en.json'), 'utf8'),
  ) as Record<string, string>;
  return templates;
}
