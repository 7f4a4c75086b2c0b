import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll, type Country } from '../scripts/buildScenarios.ts';
import { listScenarioIds, readScenario, SCENARIO_DIR } from '../server/scenarioFiles.ts';
import { loadScenario } from '../shared/engine/index.ts';

const countries: Country[] = JSON.parse(
  readFileSync(join(SCENARIO_DIR, '..', 'data', 'countries.json'), 'utf8'),
);

describe('scenario files', () => {
  it('are all up to date with their sources (scripts/buildScenarios.ts)', () => {
    for (const [file, built] of Object.entries(buildAll())) {
      const committed = readFileSync(join(SCENARIO_DIR, file), 'utf8');
      expect(committed, `${file} is stale: run npm run scenarios`).toBe(
        `${JSON.stringify(built, null, 2)}\n`,
      );
    }
  });

  it.each(listScenarioIds())('%s validates', (id) => {
    const result = loadScenario(JSON.parse(readFileSync(join(SCENARIO_DIR, `${id}.json`), 'utf8')));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('the default scenario has at least 8 nations, every country as a market, and 25+ sourced cards', () => {
    const s = readScenario('sovereign-ai-2026');
    expect(s.nations.map((n) => n.id)).toEqual(['US', 'CN', 'EU', 'JP', 'IN', 'AE', 'TW', 'KR']);
    expect(s.markets.map((m) => m.id).sort()).toEqual(countries.map((c) => c.iso2).sort());
    expect(s.markets.length).toBeGreaterThanOrEqual(170);
    expect(s.events.length).toBeGreaterThanOrEqual(25);
    const sourceIds = new Set(s.sources.map((x) => x.id));
    for (const card of s.events) {
      const ids = card.source.split(',').map((x) => x.trim());
      const cited = ids.every((id) => sourceIds.has(id)) || card.source.length > 15;
      expect(cited, `card ${card.id} cites '${card.source}'`).toBe(true);
      expect(card.anchor).toMatch(/(19|20)\d\d/);
    }
    // The seeds' figures on countries that are markets, not nations, travel with those markets.
    const facts = (id: string) =>
      (s.markets.find((m) => m.id === id)?.facts ?? []).map((f) => f.text).join(' ');
    expect(facts('SG')).toMatch(/SEA-LION/);
    expect(facts('BR')).toMatch(/supercomputer/);
    for (const m of s.markets) for (const f of m.facts) expect(sourceIds.has(f.source)).toBe(true);
    for (const n of s.nations) {
      expect(n.facts.length, `${n.id} has no sourced fact`).toBeGreaterThan(0);
      for (const f of n.facts) expect(sourceIds.has(f.source)).toBe(true);
    }
  });

  it('home countries are disposed +1 toward their nation, and dispositions follow the published ties', () => {
    const s = readScenario('sovereign-ai-2026');
    const d = (id: string, nation: string) => {
      const value = s.markets.find((m) => m.id === id)?.disposition[nation];
      if (value === undefined) throw new Error(`no disposition of ${id} toward ${nation}`);
      return value;
    };
    expect(d('FR', 'EU')).toBe(1);
    expect(d('TW', 'TW')).toBe(1);
    // Tier 1 ally of the US vs. an arms-embargoed country.
    expect(d('AU', 'US')).toBeGreaterThan(d('IR', 'US'));
    // Belt and Road partner leans to China more than a Quad member.
    expect(d('PK', 'CN')).toBeGreaterThan(d('AU', 'CN'));
    // Arab League members lean to the UAE.
    expect(d('EG', 'AE')).toBeGreaterThan(d('BR', 'AE'));
  });

  it('the short scenario keeps three nations and only cards that still have effects', () => {
    const s = readScenario('three-powers');
    expect(s.nations.map((n) => n.id)).toEqual(['US', 'CN', 'EU']);
    expect(s.defaultRounds).toBe(6);
    for (const card of s.events) {
      for (const e of card.effects)
        for (const sel of e.nations)
          expect(['US', 'CN', 'EU'].includes(sel) || sel.startsWith('@') || sel === '*').toBe(true);
    }
    // Japan is a foreign market there, not a nation.
    expect(Object.keys(s.markets.find((m) => m.id === 'JP')!.disposition)).toEqual(['US', 'CN', 'EU']);
  });

  it('readScenario refuses an unknown or malformed id with the list of scenarios', () => {
    expect(() => readScenario('nope')).toThrow(/unknown scenario 'nope' \(available: .*sovereign-ai-2026/);
    expect(() => readScenario('../package')).toThrow(/unknown scenario/);
  });
});
