/**
 * Paired-seed experiments on the model: the same games (seed, seats, bots) played twice, once as the
 * bots play them (the base arm) and once with an intervention that changes some nations' orders
 * every round (the treated arm). The difference of a metric between the two arms of each game,
 * averaged over games, measures what the intervention does, with the noise of the deck, the seats
 * and the incidents cancelled out by the pairing. Pure and deterministic.
 */
import type { BotSeat } from '../bots/botTypes.ts';
import { botOrders } from '../bots/index.ts';
import { createGame } from '../engine/createGame.ts';
import type { Orders } from '../engine/ordersSchema.ts';
import { resolveRound } from '../engine/resolveRound.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import { type ScoreRow, scoreboard } from '../engine/scoreboard.ts';
import type { GameState, NationId } from '../engine/types.ts';
import { nationViews } from '../engine/viewFor.ts';
import { assignSeats, type BotAssignment, gameSeed } from './seats.ts';

/** Changes one nation's (already parsed) orders for a round; returns them (it may change them in place). */
export type Intervention = (state: GameState, nation: NationId, orders: Orders) => Orders;

/** One game as a metric reads it: every state from the start to the end, and the final ranking. */
export interface PlayedStates {
  states: GameState[];
  ranking: ScoreRow[];
  seats: Record<NationId, BotSeat>;
}

/** A statistic over all games of an arm at once (e.g. a variance split): rows per game, then one number. */
export interface Pooled {
  id: string;
  label: string;
  rows: (game: PlayedStates) => number[][];
  reduce: (rows: number[][]) => number;
}

export interface Metric {
  id: string;
  /** What it measures, as a reader of docs/MODEL.md reads it. */
  label: string;
  of: (game: PlayedStates) => number;
}

/** A claim's check: the paired difference (or, without a treated arm, the base value) of a metric. */
export interface Check {
  metric: string;
  /**
   * 'up': the difference is at least `min` and two standard errors above 0; 'down': at most −`min`
   * and two standard errors below 0; 'diffAtLeast' / 'diffAtMost': the difference, with no test of
   * its sign (a bound on a cost); 'atLeast' / 'atMost': the base arm's value.
   */
  expect: 'up' | 'down' | 'diffAtLeast' | 'diffAtMost' | 'atLeast' | 'atMost';
  min: number;
}

export interface Experiment {
  id: string;
  /** The claim of issue 14 / GAME.md it tests (1..6). */
  claim: number;
  title: string;
  scenario: string;
  /** Seats (as `--bots`): default a seeded mix of normal bots. */
  bots?: BotAssignment;
  base?: Intervention;
  /** Without a treated arm the experiment reports the base arm's levels. */
  treated?: Intervention;
  metrics: Metric[];
  /** Statistics over all games of an arm (reported for each arm; a check reads the base arm). */
  pooled?: Pooled[];
  checks: Check[];
}

export interface MetricResult {
  id: string;
  label: string;
  base: number;
  treated: number | null;
  /** Mean paired difference (treated − base), and its standard error; null without a treated arm. */
  diff: number | null;
  se: number;
}

export interface CheckResult extends Check {
  value: number;
  /** The value is on the right side of `min`, and (for a difference) two standard errors from 0. */
  holds: boolean;
}

export interface ExperimentResult {
  id: string;
  claim: number;
  title: string;
  games: number;
  metrics: MetricResult[];
  checks: CheckResult[];
}

/** Plays one game with bots, each nation's orders passed through `intervene` when given. */
export function playWith(
  scenario: Scenario,
  seed: number,
  seats: Record<NationId, BotSeat>,
  intervene?: Intervention,
): PlayedStates {
  let state = createGame(scenario, { seed });
  const states = [state];
  while (state.status === 'running') {
    const views = nationViews(state);
    const orders: Record<NationId, Orders> = {};
    for (const id of Object.keys(state.nations)) {
      const o = botOrders(state, id, seats[id]!, seed, views[id]).orders;
      orders[id] = intervene ? intervene(state, id, o) : o;
    }
    state = resolveRound(state, orders).state;
    states.push(state);
  }
  return { states, ranking: scoreboard(state), seats };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

function stderr(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  return Math.sqrt(v / xs.length);
}

/** Runs an experiment on `games` paired games from `seed` (game i uses the simulator's gameSeed). */
export function runExperiment(
  exp: Experiment,
  scenario: Scenario,
  games: number,
  seed = 1,
  onGame: () => void = () => {},
): ExperimentResult {
  const base: number[][] = exp.metrics.map(() => []);
  const treated: number[][] = exp.metrics.map(() => []);
  const pooled = exp.pooled ?? [];
  const poolBase: number[][][] = pooled.map(() => []);
  const poolTreated: number[][][] = pooled.map(() => []);
  for (let i = 0; i < games; i++) {
    const s = gameSeed(seed, i);
    const seats = assignSeats(scenario, s, exp.bots ?? {});
    const a = playWith(scenario, s, seats, exp.base);
    exp.metrics.forEach((m, k) => {
      base[k]!.push(m.of(a));
    });
    pooled.forEach((p, k) => {
      poolBase[k]!.push(...p.rows(a));
    });
    if (exp.treated) {
      const b = playWith(scenario, s, seats, exp.treated);
      exp.metrics.forEach((m, k) => {
        treated[k]!.push(m.of(b));
      });
      pooled.forEach((p, k) => {
        poolTreated[k]!.push(...p.rows(b));
      });
    }
    onGame();
  }
  const metrics = exp.metrics.map((m, k): MetricResult => {
    const b = base[k]!;
    const t = treated[k]!;
    const diffs = t.map((x, i) => x - b[i]!);
    return {
      id: m.id,
      label: m.label,
      base: mean(b),
      treated: exp.treated ? mean(t) : null,
      diff: exp.treated ? mean(diffs) : null,
      se: exp.treated ? stderr(diffs) : stderr(b),
    };
  });
  for (const [k, p] of pooled.entries()) {
    const b = p.reduce(poolBase[k]!);
    const t = exp.treated ? p.reduce(poolTreated[k]!) : null;
    metrics.push({ id: p.id, label: p.label, base: b, treated: t, diff: t === null ? null : t - b, se: 0 });
  }
  const checks = exp.checks.map((c): CheckResult => {
    const r = metrics.find((m) => m.id === c.metric);
    if (!r) throw new Error(`experiment ${exp.id}: no metric ${c.metric}`);
    const value = c.expect === 'atLeast' || c.expect === 'atMost' ? r.base : (r.diff ?? 0);
    const holds =
      c.expect === 'up'
        ? value >= c.min && value - 2 * r.se > 0
        : c.expect === 'down'
          ? value <= -c.min && value + 2 * r.se < 0
          : c.expect === 'atLeast' || c.expect === 'diffAtLeast'
            ? value >= c.min
            : value <= c.min;
    return { ...c, value, holds };
  });
  return { id: exp.id, claim: exp.claim, title: exp.title, games, metrics, checks };
}
