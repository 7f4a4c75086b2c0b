/**
 * Engine benchmark: rounds resolved per second (resolveRound only, replaying fixed bot orders), full
 * bot games per second on one core and on every core (the simulator's worker pool), and peak
 * memory, with the machine's CPU model and core count. It prints figures and asserts nothing.
 *
 *   npm run bench [-- --scenario <id>[,<id>...]] [--seconds <s>] [--threads <k>] [--json]
 *
 * Default: sovereign-ai-2026 (the default scenario) and three-powers, about 3 seconds per figure.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { readScenario } from '../server/scenarioFiles.ts';
import { botOrders } from '../shared/bots/index.ts';
import { createGame } from '../shared/engine/createGame.ts';
import type { Orders } from '../shared/engine/ordersSchema.ts';
import { resolveRound } from '../shared/engine/resolveRound.ts';
import type { Scenario } from '../shared/engine/scenarioSchema.ts';
import type { GameState, NationId } from '../shared/engine/types.ts';
import { playGame } from '../shared/sim/playGame.ts';
import { assignSeats, gameSeed } from '../shared/sim/seats.ts';
import type { RunSettings } from './sim/playOne.ts';
import { runGames } from './sim/runGames.ts';

const USAGE = `usage: npm run bench -- [--scenario <id>[,<id>...]] [--seconds <s>] [--threads <k>] [--json]
  --scenario  scenarios to measure (default: sovereign-ai-2026,three-powers)
  --seconds   minimum time per figure (default 3)
  --threads   worker threads for the all-cores figure (default: every core, ${availableParallelism()} here)
  --json      print the figures as JSON`;

/** The run every figure plays: seed 1, a seeded mix of archetypes at normal difficulty. */
const RUN_SEED = 1;

interface ScenarioFigures {
  scenario: string;
  nations: number;
  markets: number;
  rounds: number;
  /** resolveRound calls per second, replaying the orders bots gave in one recorded game. */
  roundsPerSecond: number;
  /** Full games (every round, bots deciding) per second in this thread. */
  gamesPerSecondOneCore: number;
  /** Full games per second on the worker pool, wall clock including thread start-up. */
  gamesPerSecondAllCores: number;
  threads: number;
  /** Games played for each figure. */
  samples: { rounds: number; gamesOneCore: number; gamesAllCores: number };
}

/** Calls `step` until `seconds` have passed (and at least `min` times); returns calls and seconds. */
function timed(seconds: number, min: number, step: (i: number) => void): { n: number; s: number } {
  const start = performance.now();
  let n = 0;
  while (n < min || performance.now() - start < seconds * 1000) step(n++);
  return { n, s: (performance.now() - start) / 1000 };
}

/** One bot game recorded as (state before the round, the orders) pairs, for replaying resolveRound. */
function recordGame(
  scenario: Scenario,
  seed: number,
): { state: GameState; orders: Record<NationId, Orders> }[] {
  const seats = assignSeats(scenario, seed);
  let state = createGame(scenario, { seed });
  const steps: { state: GameState; orders: Record<NationId, Orders> }[] = [];
  while (state.status === 'running') {
    const orders: Record<NationId, Orders> = {};
    for (const id of Object.keys(state.nations)) orders[id] = botOrders(state, id, seats[id]!, seed).orders;
    steps.push({ state, orders });
    state = resolveRound(state, orders).state;
  }
  return steps;
}

async function measure(id: string, seconds: number, threads: number): Promise<ScenarioFigures> {
  const scenario = readScenario(id);
  const steps = recordGame(scenario, gameSeed(RUN_SEED, 0));

  // Warm-up, so the JIT has compiled the hot paths before anything is timed.
  for (let i = 0; i < 3; i++)
    playGame(scenario, gameSeed(RUN_SEED, i), assignSeats(scenario, gameSeed(RUN_SEED, i)));

  const rounds = timed(seconds, steps.length * 3, (i) => {
    const step = steps[i % steps.length]!;
    resolveRound(step.state, step.orders);
  });

  const one = timed(seconds, 3, (i) => {
    const seed = gameSeed(RUN_SEED, i);
    playGame(scenario, seed, assignSeats(scenario, seed));
  });
  const perGame = one.s / one.n;

  // Enough games to keep every thread busy for `seconds` at the one-core rate.
  const games = Math.max(threads * 4, Math.ceil((seconds * threads) / perGame));
  const run: RunSettings = { scenarioId: id, seed: RUN_SEED, rounds: undefined, bots: {}, whatif: null };
  const quiet = { tick: () => {}, end: () => {} };
  const start = performance.now();
  await runGames(scenario, run, games, threads, quiet);
  const all = (performance.now() - start) / 1000;

  return {
    scenario: id,
    nations: scenario.nations.length,
    markets: scenario.markets.length,
    rounds: steps.length,
    roundsPerSecond: rounds.n / rounds.s,
    gamesPerSecondOneCore: one.n / one.s,
    gamesPerSecondAllCores: games / all,
    threads,
    samples: { rounds: rounds.n, gamesOneCore: one.n, gamesAllCores: games },
  };
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

async function main() {
  let values: ReturnType<typeof parseArgs>['values'];
  try {
    ({ values } = parseArgs({
      options: {
        scenario: { type: 'string' },
        seconds: { type: 'string' },
        threads: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const ids = String(values.scenario ?? 'sovereign-ai-2026,three-powers')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const seconds = Number(values.seconds ?? 3);
  const threads = Number(values.threads ?? availableParallelism());
  if (!(seconds > 0) || !Number.isInteger(threads) || threads < 1) {
    console.error(`bench: --seconds must be positive and --threads a positive integer\n${USAGE}`);
    process.exit(2);
  }

  const cpu = cpus()[0]?.model.trim() ?? 'unknown';
  const machine = {
    cpu,
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  if (!values.json) {
    console.log(
      `CPU: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}`,
    );
  }
  const results: ScenarioFigures[] = [];
  for (const id of ids) {
    let r: ScenarioFigures;
    try {
      r = await measure(id, seconds, threads);
    } catch (e) {
      console.error(`bench: ${(e as Error).message}`);
      process.exit(2);
    }
    results.push(r);
    if (!values.json) {
      console.log(
        `${r.scenario} (${r.nations} nations, ${r.markets} markets, ${r.rounds} rounds): ` +
          `${fmt(r.roundsPerSecond)} rounds/s, ${fmt(r.gamesPerSecondOneCore)} games/s on one core, ` +
          `${fmt(r.gamesPerSecondAllCores)} games/s on ${r.threads} threads`,
      );
    }
  }
  // maxRSS covers the whole process, worker threads included (kilobytes).
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  if (values.json) {
    console.log(
      JSON.stringify({ date: new Date().toISOString(), machine, seconds, results, peakRssMiB }, null, 2),
    );
  } else {
    console.log(`peak memory (max RSS): ${peakRssMiB.toFixed(0)} MiB`);
  }
}

await main();
