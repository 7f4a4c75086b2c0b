/**
 * Scenarios made in the browser's scenario editor (issue 19, part 4): uploaded as JSON, bounded in
 * size, validated by the same loadScenario (ScenarioSchema and its cross-checks) as the built ones,
 * and kept by storage under an id made from their text (`custom-<12 hex>`), so a game can be created
 * from one by id like any other scenario.
 */
import { createHash } from 'node:crypto';
import { loadScenario, type Problem, type Result, type Scenario } from '../shared/engine/index.ts';
import { MAX_SCENARIO_BYTES } from '../shared/protocol/schemas.ts';
import { readScenario } from './scenarioFiles.ts';
import type { Storage } from './storage/Storage.ts';

export const UPLOADED_ID = /^custom-[0-9a-f]{12}$/;

/** Checks and keeps an uploaded scenario; its id, or every problem with it (each with its path). */
export function uploadScenario(storage: Storage, text: string): Result<{ id: string; scenario: Scenario }> {
  if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES)
    return {
      ok: false,
      errors: [{ path: '', message: `a scenario may hold at most ${MAX_SCENARIO_BYTES} bytes` }],
    };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `not JSON: ${(e as Error).message}` }] };
  }
  const loaded = loadScenario(json);
  if (!loaded.ok) return loaded;
  const id = `custom-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  storage.saveScenario(id, text);
  return { ok: true, value: { id, scenario: loaded.value } };
}

/** A scenario by id: a built one, or an uploaded one (from storage). Throws with the problem. */
export async function findScenario(storage: Storage, id: string): Promise<Scenario> {
  if (!UPLOADED_ID.test(id)) return readScenario(id);
  const text = await storage.uploadedScenario(id);
  if (text === undefined) throw new Error(`unknown scenario '${id}'`);
  const loaded = loadScenario(JSON.parse(text));
  if (!loaded.ok) throw new Error(loaded.errors.map((e: Problem) => `${e.path}: ${e.message}`).join('; '));
  // Known by its upload id, so that clients fetch this scenario and not the built one it came from.
  return { ...loaded.value, id };
}
