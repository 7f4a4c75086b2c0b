/**
 * The scenario translation overlays (assets/scenarios/i18n/<lang>.json) against the current English
 * scenarios: which texts are missing or stale, and a tool to write translations with the hash of
 * the English they translate.
 *
 *   npm exec -- node test/i18n/scenarioOverlay.ts fr                 list what is missing or stale
 *   npm exec -- node test/i18n/scenarioOverlay.ts fr new.json        merge { key: translation } and write
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../shared/engine/scenarioSchema.ts';
import { type ScenarioOverlay, scenarioTexts, sourceHash } from '../../shared/i18n/localizeScenario.ts';

const root = join(import.meta.dirname, '..', '..');
const scenarioDir = join(root, 'assets', 'scenarios');
export const overlayPath = (lang: string) => join(scenarioDir, 'i18n', `${lang}.json`);

/** Every playable scenario, as built in assets/scenarios/*.json. */
export function scenarios(): Scenario[] {
  return readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(scenarioDir, f), 'utf8')) as Scenario);
}

/** Every text key of every scenario with its English (a key shared by two scenarios has one text). */
export function englishTexts(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of scenarios())
    for (const [key, text] of scenarioTexts(s)) {
      const seen = out.get(key) ?? [];
      if (!seen.includes(text)) seen.push(text);
      out.set(key, seen);
    }
  return out;
}

export function readOverlay(lang: string): ScenarioOverlay {
  return JSON.parse(readFileSync(overlayPath(lang), 'utf8')) as ScenarioOverlay;
}

/** What a language lacks: keys with no translation, and translations made from another English text. */
export function problems(lang: string): { missing: string[]; stale: string[]; unused: string[] } {
  const overlay = readOverlay(lang);
  const english = englishTexts();
  const missing: string[] = [];
  const stale: string[] = [];
  for (const [key, texts] of english) {
    const entry = overlay[key];
    if (!entry?.text.trim()) missing.push(key);
    else if (!texts.every((t) => sourceHash(t) === entry.en)) stale.push(key);
  }
  const unused = Object.keys(overlay).filter((k) => !english.has(k));
  return { missing, stale, unused };
}

function main(lang: string, file?: string) {
  const english = englishTexts();
  if (file) {
    const overlay: Record<string, { en: string; text: string }> = { ...readOverlay(lang) };
    const incoming = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(incoming)) {
      const en = english.get(key);
      if (!en) throw new Error(`no English text has the key ${key}`);
      overlay[key] = { en: sourceHash(en[0]!), text };
    }
    const order = [...english.keys()];
    const sorted = Object.fromEntries(
      Object.entries(overlay).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
    );
    writeFileSync(overlayPath(lang), `${JSON.stringify(sorted, null, 2)}\n`);
  }
  const { missing, stale, unused } = problems(lang);
  for (const key of [...missing, ...stale])
    console.log(`${missing.includes(key) ? 'missing' : 'stale'} ${key}: ${english.get(key)?.join(' | ')}`);
  for (const key of unused) console.log(`unused ${key}`);
  console.log(
    `${lang}: ${english.size} texts, ${missing.length} missing, ${stale.length} stale, ${unused.length} unused`,
  );
}

if (process.argv[1] && import.meta.filename === process.argv[1])
  main(process.argv[2] ?? 'fr', process.argv[3]);
