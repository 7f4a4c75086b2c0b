/**
 * Builds the playable scenario files in assets/scenarios/ from their sources:
 *   assets/scenarios/src/<id>.json   nations, objectives, sources (hand-written, cited)
 *   assets/scenarios/src/deck-2026.json   the event cards
 *   assets/data/countries.json   every country of the map (World Bank WDI 2023 and bloc lists)
 * Markets' starting dispositions come from the published lists named in `dispositionFor`.
 *
 *   node scripts/buildScenarios.ts           write the files
 *   node scripts/buildScenarios.ts --check   exit 1 if a committed file differs from a fresh build
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../shared/engine/index.ts';
import {
  type Card,
  renderCardList,
  renderSourceList,
  renderStartingNotes,
  replaceGenerated,
  type SourceNation,
  type StartingNote,
} from './sourcesDoc.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** A row of assets/data/countries.json. */
export interface Country {
  iso2: string;
  iso3: string;
  numeric: string;
  name: string;
  region: string;
  incomeGroup: string;
  population: number;
  gdpUsdBn: number;
  internetPct: number;
  languages: string[];
  blocs: string[];
  usAiTier: 1 | 2 | 3;
}

/** Languages that tie a market to a nation beyond its own members' languages. */
const LANGUAGE_TIES: Record<string, string[]> = {
  US: ['en'],
  CN: ['zh'],
  EU: ['fr', 'de', 'es', 'pt', 'it', 'nl'],
  JP: ['ja'],
  IN: ['hi', 'bn', 'ta', 'ur', 'ne'],
  AE: ['ar'],
  TW: ['zh'],
  KR: ['ko'],
};

/** Countries that recognise Taiwan diplomatically (2024). */
const TAIWAN_ALLIES = ['PY', 'GT', 'BZ', 'HT', 'KN', 'LC', 'VC', 'MH', 'PW', 'TV', 'SZ', 'VA'];

/**
 * Starting disposition of a country toward a nation, -1..1, from published lists: the US AI
 * Diffusion Rule tiers (BIS, January 2025), bloc memberships (EU, NATO, Five Eyes, BRICS, SCO,
 * QUAD, ASEAN, GCC, Arab League, African Union, Commonwealth), Belt and Road cooperation
 * documents, World Bank regions, shared languages and Taiwan's diplomatic allies. Each tie adds
 * or removes a fixed amount (docs/SCENARIOS.md lists them).
 */
