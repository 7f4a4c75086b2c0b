import { nationList } from './context.ts';
import { evaluateObjective } from './evaluateObjective.ts';
import type { GameState, NationId } from './types.ts';

/** An objective's standing on the scoreboard. */
export interface ObjectiveRow {
  id: string;
  title: string;
  secret: boolean;
  points: number;
  achieved: boolean;
  progress: number;
}

/** One nation's line on the scoreboard. */
export interface ScoreRow {
  nation: NationId;
  rank: number;
  score: number;
  /** Points from each part of the final ranking. */
  parts: { softPower: number; sovereignty: number; economy: number; objectives: number };
  softPower: number;
  sovereignty: number;
  economy: number;
  trust: number;
  capability: number;
  compute: number;
  objectives: ObjectiveRow[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** One decimal, never minus zero (which JSON would turn into zero). */
const round1 = (x: number) => Math.round(x * 10) / 10 || 0;

/**
 * The ranking. Score = soft-power points (10 per doubling since the start, -20..30) + sovereignty
 * points (40 x its change + 10 x its level) + economy points (300 x the nation's log growth minus the
 * mean log growth of all nations, -30..30: growing faster than the others is what counts) + objective
 * points. Secret objectives count (and are listed) only when `revealSecrets` is true, which is the
 * default once the game has ended.
 */
export function scoreboard(state: GameState, options: { revealSecrets?: boolean } = {}): ScoreRow[] {
  const reveal = options.revealSecrets ?? state.status === 'ended';
  const start = state.history[0];
  const objectives = new Map(state.scenario.objectives.map((o) => [o.id, o]));
  const economyGrowth = (id: NationId) =>
    Math.log((state.nations[id]?.economy ?? 100) / (start?.nations[id]?.economy ?? 100));
  const all = nationList(state);
  const meanGrowth = all.reduce((s, n) => s + economyGrowth(n.id), 0) / Math.max(1, all.length);
  const rows = all.map((n): ScoreRow => {
    const s0 = start?.nations[n.id];
    const sp0 = Math.max(s0?.softPower ?? n.softPower, 0.01);
    const softPower = clamp(10 * Math.log2(Math.max(n.softPower, 0.001) / sp0), -20, 30);
    const sovereignty =
      state.scenario.rules.sovereigntyChangePoints * (n.sovereignty - (s0?.sovereignty ?? n.sovereignty)) +
      10 * n.sovereignty;
    const economy = clamp(300 * (economyGrowth(n.id) - meanGrowth), -30, 30);
    const ids: [string, boolean][] = n.publicObjectives.map((id) => [id, false]);
    if (reveal && n.secretObjective) ids.push([n.secretObjective, true]);
    const objRows = ids.flatMap(([id, secret]) => {
      const o = objectives.get(id);
      if (!o) return [];
      const st = evaluateObjective(state, n.id, o.test);
      return [{ id, title: o.title, secret, points: o.points, achieved: st.achieved, progress: st.progress }];
    });
    const objectivePts = objRows.reduce((s, o) => s + (o.achieved ? o.points : 0), 0);
    const parts = {
      softPower: round1(softPower),
      sovereignty: round1(sovereignty),
      economy: round1(economy),
      objectives: objectivePts,
    };
    return {
      nation: n.id,
      rank: 0,
      score: round1(parts.softPower + parts.sovereignty + parts.economy + parts.objectives),
      parts,
      softPower: n.softPower,
      sovereignty: n.sovereignty,
      economy: n.economy,
      trust: n.trust,
      capability: n.capability,
      compute: n.compute,
      objectives: objRows,
    };
  });
  rows.sort((a, b) => b.score - a.score || b.softPower - a.softPower || a.nation.localeCompare(b.nation));
  rows.forEach((r, i) => {
    r.rank = i + 1;
  });
  return rows;
}
