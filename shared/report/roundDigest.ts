/**
 * A round in a few lines for one viewer: the change of its score with the two or three causes behind
 * each part, its own nation's news, then the world's headlines, aggregated (a card's effect on six
 * nations is one line, small markets that changed hands one count). Every sentence comes from the
 * `digest.*` message templates; ids, source keys and lines that change nothing are never shown. The
 * full list of events stays in the News tab. Pure: no DOM, no clock.
 */
import { type GameEvent, paramsOf } from '../engine/events.ts';
import type { NationId, Scenario } from '../engine/index.ts';
import type { Messages, NameResolvers } from '../i18n/formatEvent.ts';
import { clean, type DigestWriter, titlesOf } from './digestText.ts';
import { mineLines } from './mineLines.ts';
import {
  type Cause,
  economyCauses,
  objectiveCauses,
  SCORE_PARTS,
  type ScorePart,
  softPowerCauses,
  sovereigntyCauses,
  topCauses,
} from './scoreCauses.ts';
import { type Line, worldLines } from './worldLines.ts';

export type { ScorePart } from './scoreCauses.ts';

export interface DigestPart {
  part: ScorePart;
  delta: number;
  /** At most three short sentences, the largest cause first. */
  causes: string[];
}

export interface RoundDigest {
  round: number;
  /** The viewer nation's public score change with its parts (all four, in that order), or null when `me` is null or no ScoreChanged event for me. */
  score: { from: number; to: number; delta: number; parts: DigestPart[] } | null;
  /** Lines about my own nation (what changed for it and why), most important first, at most 6. */
  mine: string[];
  /** World headlines, aggregated, most important first, at most 8. */
  world: string[];
  /** How many of the round's events this digest does not show (they are in the News tab). */
  hidden: number;
}

export const MAX_MINE = 6;
export const MAX_WORLD = 8;

const round1 = (x: number) => Math.round(x * 10) / 10;
const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * The digest of one round's events (those the viewer may see) for nation `me`, or for a spectator
 * when `me` is null (no score, no own lines).
 */
export function roundDigest(
  events: readonly GameEvent[],
  ctx: { scenario: Scenario; me: NationId | null; messages: Messages; names: NameResolvers },
): RoundDigest {
  const w: DigestWriter = { ...ctx, cardTitles: titlesOf(events, ctx.scenario, ctx.names) };
  const shownEvents = new Set<GameEvent>();
  const texts = new Set<string>();
  /** Keeps a line if it may be shown and says something new; counts its events as shown. */
  const keep = (text: string | null, es: readonly GameEvent[]): text is string => {
    if (!clean(text) || texts.has(text)) return false;
    texts.add(text);
    for (const e of es) shownEvents.add(e);
    return true;
  };

  const score = scoreOf(w, events, keep, shownEvents);
  // Own lines first, so what the world's lines would repeat about me is already counted as shown.
  const mine = cut(mineLines(w, events, shownEvents), MAX_MINE, keep);
  const world = cut(worldLines(w, events, shownEvents), MAX_WORLD, keep);
  return {
    round: events[0]?.round ?? 0,
    score,
    mine,
    world,
    hidden: events.length - events.filter((e) => shownEvents.has(e)).length,
  };
}

/** The best `max` lines that may be shown, by priority. */
function cut(
  lines: Line[],
  max: number,
  keep: (t: string | null, es: readonly GameEvent[]) => boolean,
): string[] {
  const out: string[] = [];
  for (const l of [...lines].sort((a, b) => b.priority - a.priority)) {
    if (out.length >= max) break;
    if (keep(l.text, l.events)) out.push(l.text!);
  }
  return out;
}

/** My score change and its causes, from my ScoreChanged and the round's events about me. */
function scoreOf(
  w: DigestWriter,
  events: readonly GameEvent[],
  keep: (t: string | null, es: readonly GameEvent[]) => boolean,
  shownEvents: Set<GameEvent>,
): RoundDigest['score'] {
  const me = w.me;
  if (me === null) return null;
  const change = events.find((e) => e.type === 'ScoreChanged' && paramsOf(e).nation === me);
  if (!change) return null;
  shownEvents.add(change);
  const p = paramsOf(change);
  const mine = events.filter(
    (e) => paramsOf(e).nation === me || paramsOf(e).previous === me || list(paramsOf(e).nations).includes(me),
  );
  const found: Record<ScorePart, Cause[]> = {
    softPower: softPowerCauses(w, mine, n(p.softPower)),
    sovereignty: sovereigntyCauses(w, mine, [...events], n(p.sovereignty)),
    economy: economyCauses(w, [...events], n(p.economy)),
    objectives: objectiveCauses(w, [...events], n(p.objectives)),
  };
  const parts = SCORE_PARTS.map((part): DigestPart => {
    const delta = round1(n(p[part]));
    const causes: string[] = [];
    for (const c of topCauses(found[part], delta)) if (keep(c.text, c.events)) causes.push(c.text!);
    return { part, delta, causes };
  });
  const delta = round1(parts.reduce((s, x) => s + x.delta, 0));
  return { from: n(p.from), to: n(p.to), delta, parts };
}
