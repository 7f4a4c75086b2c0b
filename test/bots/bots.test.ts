/**
 * The bots: whole games they play never break the rules and always end; they decide from their
 * nation's view only; each archetype does what its name says, explains it in a sentence, and keeps
 * within its budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ARCHETYPE_TITLES,
  ARCHETYPES,
  type Archetype,
  type BotInput,
  type BotSeat,
  botOrders,
  DIFFICULTIES,
  decideBot,
} from '../../shared/bots/index.ts';
import {
  cloneState,
  createGame,
  type GameState,
  type GameView,
  injectEvent,
  type NationId,
  type Orders,
  parseOrders,
  resolveRound,
  viewFor,
} from '../../shared/engine/index.ts';
import {
  allBotOrders,
  everyone,
  expectWellFormed,
  SCENARIO_IDS,
  type ScenarioId,
  scenario,
  spent,
} from './helpers.ts';

const seatArb = fc.record({
  archetype: fc.constantFrom(...ARCHETYPES),
  difficulty: fc.constantFrom(...DIFFICULTIES),
});

/** A bot's decision for `me` from its view of `state`. */
function decide(state: GameState, me: NationId, seat: BotSeat, salt = 1) {
  const view = viewFor(state, { kind: 'nation', nation: me });
  return decideBot({ view, me, scenario: state.scenario, seat, salt });
}

describe('whole bot games (property)', () => {
  const gameArb = fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    salt: fc.integer(),
    rounds: fc.integer({ min: 2, max: 5 }),
    /** One seat per nation (the real scenarios have at most eight). */
    seats: fc.array(seatArb, { minLength: 8, maxLength: 8 }),
    /** Before each round, indices of deck cards to inject (zero to two). */
    events: fc.array(fc.array(fc.nat(), { maxLength: 2 }), { minLength: 5, maxLength: 5 }),
  });

  it.each(SCENARIO_IDS)('%s: bots always give valid orders and the game always ends', (id: ScenarioId) => {
    const sc = scenario(id);
    fc.assert(
      fc.property(gameArb, ({ seed, salt, rounds, seats, events }) => {
        const seatOf = Object.fromEntries(sc.nations.map((n, i) => [n.id, seats[i]!]));
        let state = createGame(sc, { seed, rounds });
        let resolved = 0;
        while (state.status === 'running') {
          if (resolved >= rounds) throw new Error('the game did not end after its rounds');
          for (const pick of events[resolved] ?? []) {
            const pool = state.deck.length > 0 ? state.deck : sc.events.map((e) => e.id);
            const injected = injectEvent(state, pool[pick % pool.length]!);
            if (!injected.ok) throw new Error(JSON.stringify(injected.errors));
            state = injected.value.state;
          }
          const orders: Record<string, Orders> = {};
          for (const nation of Object.keys(state.nations)) {
            const seat = seatOf[nation]!;
            // botOrders throws when parseOrders refuses the bot's orders.
            const made = botOrders(state, nation, seat, salt);
            expectWellFormed(made, seat, state.nations[nation]!.budget);
            orders[nation] = made.orders;
          }
          state = resolveRound(state, orders).state;
          resolved += 1;
        }
        expect(resolved).toBe(rounds);
        expect(state.round).toBe(rounds + 1);
      }),
      { numRuns: 25 },
    );
  });
});

