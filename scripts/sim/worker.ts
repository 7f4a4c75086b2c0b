/**
 * A simulator thread: receives ranges of game indices, plays them and posts each game back as soon
 * as it ends; the main thread sorts by index, so which thread plays what never changes the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readScenario } from '../../server/scenarioFiles.ts';
import { playOne, type RunSettings } from './playOne.ts';

export type ToWorker = { type: 'play'; from: number; to: number } | { type: 'stop' };
export type FromWorker =
  | { type: 'game'; game: ReturnType<typeof playOne> }
  | { type: 'idle' }
  | { type: 'error'; index: number; message: string };

const port = parentPort;
if (!port) throw new Error('scripts/sim/worker.ts runs as a worker thread');
const run = workerData as RunSettings;
const scenario = readScenario(run.scenarioId);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'stop') {
    port.close();
    return;
  }
  for (let i = msg.from; i < msg.to; i++) {
    try {
      port.postMessage({ type: 'game', game: playOne(scenario, run, i) } satisfies FromWorker);
    } catch (e) {
      port.postMessage({
        type: 'error',
        index: i,
        message: (e as Error).stack ?? String(e),
      } satisfies FromWorker);
      return;
    }
  }
  port.postMessage({ type: 'idle' } satisfies FromWorker);
});
port.postMessage({ type: 'idle' } satisfies FromWorker);
