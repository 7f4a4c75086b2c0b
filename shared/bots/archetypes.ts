/**
 * Five kinds of government, each a strategy a player can recognise and a sentence that explains
 * it. Every bot decides from its own view only; treaties go through the same orders as a human's.
 */
import type { OrdersInput } from '../engine/ordersSchema.ts';
import { type BudgetLine, type NationId, TREATY_TYPES, type TreatyType } from '../engine/types.ts';
import type { GameView } from '../engine/viewFor.ts';
import type { Archetype, BotDecision, BotInput } from './botTypes.ts';
import {
  AID_REGIONS,
  byCapability,
  byTrust,
  hostileTo,
  nameOf,
  openModels,
  others,
  regionShare,
  split,
  unit,
} from './reading.ts';

type Shares = Partial<Record<BudgetLine, number>>;

/** Treaties a bot would sign, by archetype. */
const WANTS: Record<Archetype, TreatyType[]> = {
  openChampion: ['AiForum', 'JointModel', 'ComputeSharing'],
  hawk: ['ChipSupplyGuarantee', 'ComputeSharing'],
  trustBuilder: ['SafetyPact', 'AiForum', 'JointModel'],
  computeMaximiser: ['ComputeSharing', 'ChipSupplyGuarantee'],
  hedger: ['ChipSupplyGuarantee', 'ComputeSharing', 'JointModel', 'AiForum'],
};

/** Answers every proposal addressed to me: yes to the kinds I want, unless the proposer is hostile. */
function answers(view: GameView, me: NationId, wants: TreatyType[], enemies: NationId[]) {
  return view.proposals
    .filter((p) => p.to === me)
    .map((p) => ({ id: p.id, accept: wants.includes(p.type) && !enemies.includes(p.from) }));
}

/** A proposal to each partner not already bound to me by that treaty, and not already asked. */
function proposals(view: GameView, me: NationId, type: TreatyType, partners: NationId[]) {
  const has = (to: NationId) =>
    view.treaties.some((t) => t.type === type && t.parties.includes(me) && t.parties.includes(to)) ||
    view.proposals.some(
      (p) => p.type === type && ((p.from === me && p.to === to) || (p.to === me && p.from === to)),
    );
  return partners.filter((to) => !has(to)).map((to) => ({ type, to }));
}

/**
 * The developing region where my models reach the fewest people (ties broken by the seeded salt),
 * among the regions this scenario has; null when it has none.
 */
function weakestRegion(input: BotInput): string | null {
  const { view, me, scenario, salt } = input;
  const present = AID_REGIONS.filter((r) => scenario.markets.some((m) => m.region === r));
  if (present.length === 0) return null;
  return [...present].sort(
    (a, b) =>
      regionShare(view, scenario, me, a) - regionShare(view, scenario, me, b) ||
      unit(salt, me, a) - unit(salt, me, b),
  )[0]!;
}

/** Export controls that lift every control I hold on nations not in `keep`. */
function liftOthers(view: GameView, me: NationId, keep: NationId[]) {
  return Object.entries(view.nations[me]!.policies.exportControls)
    .filter(([target, c]) => !keep.includes(target) && (c.chips !== 'open' || c.models !== 'open'))
    .map(([target]) => ({ target, chips: 'open' as const, models: 'open' as const }));
}

interface Plan {
  shares: Shares;
  orders: Omit<OrdersInput, 'budget'>;
  explanation: string;
}

function openChampion(input: BotInput): Plan {
  const { view, me, scenario } = input;
  const region = weakestRegion(input);
  const friends = byTrust(view, others(view, me)).slice(0, 2);
  return {
    shares: { training: 0.3, compute: 0.2, aid: 0.18, talent: 0.12, safety: 0.14, chips: 0.06 },
    orders: {
      release: 'open',
      visa: 'open',
      regulation: 'balanced',
      aidRegion: region,
      exportControls: liftOthers(view, me, []),
      treaties: { propose: proposals(view, me, 'AiForum', friends) },
    },
    explanation: `Open-weights champion: released its models openly${region ? ` and sent aid to ${region}, where its models reach the fewest people` : ''}; proposed an AI forum to ${friends.map((f) => nameOf(scenario, f)).join(' and ')}.`,
  };
}

/** Whether I am among the two most capable nations (closed models pay only near the frontier). */
function nearFrontier(view: GameView, me: NationId): boolean {
  return byCapability(view, Object.keys(view.nations)).indexOf(me) < 2;
}

