/**
 * CI-sized runs of the experiments of shared/sim/experiments.ts: a few paired games, and the checks
 * a test names must hold (direction, minimum size, and two standard errors from zero).
 */
import { expect } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { type Experiment, type ExperimentResult, runExperiment } from '../../shared/sim/experiment.ts';

/** Runs `exp` on `games` paired games and asserts that the checks on `metrics` hold. */
export function expectChecks(exp: Experiment, games: number, metrics: string[], seed = 7): ExperimentResult {
  const result = runExperiment(exp, readScenario(exp.scenario), games, seed);
  for (const id of metrics) {
    const checks = result.checks.filter((c) => c.metric === id);
    expect(checks.length, `experiment ${exp.id} has a check on ${id}`).toBeGreaterThan(0);
    for (const c of checks) {
      const m = result.metrics.find((x) => x.id === id)!;
      expect(
        c.holds,
        `${exp.id}: ${m.label} ${c.expect} ${c.min}: got ${c.value.toFixed(3)} (s.e. ${m.se.toFixed(3)})`,
      ).toBe(true);
    }
  }
  return result;
}
