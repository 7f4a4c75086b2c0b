/**
 * What a run of simulated games says: win rates and score distributions per nation and per
 * archetype, the average trajectory of the main quantities, the policies most associated with
 * winning, and the what-if comparison with its confidence intervals. Pure; records must come
 * sorted by game index so that the result does not depend on which thread played what.
 */
import { ARCHETYPES } from '../bots/botTypes.ts';
import { type NationId, RELEASE_POLICIES } from '../engine/types.ts';
import type { GameRecord } from './playGame.ts';
import { seatLabel } from './seats.ts';

/** Quantities averaged per round in the trajectory. */
export const TRAJECTORY_KEYS = ['softPower', 'compute', 'capability', 'trust', 'sovereignty'] as const;
export type TrajectoryKey = (typeof TRAJECTORY_KEYS)[number];

export interface Distribution {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface WinStats {
  /** Seats played (per nation: games). */
  seats: number;
  wins: number;
  winRate: number;
  score: Distribution;
}

export interface PolicyLink {
  /** What the seats share: their archetype, difficulty, or release policy at the end of the game. */
  kind: 'archetype' | 'difficulty' | 'release';
  value: string;
  seats: number;
  winRate: number;
  /** Win rate minus the overall win rate of a seat (1 / nations when every game has one winner). */
  difference: number;
}

export interface Summary {
  games: number;
  /** Win rate of a seat over all seats (one winner per game). */
  overallWinRate: number;
  nations: Record<NationId, WinStats>;
  archetypes: Record<string, WinStats>;
  /** Average of each quantity per round (entry 0 = the start), per nation. */
  trajectory: Record<NationId, ({ round: number } & Record<TrajectoryKey, number>)[]>;
  /** Archetypes, difficulties and final release policies, most associated with winning first. */
  winningPolicies: PolicyLink[];
}

const round = (x: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Quantile of sorted values by linear interpolation (R type 7). */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return {
    mean: round(mean, 1),
    p10: round(quantile(sorted, 0.1), 1),
    p50: round(quantile(sorted, 0.5), 1),
    p90: round(quantile(sorted, 0.9), 1),
  };
}

class Tally {
  private readonly groups = new Map<string, { wins: number; scores: number[] }>();
  add(key: string, won: boolean, score: number) {
    let g = this.groups.get(key);
    if (!g) {
      g = { wins: 0, scores: [] };
      this.groups.set(key, g);
    }
    if (won) g.wins++;
    g.scores.push(score);
  }
  stats(order?: readonly string[]): Record<string, WinStats> {
    const keys = [...this.groups.keys()];
    if (order) keys.sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
    const out: Record<string, WinStats> = {};
    for (const k of keys) {
      const g = this.groups.get(k)!;
      out[k] = {
        seats: g.scores.length,
        wins: g.wins,
        winRate: round(g.wins / g.scores.length),
        score: distribution(g.scores),
      };
    }
    return out;
  }
}

const rank = (order: readonly string[], key: string) => {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
};

/** The summary of a run. */
export function summarise(records: GameRecord[]): Summary {
  const nations = new Tally();
  const archetypes = new Tally();
  const difficulties = new Tally();
  const releases = new Tally();
  const sums: Record<NationId, { n: number; sums: Record<TrajectoryKey, number> }[]> = {};
  let seats = 0;
  let wins = 0;
  const nationOrder: string[] = [];
  for (const r of records) {
    for (const row of r.ranking) {
      const won = row.rank === 1;
      const seat = r.seats[row.nation];
      if (!nationOrder.includes(row.nation)) nationOrder.push(row.nation);
      nations.add(row.nation, won, row.score);
      if (seat) {
        archetypes.add(seat.archetype, won, row.score);
        difficulties.add(seat.difficulty, won, row.score);
      }
      const release = r.release[row.nation];
      if (release) releases.add(release, won, row.score);
      seats++;
      if (won) wins++;
    }
    for (const entry of r.history) {
      for (const [id, q] of Object.entries(entry.nations)) {
        const perRound = sums[id] ?? [];
        sums[id] = perRound;
        let cell = perRound[entry.round];
        if (!cell) {
          cell = { n: 0, sums: { softPower: 0, compute: 0, capability: 0, trust: 0, sovereignty: 0 } };
          perRound[entry.round] = cell;
        }
        cell.n++;
        for (const k of TRAJECTORY_KEYS) cell.sums[k] += q[k];
      }
    }
  }
  // Nations in scenario order (the order of the history entries), not ranking order.
  const scenarioOrder = Object.keys(records[0]?.history[0]?.nations ?? {});
  const overallWinRate = seats === 0 ? 0 : wins / seats;
  const trajectory: Summary['trajectory'] = {};
  for (const id of scenarioOrder.length > 0 ? scenarioOrder : Object.keys(sums)) {
    trajectory[id] = (sums[id] ?? []).flatMap((cell, r) => {
      if (!cell) return [];
      const avg = {} as Record<TrajectoryKey, number>;
      for (const k of TRAJECTORY_KEYS) avg[k] = round(cell.sums[k] / cell.n);
      return [{ round: r, ...avg }];
    });
  }
  const winningPolicies: PolicyLink[] = [];
  const link = (kind: PolicyLink['kind'], stats: Record<string, WinStats>) => {
    for (const [value, s] of Object.entries(stats))
      winningPolicies.push({
        kind,
        value,
        seats: s.seats,
        winRate: s.winRate,
        difference: round(s.wins / s.seats - overallWinRate),
      });
  };
  const archetypeStats = archetypes.stats(ARCHETYPES);
  link('archetype', archetypeStats);
  const difficultyStats = difficulties.stats(['easy', 'normal', 'hard']);
  if (Object.keys(difficultyStats).length > 1) link('difficulty', difficultyStats);
  link('release', releases.stats(RELEASE_POLICIES));
  winningPolicies.sort((a, b) => b.difference - a.difference || a.kind.localeCompare(b.kind));
  return {
    games: records.length,
    overallWinRate: round(overallWinRate),
    nations: nations.stats(scenarioOrder.length > 0 ? scenarioOrder : nationOrder),
    archetypes: archetypeStats,
    trajectory,
    winningPolicies,
  };
}

/** A paired difference (what-if minus baseline) with its 95% confidence interval. */
export interface PairedDifference {
  mean: number;
  /** Normal approximation: mean ± 1.96 standard errors of the paired differences; null under 2 games. */
  ci95: [number, number] | null;
}

export interface WhatIfReport {
  nation: NationId;
  /** The seat put in place of the baseline's, e.g. 'hawk' or 'hawk:hard'. */
  seat: string;
  games: number;
  /** Games in which the baseline already seated the same bot at this nation (difference 0). */
  unchanged: number;
  baseline: { winRate: number; meanScore: number };
  whatif: { winRate: number; meanScore: number };
  difference: { winRate: PairedDifference; score: PairedDifference };
}

export function pairedDifference(diffs: number[], digits = 3): PairedDifference {
  const n = diffs.length;
  const mean = diffs.reduce((s, d) => s + d, 0) / Math.max(1, n);
  if (n < 2) return { mean: round(mean, digits), ci95: null };
  const variance = diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1);
  const half = 1.96 * Math.sqrt(variance / n);
  return { mean: round(mean, digits), ci95: [round(mean - half, digits), round(mean + half, digits)] };
}