/** Whether I hold a chokepoint: at least 10% of the nations' capacity in some layer of the stack. */
function holdsChokepoint(view: GameView, me: NationId): boolean {
  const layers = ['design', 'fabrication', 'lithography', 'memory'] as const;
  return layers.some((l) => {
    const total = Object.values(view.nations).reduce((s, n) => s + n.stack[l], 0);
    return total > 0 && view.nations[me]!.stack[l] / total >= 0.1;
  });
}

/** The nation my home market trusts least (its starting disposition), strongest first on ties. */
function leastLiked(input: BotInput): NationId {
  const { view, me, scenario } = input;
  const home = scenario.nations.find((n) => n.id === me)?.members[0];
  const market = scenario.markets.find((m) => m.id === home);
  const like = (id: NationId) => market?.disposition[id] ?? 0;
  return [...byCapability(view, others(view, me))].sort((a, b) => like(a) - like(b))[0]!;
}

function hawk(input: BotInput): Plan {
  const { view, me, scenario } = input;
  const mine = view.nations[me]!;
  const rival = hostileTo(view, me)[0] ?? leastLiked(input);
  const gap = mine.capability - view.nations[rival]!.capability;
  const frontier = nearFrontier(view, me);
  // A leader embargoes a rival within reach; a middle power caps it (cheaper in trust).
  const embargo = frontier && gap < 5;
  // A control bites only from a chokepoint; without one, the hawk protects its home instead.
  const controls = holdsChokepoint(view, me)
    ? [
        {
          target: rival,
          chips: embargo ? ('embargo' as const) : ('licensed' as const),
          models: frontier ? ('licensed' as const) : ('open' as const),
        },
      ]
    : [];
  // A tariff costs growth: only worth it when the rival holds a fifth of the home market.
  const home = scenario.nations.find((n) => n.id === me)?.members[0] ?? '';
  const tariff = (view.adoption[home]?.[rival] ?? 0) > 0.2 ? 0.1 : 0;
  const allies = byTrust(
    view,
    others(view, me).filter((id) => id !== rival),
  ).slice(0, 2);
  return {
    shares: { compute: 0.3, training: 0.28, chips: 0.22, talent: 0.1, safety: 0.1 },
    orders: {
      release: nearFrontier(view, me) ? 'closed' : 'open',
      // Closing the door to talent is a leader's luxury: a middle power needs researchers.
      visa: nearFrontier(view, me) ? 'restrictive' : 'open',
      // Self-reliance in models too: a fine-tune of open weights for its own languages.
      programmeBase: openModels(view).find((id) => id !== me) ?? null,
      regulation: 'balanced',
      exportControls: [...controls, ...liftOthers(view, me, controls.length > 0 ? [rival] : [])],
      tariffs: [{ target: rival, rate: tariff }],
      treaties: { propose: proposals(view, me, 'ChipSupplyGuarantee', allies) },
    },
    explanation:
      controls.length === 0
        ? `Export-control hawk: holds no chokepoint to control ${nameOf(scenario, rival)} with, so it protected its home market with a tariff and built its own chip stack.`
        : embargo
          ? `Export-control hawk: embargoed chips to ${nameOf(scenario, rival)} because its capability (${view.nations[rival]!.capability.toFixed(0)}) is within reach of ours (${mine.capability.toFixed(0)}).`
          : `Export-control hawk: kept chip licences on ${nameOf(scenario, rival)}, which trails by ${gap.toFixed(0)} points, and built its own chip stack.`,
  };
}

function trustBuilder(input: BotInput): Plan {
  const { view, me, scenario } = input;
  const mine = view.nations[me]!;
  const partners = byTrust(view, others(view, me)).slice(0, 2);
  return {
    shares: { training: 0.26, compute: 0.22, safety: 0.2, aid: 0.14, talent: 0.12, chips: 0.06 },
    orders: {
      release: mine.trust < 60 ? 'open' : mine.policies.release === 'held' ? 'closed' : mine.policies.release,
      visa: 'open',
      regulation: 'strict',
      aidRegion: weakestRegion(input),
      exportControls: liftOthers(view, me, []),
      sanctions: mine.policies.sanctions.map((target) => ({ target, active: false })),
      treaties: { propose: proposals(view, me, 'SafetyPact', partners) },
    },
    explanation: `Trust builder: kept strict regulation and spent a fifth of its budget on safety, lifted its controls and sanctions, and proposed safety pacts to ${partners.map((p) => nameOf(scenario, p)).join(' and ')}.`,
  };
}

