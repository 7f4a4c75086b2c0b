/**
 * Invalid inputs: parseOrders, loadScenario and createGame refuse bad input with every problem
 * named by its path and a reason.
 */
import { describe, expect, it } from 'vitest';
import { createGame, GameSetupError, loadScenario, parseOrders } from '../../shared/engine/index.ts';
import { tinyScenario, tinyScenarioJson } from '../fixtures/tinyScenario.ts';
import { play, setup } from './helpers.ts';

type Row = [name: string, input: unknown, path: string, reason: RegExp];

const ORDERS: Row[] = [
  ['not an object', 'hello', '', /expected object/],
  ['null', null, '', /expected object/],
  ['unknown top-level field', { foo: 1 }, '', /Unrecognized key: "foo"/],
  ['unknown budget line', { budget: { gpu: 1 } }, 'budget', /Unrecognized key: "gpu"/],
  ['amount of the wrong type', { budget: { compute: 'ten' } }, 'budget.compute', /expected number/],
  ['negative amount', { budget: { safety: -1 } }, 'budget.safety', /must not be negative/],
  ['infinite amount', { budget: { compute: Number.POSITIVE_INFINITY } }, 'budget.compute', /expected number/],
  ['NaN amount', { budget: { compute: Number.NaN } }, 'budget.compute', /expected number/],
  ['absurd amount', { budget: { compute: 2e6 } }, 'budget.compute', /too large/],
  [
    'overspending',
    { budget: { compute: 30, training: 30 } },
    'budget',
    /sum to 60.00, more than the budget of 50.00/,
  ],
  ['unknown release policy', { release: 'secret' }, 'release', /expected one of "open"\|"closed"\|"held"/],
  [
    'unknown control tier',
    { exportControls: [{ target: 'CN', chips: 'ban' }] },
    'exportControls.0.chips',
    /one of/,
  ],
  [
    'malformed nation id',
    { exportControls: [{ target: 'us' }] },
    'exportControls.0.target',
    /must be a nation id/,
  ],
  [
    'unknown nation target',
    { exportControls: [{ target: 'XX' }] },
    'exportControls.0.target',
    /unknown nation 'XX'/,
  ],
  ['self target', { tariffs: [{ target: 'US', rate: 0.1 }] }, 'tariffs.0.target', /cannot target itself/],
  [
    'duplicate target',
    {
      sanctions: [
        { target: 'CN', active: true },
        { target: 'CN', active: false },
      ],
    },
    'sanctions.1.target',
    /'CN' appears twice/,
  ],
  ['tariff above 50%', { tariffs: [{ target: 'CN', rate: 0.6 }] }, 'tariffs.0.rate', /at most 0.5/],
  ['negative tariff', { tariffs: [{ target: 'CN', rate: -0.1 }] }, 'tariffs.0.rate', /Too small/],
  ['missing field in an item', { sanctions: [{ target: 'CN' }] }, 'sanctions.0.active', /expected boolean/],
  [
    'unknown field in an item',
    { tariffs: [{ target: 'CN', rate: 0.1, x: 1 }] },
    'tariffs.0',
    /Unrecognized key/,
  ],
  [
    'too many tariffs',
    { tariffs: Array.from({ length: 33 }, () => ({ target: 'CN', rate: 0.1 })) },
    'tariffs',
    /<=32 items/,
  ],
  [
    'too many proposals',
    { treaties: { propose: Array.from({ length: 9 }, () => ({ type: 'AiForum', to: 'CN' })) } },
    'treaties.propose',
    /<=8 items/,
  ],
  [
    'unknown treaty type',
    { treaties: { propose: [{ type: 'Alliance', to: 'CN' }] } },
    'treaties.propose.0.type',
    /one of/,
  ],
  [
    'proposal to an unknown nation',
    { treaties: { propose: [{ type: 'AiForum', to: 'XX' }] } },
    'treaties.propose.0.to',
    /unknown nation/,
  ],
  [
    'answer to no proposal',
    { treaties: { answer: [{ id: 'P9', accept: true }] } },
    'treaties.answer.0.id',
    /no pending proposal 'P9'/,
  ],
  [
    'withdraw from no treaty',
    { treaties: { withdraw: ['T9'] } },
    'treaties.withdraw.0',
    /no treaty 'T9' signed by US/,
  ],
  ['unknown aid region', { aidRegion: 'Atlantis' }, 'aidRegion', /unknown region 'Atlantis'/],
  ['empty aid region', { aidRegion: '' }, 'aidRegion', /Too small/],
  [
    'programme on a closed model',
    { programmeBase: 'EU' },
    'programmeBase',
    /EU does not release open weights/,
  ],
  ['programme on an unknown nation', { programmeBase: 'XX' }, 'programmeBase', /unknown nation 'XX'/],
];