/** Compares one nation's results between paired games (same seed, one seat changed). */
export function compareWhatIf(nation: NationId, baseline: GameRecord[], whatif: GameRecord[]): WhatIfReport {
  if (baseline.length !== whatif.length) throw new Error('what-if runs must pair every game');
  const winDiffs: number[] = [];
  const scoreDiffs: number[] = [];
  let baseWins = 0;
  let ifWins = 0;
  let baseScore = 0;
  let ifScore = 0;
  let unchanged = 0;
  let seat = '';
  baseline.forEach((b, i) => {
    const w = whatif[i]!;
    if (b.seed !== w.seed) throw new Error(`what-if game ${i} was played with another seed`);
    const rb = b.ranking.find((r) => r.nation === nation);
    const rw = w.ranking.find((r) => r.nation === nation);
    if (!rb || !rw) throw new Error(`nation ${nation} missing from game ${i}`);
    const sb = b.seats[nation];
    const sw = w.seats[nation];
    if (sw) seat = seatLabel(sw);
    if (sb && sw && sb.archetype === sw.archetype && sb.difficulty === sw.difficulty) unchanged++;
    const wb = rb.rank === 1 ? 1 : 0;
    const ww = rw.rank === 1 ? 1 : 0;
    baseWins += wb;
    ifWins += ww;
    baseScore += rb.score;
    ifScore += rw.score;
    winDiffs.push(ww - wb);
    scoreDiffs.push(rw.score - rb.score);
  });
  const n = Math.max(1, baseline.length);
  return {
    nation,
    seat,
    games: baseline.length,
    unchanged,
    baseline: { winRate: round(baseWins / n), meanScore: round(baseScore / n, 1) },
    whatif: { winRate: round(ifWins / n), meanScore: round(ifScore / n, 1) },
    difference: { winRate: pairedDifference(winDiffs), score: pairedDifference(scoreDiffs, 1) },
  };
}
