/**
 * The English messages (assets/i18n/en.json) against the engine's events: every event type has a
 * template whose placeholders are params of that type, every event of a real game formats to a
 * full sentence, and a few sentences are checked word for word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EventParam, type GameEvent, makeEvent } from '../../shared/engine/events.ts';
import {
  createGame,
  EVENT_TYPES,
  type EventType,
  type GameState,
  injectEvent,
  type Orders,
  parseOrders,
  resolveRound,
} from '../../shared/engine/index.ts';
import {
  type AnyEventSpec,
  EVENT_SPECS,
  formatEvent,
  type Messages,
  placeholders,
  specOf,
  templateCandidates,
} from '../../shared/i18n/formatEvent.ts';
import { tinyScenario } from '../fixtures/tinyScenario.ts';

const root = join(import.meta.dirname, '..', '..');
const en: Messages = JSON.parse(readFileSync(join(root, 'assets/i18n/en.json'), 'utf8'));
const spec = (type: EventType): AnyEventSpec => specOf(type);

describe('en.json event templates', () => {
  it('is a flat map of strings', () => {
    for (const [key, value] of Object.entries(en)) {
      expect(typeof value, key).toBe('string');
      expect(value.trim().length, key).toBeGreaterThan(0);
    }
  });

  it('has a spec for exactly the event types the engine declares', () => {
    expect(Object.keys(EVENT_SPECS).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('has a template for every event type, using only params of that type', () => {
    for (const type of EVENT_TYPES) {
      const template = en[`event.${type}`];
      expect(template, `event.${type}`).toBeDefined();
      const params = Object.keys(spec(type).params);
      for (const name of placeholders(template!)) expect(params, `event.${type} {${name}}`).toContain(name);
    }
  });

  it('names only known types, variant params and directions in its variant keys', () => {
    const events = Object.keys(en).filter((k) => k.startsWith('event.'));
    for (const key of events) {
      const [, type, ...rest] = key.split('.');
      expect(EVENT_TYPES as readonly string[], key).toContain(type);
      const s = spec(type as EventType);
      let parts = rest;
      if (parts.at(-1) === 'up' || parts.at(-1) === 'down') parts = parts.slice(0, -1);
      if (parts.length > 0) {
        expect(parts, key).toHaveLength(2);
        expect(s.variants ?? [], key).toContain(parts[0]);
      }
      const params = Object.keys(s.params);
      for (const name of placeholders(en[key]!)) expect(params, `${key} {${name}}`).toContain(name);
    }
  });

  it('names every quantity and tooltip the client needs', () => {
    const names = [
      'budget',
      'compute',
      'capability',
      'trust',
      'softPower',
      'sovereignty',
      'economy',
      'talent',
      'safety',
      'adoption',
      'design',
      'fabrication',
      'lithography',
      'memory',
      'release',
      'exportControls',
      'tariffs',
      'sanctions',
      'visa',
      'regulation',
      'aid',
    ];
    for (const n of names) {
      expect(en[`quantity.${n}`], `quantity.${n}`).toBeDefined();
      expect(en[`tooltip.${n}`], `tooltip.${n}`).toBeDefined();
    }
    for (const q of ['trust', 'capability', 'compute', 'talent', 'budget', 'safety', 'cloudCompute'])
      expect(en[`quantity.${q}`], `quantity.${q}`).toBeDefined();
  });
});

/** Budget lines as shares of the nation's current budget. */
function alloc(state: GameState, nation: string, shares: Partial<Record<keyof Orders['budget'], number>>) {
  const budget = state.nations[nation]!.budget;
  return Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, Math.floor(v! * budget * 100) / 100]));
}

function resolve(state: GameState, inputs: Record<string, unknown>) {
  const orders: Record<string, Orders> = {};
  for (const [nation, input] of Object.entries(inputs)) {
    const r = parseOrders(state, nation, input);
    if (!r.ok) throw new Error(`orders of ${nation} refused: ${JSON.stringify(r.errors)}`);
    orders[nation] = r.value;
  }
  return resolveRound(state, orders);
}

const proposalId = (state: GameState, from: string, to: string, type: string) =>
  state.proposals.find((p) => p.from === from && p.to === to && p.type === type)!.id;
const treatyId = (state: GameState, type: string) => state.treaties.find((t) => t.type === type)!.id;

