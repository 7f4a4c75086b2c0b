/**
 * The round digest on real bot games of the 8-nation scenario: for every round and every nation,
 * the score parts add up, no line leaks an id, a source key or jargon, or says that nothing changed,
 * the lists stay short and card effects on many nations make one line. A facilitator's headline
 * shows by its title; a spectator gets no score.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { eventsFor, type GameEvent, injectEvent } from '../../shared/engine/index.ts';
import type { Messages, NameResolvers } from '../../shared/i18n/formatEvent.ts';
import { type RoundDigest, roundDigest } from '../../shared/report/roundDigest.ts';
import { playRecorded } from './botGames.ts';

const root = join(import.meta.dirname, '..', '..');
const en: Messages = JSON.parse(readFileSync(join(root, 'assets/i18n/en.json'), 'utf8'));
const scenario = readScenario('sovereign-ai-2026');
const byId = <T extends { id: string }>(xs: T[], f: (x: T) => string) => new Map(xs.map((x) => [x.id, f(x)]));
const nationNames = byId(scenario.nations, (n) => n.name);
const marketNames = byId(scenario.markets, (m) => m.name);
const objectiveNames = byId(scenario.objectives, (o) => o.title);
const cardNames = byId(scenario.events, (c) => c.title);
// Like the client's resolvers: an unknown id comes back as it is.
const names: NameResolvers = {
  nation: (id) => nationNames.get(id) ?? id,
  market: (id) => marketNames.get(id) ?? id,
  objective: (id) => objectiveNames.get(id) ?? id,
  card: (id) => cardNames.get(id) ?? id,
};

const LEAK = /custom-|\(T\d+\)|\(P\d+\)|proposal P\d|\[[FS]\d+\]|H100/;
const SAME = /from (\S+) to \1\b/;
const TIERS = /from (open|licensed|embargoed) to \1\b/;

const lines = (d: RoundDigest) => [...(d.score?.parts.flatMap((p) => p.causes) ?? []), ...d.mine, ...d.world];
const digestFor = (events: readonly GameEvent[], me: string | null) =>
  roundDigest(
    me ? eventsFor(events, { kind: 'nation', nation: me }) : eventsFor(events, { kind: 'spectator' }),
    {
      scenario,
      me,
      messages: en,
      names,
    },
  );

const figures: string[] = [];
afterAll(() => {
  console.log(`Round digest figures (sovereign-ai-2026):\n${figures.join('\n')}`);
});

describe.each([1, 2, 3])('round digests of a whole bot game, seed %i', (seed) => {
  const { rounds } = playRecorded(scenario, seed);

  it('explains every nation’s score with parts that add up, in short lines that leak nothing', () => {
    for (const { round, events } of rounds) {
      const sizes: string[] = [];
      for (const nation of Object.keys(rounds[0]!.before.nations)) {
        const visible = eventsFor(events, { kind: 'nation', nation });
        const d = digestFor(events, nation);
        const where = `seed ${seed} round ${round} ${nation}`;
        expect(d.round, where).toBe(round);
        expect(d.score, where).not.toBeNull();
        const s = d.score!;
        expect(s.parts.map((p) => p.part)).toEqual(['softPower', 'sovereignty', 'economy', 'objectives']);
        const sum = Math.round(s.parts.reduce((t, p) => t + p.delta, 0) * 10) / 10;
        expect(Math.abs(sum - s.delta), where).toBeLessThan(1e-9);
        expect(Math.abs(Math.round((s.to - s.from) * 10) / 10 - s.delta), where).toBeLessThan(1e-9);
        for (const p of s.parts) {
          expect(p.causes.length, `${where} ${p.part}`).toBeLessThanOrEqual(3);
          if (Math.abs(p.delta) >= 0.5 && p.part !== 'objectives')
            expect(p.causes.length, `${where} ${p.part} moved by ${p.delta} without a cause`).toBeGreaterThan(
              0,
            );
        }
        expect(d.world.length, where).toBeLessThanOrEqual(8);
        expect(d.mine.length, where).toBeLessThanOrEqual(6);
        const all = lines(d);
        expect(new Set(all).size, `${where}: a line twice`).toBe(all.length);
        for (const line of all) {
          expect(line, where).not.toMatch(LEAK);
          expect(line, where).not.toMatch(SAME);
          expect(line, where).not.toMatch(TIERS);
          expect(line, where).not.toMatch(
            /It takes effect this round|when the round resolves|\{|undefined|NaN/,
          );
          expect(
            line.startsWith('CardEffect') || /^[A-Z][a-zA-Z]+ \{/.test(line),
            `${where}: raw ${line}`,
          ).toBe(false);
        }
        expect(d.hidden, where).toBeGreaterThanOrEqual(0);
        expect(d.hidden, where).toBeLessThan(visible.length);
        sizes.push(`${nation} ${visible.length}→${all.length + 1}`);
      }
      if (seed === 1)
        figures.push(
          `round ${round}: ${events.length} events; per nation seen→digest lines: ${sizes.join(', ')}`,
        );
    }
  });

  it('makes one line of a card effect on many nations', () => {
    let checked = 0;
    for (const { events } of rounds) {
      const effects = events.filter((e) => e.type === 'CardEffect');
      const byCard = new Map<string, Set<string>>();
      for (const e of effects) {
        const set = byCard.get(String(e.params.card)) ?? new Set<string>();
        for (const nation of e.params.nations as string[]) set.add(nation);
        byCard.set(String(e.params.card), set);
      }
      const d = digestFor(events, null);
      for (const [card, nations] of byCard) {
        const title = scenario.events.find((c) => c.id === card)!.title;
        const mentioning = d.world.filter((l) => l.startsWith(`${title}:`));
        expect(mentioning.length, title).toBeLessThanOrEqual(1);
        if (nations.size >= 6) checked++;
      }
    }
    // The assertion above holds for any card; count how many touched 6+ nations for the figures.
    figures.push(`seed ${seed}: ${checked} card(s) touched six nations or more`);
  });
});

describe('a facilitator’s headline and a spectator', () => {
  const card = {
    id: 'custom-abc',
    title: 'Breaking: a cable cut off the coast',
    text: 'Nothing changes yet [F40].',
    anchor: 'A drill.',
    source: 'facilitator',
    effects: [],
  };
  const { rounds } = playRecorded(scenario, 11, (state, round) => {
    if (round !== 2) return null;
    const r = injectEvent(state, card);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  });
  const events = rounds[1]!.events;

  it('accepts a card with no effects and shows it by its title only', () => {
    expect(events[0]!.type).toBe('EventCardInjected');
    for (const me of [null, 'US', 'IN']) {
      const d = digestFor(events, me);
      const all = lines(d);
      expect(all.filter((l) => l.includes('Breaking: a cable cut off the coast'))).toEqual([
        'Headline: Breaking: a cable cut off the coast.',
      ]);
      for (const l of all) expect(l).not.toMatch(/custom-abc|custom-/);
    }
    // Nothing of the card in the engine's events but its announcement: it changes nothing.
    expect(events.filter((e) => e.type === 'CardEffect' && e.params.card === 'custom-abc')).toEqual([]);
  });

  it('gives a spectator no score and no own lines', () => {
    const d = digestFor(events, null);
    expect(d.score).toBeNull();
    expect(d.mine).toEqual([]);
    expect(d.world.length).toBeGreaterThan(0);
  });

  it('with a facilitator’s card that has effects, writes one line for it by its title', () => {
    const withEffects = {
      ...card,
      id: 'custom-def',
      title: 'Breaking: a trust scandal',
      effects: [{ type: 'AdjustQuantity', quantity: 'trust', nations: ['*'], delta: -2 }],
    };
    const played = playRecorded(scenario, 12, (state, round) => {
      if (round !== 1) return null;
      const r = injectEvent(state, withEffects);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value;
    });
    const d = digestFor(played.rounds[0]!.events, null);
    const about = d.world.filter((l) => l.includes('trust scandal'));
    expect(about).toEqual(['Breaking: a trust scandal: trust −2.0 for every nation.']);
    const mine = digestFor(played.rounds[0]!.events, 'US');
    for (const l of lines(mine)) expect(l).not.toMatch(/custom-/);
  });
});

describe('the digest in another language', () => {
  it("writes its numbers in the reader's language (French decimals with a comma)", () => {
    const fr: Messages = JSON.parse(readFileSync(join(root, 'assets/i18n/fr.json'), 'utf8'));
    const game = playRecorded(scenario, 1);
    const events = game.rounds[0]!.events;
    const lines = (m: Messages) => {
      const d = roundDigest(eventsFor(events, { kind: 'nation', nation: 'IN' }), {
        scenario,
        me: 'IN',
        messages: m,
        names,
      });
      return [...(d.score?.parts.flatMap((p) => p.causes) ?? []), ...d.mine, ...d.world].join('\n');
    };
    const english = lines(en);
    const french = lines(fr);
    expect(english).toMatch(/\d\.\d/);
    expect(french).toMatch(/\d,\d/);
    expect(french).not.toMatch(/\d\.\d/);
  });
});
