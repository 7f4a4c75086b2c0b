/**
 * The experiments behind the claims the model must make true (issue 14, GAME.md "The claims the
 * model must make true"): each is a paired-seed experiment with its metrics and the checks that say
 * the claim holds (direction and a minimum size). `npm run fidelity` runs them at full size and
 * writes docs/MODEL.md; test/model runs each on a few games.
 */
import { homeShare } from '../engine/deriveScores.ts';
import { marketInfo } from '../engine/marketInfo.ts';
import type { Orders } from '../engine/ordersSchema.ts';
import {
  BUDGET_LINES,
  type BudgetLine,
  type ControlTier,
  type GameState,
  type NationId,
  OTHER_PROVIDER,
} from '../engine/types.ts';
import type { Experiment, Intervention, Metric, PlayedStates } from './experiment.ts';

const first = (g: PlayedStates) => g.states[0]!;
const last = (g: PlayedStates) => g.states[g.states.length - 1]!;

/** Market-weighted share of `providers` over the foreign markets (no nation's home) of `tiers`. */
export function tierShare(state: GameState, providers: string[], tiers: number[]): number {
  let s = 0;
  let w = 0;
  for (const info of marketInfo(state.scenario)) {
    if (info.owner !== null || !tiers.includes(info.spec.tier)) continue;
    const ad = state.adoption[info.spec.id] ?? {};
    for (const p of providers) s += (ad[p] ?? 0) * info.weight;
    w += info.weight;
  }
  return w > 0 ? s / w : 0;
}

/** Capability of a nation over the mean of the others (its lead over the field). */
export function leadOverField(state: GameState, nation: NationId): number {
  const others = Object.values(state.nations).filter((n) => n.id !== nation);
  return state.nations[nation]!.capability - others.reduce((t, n) => t + n.capability, 0) / others.length;
}

/** Capability lead of a nation over the best other nation. */
export function lead(state: GameState, nation: NationId): number {
  const others = Object.values(state.nations).filter((n) => n.id !== nation);
  return state.nations[nation]!.capability - Math.max(...others.map((n) => n.capability));
}

const won = (g: PlayedStates, nation: NationId) => (g.ranking[0]?.nation === nation ? 1 : 0);
const score = (g: PlayedStates, nation: NationId) => g.ranking.find((r) => r.nation === nation)?.score ?? 0;
const gain = (g: PlayedStates, nation: NationId, key: 'capability' | 'compute' | 'trust' | 'softPower') =>
  last(g).nations[nation]![key] - first(g).nations[nation]![key];
const revenue = (g: PlayedStates, nation: NationId) =>
  g.states.slice(1).reduce((s, st) => s + st.nations[nation]!.revenue, 0);

/** Sets export controls on nation targets, replacing whatever the bot ordered for them. */
export function withControls(
  orders: Orders,
  targets: NationId[],
  tiers: { chips?: ControlTier; models?: ControlTier },
): Orders {
  orders.exportControls = [
    ...orders.exportControls.filter((c) => !targets.includes(c.target)),
    ...targets.map((target) => ({ target, ...tiers })),
  ];
  return orders;
}

/** Sets export controls on market tiers, replacing whatever the bot ordered for them. */
export function withTierControls(
  orders: Orders,
  tiers: (1 | 2 | 3)[],
  setting: { chips?: ControlTier; models?: ControlTier },
): Orders {
  orders.tierControls = [
    ...(orders.tierControls ?? []).filter((c) => !tiers.includes(c.tier)),
    ...tiers.map((tier) => ({ tier, ...setting })),
  ];
  return orders;
}

/** Moves `share` of the budget to one line, scaling the other lines down to make room. */
export function shiftBudget(
  orders: Orders,
  budget: number,
  line: BudgetLine,
  share: number,
  from: BudgetLine[] = BUDGET_LINES.filter((l) => l !== line),
): Orders {
  const target = Math.min(budget, orders.budget[line] + share * budget);
  const fixed = BUDGET_LINES.filter((l) => l !== line && !from.includes(l)).reduce(
    (s, l) => s + orders.budget[l],
    0,
  );
  const rest = from.reduce((s, l) => s + orders.budget[l], 0);
  const room = Math.max(0, budget - target - fixed);
  const scale = rest > room && rest > 0 ? room / rest : 1;
  for (const l of from) orders.budget[l] = Math.floor(orders.budget[l] * scale * 100) / 100;
  // What the other lines could not give is taken from the moved amount itself.
  const left = budget - fixed - from.reduce((s, l) => s + orders.budget[l], 0);
  orders.budget[line] = Math.max(0, Math.floor(Math.min(target, left) * 100) / 100);
  return orders;
}