/** Three rounds of the tiny scenario with orders that touch most rules; every event of the game. */
function playTinyGame(): GameEvent[] {
  const scenario = tinyScenario((json) => Object.assign(json, { rules: { incidentBase: 0.6 } }));
  let state = createGame(scenario, { seed: 7, rounds: 3 });
  const events: GameEvent[] = [];

  let r = resolve(state, {
    US: {
      budget: alloc(state, 'US', {
        compute: 0.2,
        training: 0.2,
        chips: 0.1,
        talent: 0.1,
        safety: 0.1,
        aid: 0.1,
      }),
      aidRegion: 'Sub-Saharan Africa',
      exportControls: [{ target: 'CN', chips: 'embargo', models: 'licensed' }],
      tariffs: [{ target: 'EU', rate: 0.1 }],
      sanctions: [{ target: 'CN', active: true }],
      treaties: {
        propose: [
          { type: 'ChipSupplyGuarantee', to: 'EU' },
          { type: 'SafetyPact', to: 'CN' },
        ],
      },
    },
    CN: {
      budget: alloc(state, 'CN', { training: 0.4, chips: 0.2, aid: 0.1 }),
      visa: 'restrictive',
      regulation: 'light',
      treaties: { propose: [{ type: 'JointModel', to: 'EU' }] },
    },
    EU: {
      budget: alloc(state, 'EU', { training: 0.1, safety: 0.2 }),
      programmeBase: 'CN',
      regulation: 'strict',
      treaties: { propose: [{ type: 'AiForum', to: 'US' }] },
    },
  });
  events.push(...r.events);
  state = r.state;

  r = resolve(state, {
    US: {
      budget: alloc(state, 'US', { compute: 0.3, training: 0.3, safety: 0.1 }),
      release: 'open',
      tariffs: [{ target: 'EU', rate: 0 }],
      sanctions: [{ target: 'CN', active: false }],
      treaties: { answer: [{ id: proposalId(state, 'EU', 'US', 'AiForum'), accept: true }] },
    },
    // CN sends no orders this round: it keeps its standing policies and spends nothing.
    EU: {
      budget: alloc(state, 'EU', { compute: 0.3, training: 0.01 }),
      treaties: {
        answer: [
          { id: proposalId(state, 'US', 'EU', 'ChipSupplyGuarantee'), accept: true },
          { id: proposalId(state, 'CN', 'EU', 'JointModel'), accept: true },
        ],
        propose: [{ type: 'SafetyPact', to: 'CN' }],
      },
    },
  });
  events.push(...r.events);
  state = r.state;

  const injected = injectEvent(state, {
    id: 'test-card',
    title: 'A test of every effect',
    text: 'Several things happen.',
    anchor: 'A test.',
    source: 'T1',
    effects: [
      { type: 'Incident', nations: ['CN'] },
      { type: 'AdoptionShift', nations: ['EU'], region: '*', amount: 0.1 },
      { type: 'AdoptionShift', nations: ['US'], region: 'Sub-Saharan Africa', amount: -0.05 },
      { type: 'AdjustQuantity', quantity: 'talent', nations: ['EU'], delta: 5 },
      { type: 'AdjustQuantity', quantity: 'compute', nations: ['US'], factor: 0.8 },
      { type: 'Modifier', kind: 'budget', nations: ['*'], factor: 0.9, rounds: 1 },
      { type: 'AdjustStack', layer: 'memory', nations: ['@embargoed'], factor: 0.5 },
    ],
  });
  if (!injected.ok) throw new Error(JSON.stringify(injected.errors));
  events.push(...injected.value.events);
  state = injected.value.state;

  r = resolve(state, {
    US: {
      budget: alloc(state, 'US', { chips: 0.5 }),
      exportControls: [{ target: 'EU', chips: 'licensed' }],
    },
    CN: { release: 'held', programmeBase: 'CN', budget: alloc(state, 'CN', { training: 0.01 }) },
    EU: { treaties: { withdraw: [treatyId(state, 'AiForum')] }, aidRegion: null },
  });
  events.push(...r.events);
  expect(r.state.status).toBe('ended');
  return events;
}

describe('formatting the events of a real game', () => {
  const events = playTinyGame();
  const names = {
    nation: (id: string) => `Nation ${id}`,
    market: (id: string) => `Country ${id}`,
    objective: (id: string) => `objective ${id}`,
    card: (id: string) => `card ${id}`,
  };

  it('covers most event types', () => {
    const seen = new Set(events.map((e) => e.type));
    for (const t of [
      'OrdersMissing',
      'BudgetSet',
      'PolicyChanged',
      'ExportControlChanged',
      'TariffChanged',
      'SanctionChanged',
      'TreatyProposed',
      'TreatySigned',
      'TreatyLapsed',
      'TreatyBroken',
      'TreatyEffect',
      'ChipAccessChanged',
      'SelfRelianceRose',
      'ChipRevenueLost',
      'ChipProgrammeBuilt',
      'ComputeBuilt',
      'CapabilityRose',
      'SovereignModelImproved',
      'AidDelivered',
      'AdoptionShifted',
      'RevenueEarned',
      'TrustChanged',
      'TalentMoved',
      'SafetyIncident',
      'EventCardDrawn',
      'EventCardInjected',
      'CardEffect',
      'ModifierExpired',
      'EconomyChanged',
      'GameEnded',
    ] as EventType[])
      expect(seen, t).toContain(t);
  });

  it('emits only params that the spec table lists', () => {
    for (const e of events) {
      const listed = Object.keys(spec(e.type).params);
      for (const name of Object.keys(e.params)) expect(listed, `${e.type}.${name}`).toContain(name);
    }
  });

  it('turns every event into a full sentence, with and without display names', () => {
    for (const e of events) {
      for (const text of [formatEvent(e, en), formatEvent(e, en, names)]) {
        const where = `${e.type} ${JSON.stringify(e.params)} -> ${text}`;
        expect(text, where).not.toContain('{');
        expect(text, where).not.toContain('undefined');
        expect(text, where).not.toContain('NaN');
        expect(text.startsWith(`${e.type} `), where).toBe(false);
        expect(text.length, where).toBeGreaterThan(10);
      }
    }
  });

  it('uses a variant template where one fits', () => {
    const text = (type: EventType, pick: (p: Record<string, EventParam>) => boolean) =>
      events.filter((e) => e.type === type && pick(e.params)).map((e) => formatEvent(e, en));
    expect(text('SanctionChanged', (p) => p.active === true)[0]).toBe(
      'US imposed financial sanctions on CN.',
    );
    expect(text('SanctionChanged', (p) => p.active === false)[0]).toBe(
      'US lifted its financial sanctions on CN.',
    );
    expect(text('TariffChanged', (p) => p.to === 0.1)[0]).toBe(
      'US raised its tariff on AI goods and services from EU from 0% to 10%.',
    );
    expect(text('PolicyChanged', (p) => p.policy === 'release' && p.nation === 'US')[0]).toBe(
      'US changed how it releases its models, from closed API to open weights.',
    );
    expect(text('AidDelivered', (p) => p.nation === 'CN')[0]).toMatch(/named no region/);
  });
});