function computeMaximiser(input: BotInput): Plan {
  const { view, me, scenario } = input;
  const enemies = hostileTo(view, me);
  const friends = others(view, me).filter((id) => !enemies.includes(id));
  const mine = view.nations[me]!.compute;
  // A leader shares with the next strongest; a middle power with a peer of its size, since renting a
  // superpower's compute is a dependency its sovereignty pays for.
  const partner = nearFrontier(view, me)
    ? byCapability(view, friends)[0]
    : [...friends].sort(
        (a, b) =>
          Math.abs(Math.log((view.nations[a]!.compute + 1) / (mine + 1))) -
            Math.abs(Math.log((view.nations[b]!.compute + 1) / (mine + 1))) || a.localeCompare(b),
      )[0];
  return {
    shares: { compute: 0.4, training: 0.32, chips: 0.1, talent: 0.08, safety: 0.1 },
    orders: {
      release: nearFrontier(view, me) ? 'closed' : 'open',
      visa: 'open',
      regulation: 'balanced',
      treaties: { propose: partner ? proposals(view, me, 'ComputeSharing', [partner]) : [] },
    },
    explanation: `Compute maximiser: put three quarters of its budget into data centres and frontier training${partner ? `, and offered compute sharing to ${nameOf(scenario, partner)}` : ''}.`,
  };
}

function hedger(input: BotInput): Plan {
  const { view, me, scenario } = input;
  const mine = view.nations[me]!;
  const leader = byCapability(view, others(view, me))[0]!;
  const base = openModels(view).find((id) => id !== me) ?? null;
  const behind = view.nations[leader]!.capability - mine.capability > 10;
  const chipHolder = byCapability(
    view,
    others(view, me).filter((id) => !hostileTo(view, me).includes(id)),
  )[0];
  return {
    shares: { training: 0.26, compute: 0.24, chips: 0.14, talent: 0.14, safety: 0.1, aid: 0.12 },
    orders: {
      release: behind ? 'open' : 'closed',
      visa: 'open',
      regulation: 'balanced',
      programmeBase: base,
      aidRegion: weakestRegion(input),
      exportControls: liftOthers(view, me, []),
      treaties: {
        propose: chipHolder ? proposals(view, me, 'ChipSupplyGuarantee', [chipHolder]) : [],
      },
    },
    explanation: `Hedging middle power: ${base ? `fine-tuned ${nameOf(scenario, base)}'s open model for its own languages` : 'trained its own model'}, ${behind ? 'released openly to stay relevant' : 'kept its models closed'}, and sought a chip supply guarantee${chipHolder ? ` from ${nameOf(scenario, chipHolder)}` : ''}.`,
  };
}

const PLANS: Record<Archetype, (input: BotInput) => Plan> = {
  openChampion,
  hawk,
  trustBuilder,
  computeMaximiser,
  hedger,
};

/**
 * A bot's orders and their explanation. Easy bots keep a fifth of the budget unspent and neither
 * propose nor answer treaties; hard bots switch to open weights when their reach abroad shrinks and
 * lean their budget toward their weakest quantity.
 */
export function decideBot(input: BotInput): BotDecision {
  const { view, me, seat } = input;
  const plan = PLANS[seat.archetype](input);
  const mine = view.nations[me]!;
  let shares = plan.shares;
  let spend = mine.budget;
  const orders: OrdersInput = { ...plan.orders };
  let explanation = plan.explanation;
  if (seat.difficulty === 'easy') {
    spend *= 0.8;
    orders.treaties = { propose: [], answer: [] };
  } else {
    const enemies = hostileTo(view, me);
    orders.treaties = {
      propose: orders.treaties?.propose ?? [],
      answer: answers(
        view,
        me,
        seat.difficulty === 'hard' ? [...TREATY_TYPES] : WANTS[seat.archetype],
        enemies,
      ),
    };
  }
  if (seat.difficulty === 'hard') {
    const history = view.history;
    const prev = history[history.length - 2]?.nations[me]?.softPower;
    if (
      prev !== undefined &&
      mine.softPower < prev &&
      orders.release === 'closed' &&
      seat.archetype !== 'hawk' &&
      !nearFrontier(view, me)
    ) {
      orders.release = 'open';
      explanation += ' Its reach abroad was shrinking, so it opened its weights.';
    }
    if (mine.trust < 45) shares = { ...shares, safety: (shares.safety ?? 0) + 0.08 };
    // A sovereign model costs little (a fine-tune of open weights): a hard bot always runs one.
    const base = openModels(view).find((id) => id !== me) ?? null;
    if (orders.programmeBase === undefined && mine.policies.programmeBase === null && base) {
      orders.programmeBase = base;
      explanation += ` It fine-tuned ${nameOf(input.scenario, base)}'s open model for its own languages.`;
    }
  }
  return { orders: { ...orders, budget: split(spend, shares) }, explanation };
}