describe('parseOrders refuses bad orders with a path and a reason', () => {
  it.each(ORDERS)('ORD %s', (_name, input, path, reason) => {
    const r = parseOrders(setup(), 'US', input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toContain(path);
    expect(r.errors.find((e) => e.path === path)!.message).toMatch(reason);
  });

  it('ORD every problem is reported at once, and nothing is accepted in part', () => {
    const r = parseOrders(setup(), 'US', {
      budget: { compute: 40, training: 40 },
      tariffs: [{ target: 'XX', rate: 0.1 }],
      aidRegion: 'Atlantis',
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.path).sort()).toEqual(['aidRegion', 'budget', 'tariffs.0.target']);
  });

  it('ORD orders for an unknown nation, or after the end, are refused', () => {
    const unknown = parseOrders(setup(), 'XX', {});
    expect(unknown).toEqual({ ok: false, errors: [{ path: '', message: "unknown nation 'XX'" }] });
    const ended = play(setup({ rounds: 1 }), {}).state;
    expect(parseOrders(ended, 'US', {})).toEqual({
      ok: false,
      errors: [{ path: '', message: 'the game has ended' }],
    });
  });

  it('ORD empty orders are valid and spend nothing', () => {
    const r = parseOrders(setup(), 'US', {});
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.values(r.value.budget).every((v) => v === 0)).toBe(true);
  });
});

type Json = typeof tinyScenarioJson;
type ScenarioRow = [name: string, mutate: (j: Json) => void, path: string, reason: RegExp];

const SCENARIOS: ScenarioRow[] = [
  [
    'duplicate objective id',
    (j) => {
      j.objectives.push({ ...j.objectives[0]! });
    },
    'objectives',
    /duplicate id 'trust60'/,
  ],
  [
    'duplicate market id',
    (j) => {
      j.markets.push({ ...j.markets[4]! });
    },
    'markets',
    /duplicate id 'BR'/,
  ],
  [
    'unknown nation in an event selector',
    (j) => {
      j.events[2]!.effects[0]!.nations = ['XX'];
    },
    'events.2.effects.0.nations.0',
    /unknown nation 'XX'/,
  ],
  [
    'malformed selector',
    (j) => {
      j.events[1]!.effects[0]!.nations = ['@holder:gpu'];
    },
    'events.1.effects.0.nations.0',
    /Invalid/,
  ],
  [
    'missing nation field',
    (j) => {
      delete (j.nations[0] as Partial<Json['nations'][0]>).baseBudget;
    },
    'nations.0.baseBudget',
    /expected number, received undefined/,
  ],
  [
    'missing top-level field',
    (j) => {
      delete (j as Partial<Json>).markets;
    },
    'markets',
    /expected array/,
  ],
  [
    'home country not in markets',
    (j) => {
      Object.assign(j.nations[2]!, { members: ['FR', 'IT'] });
    },
    'nations.2.members.1',
    /unknown country 'IT'/,
  ],
  [
    'home country of two nations',
    (j) => {
      Object.assign(j.nations[2]!, { members: ['FR', 'US'] });
    },
    'nations.2.members.1',
    /'US' already belongs to US/,
  ],
  [
    'unknown objective in a nation',
    (j) => {
      j.nations[1]!.secretObjectives = ['lead2', 'world'];
    },
    'nations.1.secretObjectives.1',
    /unknown objective 'world'/,
  ],
  [
    'disposition toward an unknown nation',
    (j) => {
      Object.assign(j.markets[4]!.disposition, { JP: 0.5 });
    },
    'markets.4.disposition.JP',
    /unknown nation 'JP'/,
  ],
  [
    'missing disposition',
    (j) => {
      j.markets[4]!.disposition = { US: 0, CN: 0 } as never;
    },
    'markets.4.disposition',
    /missing disposition toward 'EU'/,
  ],
  [
    'unknown region in an AdoptionShift',
    (j) => {
      j.events[0]!.effects = [
        { type: 'AdoptionShift', nations: ['US'], region: 'Mars', amount: 0.1 },
      ] as never;
    },
    'events.0.effects.0.region',
    /unknown region 'Mars'/,
  ],
  [
    'rule out of range',
    (j) => {
      Object.assign(j, { rules: { leakage: 2 } });
    },
    'rules.leakage',
    /<=1/,
  ],
  [
    'single nation',
    (j) => {
      j.nations = j.nations.slice(0, 1);
    },
    'nations',
    />=2 items/,
  ],
];

