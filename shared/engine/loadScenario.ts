import { type Problem, problemsFromZod, type Result } from './result.ts';
import { type Scenario, ScenarioSchema } from './scenarioSchema.ts';

/**
 * Validates a scenario (parsed JSON) and checks every cross-reference: unique ids, home countries
 * that exist and belong to one nation only, objectives and sources that exist, dispositions toward
 * known nations. Returns the scenario, or every problem found with its path.
 */
export function loadScenario(json: unknown): Result<Scenario> {
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
  const scenario = parsed.data;
  const errors = crossCheck(scenario);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: Object.freeze(scenario) };
}

function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return dup;
}

function crossCheck(s: Scenario): Problem[] {
  const errors: Problem[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  const nationIds = new Set(s.nations.map((n) => n.id));
  const marketIds = new Set(s.markets.map((m) => m.id));
  const objectiveIds = new Set(s.objectives.map((o) => o.id));
  const sourceIds = new Set(s.sources.map((x) => x.id));
  const regions = new Set(s.markets.map((m) => m.region));

  for (const [list, name] of [
    [s.nations.map((n) => n.id), 'nations'],
    [s.markets.map((m) => m.id), 'markets'],
    [s.objectives.map((o) => o.id), 'objectives'],
    [s.events.map((e) => e.id), 'events'],
    [s.sources.map((x) => x.id), 'sources'],
  ] as const) {
    for (const d of duplicates([...list])) add(name, `duplicate id '${d}'`);
  }

  const owner = new Map<string, string>();
  s.nations.forEach((n, i) => {
    n.members.forEach((m, j) => {
      if (!marketIds.has(m)) add(`nations.${i}.members.${j}`, `unknown country '${m}' (not in markets)`);
      const prev = owner.get(m);
      if (prev) add(`nations.${i}.members.${j}`, `'${m}' already belongs to ${prev}`);
      owner.set(m, n.id);
    });
    n.publicObjectives.forEach((o, j) => {
      if (!objectiveIds.has(o)) add(`nations.${i}.publicObjectives.${j}`, `unknown objective '${o}'`);
    });
    n.secretObjectives.forEach((o, j) => {
      if (!objectiveIds.has(o)) add(`nations.${i}.secretObjectives.${j}`, `unknown objective '${o}'`);
    });
    n.facts.forEach((f, j) => {
      if (!sourceIds.has(f.source)) add(`nations.${i}.facts.${j}.source`, `unknown source '${f.source}'`);
    });
    if (n.defaultAllocation) {
      const sum = Object.values(n.defaultAllocation).reduce((a, b) => a + b, 0);
      if (sum > 1 + 1e-9)
        add(`nations.${i}.defaultAllocation`, `shares sum to ${sum.toFixed(3)}, more than 1`);
    }
  });

  s.markets.forEach((m, i) => {
    for (const key of Object.keys(m.disposition)) {
      if (!nationIds.has(key)) add(`markets.${i}.disposition.${key}`, `unknown nation '${key}'`);
    }
    for (const n of nationIds) {
      if (!(n in m.disposition)) add(`markets.${i}.disposition`, `missing disposition toward '${n}'`);
    }
    m.facts.forEach((f, j) => {
      if (!sourceIds.has(f.source)) add(`markets.${i}.facts.${j}.source`, `unknown source '${f.source}'`);
    });
  });

  s.objectives.forEach((o, i) => {
    if (o.test.kind === 'regionShare' && !regions.has(o.test.region)) {
      add(`objectives.${i}.test.region`, `unknown region '${o.test.region}'`);
    }
  });

  s.events.forEach((card, i) => {
    card.effects.forEach((effect, j) => {
      effect.nations.forEach((sel, k) => {
        if (!sel.startsWith('@') && sel !== '*' && !nationIds.has(sel)) {
          add(`events.${i}.effects.${j}.nations.${k}`, `unknown nation '${sel}'`);
        }
      });
      if (effect.type === 'AdoptionShift' && effect.region !== '*' && !regions.has(effect.region)) {
        add(`events.${i}.effects.${j}.region`, `unknown region '${effect.region}'`);
      }
    });
  });
  return errors;
}
