/**
 * The world's headlines of a round for one viewer: event cards (one line per card, its effects
 * aggregated over nations), treaties, policy changes, incidents, open weights and the largest
 * markets that changed hands. What concerns the viewer's own nation is left to its own lines. Pure.
 */
import { type EventOf, type GameEvent, isEvent, paramsOf } from '../engine/events.ts';
import { marketInfo } from '../engine/marketInfo.ts';
import { formatEvent } from '../i18n/formatEvent.ts';
import {
  cardTitle,
  type DigestWriter,
  joinList,
  nationName,
  nationsPhrase,
  localeOfWriter,
  num,
  say,
  shown,
  signed,
  signedPct,
} from './digestText.ts';

/** A candidate line: how much it matters, its text and the events it speaks for. */
export interface Line {
  priority: number;
  text: string | null;
  events: GameEvent[];
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
/** Quantities kept on a 0..100 scale, whose changes read best as points. */
const POINTS = new Set(['trust', 'capability', 'safety', 'sovereignModel', 'talent']);

/** One clause per effect of a card ("trust −2.0 for 6 nations"), or null if it changed nothing. */
function effectClause(w: DigestWriter, es: GameEvent[]): string | null {
  const first = es[0]!;
  const p = paramsOf(first);
  const f = shown(w, first);
  if (first.type === 'SafetyIncident') {
    return say(w, 'digest.card.incident', {
      nations: nationsPhrase(
        w,
        es.map((e) => String(paramsOf(e).nation)),
      ),
    });
  }
  const nations = [...new Set(es.flatMap((e) => list(paramsOf(e).nations)))];
  if (nations.length === 0) return null;
  const who = nationsPhrase(w, nations);
  switch (p.effect) {
    case 'AdjustQuantity': {
      const moved = es.filter((e) => num(n(paramsOf(e).from)) !== num(n(paramsOf(e).to)));
      if (moved.length === 0) return null;
      const q = String(p.quantity);
      const points = moved.map((e) => signed(n(paramsOf(e).to) - n(paramsOf(e).from), localeOfWriter(w)));
      const ratios = moved.map((e) =>
        n(paramsOf(e).from) > 0
          ? signedPct(n(paramsOf(e).to) / n(paramsOf(e).from) - 1, localeOfWriter(w))
          : '',
      );
      const same = (xs: string[]) => xs[0] !== '' && xs.every((x) => x === xs[0]);
      // Points for 0..100 quantities unless only the factor is shared; a share otherwise.
      const change = POINTS.has(q)
        ? same(points)
          ? points[0]
          : same(ratios)
            ? ratios[0]
            : null
        : same(ratios)
          ? ratios[0]
          : same(points)
            ? points[0]
            : null;
      const up = n(paramsOf(first).to) > n(paramsOf(first).from);
      const target = nationsPhrase(
        w,
        moved.flatMap((e) => list(paramsOf(e).nations)),
      );
      return change
        ? say(w, 'digest.card.quantity', { quantity: f.quantity ?? q, change, nations: target })
        : say(w, `digest.card.quantity.${up ? 'up' : 'down'}`, {
            quantity: f.quantity ?? q,
            nations: target,
          });
    }
    case 'Modifier':
      return say(w, n(p.rounds) === 1 ? 'digest.card.modifier.one' : 'digest.card.modifier', {
        ...f,
        nations: who,
      });
    case 'AdjustStack':
      return say(w, 'digest.card.stack', { ...f, nations: who });
    case 'AdoptionShift':
      return say(w, `digest.card.adoption.${n(p.amount) >= 0 ? 'up' : 'down'}`, { ...f, nations: who });
    default:
      return null;
  }
}

/** One line per card that took effect: its title and what it did, nation by nation aggregated. */
function cardLines(w: DigestWriter, events: readonly GameEvent[]): Line[] {
  const groups = new Map<string, Map<string, GameEvent[]>>();
  const add = (card: string, key: string, e: GameEvent) => {
    const g = groups.get(card) ?? new Map<string, GameEvent[]>();
    groups.set(card, g);
    g.set(key, [...(g.get(key) ?? []), e]);
  };
  for (const e of events) {
    if (e.type === 'CardEffect') {
      const what = e.params.quantity ?? e.params.modifier ?? e.params.layer ?? e.params.region ?? '';
      const sign =
        e.params.effect === 'AdjustQuantity'
          ? Math.sign(n(e.params.to) - n(e.params.from))
          : Math.sign(n(e.params.amount));
      add(
        String(e.params.card),
        `${e.params.effect}|${what}|${e.params.factor ?? ''}|${e.params.rounds ?? ''}|${sign}`,
        e,
      );
    } else if (e.type === 'SafetyIncident' && String(e.params.cause).startsWith('card:')) {
      add(String(e.params.cause).slice(5), 'Incident', e);
    }
  }
  const lines: Line[] = [];
  for (const [card, byEffect] of groups) {
    const clauses = [...byEffect.values()].map((es) => effectClause(w, es)).filter((c) => c !== null);
    const es = [...byEffect.values()].flat();
    const announced = events.filter(
      (e) => (e.type === 'EventCardInjected' || e.type === 'EventCardDrawn') && paramsOf(e).card === card,
    );
    if (clauses.length === 0) continue;
    lines.push({
      priority: 90,
      text: say(w, 'digest.card.line', { card: cardTitle(w, card), effects: clauses.join('; ') }),
      events: [...es, ...announced.filter((e) => e.type === 'EventCardInjected')],
    });
  }
  return lines;
}

/** "chips licensed (were open), models embargoed (were open)": only what changed. */
export function controlChanges(w: DigestWriter, e: EventOf<'ExportControlChanged'>): string | null {
  const f = shown(w, e);
  const parts: string[] = [];
  if (e.params.chips !== e.params.previousChips)
    parts.push(
      say(w, 'digest.controls.chips', { tier: f.chips ?? '', previous: f.previousChips ?? '' }) ?? '',
    );
  if (e.params.models !== e.params.previousModels)
    parts.push(
      say(w, 'digest.controls.models', { tier: f.models ?? '', previous: f.previousModels ?? '' }) ?? '',
    );
  const ok = parts.filter((x) => x.length > 0);
  return ok.length > 0 ? joinList(w, ok) : null;
}

/** The world's lines, most important first (not yet cut to size). */
export function worldLines(w: DigestWriter, events: readonly GameEvent[], used: Set<GameEvent>): Line[] {
  const me = w.me;
  const involves = (e: GameEvent) => {
    const p = paramsOf(e);
    return (
      me !== null && (p.nation === me || p.target === me || p.partner === me || list(p.parties).includes(me))
    );
  };
  const plain = (e: GameEvent) => formatEvent(e, w.messages, w.names);
  const lines: Line[] = cardLines(w, events);
  const carded = new Set(lines.flatMap((l) => l.events));
  const treaties = new Map<string, GameEvent[]>();
  const policies = new Map<string, GameEvent[]>();
  const markets: GameEvent[] = [];
  for (const e of events) {
    if (used.has(e) || carded.has(e)) continue;
    switch (e.type) {
      case 'GameEnded':
        lines.push({ priority: 100, text: plain(e), events: [e] });
        break;
      case 'EventCardInjected':
      case 'EventCardDrawn': {
        // A card the facilitator plays now is the headline; the next round's card comes lower.
        const now = e.type === 'EventCardInjected';
        const title = cardTitle(w, String(e.params.card));
        lines.push({
          priority: now ? 95 : 85,
          text: say(w, now ? 'digest.world.headline' : 'digest.world.nextCard', { title }),
          events: [e],
        });
        break;
      }
      case 'SafetyIncident':
        if (!involves(e))
          lines.push({ priority: 80, text: say(w, 'digest.world.incident', shown(w, e)), events: [e] });
        break;
      case 'TreatyBroken':
      case 'TreatyLapsed':
        if (!involves(e) && e.audience === 'all') lines.push({ priority: 70, text: plain(e), events: [e] });
        break;
      case 'TreatySigned':
        if (!involves(e))
          treaties.set(String(e.params.type), [...(treaties.get(String(e.params.type)) ?? []), e]);
        break;
      case 'PolicyChanged':
        if (involves(e)) break;
        if (e.params.policy === 'release') lines.push({ priority: 75, text: plain(e), events: [e] });
        else if (e.params.policy === 'regulation' || e.params.policy === 'visa') {
          const key = `${e.params.policy}|${e.params.to}`;
          policies.set(key, [...(policies.get(key) ?? []), e]);
        }
        break;
      case 'ExportControlChanged':
        if (!involves(e)) {
          const changes = controlChanges(w, e);
          if (changes)
            lines.push({
              priority: 72,
              text: say(w, 'digest.controls.world', { ...shown(w, e), changes }),
              events: [e],
            });
        }
        break;
      case 'SanctionChanged':
        if (!involves(e)) lines.push({ priority: 71, text: plain(e), events: [e] });
        break;
      case 'TariffChanged':
        if (!involves(e) && shown(w, e).from !== shown(w, e).to)
          lines.push({ priority: 40, text: plain(e), events: [e] });
        break;
      case 'OpenWeightsDiffused':
        lines.push({ priority: 60, text: plain(e), events: [e] });
        break;
      case 'MarketLeaderChanged':
        markets.push(e);
        break;
    }
  }
  for (const [type, es] of treaties) {
    const pairs = es.map((e) =>
      joinList(
        w,
        list(paramsOf(e).parties).map((id) => nationName(w, id)),
      ),
    );
    const text =
      es.length === 1
        ? plain(es[0]!)
        : say(w, 'digest.world.treaties', {
            type: shown(w, es[0]!).type ?? type,
            pairs: pairs.join('; '),
            count: String(es.length),
          });
    lines.push({ priority: 65, text, events: es });
  }
  for (const es of policies.values()) {
    const f = shown(w, es[0]!);
    const text =
      es.length === 1
        ? plain(es[0]!)
        : say(w, 'digest.world.policies', {
            ...f,
            nations: nationsPhrase(
              w,
              es.map((e) => String(paramsOf(e).nation)),
            ),
          });
    lines.push({ priority: 35, text, events: es });
  }
  lines.push(...marketLines(w, markets));
  lines.push(...moverLines(w, events, used));
  return lines;
}

/** The three largest score changes of other nations (half a point or more), as one line. */
function moverLines(w: DigestWriter, events: readonly GameEvent[], used: Set<GameEvent>): Line[] {
  const moves = events
    .filter(isEvent('ScoreChanged'))
    .filter((e) => !used.has(e) && e.params.nation !== w.me)
    .map((e) => ({ e, d: Math.round((e.params.to - e.params.from) * 10) / 10 }))
    .filter((m) => Math.abs(m.d) >= 0.5)
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d) || a.e.params.nation.localeCompare(b.e.params.nation))
    .slice(0, 3);
  if (moves.length === 0) return [];
  const list = moves.map((m) =>
    say(w, 'digest.world.mover', {
      nation: nationName(w, m.e.params.nation),
      change: signed(m.d, localeOfWriter(w)),
    }),
  );
  if (list.some((x) => x === null)) return [];
  return [
    {
      priority: 82,
      text: say(w, 'digest.world.movers', { list: joinList(w, list as string[]) }),
      events: moves.map((m) => m.e),
    },
  ];
}

/** The three largest markets that changed hands, then one line for the rest. */
function marketLines(w: DigestWriter, markets: GameEvent[]): Line[] {
  if (markets.length === 0) return [];
  const weight = new Map(marketInfo(w.scenario).map((i) => [i.spec.id, i.weight]));
  const sorted = [...markets].sort(
    (a, b) => (weight.get(String(paramsOf(b).market)) ?? 0) - (weight.get(String(paramsOf(a).market)) ?? 0),
  );
  const top = sorted.slice(0, 3);
  const rest = sorted.slice(3);
  const lines: Line[] = top.map((e, i) => ({
    priority: 50 - i,
    text: formatEvent(e, w.messages, w.names),
    events: [e],
  }));
  if (rest.length > 0)
    lines.push({
      priority: 45,
      text: say(w, rest.length === 1 ? 'digest.world.markets.one' : 'digest.world.markets.more', {
        count: String(rest.length),
      }),
      events: rest,
    });
  return lines;
}