describe('loadScenario refuses broken scenarios with a list of problems and paths', () => {
  it('SCN the tiny scenario itself loads', () => {
    expect(loadScenario(structuredClone(tinyScenarioJson)).ok).toBe(true);
  });

  it.each(SCENARIOS)('SCN %s', (_name, mutate, path, reason) => {
    const json = structuredClone(tinyScenarioJson);
    mutate(json);
    const r = loadScenario(json);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toContain(path);
    expect(r.errors.find((e) => e.path === path)!.message).toMatch(reason);
  });

  it('SCN several problems are listed together', () => {
    const json = structuredClone(tinyScenarioJson);
    json.objectives.push({ ...json.objectives[1]! });
    json.events[2]!.effects[0]!.nations = ['ZZ'];
    const r = loadScenario(json);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        { path: 'objectives', message: "duplicate id 'lead2'" },
        { path: 'events.2.effects.0.nations.0', message: "unknown nation 'ZZ'" },
      ]);
  });

  it('SCN not an object', () => {
    expect(loadScenario(null)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'Invalid input: expected object, received null' }],
    });
  });
});

describe('createGame refuses bad options', () => {
  const scenario = tinyScenario();
  const cases: [string, Parameters<typeof createGame>[1], string[]][] = [
    ['unknown seated nation', { seed: 1, seated: ['US', 'XX'] }, ["unknown nation 'XX' in seated"]],
    ['zero rounds', { seed: 1, rounds: 0 }, ['rounds must be an integer from 1 to 40']],
    ['too many rounds', { seed: 1, rounds: 41 }, ['rounds must be an integer from 1 to 40']],
    ['fractional rounds', { seed: 1, rounds: 2.5 }, ['rounds must be an integer from 1 to 40']],
    ['fractional seed', { seed: 1.5 }, ['seed must be an integer']],
    [
      'several at once',
      { seed: Number.NaN, rounds: -1, seated: ['ZZ'] },
      ['seed must be an integer', 'rounds must be an integer from 1 to 40', "unknown nation 'ZZ' in seated"],
    ],
  ];
  it.each(cases)('GAM %s', (_name, options, problems) => {
    let error: unknown;
    try {
      createGame(scenario, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GameSetupError);
    expect((error as GameSetupError).problems).toEqual(problems);
    expect((error as GameSetupError).message).toBe(`invalid game options: ${problems.join('; ')}`);
  });

  it('GAM the bounds 1 and 40 rounds are accepted; unseated nations are marked', () => {
    expect(createGame(scenario, { seed: 1, rounds: 1 }).rounds).toBe(1);
    expect(createGame(scenario, { seed: 1, rounds: 40 }).rounds).toBe(40);
    const g = createGame(scenario, { seed: 1, seated: ['EU'] });
    expect(Object.values(g.nations).map((n) => n.seated)).toEqual([false, false, true]);
  });
});