/** Several interventions, applied in turn. */
const all =
  (...fs: Intervention[]): Intervention =>
  (state, nation, orders) =>
    fs.reduce((o, f) => f(state, nation, o), orders);

const at =
  (
    who: NationId | NationId[],
    f: (state: GameState, nation: NationId, orders: Orders) => Orders,
  ): Intervention =>
  (state, nation, orders) =>
    (Array.isArray(who) ? who : [who]).includes(nation) ? f(state, nation, orders) : orders;

const m = (id: string, label: string, of: (g: PlayedStates) => number): Metric => ({ id, label, of });

// ---------------------------------------------------------------------------------------------
// Claim 1: export controls bite where they are aimed, at a price.

const usControlsTier2: Intervention = at('US', (_s, _n, o) =>
  withTierControls(o, [2], { chips: 'licensed' }),
);

export const controlsTier2: Experiment = {
  id: 'controls-tier2',
  claim: 1,
  title:
    'The US caps chips to tier 2 (licensed), as the AI Diffusion Rule did: the tier-2 markets and powers (India, the UAE)',
  scenario: 'sovereign-ai-2026',
  treated: usControlsTier2,
  metrics: [
    m('usT2', 'US share of tier-2 markets', (g) => tierShare(last(g), ['US'], [2])),
    m('usT1', 'US share of tier-1 markets', (g) => tierShare(last(g), ['US'], [1])),
    m(
      'usT2minusT1',
      'US share, tier 2 minus tier 1',
      (g) => tierShare(last(g), ['US'], [2]) - tierShare(last(g), ['US'], [1]),
    ),
    m('rivalT2', 'Chinese and local share of tier-2 markets', (g) =>
      tierShare(last(g), ['CN', OTHER_PROVIDER], [2]),
    ),
    m('rivalT1', 'Chinese and local share of tier-1 markets', (g) =>
      tierShare(last(g), ['CN', OTHER_PROVIDER], [1]),
    ),
    m('inCompute', 'India compute at the end (k H100e)', (g) => last(g).nations.IN!.compute),
    m('inCapGain', 'India capability gained over the game', (g) => gain(g, 'IN', 'capability')),
    m('inScore', 'India score', (g) => score(g, 'IN')),
    m('usTrustR2', 'US trust after round 2', (g) => g.states[2]!.nations.US!.trust),
    m('usTrust', 'US trust at the end', (g) => last(g).nations.US!.trust),
    m('usRevenue', 'US revenue over the game (US$bn)', (g) => revenue(g, 'US')),
    m('usLead', 'US capability lead at the end', (g) => lead(last(g), 'US')),
    m('usWin', 'US win rate', (g) => won(g, 'US')),
  ],
  checks: [
    { metric: 'usT2', expect: 'down', min: 0.02 },
    { metric: 'rivalT2', expect: 'up', min: 0.01 },
    { metric: 'usT2minusT1', expect: 'down', min: 0.02 },
    { metric: 'inCompute', expect: 'down', min: 5 },
    { metric: 'usTrustR2', expect: 'down', min: 0.5 },
    { metric: 'usTrust', expect: 'diffAtLeast', min: -3 },
    { metric: 'usRevenue', expect: 'down', min: 5 },
    { metric: 'usWin', expect: 'diffAtLeast', min: -0.05 },
  ],
};

