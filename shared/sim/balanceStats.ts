/**
 * What the balance check measures on a run of bot games (issue 14): win rates per nation, wins per
 * seat of each archetype at each nation, how often the leader at a middle round goes on to win and
 * how often the lead changes hands, and how much of the score the choice of strategy explains.
 * Pure; records in any order.
 */
import { ARCHETYPES } from '../bots/botTypes.ts';
import type { GameRecord } from './playGame.ts';

export interface SeatStats {
  seats: number;
  wins: number;
  rate: number;
}

export interface LeadStats {
  /** The round at which the leader is taken. */
  round: number;
  /** Share of games whose leader at `round` (by the public score) wins in the end. */
  leaderWins: number;
  /** Mean number of times the lead changes hands over the rounds and to the final ranking. */
  changes: number;
}

const rate = (s: { seats: number; wins: number }) => (s.seats > 0 ? s.wins / s.seats : 0);

/** Wins per seat of each archetype at each nation, and over all nations. */
export function archetypeSeats(
  records: GameRecord[],
): Record<string, { all: SeatStats; byNation: Record<string, SeatStats> }> {
  const out: Record<string, { all: SeatStats; byNation: Record<string, SeatStats> }> = {};
  for (const a of ARCHETYPES) out[a] = { all: { seats: 0, wins: 0, rate: 0 }, byNation: {} };
  for (const r of records) {
    const winner = r.ranking[0]?.nation;
    for (const [nation, seat] of Object.entries(r.seats)) {
      const a = out[seat.archetype]!;
      const cell = a.byNation[nation] ?? { seats: 0, wins: 0, rate: 0 };
      a.byNation[nation] = cell;
      cell.seats++;
      a.all.seats++;
      if (nation === winner) {
        cell.wins++;
        a.all.wins++;
      }
    }
  }
  for (const a of Object.values(out)) {
    a.all.rate = rate(a.all);
    for (const c of Object.values(a.byNation)) c.rate = rate(c);
  }
  return out;
}

/** The leader of a history entry by its recorded (public) score; ties by scenario order. */
function leaderAt(r: GameRecord, round: number): string | undefined {
  const entry = r.history.find((h) => h.round === round);
  if (!entry) return undefined;
  let best: string | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [id, q] of Object.entries(entry.nations)) {
    if (q.score > bestScore) {
      best = id;
      bestScore = q.score;
    }
  }
  return best;
}

/** How often the leader at `round` wins, and how often the lead changes hands per game. */
export function leadStats(records: GameRecord[], round = 5): LeadStats {
  let leaderWins = 0;
  let changes = 0;
  let counted = 0;
  for (const r of records) {
    const last = Math.max(...r.history.map((h) => h.round));
    const winner = r.ranking[0]?.nation;
    const leaders: (string | undefined)[] = [];
    for (let k = 1; k <= last; k++) leaders.push(leaderAt(r, k));
    leaders.push(winner);
    for (let k = 1; k < leaders.length; k++) if (leaders[k] !== leaders[k - 1]) changes++;
    if (leaderAt(r, Math.min(round, last)) === winner) leaderWins++;
    counted++;
  }
  return {
    round,
    leaderWins: counted > 0 ? leaderWins / counted : 0,
    changes: counted > 0 ? changes / counted : 0,
  };
}

/**
 * The share of the score variance, within each nation, that the choice of archetype explains, among
 * the seats held by `archetypes` (the between-archetype sum of squares over the total, both taken
 * around each nation's mean).
 */
export function strategyShare(records: GameRecord[], archetypes: readonly string[]): number {
  const cells = new Map<string, number[]>();
  const byNation = new Map<string, number[]>();
  for (const r of records) {
    for (const row of r.ranking) {
      const a = r.seats[row.nation]?.archetype;
      if (!a || !archetypes.includes(a)) continue;
      const key = `${row.nation}|${a}`;
      (cells.get(key) ?? cells.set(key, []).get(key)!).push(row.score);
      (byNation.get(row.nation) ?? byNation.set(row.nation, []).get(row.nation)!).push(row.score);
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  let between = 0;
  let total = 0;
  for (const [nation, scores] of byNation) {
    const m = mean(scores);
    for (const x of scores) total += (x - m) ** 2;
    for (const a of archetypes) {
      const c = cells.get(`${nation}|${a}`);
      if (c) between += c.length * (mean(c) - m) ** 2;
    }
  }
  return total > 0 ? between / total : 0;
}

/** The `count` archetypes with the most wins per seat (ties by the archetype order). */
export function bestArchetypes(records: GameRecord[], count = 3): string[] {
  const seats = archetypeSeats(records);
  return [...ARCHETYPES].sort((a, b) => seats[b]!.all.rate - seats[a]!.all.rate).slice(0, count);
}
