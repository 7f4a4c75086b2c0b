import { nationList } from './context.ts';
import { evaluateObjective, gradeObjective } from './evaluateObjective.ts';
import { startState } from './startState.ts';
import type { GameState, NationId } from './types.ts';

/** An objective's standing on the scoreboard. */
export interface ObjectiveRow {
  id: string;
  title: string;
  secret: boolean;
  points: number;
  achieved: boolean;
  progress: number;
  /** 0..1: the share of its points earned (1 when achieved, else the way travelled from the start). */
  earned: number;
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
 * The ranking. Score = soft-power points (softPowerSharePoints x the change since the start of the
 * nation's share of all powers' soft power) + sovereignty points (its change and its level; it is a
 * stress test, deriveScores.ts) + economy points (economyPoints x the nation's log growth minus the
 * mean log growth of all nations, -30..30: growing faster than the others is what counts) + objective
 * points (graded: points x progress). Secret objectives count (and are listed) only when
 * `revealSecrets` is true, which is the default once the game has ended.
 */
export function scoreboard(state: GameState, options: { revealSecrets?: boolean } = {}): ScoreRow[] {
  const reveal = options.revealSecrets ?? state.status === 'ended';
  const start = state.history[0];
  const objectives = new Map(state.scenario.objectives.map((o) => [o.id, o]));
  const economyGrowth = (id: NationId) =>
    Math.log((state.nations[id]?.economy ?? 100) / (start?.nations[id]?.economy ?? 100));
  const all = nationList(state);
  const meanGrowth = all.reduce((s, n) => s + economyGrowth(n.id), 0) / Math.max(1, all.length);
  const rules = state.scenario.rules;
  // Objectives are graded from the scenario's start (the state itself while it is being created).
  const begin = state.history.length === 0 ? state : startState(state.scenario);
  const world = (key: 'now' | 'start') =>
    all.reduce(
      (t, n) => t + (key === 'now' ? n.softPower : (start?.nations[n.id]?.softPower ?? n.softPower)),
      0,
    );
  const worldNow = world('now');
  const worldStart = world('start');
  const rows = all.map((n): ScoreRow => {
    const s0 = start?.nations[n.id];
    // Soft power as a share of the world's (all powers' soft power), against the share at the start.
    const share = worldNow > 0 ? n.softPower / worldNow : 0;
    const share0 = worldStart > 0 ? (s0?.softPower ?? n.softPower) / worldStart : 0;
    const softPower = rules.softPowerSharePoints * (share - share0);
    const sovereignty =
      rules.sovereigntyChangePoints * (n.sovereignty - (s0?.sovereignty ?? n.sovereignty)) +
      rules.sovereigntyLevelPoints * n.sovereignty;
    const economy = clamp(rules.economyPoints * (economyGrowth(n.id) - meanGrowth), -30, 30);
    const ids: [string, boolean][] = n.publicObjectives.map((id) => [id, false]);
    if (reveal && n.secretObjective) ids.push([n.secretObjective, true]);
    const objRows = ids.flatMap(([id, secret]) => {
      const o = objectives.get(id);
      if (!o) return [];
      const st = evaluateObjective(state, n.id, o.test);
      const earned = st.achieved ? 1 : gradeObjective(state, begin, n.id, o.test);
      return [
        {
          id,
          title: o.title,
          secret,
          points: o.points,
          achieved: st.achieved,
          progress: st.progress,
          earned,
        },
      ];
    });
    // Objectives are graded: each earns its points in proportion to its progress (1 when achieved).
    const objectivePts = round1(objRows.reduce((s, o) => s + o.points * o.earned, 0));
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