export function dispositionFor(c: Country, nation: string): number {
  const has = (b: string) => c.blocs.includes(b);
  const region = c.region;
  let d = 0;
  switch (nation) {
    case 'US':
      d += c.usAiTier === 1 ? 0.5 : c.usAiTier === 3 ? -0.8 : 0;
      d += (has('NATO') ? 0.2 : 0) + (has('FIVE_EYES') ? 0.2 : 0) + (has('QUAD') ? 0.1 : 0);
      d +=
        (region === 'Latin America & Caribbean' ? 0.1 : 0) -
        (has('BRICS') ? 0.1 : 0) -
        (has('SCO') ? 0.2 : 0);
      break;
    case 'CN':
      d +=
        (has('BRI') ? 0.3 : 0) +
        (has('BRICS') ? 0.2 : 0) +
        (has('SCO') ? 0.2 : 0) +
        (c.usAiTier === 3 ? 0.4 : 0);
      d -= (has('NATO') ? 0.3 : 0) + (has('QUAD') ? 0.3 : 0) + (c.usAiTier === 1 ? 0.3 : 0);
      d -= TAIWAN_ALLIES.includes(c.iso2) ? 0.5 : 0;
      break;
    case 'EU':
      d += (region === 'Europe & Central Asia' ? 0.3 : 0) + (has('NATO') ? 0.1 : 0) + (has('OECD') ? 0.1 : 0);
      d +=
        (has('AU') ? 0.1 : 0) +
        (region === 'Latin America & Caribbean' ? 0.1 : 0) -
        (c.usAiTier === 3 ? 0.3 : 0);
      break;
    case 'JP':
      d += (region === 'East Asia & Pacific' ? 0.2 : 0) + (has('ASEAN') ? 0.2 : 0) + (has('QUAD') ? 0.3 : 0);
      d += (c.usAiTier === 1 ? 0.2 : 0) - (c.usAiTier === 3 ? 0.3 : 0);
      break;
    case 'IN':
      d += (region === 'South Asia' ? 0.3 : 0) + (has('COMMONWEALTH') ? 0.2 : 0) + (has('AU') ? 0.1 : 0);
      d += (has('BRICS') ? 0.1 : 0) + (has('QUAD') ? 0.1 : 0) - (c.iso2 === 'PK' ? 0.8 : 0);
      break;
    case 'AE':
      d +=
        (has('ARAB_LEAGUE') ? 0.4 : 0) +
        (has('GCC') ? 0.3 : 0) +
        (region === 'Middle East & North Africa' ? 0.1 : 0);
      d += (has('BRICS') ? 0.1 : 0) + (has('AU') ? 0.05 : 0) - (c.iso2 === 'IR' ? 0.5 : 0);
      break;
    case 'TW':
      d +=
        (TAIWAN_ALLIES.includes(c.iso2) ? 0.5 : 0) +
        (c.usAiTier === 1 ? 0.1 : 0) -
        (c.usAiTier === 3 ? 0.5 : 0);
      break;
    case 'KR':
      d +=
        (region === 'East Asia & Pacific' ? 0.2 : 0) +
        (has('ASEAN') ? 0.1 : 0) +
        (c.usAiTier === 1 ? 0.2 : 0);
      d -= (c.usAiTier === 3 ? 0.3 : 0) + (c.iso2 === 'KP' ? 0.7 : 0);
      break;
  }
  if (c.languages.some((l) => (LANGUAGE_TIES[nation] ?? []).includes(l))) d += 0.2;
  return Math.round(Math.max(-1, Math.min(1, d)) * 100) / 100;
}

const DATA_NOTES =
  'Markets: every country and territory of the Natural Earth 1:50m map with an ISO 3166-1 code ' +
  '(world-atlas 2.0.2). Population, GDP (current US$) and Internet use from the World Bank World ' +
  'Development Indicators, 2023 (Taiwan from its official statistics; a few small territories ' +
  'estimated, listed in assets/data/README.md). Starting dispositions toward each power are ' +
  'derived by a fixed formula (scripts/buildScenarios.ts, docs/SCENARIOS.md) from the US AI ' +
  'Diffusion Rule tiers (BIS, January 2025), bloc memberships as of 2025, Belt and Road ' +
  'cooperation documents, World Bank regions, shared languages and Taiwan diplomatic allies. A ' +
  "power's home countries are disposed +1 toward it.";

/** Drops card effects that target nations absent from the scenario, and cards left with none. */
function deckFor(deck: { effects: { nations: string[] }[] }[], nations: string[]) {
  return deck.flatMap((card) => {
    const effects = card.effects.flatMap((e) => {
      const kept = e.nations.filter((s) => s.startsWith('@') || s === '*' || nations.includes(s));
      return kept.length > 0 ? [{ ...e, nations: kept }] : [];
    });
    return effects.length > 0 ? [{ ...card, effects }] : [];
  });
}