describe('exact sentences', () => {
  // Any type with any params: these cases build events by hand, some of them on purpose malformed.
  const ev = (type: EventType, params: Record<string, EventParam>) =>
    makeEvent(type, 1, params as never) as GameEvent;
  const names = { nation: (id: string) => ({ US: 'the United States', CN: 'China' })[id] ?? id };

  it('trust: what changed and the main factors', () => {
    const e = ev('TrustChanged', { nation: 'US', from: 50, to: 45.26, reasons: ['controls', 'sanctions'] });
    expect(formatEvent(e, en, names)).toBe(
      'Trust in the United States fell from 50.0 to 45.3; the main factors were its export controls and its sanctions.',
    );
  });

  it('adoption: shares as percentages and the reasons in the direction of the move', () => {
    const e = ev('AdoptionShifted', {
      nation: 'CN',
      region: 'Latin America & Caribbean',
      from: 0.31,
      to: 0.38,
      reasons: ['openPrice', 'capability'],
    });
    expect(formatEvent(e, en, names)).toBe(
      "China's share of AI use in Latin America & Caribbean rose from 31% to 38%, thanks to its cheap open weights and its more capable models.",
    );
    expect(templateCandidates(e)).toEqual(['event.AdoptionShifted.up', 'event.AdoptionShifted']);
  });

  it('chip access: who restricts it and the weakest layer', () => {
    const e = ev('ChipAccessChanged', {
      nation: 'CN',
      from: 1,
      to: 0.8123,
      restrictedBy: ['US'],
      weakestLayer: 'design',
    });
    expect(formatEvent(e, en, names)).toBe(
      "China's access to the world chip supply chain fell from 100% to 81% under export controls by the United States; its weakest layer is chip design.",
    );
  });

  it('compute without new spending, an incident from a card, and the end of the game', () => {
    expect(
      formatEvent(
        ev('ComputeBuilt', { nation: 'CN', spend: 0, added: 0, from: 100, to: 88, chipAccess: 1 }),
        en,
        names,
      ),
    ).toBe(
      'China built no new compute, so ageing chips cut its compute from 100.0 to 88.0 thousand H100-equivalents.',
    );
    expect(
      formatEvent(
        ev('SafetyIncident', {
          nation: 'US',
          risk: 1,
          cause: 'card:scandal',
          from: 50,
          to: 42,
          capability: 80,
          safety: 40,
        }),
        en,
        { ...names, card: (id) => `“${id}”` },
      ),
    ).toBe('A safety incident hit the United States (event card “scandal”): trust fell from 50.0 to 42.0.');
    expect(formatEvent(ev('GameEnded', { ranking: ['CN', 'US', 'EU'], winner: 'CN' }), en, names)).toBe(
      'The game is over and China wins. Final ranking: 1. China, 2. the United States, 3. EU.',
    );
  });
});

describe('a control on a tier of markets', () => {
  it('names the tier, not its id', () => {
    const messages = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'i18n', 'en.json'), 'utf8'),
    ) as Record<string, string>;
    const event = {
      type: 'ExportControlChanged' as const,
      key: 'event.ExportControlChanged',
      round: 2,
      params: {
        nation: 'US',
        target: 'tier2',
        chips: 'licensed',
        models: 'open',
        previousChips: 'open',
        previousModels: 'open',
      },
      audience: 'all' as const,
    };
    const line = formatEvent(event, messages, { nation: (id) => (id === 'US' ? 'United States' : id) });
    expect(line).toContain('tier-2 markets');
    expect(line).not.toMatch(/\btier2\b/);
  });
});
