/**
 * The experiment harness (shared/sim/experiment.ts): paired games are the same games, an
 * intervention that changes nothing changes no figure, and a run is deterministic.
 */
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { emptyOrders } from '../../shared/engine/index.ts';
import { type Experiment, runExperiment } from '../../shared/sim/experiment.ts';
import { shiftBudget, tierShare, withControls } from '../../shared/sim/experiments.ts';

const scenario = readScenario('three-powers');

const noop: Experiment = {
  id: 'noop',
  claim: 0,
  title: 'an intervention that changes nothing',
  scenario: 'three-powers',
  treated: (_s, _n, o) => o,
  metrics: [
    { id: 'usCap', label: 'US capability', of: (g) => g.states.at(-1)!.nations.US!.capability },
    { id: 'usT2', label: 'US tier-2 share', of: (g) => tierShare(g.states.at(-1)!, ['US'], [2]) },
  ],
  checks: [{ metric: 'usCap', expect: 'diffAtMost', min: 0 }],
};

describe('experiment harness', () => {
  it('pairs the same games: a no-op intervention leaves every difference at exactly 0', () => {
    const r = runExperiment(noop, scenario, 4, 3);
    expect(r.games).toBe(4);
    for (const m of r.metrics) {
      expect(m.diff).toBe(0);
      expect(m.treated).toBe(m.base);
    }
    expect(r.checks[0]!.holds).toBe(true);
  });

  it('is deterministic: the same seed gives the same figures', () => {
    const a = runExperiment(noop, scenario, 3, 9);
    const b = runExperiment(noop, scenario, 3, 9);
    expect(a).toEqual(b);
    const c = runExperiment(noop, scenario, 3, 10);
    expect(c.metrics[0]!.base).not.toBe(a.metrics[0]!.base);
  });

  it('withControls replaces the bot’s controls on the targets; shiftBudget keeps the total within the budget', () => {
    const o = emptyOrders();
    o.exportControls = [
      { target: 'CN', chips: 'open' },
      { target: 'EU', models: 'licensed' },
    ];
    withControls(o, ['CN'], { chips: 'embargo' });
    expect(o.exportControls).toEqual([
      { target: 'EU', models: 'licensed' },
      { target: 'CN', chips: 'embargo' },
    ]);
    o.budget = { compute: 40, training: 30, chips: 10, talent: 10, safety: 5, aid: 5 };
    shiftBudget(o, 100, 'chips', 0.25);
    const total = Object.values(o.budget).reduce((s, x) => s + x, 0);
    expect(total).toBeLessThanOrEqual(100);
    expect(o.budget.chips).toBeGreaterThanOrEqual(34);
  });
});