describe('bots read only their view', () => {
  /** Changes only what `me` may not see: others' secrets, deck order, rng, seed, others' proposals. */
  function hideDifferently(state: GameState, me: NationId): GameState {
    const next = cloneState(state);
    const objectiveIds = state.scenario.objectives.map((o) => o.id);
    const others = Object.keys(next.nations).filter((id) => id !== me);
    others.forEach((id, i) => {
      const n = next.nations[id]!;
      const choices = [...objectiveIds.filter((o) => o !== n.secretObjective), null];
      n.secretObjective = choices[i % choices.length]!;
    });
    next.deck = [...next.deck].reverse();
    if (next.deck.length > 1) next.deck.push(next.deck.shift()!);
    next.rng = next.rng.map((x) => (x ^ 0x5a5a5a5a) | 0);
    next.seed = state.seed + 1;
    next.proposals = next.proposals.filter((p) => p.from === me || p.to === me);
    if (others.length >= 2)
      next.proposals.push({
        id: 'P9999',
        type: 'JointModel',
        from: others[0]!,
        to: others[1]!,
        round: state.round,
      });
    return next;
  }

  it('decisions are the same for states that differ only in hidden things (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ScenarioId>('sovereign-ai-2026', 'three-powers'),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(seatArb, { minLength: 8, maxLength: 8 }),
        fc.nat(),
        (id, seed, played, seats, pick) => {
          const sc = scenario(id);
          const seatOf = Object.fromEntries(sc.nations.map((n, i) => [n.id, seats[i]!]));
          // Some rounds of play first, so that there are treaties, proposals and history to read.
          let state = createGame(sc, { seed, rounds: 6 });
          for (let r = 0; r < played; r++)
            state = resolveRound(state, allBotOrders(state, seatOf, seed)).state;
          const ids = Object.keys(state.nations);
          const me = ids[pick % ids.length]!;
          const hidden = hideDifferently(state, me);
          expect(hidden.rng).not.toEqual(state.rng);
          const seat = seatOf[me]!;
          expect(decide(hidden, me, seat, seed)).toEqual(decide(state, me, seat, seed));
          // botOrders is handed the whole state, yet decides from the view alone.
          expect(botOrders(hidden, me, seat, seed)).toEqual(botOrders(state, me, seat, seed));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('decideBot takes a GameView, never the state', () => {
    expectTypeOf<BotInput['view']>().toEqualTypeOf<GameView>();
    expectTypeOf(decideBot).parameter(0).toEqualTypeOf<BotInput>();
    const state = createGame(scenario('three-powers'), { seed: 7 });
    // @ts-expect-error a whole game state is not a view (it has no deckSize, ranking or viewer)
    const asView: BotInput['view'] = state;
    expect(asView).toBe(state);
  });

  it('decideBot works on a view without secrets, frozen, and never touches hidden fields', () => {
    const sc = scenario('three-powers');
    let state = createGame(sc, { seed: 11 });
    state = resolveRound(
      state,
      allBotOrders(state, everyone(sc, { archetype: 'hedger', difficulty: 'hard' }), 11),
    ).state;
    for (const me of Object.keys(state.nations)) {
      const view = viewFor(state, { kind: 'nation', nation: me });
      for (const key of ['rng', 'deck', 'scenario']) expect(view).not.toHaveProperty(key);
      expect(view.seed).toBeNull();
      for (const n of Object.values(view.nations)) if (n.id !== me) expect(n.secretObjective).toBeNull();
      const before = structuredClone(view);
      const guarded = new Proxy(deepFreeze(view), {
        get(target, key, receiver) {
          if (key === 'rng' || key === 'deck' || key === 'scenario') throw new Error(`bot read view.${key}`);
          return Reflect.get(target, key, receiver);
        },
      });
      for (const archetype of ARCHETYPES) {
        for (const difficulty of DIFFICULTIES) {
          const seat = { archetype, difficulty };
          const decision = decideBot({ view: guarded, me, scenario: sc, seat, salt: 3 });
          expectWellFormed(decision, seat, state.nations[me]!.budget);
          expect(parseOrders(state, me, decision.orders).ok).toBe(true);
          // A view sent over the wire (plain JSON) gives the same decision.
          const wire = JSON.parse(JSON.stringify(view)) as GameView;
          expect(decideBot({ view: wire, me, scenario: sc, seat, salt: 3 })).toEqual(decision);
        }
      }
      expect(view).toEqual(before);
    }
  });

  it('no bot source reaches for the state, the rng, the deck or secret objectives', () => {
    const dir = join(import.meta.dirname, '..', '..', 'shared', 'bots');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(['archetypes.ts', 'botTypes.ts', 'index.ts', 'reading.ts']));
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
      for (const banned of [/\bresolveRound\b/, /\bcloneState\b/, /\.rng\b/, /\.deck\b/, /secretObjective/]) {
        expect(code, `${file} mentions ${banned}`).not.toMatch(banned);
      }
      // Engine imports are limited to types, views, orders, (in index.ts) parseOrders and (for the
      // advisor) the objectives evaluated on a view, which shows a nation its own secret objective only.
      const engineImports = [...code.matchAll(/from '\.\.\/engine\/([^']+)'/g)].map((m) => m[1]);
      for (const mod of engineImports) {
        expect([
          'types.ts',
          'viewFor.ts',
          'ordersSchema.ts',
          'scenarioSchema.ts',
          'parseOrders.ts',
          'objectivesInView.ts',
        ]).toContain(mod);
      }
      // Only the wrapper (index.ts) holds a GameState, to cut the view and check the orders.
      if (file !== 'index.ts') expect(code, `${file} mentions GameState`).not.toMatch(/\bGameState\b/);
    }
    const index = readFileSync(join(dir, 'index.ts'), 'utf8');
    expect(index).toMatch(/viewFor\(state, \{ kind: 'nation', nation \}\)/);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('each archetype does what its name says (default scenario, first round)', () => {
  const sc = scenario('sovereign-ai-2026');
  const start = createGame(sc, { seed: 1 });
  const nations = Object.keys(start.nations);
  const share = (orders: { budget?: Partial<Record<string, number>> }, line: string) =>
    (orders.budget?.[line] ?? 0) / Math.max(spent(orders), 1e-9);
  const regions = new Set(sc.markets.map((m) => m.region));

  const behaviours: [Archetype, string, (me: NationId, difficulty: BotSeat['difficulty']) => void][] = [
    [
      'openChampion',
      'releases open weights and sends aid to a region',
      (me, difficulty) => {
        const { orders } = decide(start, me, { archetype: 'openChampion', difficulty });
        expect(orders.release).toBe('open');
        expect(regions.has(orders.aidRegion ?? '')).toBe(true);
        expect(orders.budget?.aid ?? 0).toBeGreaterThan(0);
      },
    ],
    [
      'hawk',
      'controls its rival from a chokepoint it holds, and builds its own chip stack',
      (me, difficulty) => {
        const { orders } = decide(start, me, { archetype: 'hawk', difficulty });
        // Issue 14: a control bites only from a chokepoint (10% of a layer among the nations).
        const layers = ['design', 'fabrication', 'lithography', 'memory'] as const;
        const chokepoint = layers.some((l) => {
          const total = nations.reduce((s, id) => s + start.nations[id]!.stack[l], 0);
          return start.nations[me]!.stack[l] / total >= 0.1;
        });
        const controlled = (orders.exportControls ?? []).filter(
          (c) => c.chips === 'embargo' || c.chips === 'licensed',
        );
        expect(controlled.length, me).toBe(chokepoint ? 1 : 0);
        expect(share(orders, 'chips')).toBeGreaterThanOrEqual(0.2);
      },
    ],
    [
      'trustBuilder',
      'regulates strictly and spends the largest safety share',
      (me, difficulty) => {
        const mine = decide(start, me, { archetype: 'trustBuilder', difficulty }).orders;
        expect(mine.regulation).toBe('strict');
        for (const other of ARCHETYPES.filter((a) => a !== 'trustBuilder')) {
          const theirs = decide(start, me, { archetype: other, difficulty }).orders;
          expect(share(mine, 'safety'), other).toBeGreaterThan(share(theirs, 'safety'));
        }
      },
    ],
    [
      'computeMaximiser',
      'spends the largest compute share, and keeps models closed near the frontier',
      (me, difficulty) => {
        const mine = decide(start, me, { archetype: 'computeMaximiser', difficulty }).orders;
        // The two most capable nations at the start are the US and China.
        if (me === 'US' || me === 'CN') expect(mine.release).toBe('closed');
        for (const other of ARCHETYPES.filter((a) => a !== 'computeMaximiser')) {
          const theirs = decide(start, me, { archetype: other, difficulty }).orders;
          expect(share(mine, 'compute'), other).toBeGreaterThan(share(theirs, 'compute'));
        }
      },
    ],
    [
      'hedger',
      "fine-tunes another nation's open model",
      (me, difficulty) => {
        // Only one nation releases open weights.
        const base = me === 'JP' ? 'KR' : 'JP';
        const state = cloneState(start);
        for (const n of Object.values(state.nations)) n.policies.release = n.id === base ? 'open' : 'closed';
        const seat = { archetype: 'hedger', difficulty } as const;
        const decision = decide(state, me, seat);
        expect(decision.orders.programmeBase).toBe(base);
        expect(decision.explanation).toContain(sc.nations.find((n) => n.id === base)!.name);
        expect(parseOrders(state, me, decision.orders).ok).toBe(true);
        // With no one else open, there is nothing to fine-tune.
        state.nations[base]!.policies.release = 'closed';
        expect(decide(state, me, seat).orders.programmeBase ?? null).toBeNull();
      },
    ],
  ];

  it.each(behaviours)('%s %s', (_archetype, _what, check) => {
    for (const me of nations) for (const difficulty of DIFFICULTIES) check(me, difficulty);
  });

  it('every decision explains itself in a short sentence naming the archetype and keeps within budget', () => {
    for (const me of nations) {
      for (const archetype of ARCHETYPES) {
        for (const difficulty of DIFFICULTIES) {
          const seat = { archetype, difficulty };
          const decision = decide(start, me, seat);
          expectWellFormed(decision, seat, start.nations[me]!.budget);
          expect(decision.explanation.startsWith(`${ARCHETYPE_TITLES[archetype]}:`)).toBe(true);
        }
      }
    }
  });

  it('easy bots leave at least 15% unspent and neither answer nor propose treaties', () => {
    // A round of normal trust builders leaves safety-pact proposals waiting for answers.
    const state = resolveRound(
      start,
      allBotOrders(start, everyone(sc, { archetype: 'trustBuilder', difficulty: 'normal' }), 1),
    ).state;
    const addressed = nations.filter((id) => state.proposals.some((p) => p.to === id));
    expect(addressed.length).toBeGreaterThan(0);
    for (const me of nations) {
      const pending = state.proposals.filter((p) => p.to === me).length;
      for (const archetype of ARCHETYPES) {
        const easy = decide(state, me, { archetype, difficulty: 'easy' }).orders;
        expect(spent(easy)).toBeLessThanOrEqual(0.85 * state.nations[me]!.budget + 1e-6);
        expect(easy.treaties?.answer ?? []).toEqual([]);
        expect(easy.treaties?.propose ?? []).toEqual([]);
        // By contrast a normal bot answers every proposal addressed to it.
        const normal = decide(state, me, { archetype, difficulty: 'normal' }).orders;
        expect(normal.treaties?.answer ?? []).toHaveLength(pending);
      }
    }
  });
});
