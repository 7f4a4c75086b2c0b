/**
 * Plays every game of a run, in this thread (`threads` = 1) or on a pool of worker threads that
 * take small ranges of game indices as they free up. Results come back sorted by game index.
 */
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../../shared/engine/scenarioSchema.ts';
import { type PlayedGame, playOne, type RunSettings } from './playOne.ts';
import type { Progress } from './progress.ts';
import type { FromWorker, ToWorker } from './worker.ts';

export async function runGames(
  scenario: Scenario,
  run: RunSettings,
  games: number,
  threads: number,
  progress: Progress,
): Promise<PlayedGame[]> {
  const played: PlayedGame[] = new Array(games);
  if (threads <= 1 || games <= 1) {
    for (let i = 0; i < games; i++) {
      played[i] = playOne(scenario, run, i);
      progress.tick(i + 1);
      // Let the event loop breathe now and then (a signal, the progress bar's stream).
      if (i % 64 === 63) await new Promise((r) => setImmediate(r));
    }
    return played;
  }
  const pool = Math.min(threads, games);
  // Small ranges balance the load; a few per thread keep messages rare.
  const batch = Math.max(1, Math.min(16, Math.floor(games / (pool * 8))));
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    let running = pool;
    const workers: Worker[] = [];
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    for (let t = 0; t < pool; t++) {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: run });
      workers.push(worker);
      worker.on('message', (msg: FromWorker) => {
        if (failed) return;
        if (msg.type === 'game') {
          played[msg.game.baseline.index] = msg.game;
          done++;
          progress.tick(done);
        } else if (msg.type === 'error') {
          fail(new Error(`game ${msg.index} failed: ${msg.message}`));
        } else if (next < games) {
          const from = next;
          next = Math.min(games, next + batch);
          worker.postMessage({ type: 'play', from, to: next } satisfies ToWorker);
        } else {
          worker.postMessage({ type: 'stop' } satisfies ToWorker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (failed) return;
        if (code !== 0) return fail(new Error(`a simulator thread exited with code ${code}`));
        running--;
        if (running === 0) {
          if (done === games) resolve();
          else fail(new Error(`only ${done} of ${games} games came back`));
        }
      });
    }
  });
  return played;
}
