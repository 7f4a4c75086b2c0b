/**
 * Checks a scenario file with the same schema and cross-checks the server uses to load scenarios
 * (loadScenario: ScenarioSchema plus unknown ids, duplicates, references):
 *
 *   npm run scenario:check -- file.json
 *
 * Prints every problem as "path: message" and exits with 1, or says it is valid.
 */
import { readFileSync, statSync } from 'node:fs';
import { loadScenario } from '../shared/engine/index.ts';
import { MAX_SCENARIO_BYTES } from '../shared/protocol/schemas.ts';

const path = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!path) {
  console.error('usage: npm run scenario:check -- <scenario.json>');
  process.exit(2);
}
try {
  const size = statSync(path).size;
  if (size > MAX_SCENARIO_BYTES) {
    console.log(`${path}: (file): ${size} bytes, more than a scenario may hold (${MAX_SCENARIO_BYTES})`);
    process.exit(1);
  }
  const result = loadScenario(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.ok) {
    for (const e of result.errors) console.log(`${path}: ${e.path || '(scenario)'}: ${e.message}`);
    process.exit(1);
  }
  const s = result.value;
  console.log(
    `${path}: valid scenario '${s.id}' (${s.nations.length} nations, ${s.markets.length} markets, ${s.events.length} cards, ${s.defaultRounds} rounds)`,
  );
} catch (e) {
  console.log(`${path}: (file): ${(e as Error).message}`);
  process.exit(1);
}
