/**
 * Checks a replay file (GET /api/games/<code>/replay.json, or "Replay file" in the debrief): plays
 * the game again through the engine and compares every round with the record, byte for byte.
 *
 *   npm run replay -- game.json
 *
 * Prints how many rounds it reproduced, or where it diverges first (round, event, quantity), and
 * exits with 1 then (2 for a file that is not a replay).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { MAX_REPLAY_BYTES, ReplayFileSchema } from '../shared/replay/replayFile.ts';
import { rerunReplay } from '../shared/replay/rerunReplay.ts';

const path = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!path) {
  console.error('usage: npm run replay -- <replay file.json>');
  process.exit(2);
}
let size: number;
try {
  size = statSync(path).size;
} catch (e) {
  console.error(`${path}: ${(e as Error).message}`);
  process.exit(2);
}
if (size > MAX_REPLAY_BYTES) {
  console.error(`${path}: ${size} bytes, more than a replay may hold (${MAX_REPLAY_BYTES})`);
  process.exit(2);
}
let json: unknown;
try {
  json = JSON.parse(readFileSync(path, 'utf8'));
} catch (e) {
  console.error(`${path}: not JSON: ${(e as Error).message}`);
  process.exit(2);
}
const parsed = ReplayFileSchema.safeParse(json);
if (!parsed.success) {
  for (const i of parsed.error.issues)
    console.error(`${path}: ${i.path.join('.') || '(file)'}: ${i.message}`);
  process.exit(2);
}
const file = parsed.data;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const { frames, divergences } = rerunReplay(file, { hash: sha256 });
if (divergences.length > 0) {
  console.log(`${path}: game ${file.game.code} DIVERGES from its record`);
  for (const d of divergences) console.log(`  ${d}`);
  process.exit(1);
}
console.log(
  `${path}: game ${file.game.code} (${file.steps.length} rounds, seed ${file.seed}) reproduced byte for byte: every round's events, the state after each round and the history (${frames.length - 1} rounds replayed)`,
);
