import { nationList } from './context.ts';
import { homeShare } from './deriveScores.ts';
import { leader } from './marketAdoption.ts';
import { marketInfo } from './marketInfo.ts';
import type { ObjectiveTest } from './scenarioSchema.ts';
import type { GameState, NationId } from './types.ts';

/** Whether a nation meets an objective's test now, its current value and progress toward it (0..1). */
export interface ObjectiveStatus {
  achieved: boolean;
  value: number;
  progress: number;
}

function rank(state: GameState, nation: NationId, key: 'softPower' | 'capability'): number {
  const sorted = nationList(state).sort((a, b) => b[key] - a[key] || a.id.localeCompare(b.id));
  return sorted.findIndex((n) => n.id === nation) + 1;
}

const ratio = (value: number, target: number) => Math.max(0, Math.min(1, target > 0 ? value / target : 1));

/** Evaluates one objective test for one nation against the state. */
export function evaluateObjective(state: GameState, nation: NationId, test: ObjectiveTest): ObjectiveStatus {
  const n = state.nations[nation]!;
  const start = state.history[0]?.nations[nation];
  switch (test.kind) {
    case 'softPowerRank':
    case 'capabilityRank': {
      const r = rank(state, nation, test.kind === 'softPowerRank' ? 'softPower' : 'capability');
      return { achieved: r <= test.atMost, value: r, progress: r <= test.atMost ? 1 : test.atMost / r };
    }
    case 'regionShare': {
      // Weight and weighted share summed in market order (one pass, no intermediate arrays).
      let w = 0;
      let shares = 0;
      for (const i of marketInfo(state.scenario)) {
        if (i.spec.region !== test.region || i.owner === nation) continue;
        w += i.weight;
        shares += (state.adoption[i.spec.id]?.[nation] ?? 0) * i.weight;
      }
      const v = w > 0 ? shares / w : 0;
      return { achieved: v >= test.atLeast, value: v, progress: ratio(v, test.atLeast) };
    }
    case 'marketsLed': {
      let v = 0;
      for (const i of marketInfo(state.scenario))
        if (i.owner !== nation && leader(state.adoption[i.spec.id]) === nation) v++;
      return { achieved: v >= test.atLeast, value: v, progress: ratio(v, test.atLeast) };
    }
    case 'trustAtLeast':
      return { achieved: n.trust >= test.value, value: n.trust, progress: ratio(n.trust, test.value) };
    case 'sovereigntyAtLeast':
      return {
        achieved: n.sovereignty >= test.value,
        value: n.sovereignty,
        progress: ratio(n.sovereignty, test.value),
      };
    case 'computeGrowth': {
      const v = start && start.compute > 0 ? n.compute / start.compute : 1;
      return { achieved: v >= test.factor, value: v, progress: ratio(v, test.factor) };
    }
    case 'economyGrowth': {
      const v = n.economy / (start?.economy ?? 100);
      return { achieved: v >= test.factor, value: v, progress: ratio(v, test.factor) };
    }
    case 'treatiesAtLeast': {
      const v = state.treaties.filter((t) => t.parties.includes(nation)).length;
      return { achieved: v >= test.count, value: v, progress: ratio(v, test.count) };
    }
    case 'homeShare': {
      const v = homeShare(state, nation);
      return { achieved: v >= test.atLeast, value: v, progress: ratio(v, test.atLeast) };
    }
    case 'noIncidents':
      return { achieved: n.incidents === 0, value: n.incidents, progress: n.incidents === 0 ? 1 : 0 };
  }
}

/**
 * How much of an objective a nation has earned (0..1): 1 when achieved; otherwise the share of the
 * way from where it stood at the start (`start`, the scenario's starting position) to the target
 * that it has travelled, never below 0. An objective achieved at the start and lost since earns its
 * current progress.
 */
export function gradeObjective(
  state: GameState,
  start: GameState,
  nation: NationId,
  test: ObjectiveTest,
): number {
  const now = evaluateObjective(state, nation, test);
  if (now.achieved) return 1;
  const then = evaluateObjective(start, nation, test);
  if (then.progress >= 1) return now.progress;
  return Math.max(0, Math.min(1, (now.progress - then.progress) / (1 - then.progress)));
}
