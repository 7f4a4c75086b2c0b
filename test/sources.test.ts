/**
 * Facts a think tank can trust (issue 15): every citation in the scenario resolves, every starting
 * quantity of every power has a source or an estimate note, and the generated parts of
 * docs/SOURCES.md and docs/SCENARIOS.md match the deck and the scenario.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocs } from '../scripts/buildScenarios.ts';
import {
  type Card,
  cardSourceIds,
  citedKeys,
  noteFor,
  type SourceNation,
  STARTING_QUANTITIES,
  type StartingNote,
  startingValue,
} from '../scripts/sourcesDoc.ts';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Fact {
  text: string;
  source: string;
}
const src = JSON.parse(read('assets/scenarios/src/sovereign-ai-2026.json')) as {
  sources: { id: string; title: string; publisher: string; date: string; url?: string }[];
  nations: (SourceNation & {
    briefing: Record<string, string>;
    facts: Fact[];
  })[];
  marketFacts: Record<string, Fact[]>;
  objectives: { id: string; description: string }[];
  startingNotes: Record<string, StartingNote>;
};
const deck = JSON.parse(read('assets/scenarios/src/deck-2026.json')) as Card[];
const sourcesDoc = read('docs/SOURCES.md');

const sourceIds = new Set(src.sources.map((s) => s.id));
/** The facts of docs/SOURCES.md section 2, by id (F1, F2, ...). */
const factIds = new Set([...sourcesDoc.matchAll(/^\| (F\d+) \|/gm)].map((m) => m[1]));
const known = (key: string) => sourceIds.has(key) || factIds.has(key);

/** Every text of the scenario that may cite a source, with where it is. */
function citingTexts(): [string, string][] {
  const out: [string, string][] = [];
  for (const n of src.nations) {
    for (const [k, v] of Object.entries(n.briefing)) out.push([`${n.id} briefing.${k}`, v]);
    for (const [i, f] of n.facts.entries()) out.push([`${n.id} facts.${i}`, f.text]);
    for (const [k, note] of Object.entries(n.startingNotes ?? {}))
      out.push([`${n.id} startingNotes.${k}`, note.note]);
  }
  for (const [m, facts] of Object.entries(src.marketFacts))
    for (const [i, f] of facts.entries()) out.push([`market ${m} facts.${i}`, f.text]);
  for (const [k, note] of Object.entries(src.startingNotes)) out.push([`startingNotes.${k}`, note.note]);
  for (const c of deck) {
    out.push([`card ${c.id} anchor`, c.anchor], [`card ${c.id} text`, c.text]);
  }
  return out;
}

describe('sources', () => {
  it('docs/SOURCES.md defines F1 to F94 once each', () => {
    const rows = [...sourcesDoc.matchAll(/^\| (F\d+) \|/gm)].map((m) => m[1]);
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(94);
  });

  it('every bracketed citation in briefings, facts, notes and cards names a fact or a source that exists', () => {
    const bad: string[] = [];
    let cited = 0;
    for (const [where, text] of citingTexts()) {
      for (const key of citedKeys(text)) {
        cited++;
        if (!known(key)) bad.push(`${where} cites [${key}]`);
      }
    }
    expect(bad).toEqual([]);
    expect(cited).toBeGreaterThan(50);
  });

  it("every fact's source, every card's sources and every note's source are listed sources", () => {
    const bad: string[] = [];
    for (const n of src.nations)
      for (const f of n.facts) if (!sourceIds.has(f.source)) bad.push(`${n.id} fact cites ${f.source}`);
    for (const [m, facts] of Object.entries(src.marketFacts))
      for (const f of facts) if (!sourceIds.has(f.source)) bad.push(`${m} fact cites ${f.source}`);
    for (const c of deck) {
      const ids = cardSourceIds(c);
      if (ids.length === 0) bad.push(`card ${c.id} cites nothing`);
      for (const id of ids) if (!sourceIds.has(id)) bad.push(`card ${c.id} cites '${id}'`);
    }
    for (const n of src.nations)
      for (const [k, note] of Object.entries(n.startingNotes ?? {}))
        if (note.source && !sourceIds.has(note.source)) bad.push(`${n.id} ${k} note cites ${note.source}`);
    expect(bad).toEqual([]);
  });

  it('every source has a title, a publisher and a date, and a link that looks like one where given', () => {
    for (const s of src.sources) {
      expect(s.title.length, s.id).toBeGreaterThan(3);
      expect(s.publisher.length, s.id).toBeGreaterThan(1);
      expect(s.date, s.id).toMatch(/^(\d{4}|undated)/);
      if (s.url) expect(s.url, s.id).toMatch(/^https:\/\/\S+$/);
    }
    // The fourth seed article carries no date: none is invented for it.
    expect(src.sources.find((s) => s.id === 'S4')?.date).toBe('undated');
  });

  it('the ids named in the source column of the facts table are listed sources', () => {
    const bad: string[] = [];
    for (const m of sourcesDoc.matchAll(/^\| (F\d+) \|.*\| ([^|]*) \|$/gm)) {
      for (const token of (m[2] ?? '').split(/[^A-Za-z0-9]+/))
        if (/^(S\d|[A-Z]{2,}[A-Z0-9]*\d[A-Z0-9]*)$/.test(token) && !sourceIds.has(token))
          bad.push(`${m[1]} names ${token}`);
    }
    expect(bad).toEqual([]);
  });

  it("every power's every starting quantity has a source or is marked as the designers' estimate", () => {
    const missing: string[] = [];
    for (const n of src.nations) {
      for (const key of STARTING_QUANTITIES) {
        expect(startingValue(n, key), `${n.id} ${key}`).toBeDefined();
        const note = noteFor(n, key, src.startingNotes);
        if (!note || note.note.trim().length < 10) missing.push(`${n.id} ${key}: no note`);
        else if (!(note.source && sourceIds.has(note.source)) && note.estimate !== true)
          missing.push(`${n.id} ${key}: neither a known source nor an estimate`);
      }
      // The values the issue named have their own note, not only the shared one.
      for (const key of ['trust', 'release']) expect(n.startingNotes?.[key], `${n.id} ${key}`).toBeDefined();
    }
    expect(missing).toEqual([]);
    const india = src.nations.find((n) => n.id === 'IN');
    expect(india?.startingNotes?.safety?.note).toMatch(/35/);
  });

  it('the card list, the source list and the starting-value notes in the docs are generated from the data', () => {
    for (const [path, text] of Object.entries(buildDocs()))
      expect(read(path), `${path} is stale: run npm run scenarios`).toBe(text);
    for (const c of deck) expect(sourcesDoc).toContain(`(\`${c.id}\`)`);
  });
});
