/**
 * Why a nation's score parts moved in a round, read from that round's events: each candidate cause
 * gets an estimate of its points (from the scoring formulas in shared/engine/scoreboard.ts and
 * deriveScores.ts) used only to rank them, and a plain sentence. Pure.
 */
import { type EventOf, type GameEvent, isEvent, paramsOf } from '../engine/events.ts';
import { marketInfo } from '../engine/marketInfo.ts';
import {
  cardTitle,
  type DigestWriter,
  joinList,
  nationName,
  localeOfWriter,
  num,
  pct,
  reasonsText,
  say,
  shown,
  signedPct,
} from './digestText.ts';

export type ScorePart = 'softPower' | 'sovereignty' | 'economy' | 'objectives';
export const SCORE_PARTS: readonly ScorePart[] = ['softPower', 'sovereignty', 'economy', 'objectives'];

/** A possible reason for a part's change: its estimated points (sign included) and its sentence. */
export interface Cause {
  size: number;
  text: string | null;
  /** The events it speaks for (counted as shown). */
  events: GameEvent[];
  /** Shown first whatever its size (the economy's comparison with the others). */
  lead?: boolean;
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const dir = (x: number) => (x >= 0 ? 'up' : 'down');

/** Weight of the markets of a region that belong to no nation (as AdoptionShifted measures it). */
function regionWeight(w: DigestWriter, region: string): number {
  let s = 0;
  for (const i of marketInfo(w.scenario))
    if (i.owner === null && (region === '*' || i.spec.region === region)) s += i.weight;
  return s;
}

/** Soft power: 10 points per doubling of adoption abroad x trust, so trust and shares abroad. */
export function softPowerCauses(w: DigestWriter, mine: GameEvent[], delta: number): Cause[] {
  const me = w.me!;
  const tw = w.scenario.rules.softPowerTrustWeight;
  const factor = (t: number) => Math.max(1e-6, 1 - tw + (tw * t) / 100);
  const trustPts = (from: number, to: number) => 10 * Math.log2(factor(to) / factor(from));
  const causes: Cause[] = [];
  for (const e of mine) {
    const f = shown(w, e);
    if (e.type === 'TrustChanged') {
      const d = dir(n(e.params.to) - n(e.params.from));
      const reasons = list(e.params.reasons);
      const key = `digest.cause.trust.${d}${reasons.length > 0 ? '' : '.plain'}`;
      const text = say(w, key, { ...f, reasons: reasonsText(w, 'trust', reasons, d) });
      causes.push({ size: trustPts(n(e.params.from), n(e.params.to)), text, events: [e] });
    } else if (e.type === 'SafetyIncident') {
      const card = String(e.params.cause).startsWith('card:') ? String(e.params.cause).slice(5) : null;
      const text = card
        ? say(w, 'digest.cause.incident.card', { ...f, card: cardTitle(w, card) })
        : say(w, 'digest.cause.incident', f);
      causes.push({ size: trustPts(n(e.params.from), n(e.params.to)), text, events: [e] });
    } else if (e.type === 'CardEffect' && e.params.quantity === 'trust') {
      const key = `digest.cause.cardTrust.${dir(n(e.params.to) - n(e.params.from))}`;
      const text = say(w, key, { ...f, card: cardTitle(w, String(e.params.card)) });
      causes.push({ size: trustPts(n(e.params.from), n(e.params.to)), text, events: [e] });
    } else if (e.type === 'TreatyBroken' && e.params.nation === me) {
      causes.push({
        size: trustPts(50, 50 - n(e.params.trustLoss)),
        text: say(w, 'digest.cause.treatyBroken', f),
        events: [e],
      });
    }
  }
  // What trust does not explain comes from the shares of AI use abroad.
  const adoption = delta - causes.reduce((s, c) => s + c.size, 0);
  const shifts: { weight: number; cause: Cause }[] = [];
  for (const e of mine) {
    if (e.type === 'AdoptionShifted') {
      const d = dir(n(e.params.to) - n(e.params.from));
      const reasons = list(e.params.reasons).filter((r) => r !== 'unavailable');
      const unavailable = list(e.params.reasons).includes('unavailable');
      const key = `digest.cause.region.${d}${unavailable ? '.unavailable' : reasons.length > 0 ? '' : '.plain'}`;
      const text = say(w, key, { ...shown(w, e), reasons: reasonsText(w, 'adoption', reasons, d) });
      shifts.push({
        weight: (n(e.params.to) - n(e.params.from)) * regionWeight(w, String(e.params.region)),
        cause: { size: 0, text, events: [e] },
      });
    } else if (e.type === 'CardEffect' && e.params.effect === 'AdoptionShift') {
      const targets = list(e.params.nations);
      const f = shown(w, e);
      const key = `digest.cause.cardAdoption.${dir(n(e.params.amount))}`;
      shifts.push({
        weight: (n(e.params.amount) * regionWeight(w, String(e.params.region))) / Math.max(1, targets.length),
        cause: {
          size: 0,
          text: say(w, key, { ...f, card: cardTitle(w, String(e.params.card)) }),
          events: [e],
        },
      });
    }
  }
  const total = shifts.reduce((s, x) => s + x.weight, 0);
  const scale = total !== 0 && Math.sign(total) === Math.sign(adoption) ? adoption / total : 100;
  for (const s of shifts) causes.push({ ...s.cause, size: s.weight * scale });
  // No regional shift went the way adoption did (moves below the events' threshold, or a card the
  // other way): the change abroad is named as such.
  const along = shifts.some((x) => Math.sign(x.weight) === Math.sign(adoption));
  if (!along && Math.abs(adoption) >= 0.3)
    causes.push({ size: adoption, text: say(w, `digest.cause.abroad.${dir(adoption)}`), events: [] });
  causes.push(...leadCauses(w, mine, Math.sign(adoption) * 0.01));
  return causes;
}

/** Markets whose lead I won or lost, the largest first, as one cause each way. */
function leadCauses(w: DigestWriter, mine: GameEvent[], size: number): Cause[] {
  const me = w.me!;
  const infos = new Map(marketInfo(w.scenario).map((i) => [i.spec.id, i]));
  const foreign = mine
    .filter(isEvent('MarketLeaderChanged'))
    .filter((e) => infos.get(e.params.market)?.owner !== me);
  const byWeight = (es: EventOf<'MarketLeaderChanged'>[]) =>
    [...es].sort(
      (a, b) => (infos.get(b.params.market)?.weight ?? 0) - (infos.get(a.params.market)?.weight ?? 0),
    );
  const out: Cause[] = [];
  for (const [won, key] of [
    [true, 'digest.cause.lead.won'],
    [false, 'digest.cause.lead.lost'],
  ] as const) {
    const es = byWeight(foreign.filter((e) => (won ? e.params.nation === me : e.params.previous === me)));
    if (es.length === 0) continue;
    const markets = es.slice(0, 3).map((e) => shown(w, e).market ?? '');
    const more = es.length - markets.length;
    const text = say(w, more > 0 ? `${key}.more` : key, {
      markets: joinList(w, markets),
      count: String(more),
    });
    out.push({ size: won ? Math.abs(size) : -Math.abs(size), text, events: es });
  }
  return out;
}

/** Sovereignty: (change points + 10) per unit, from 40% chips, 30% own compute, 30% own models. */
export function sovereigntyCauses(
  w: DigestWriter,
  mine: GameEvent[],
  all: GameEvent[],
  delta: number,
): Cause[] {
  const me = w.me!;
  const k = w.scenario.rules.sovereigntyChangePoints + 10;
  const causes: Cause[] = [];
  const built = mine.find((e) => e.type === 'ComputeBuilt');
  const cloud = mine.find((e) => e.type === 'CloudAccessChanged');
  if (built && cloud) {
    const own = (c: number, r: number) => (c + r > 0 ? c / (c + r) : 0);
    const from = own(n(paramsOf(built).from), n(paramsOf(cloud).from));
    const to = own(n(paramsOf(built).to), n(paramsOf(cloud).to));
    if (pct(from) !== pct(to))
      causes.push({
        size: 0.3 * k * (to - from),
        text: say(w, `digest.cause.ownCompute.${dir(to - from)}`, {
          from: pct(from, localeOfWriter(w)),
          to: pct(to, localeOfWriter(w)),
        }),
        events: [built, cloud],
      });
  } else if (cloud) {
    const up = n(paramsOf(cloud).to) > n(paramsOf(cloud).from);
    causes.push({
      size: 0.3 * k * (up ? -0.03 : 0.03),
      text: say(w, `digest.cause.cloud.${up ? 'up' : 'down'}`),
      events: [cloud],
    });
  }
  for (const e of mine) {
    if (e.type === 'SovereignModelImproved') {
      const stalled = typeof e.params.stalled === 'string';
      if (!stalled && num(n(e.params.from)) === num(n(e.params.to))) continue;
      causes.push({
        size: stalled ? -0.01 : 0.09 * k * ((n(e.params.to) - n(e.params.from)) / 100),
        text: say(
          w,
          stalled ? 'digest.cause.sovereignModel.stalled' : 'digest.cause.sovereignModel.up',
          shown(w, e),
        ),
        events: [e],
      });
    } else if (
      e.type === 'ChipAccessChanged' &&
      n(e.params.to) < n(e.params.from) &&
      pct(n(e.params.to)) !== pct(n(e.params.from))
    ) {
      const by = list(e.params.restrictedBy).length > 0;
      causes.push({
        size: 0.1 * k * (n(e.params.to) - n(e.params.from)),
        text: say(w, `digest.cause.chipAccess.down${by ? '' : '.plain'}`, shown(w, e)),
        events: [e],
      });
    }
  }
  // The rest moved with the chip stack (own programmes, others', guarantees, cards) and home use.
  const rest = delta - causes.reduce((s, c) => s + c.size, 0);
  const chips: Cause[] = [];
  for (const e of all) {
    if (e.type === 'ChipProgrammeBuilt' && e.params.nation === me) {
      chips.push({ size: 1, text: say(w, 'digest.cause.chipProgramme', shown(w, e)), events: [e] });
    } else if (
      e.type === 'TreatySigned' &&
      e.params.type === 'ChipSupplyGuarantee' &&
      list(e.params.parties).includes(me)
    ) {
      const partner = list(e.params.parties).find((x) => x !== me) ?? '';
      chips.push({
        size: 1,
        text: say(w, 'digest.cause.guarantee.signed', { partner: nationName(w, partner) }),
        events: [e],
      });
    } else if (
      (e.type === 'TreatyLapsed' || e.type === 'TreatyBroken') &&
      e.params.type === 'ChipSupplyGuarantee' &&
      (list(paramsOf(e).parties).includes(me) || paramsOf(e).partner === me || paramsOf(e).nation === me)
    ) {
      const partner =
        list(paramsOf(e).parties).find((x) => x !== me) ??
        (paramsOf(e).nation === me ? String(paramsOf(e).partner) : String(paramsOf(e).nation));
      chips.push({
        size: -1,
        text: say(w, 'digest.cause.guarantee.ended', { partner: nationName(w, partner) }),
        events: [e],
      });
    } else if (
      e.type === 'CardEffect' &&
      e.params.effect === 'AdjustStack' &&
      list(e.params.nations).includes(me)
    ) {
      chips.push({
        size: n(e.params.factor) >= 1 ? 1 : -1,
        text: say(w, `digest.cause.cardStack.${n(e.params.factor) >= 1 ? 'up' : 'down'}`, {
          ...shown(w, e),
          card: cardTitle(w, String(e.params.card)),
        }),
        events: [e],
      });
    }
  }
  const others = all.filter(isEvent('ChipProgrammeBuilt')).filter((e) => e.params.nation !== me);
  if (others.length > 0) chips.push({ size: -1, text: say(w, 'digest.cause.othersChips'), events: [] });
  const aligned = chips.filter((c) => Math.sign(c.size) === Math.sign(rest));
  if (Math.abs(rest) >= 0.1) {
    if (aligned.length > 0) for (const c of aligned) causes.push({ ...c, size: rest / aligned.length });
    else causes.push({ size: rest, text: say(w, `digest.cause.homeStack.${dir(rest)}`), events: [] });
  }
  return causes;
}

/** Economy: 300 x (my log growth - the mean log growth of all nations), term by term. */
export function economyCauses(w: DigestWriter, all: GameEvent[], delta: number): Cause[] {
  const me = w.me!;
  const rules = w.scenario.rules;
  const rows = all.filter(isEvent('EconomyChanged'));
  const mine = rows.find((e) => e.params.nation === me);
  if (!mine || rows.length === 0) return [];
  const gdp = new Map<string, number>();
  for (const i of marketInfo(w.scenario))
    if (i.owner) gdp.set(i.owner, (gdp.get(i.owner) ?? 0) + i.spec.gdpUsdBn);
  const terms = ({ params: p }: EventOf<'EconomyChanged'>) => {
    const ai = (rules.aiGrowth * n(p.capability) * n(p.adequacy)) / 100;
    const trade = (rules.digitalTradeGrowth * n(p.trade)) / Math.max(gdp.get(p.nation) ?? 1, 1);
    return { ai, trade, curbs: n(p.growth) - rules.baseGrowth - ai - trade };
  };
  const mean = (f: (e: EventOf<'EconomyChanged'>) => number) =>
    rows.reduce((s, e) => s + f(e), 0) / rows.length;
  const growth = ({ params: p }: EventOf<'EconomyChanged'>) =>
    Math.log(Math.max(n(p.to), 1e-9) / Math.max(n(p.from), 1e-9));
  const t = terms(mine);
  const f = shown(w, mine);
  const mineGrowth = Math.exp(growth(mine)) - 1;
  const average = Math.exp(mean(growth)) - 1;
  const ahead = growth(mine) >= mean(growth);
  const causes: Cause[] = [
    {
      size: delta,
      lead: true,
      text: say(
        w,
        `digest.cause.growth.${ahead ? 'ahead' : 'behind'}${signedPct(mineGrowth) === signedPct(average) ? '.close' : ''}`,
        { growth: signedPct(mineGrowth, localeOfWriter(w)), average: signedPct(average, localeOfWriter(w)) },
      ),
      events: [mine],
    },
  ];
  const ai = 300 * (t.ai - mean((e) => terms(e).ai));
  causes.push({ size: ai, text: say(w, `digest.cause.economyAi.${dir(ai)}`, f), events: [] });
  const trade = 300 * (t.trade - mean((e) => terms(e).trade));
  causes.push({ size: trade, text: say(w, `digest.cause.economyTrade.${dir(trade)}`, f), events: [] });
  const curbs = 300 * (t.curbs - mean((e) => terms(e).curbs));
  causes.push({ size: curbs, text: say(w, `digest.cause.economyCurbs.${dir(curbs)}`), events: [] });
  return causes;
}

/**
 * Objectives: which of my objectives were gained or lost to move the points by `delta` (the fewest
 * changes that add up). At the end of the game the achieved ones are named by ObjectiveAchieved.
 */
export function objectiveCauses(w: DigestWriter, all: GameEvent[], delta: number): Cause[] {
  const me = w.me!;
  if (Math.abs(delta) < 0.05) return [];
  const achieved = all.filter(isEvent('ObjectiveAchieved')).filter((e) => e.params.nation === me);
  const ended = all.some((e) => e.type === 'GameEnded');
  const byId = new Map(w.scenario.objectives.map((o) => [o.id, o]));
  const publicIds = w.scenario.nations.find((x) => x.id === me)?.publicObjectives ?? [];
  const secretIds = achieved.filter((e) => e.params.secret).map((e) => e.params.objective);
  const candidates = [...publicIds, ...secretIds].filter((id) => byId.has(id));
  const isAchieved = (id: string) => achieved.some((e) => e.params.objective === id);
  // Each objective: gained (+1), lost (-1) or unchanged (0); at the end only what fits the outcome.
  const options = (id: string): number[] => {
    if (secretIds.includes(id)) return [1];
    if (!ended) return [0, 1, -1];
    return isAchieved(id) ? [0, 1] : [0, -1];
  };
  let best: number[] | null = null;
  const walk = (i: number, pick: number[], sum: number) => {
    if (i === candidates.length) {
      const changes = pick.filter((x) => x !== 0).length;
      if (Math.abs(sum - delta) < 1e-6 && (!best || changes < best.filter((x) => x !== 0).length))
        best = pick;
      return;
    }
    for (const o of options(candidates[i]!))
      walk(i + 1, [...pick, o], sum + o * (byId.get(candidates[i]!)?.points ?? 0));
  };
  walk(0, [], 0);
  const chosen: number[] | null = best;
  if (!chosen)
    return [
      {
        size: delta,
        text: say(w, 'digest.cause.objectives', { points: num(delta, localeOfWriter(w)) }),
        events: [],
      },
    ];
  return candidates.flatMap((id, i): Cause[] => {
    const o = chosen[i]!;
    if (o === 0) return [];
    const obj = byId.get(id)!;
    const key = secretIds.includes(id) ? 'secret' : o > 0 ? 'met' : 'lost';
    return [
      {
        size: o * obj.points,
        text: say(w, `digest.cause.objective.${key}`, {
          objective: w.names.objective?.(id) ?? obj.title,
          points: String(obj.points),
        }),
        events: achieved.filter((e) => e.params.objective === id),
      },
    ];
  });
}

/**
 * The causes to print for a part that moved by `delta`: the lead cause, then those pulling the same
 * way by size, then a large one pulling the other way; at most three, none for a part that did not move.
 */
export function topCauses(causes: Cause[], delta: number): Cause[] {
  if (Math.abs(delta) < 0.05) return [];
  const ok = causes.filter((c) => c.text !== null);
  const lead = ok.filter((c) => c.lead);
  const rest = ok.filter((c) => !c.lead);
  const same = rest
    .filter((c) => Math.sign(c.size) === Math.sign(delta))
    .sort((a, b) => Math.abs(b.size) - Math.abs(a.size));
  const against = rest
    .filter((c) => Math.sign(c.size) !== Math.sign(delta) && Math.abs(c.size) >= 0.3)
    .sort((a, b) => Math.abs(b.size) - Math.abs(a.size));
  const strong = same.filter((c) => Math.abs(c.size) >= 0.05);
  return [...lead, ...(strong.length > 0 ? strong : same.slice(0, 1)), ...against].slice(0, 2);
}