/** Builds one scenario from a source file, keeping only `onlyNations` if given. */
export function buildScenario(
  sourcePath: string,
  overrides: {
    id?: string;
    title?: string;
    description?: string;
    onlyNations?: string[];
    rounds?: number;
  } = {},
) {
  const src = read(sourcePath);
  const countries: Country[] = read('assets/data/countries.json');
  const deck = read('assets/scenarios/src/deck-2026.json');
  // The starting-quantity notes document the scenario (docs/SCENARIOS.md); they are not played.
  const nations = (
    src.nations as {
      id: string;
      members: string[];
      publicObjectives: string[];
      secretObjectives: string[];
      startingNotes?: unknown;
    }[]
  )
    .filter((n) => !overrides.onlyNations || overrides.onlyNations.includes(n.id))
    .map(({ startingNotes: _notes, ...n }) => n);
  const ids = nations.map((n) => n.id);
  const owner = new Map<string, string>();
  for (const n of nations) for (const m of n.members) owner.set(m, n.id);
  const marketFacts: Record<string, { text: string; source: string }[]> = src.marketFacts ?? {};
  const markets = countries.map((c) => ({
    id: c.iso2,
    name: c.name,
    region: c.region,
    numeric: c.numeric,
    population: c.population,
    gdpUsdBn: c.gdpUsdBn,
    internetPct: c.internetPct,
    languages: c.languages,
    blocs: c.blocs,
    tier: c.usAiTier,
    disposition: Object.fromEntries(
      ids.map((id) => [id, owner.get(c.iso2) === id ? 1 : dispositionFor(c, id)]),
    ),
    facts: marketFacts[c.iso2] ?? [],
  }));
  const used = new Set(nations.flatMap((n) => [...n.publicObjectives, ...n.secretObjectives]));
  return {
    id: overrides.id ?? src.id,
    title: overrides.title ?? src.title,
    description: overrides.description ?? src.description,
    startYear: src.startYear,
    defaultRounds: overrides.rounds ?? src.defaultRounds,
    dataNotes: DATA_NOTES,
    sources: src.sources,
    nations,
    markets,
    objectives: (src.objectives as { id: string }[]).filter((o) => used.has(o.id)),
    events: deckFor(deck, ids),
    ...(src.rules ? { rules: src.rules } : {}),
  };
}

/** Every scenario file this script produces, by file name. */
export function buildAll(): Record<string, unknown> {
  return {
    'sovereign-ai-2026.json': buildScenario('assets/scenarios/src/sovereign-ai-2026.json'),
    'three-powers.json': buildScenario('assets/scenarios/src/sovereign-ai-2026.json', {
      id: 'three-powers',
      title: 'Three Powers (short class)',
      description:
        "The United States, China and the European Union compete for the world's AI adoption in six rounds: a short scenario for a 45-minute class and for tests.",
      onlyNations: ['US', 'CN', 'EU'],
      rounds: 6,
    }),
  };
}

/** The generated parts of docs/SOURCES.md and docs/SCENARIOS.md, by file, as they should read. */
export function buildDocs(): Record<string, string> {
  const src = read('assets/scenarios/src/sovereign-ai-2026.json');
  const deck: Card[] = read('assets/scenarios/src/deck-2026.json');
  const defaults: Record<string, StartingNote> = src.startingNotes ?? {};
  const doc = (path: string) => readFileSync(join(root, path), 'utf8');
  let sources = doc('docs/SOURCES.md');
  sources = replaceGenerated(sources, 'cards', renderCardList(deck));
  sources = replaceGenerated(sources, 'sources', renderSourceList(src.sources));
  const scenarios = replaceGenerated(
    doc('docs/SCENARIOS.md'),
    'starting-notes',
    renderStartingNotes(src.nations as SourceNation[], defaults),
  );
  return { 'docs/SOURCES.md': sources, 'docs/SCENARIOS.md': scenarios };
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, text] of Object.entries(buildDocs())) {
    const current = readFileSync(join(root, path), 'utf8');
    if (current === text) continue;
    if (check) {
      console.error(`${path} is out of date: run node scripts/buildScenarios.ts`);
      stale++;
    } else {
      writeFileSync(join(root, path), text);
      console.log(`wrote ${path}`);
    }
  }
  for (const [file, scenario] of Object.entries(buildAll())) {
    const result = loadScenario(scenario);
    if (!result.ok) {
      console.error(`${file} is invalid:`);
      for (const e of result.errors) console.error(`  ${e.path}: ${e.message}`);
      process.exit(1);
    }
    const path = join(root, 'assets/scenarios', file);
    const text = `${JSON.stringify(scenario, null, 2)}\n`;
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {}
      if (current !== text) {
        console.error(`${file} is out of date: run node scripts/buildScenarios.ts`);
        stale++;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote assets/scenarios/${file}`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