export const controlsAimed: Experiment = {
  id: 'controls-aimed',
  claim: 1,
  title:
    'The US bars chips to tier 3 (embargo), as the AI Diffusion Rule did: China and the other tier-3 markets',
  scenario: 'sovereign-ai-2026',
  treated: at('US', (_s, _n, o) => withTierControls(o, [3], { chips: 'embargo' })),
  metrics: [
    m('cnCap', 'China capability at the end', (g) => last(g).nations.CN!.capability),
    m('usLead', 'US capability lead at the end', (g) => lead(last(g), 'US')),
    m('usT3', 'US share of tier-3 markets', (g) => tierShare(last(g), ['US'], [3])),
    m('usT1', 'US share of tier-1 markets', (g) => tierShare(last(g), ['US'], [1])),
    m('usTrust', 'US trust at the end', (g) => last(g).nations.US!.trust),
    m('usRevenue', 'US revenue over the game (US$bn)', (g) => revenue(g, 'US')),
    m('usScore', 'US score', (g) => score(g, 'US')),
    m('usWin', 'US win rate', (g) => won(g, 'US')),
  ],
  checks: [
    { metric: 'cnCap', expect: 'down', min: 0.3 },
    { metric: 'usLead', expect: 'up', min: 0.3 },
    { metric: 'usT3', expect: 'down', min: 0.01 },
    { metric: 'usTrust', expect: 'down', min: 0.5 },
    { metric: 'usTrust', expect: 'diffAtLeast', min: -4 },
    { metric: 'usRevenue', expect: 'down', min: 5 },
    { metric: 'usWin', expect: 'diffAtLeast', min: -0.05 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Claim 2: chokepoints slow capability.

const STACK_HOLDERS = ['US', 'EU', 'JP', 'TW', 'KR'];
const embargoChina: Intervention = at(STACK_HOLDERS, (_s, _n, o) =>
  withControls(o, ['CN'], { chips: 'embargo' }),
);

export const chokepointChina: Experiment = {
  id: 'chokepoint-china',
  claim: 2,
  title: 'The holders of the stack (US, EU, Japan, Taiwan, Korea) embargo chips to China',
  scenario: 'sovereign-ai-2026',
  treated: embargoChina,
  metrics: [
    m('cnCompute', 'China compute at the end (k H100e)', (g) => last(g).nations.CN!.compute),
    m('cnCap', 'China capability at the end', (g) => last(g).nations.CN!.capability),
    m('cnLag', 'China capability behind the best other nation', (g) => -lead(last(g), 'CN')),
    m('cnScore', 'China score', (g) => score(g, 'CN')),
    m('cnWin', 'China win rate', (g) => won(g, 'CN')),
  ],
  checks: [
    { metric: 'cnCompute', expect: 'down', min: 50 },
    { metric: 'cnCap', expect: 'down', min: 1 },
    { metric: 'cnWin', expect: 'down', min: 0.03 },
  ],
};

const chinaInvests: Intervention = at('CN', (s, n, o) =>
  shiftBudget(o, s.nations[n]!.budget, 'chips', 0.2, ['aid', 'talent', 'safety']),
);

export const chokepointInvest: Experiment = {
  id: 'chokepoint-invest',
  claim: 2,
  title:
    'Under the same embargo, China moves a fifth of its budget (from aid, talent and safety) into chip and fab programmes',
  scenario: 'sovereign-ai-2026',
  base: embargoChina,
  treated: all(embargoChina, chinaInvests),
  metrics: [
    m('cnAccess', 'China chip access at the end', (g) => last(g).nations.CN!.chipAccess),
    m('cnCap', 'China capability at the end', (g) => last(g).nations.CN!.capability),
  ],
  checks: [
    { metric: 'cnAccess', expect: 'up', min: 0.05 },
    { metric: 'cnCap', expect: 'up', min: 0.05 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Claim 3: open weights buy soft power; closed models buy revenue and lead.

const open = (who: NationId[]): Intervention =>
  at(who, (_s, _n, o) => {
    o.release = 'open';
    return o;
  });
const closed = (who: NationId[]): Intervention =>
  at(who, (_s, _n, o) => {
    o.release = 'closed';
    return o;
  });

export const openMiddle: Experiment = {
  id: 'open-middle',
  claim: 3,
  title: 'Japan and Korea (closed at the start) release open weights instead of closed models',
  scenario: 'sovereign-ai-2026',
  base: closed(['JP', 'KR']),
  treated: open(['JP', 'KR']),
  metrics: [
    m('jpSoft', 'Japan soft power at the end', (g) => last(g).nations.JP!.softPower),
    m('krSoft', 'Korea soft power at the end', (g) => last(g).nations.KR!.softPower),
    m('jpRevenue', 'Japan revenue over the game (US$bn)', (g) => revenue(g, 'JP')),
  ],
  checks: [
    { metric: 'jpSoft', expect: 'up', min: 0.3 },
    { metric: 'krSoft', expect: 'up', min: 0.2 },
  ],
};

export const openLeader: Experiment = {
  id: 'open-leader',
  claim: 3,
  title: 'The United States releases open weights instead of closed models',
  scenario: 'sovereign-ai-2026',
  base: closed(['US']),
  treated: open(['US']),
  metrics: [
    m('usSoft', 'US soft power at the end', (g) => last(g).nations.US!.softPower),
    m('usRevenue', 'US revenue over the game (US$bn)', (g) => revenue(g, 'US')),
    m('usLead', 'US capability lead over the best rival at the end', (g) => lead(last(g), 'US')),
    m('usField', 'US capability over the mean of the others at the end', (g) => leadOverField(last(g), 'US')),
    m('usScore', 'US score', (g) => score(g, 'US')),
  ],
  checks: [
    { metric: 'usSoft', expect: 'up', min: 0.5 },
    { metric: 'usRevenue', expect: 'down', min: 5 },
    { metric: 'usField', expect: 'down', min: 0.5 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Claim 4: cheap fine-tunes of open weights give sovereignty.

const programme = (who: NationId, base: () => NationId | null): Intervention =>
  at(who, (_s, _n, o) => {
    o.programmeBase = base();
    return o;
  });
const bestOpen = (state: GameState, me: NationId): NationId | null =>
  Object.values(state.nations)
    .filter((n) => n.id !== me && n.policies.release === 'open')
    .sort((a, b) => b.capability - a.capability || a.id.localeCompare(b.id))[0]?.id ?? null;

export const fineTune: Experiment = {
  id: 'fine-tune',
  claim: 4,
  title: 'Korea runs a sovereign model programme on the best open model it can reach',
  scenario: 'sovereign-ai-2026',
  base: programme('KR', () => null),
  treated: at('KR', (state, _n, orders) => {
    orders.programmeBase = bestOpen(state, 'KR');
    return orders;
  }),
  metrics: [
    m(
      'cost',
      'programme cost, share of Korea budget',
      (g) => first(g).scenario.rules.programmeCost / first(g).nations.KR!.baseBudget,
    ),
    m('krHome', 'Korea home share of its own models', (g) => homeShare(last(g), 'KR')),
    m('krSov', 'Korea sovereignty at the end', (g) => last(g).nations.KR!.sovereignty),
    m('krModel', 'Korea sovereign model at the end', (g) => last(g).nations.KR!.sovereignModel),
  ],
  checks: [
    { metric: 'cost', expect: 'atMost', min: 0.02 },
    { metric: 'krHome', expect: 'up', min: 0.01 },
    { metric: 'krSov', expect: 'up', min: 0.01 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Claim 5: markets have agency.

export const localModels: Experiment = {
  id: 'local-models',
  claim: 5,
  title: 'Local models in the world (no intervention: bots as they play)',
  scenario: 'sovereign-ai-2026',
  metrics: [
    m('localStart', 'local share of foreign markets at the start', (g) =>
      tierShare(first(g), [OTHER_PROVIDER], [1, 2, 3]),
    ),
    m('localEnd', 'local share of foreign markets at the end', (g) =>
      tierShare(last(g), [OTHER_PROVIDER], [1, 2, 3]),
    ),
  ],
  checks: [{ metric: 'localEnd', expect: 'atLeast', min: 0.03 }],
};

export const hedging: Experiment = {
  id: 'hedging',
  claim: 5,
  title: 'Markets exposed to US chip controls hedge toward open and local models',
  scenario: 'sovereign-ai-2026',
  treated: usControlsTier2,
  metrics: [
    m('localT2', 'local share of tier-2 markets', (g) => tierShare(last(g), [OTHER_PROVIDER], [2])),
    m('localT1', 'local share of tier-1 markets', (g) => tierShare(last(g), [OTHER_PROVIDER], [1])),
    m(
      'localT2minusT1',
      'local share, tier 2 minus tier 1',
      (g) => tierShare(last(g), [OTHER_PROVIDER], [2]) - tierShare(last(g), [OTHER_PROVIDER], [1]),
    ),
  ],
  checks: [
    { metric: 'localT2', expect: 'up', min: 0.005 },
    { metric: 'localT1', expect: 'diffAtMost', min: 0.002 },
    { metric: 'localT2minusT1', expect: 'up', min: 0.005 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Claim 6: the score rewards what the sources value.

/**
 * Share of the variance of nations' scores that each part explains (cov(part, score) / var(score)),
 * within nations: rows are [nation index, score, parts...] and each nation's mean is taken out
 * first, so the split says what decides how well a nation does, not which nation it is.
 */
export function varianceShare(rows: number[][], part: number): number {
  const groups = new Map<number, number[][]>();
  for (const r of rows) {
    const g = groups.get(r[0]!) ?? [];
    g.push(r);
    groups.set(r[0]!, g);
  }
  let cov = 0;
  let v = 0;
  for (const g of groups.values()) {
    const mt = g.reduce((s, r) => s + r[1]!, 0) / g.length;
    const mp = g.reduce((s, r) => s + r[part + 1]!, 0) / g.length;
    for (const r of g) {
      cov += (r[1]! - mt) * (r[part + 1]! - mp);
      v += (r[1]! - mt) ** 2;
    }
  }
  return v > 0 ? cov / v : 0;
}

/** Per game, each nation's [nation index, score, softPower, sovereignty, economy, objectives] points. */
export const scoreParts = (g: PlayedStates): number[][] => {
  const ids = Object.keys(g.states[0]!.nations);
  return g.ranking.map((r) => [
    ids.indexOf(r.nation),
    r.score,
    r.parts.softPower,
    r.parts.sovereignty,
    r.parts.economy,
    r.parts.objectives,
  ]);
};

export const scoring: Experiment = {
  id: 'scoring',
  claim: 6,
  title: 'What the score is made of (no intervention: bots as they play)',
  scenario: 'sovereign-ai-2026',
  metrics: [
    m('spLeader', 'largest share of the world soft power held by one nation', (g) => {
      const sp = Object.values(last(g).nations).map((n) => n.softPower);
      const total = sp.reduce((t, x) => t + x, 0);
      return total > 0 ? Math.max(...sp) / total : 0;
    }),
    m('sovPoints', 'mean sovereignty points', (g) => mean(g.ranking.map((r) => r.parts.sovereignty))),
    m('partial', 'share of objective points earned by objectives met in part', (g) => {
      let part = 0;
      let all = 0;
      for (const r of g.ranking)
        for (const o of r.objectives) {
          all += o.points * o.earned;
          if (!o.achieved) part += o.points * o.earned;
        }
      return all > 0 ? part / all : 0;
    }),
  ],
  pooled: (['softPower', 'sovereignty', 'economy', 'objectives'] as const).map((part, i) => ({
    id: `var-${part}`,
    label: `share of the within-nation score variance from ${part} points`,
    rows: scoreParts,
    reduce: (rows: number[][]) => varianceShare(rows, i + 1),
  })),
  checks: [
    { metric: 'var-sovereignty', expect: 'atLeast', min: 0.15 },
    { metric: 'partial', expect: 'atLeast', min: 0.1 },
  ],
};

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/** Every experiment, in the order of the claims. */
/** The US caps tier 2 for the first five rounds, then lifts the cap. */
const usCapThenLift: Intervention = at('US', (state, _n, o) =>
  withTierControls(o, [2], { chips: state.round <= 5 ? 'licensed' : 'open' }),
);

export const hedgingLifted: Experiment = {
  id: 'hedging-lifted',
  claim: 5,
  title: 'The same US cap on tier 2, lifted after round 5 (against keeping it): tier-2 markets stop hedging',
  scenario: 'sovereign-ai-2026',
  base: usControlsTier2,
  treated: usCapThenLift,
  metrics: [
    m('localT2', 'local share of tier-2 markets at the end', (g) =>
      tierShare(last(g), [OTHER_PROVIDER], [2]),
    ),
    m('usT2', 'US share of tier-2 markets at the end', (g) => tierShare(last(g), ['US'], [2])),
  ],
  checks: [
    { metric: 'localT2', expect: 'down', min: 0.003 },
    { metric: 'usT2', expect: 'up', min: 0.01 },
  ],
};

export const EXPERIMENTS: Experiment[] = [
  controlsTier2,
  controlsAimed,
  chokepointChina,
  chokepointInvest,
  openMiddle,
  openLeader,
  fineTune,
  localModels,
  hedging,
  hedgingLifted,
  scoring,
];
