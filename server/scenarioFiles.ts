import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, type Scenario } from '../shared/engine/index.ts';

/** Where the built scenario files live. */
export const SCENARIO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'scenarios');

/** Ids of the scenarios on disk. */
export function listScenarioIds(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Reads and validates a scenario by id; throws with every validation problem listed. */
export function readScenario(id: string): Scenario {
  if (!/^[A-Za-z0-9_-]+$/.test(id) || !listScenarioIds().includes(id)) {
    throw new Error(`unknown scenario '${id}' (available: ${listScenarioIds().join(', ')})`);
  }
  const result = loadScenario(JSON.parse(readFileSync(join(SCENARIO_DIR, `${id}.json`), 'utf8')));
  if (!result.ok) {
    throw new Error(
      `scenario '${id}' is invalid:\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
    );
  }
  return result.value;
}
