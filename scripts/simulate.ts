/**
 * Plays many bot games headless and prints each game's final ranking and a summary.
 *
 *   npm run simulate -- --scenario sovereign-ai-2026 --games 100 --seed 1 [--rounds 10] [--policy balanced] [--json]
 *
 * Deterministic: the same arguments print the same result. Game i uses seed (seed * 1000003 + i).
 */
import { parseArgs } from 'node:util';
import { SIMPLE_POLICY_NAMES } from '../shared/bots/simplePolicies.ts';
import { assignPolicies, type GameResult, playGame } from '../shared/sim/playGame.ts';
import { readScenario } from '../server/scenarioFiles.ts';

const USAGE =
  'usage: npm run simulate -- --scenario <id> --games <n> --seed <s> [--rounds <r>] [--policy <name>] [--json]\n' +
  `policies: ${SIMPLE_POLICY_NAMES.join(', ')} (default: a seeded mix)`;

function fail(message: string): never {
  console.error(`simulate: ${message}\n${USAGE}`);
  process.exit(2);
}

function intArg(value: string | undefined, name: string, min: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, got '${value}'`);
  return n;
}

/** Summary over games: wins and mean score per nation and per policy. */
export function summarise(results: GameResult[]) {
  const nations: Record<string, { wins: number; games: number; meanScore: number }> = {};
  const policies: Record<string, { wins: number; seats: number }> = {};
  for (const r of results) {
    for (const row of r.ranking) {
      const n = nations[row.nation] ?? { wins: 0, games: 0, meanScore: 0 };
      nations[row.nation] = n;
      n.games++;
      n.meanScore += row.score;
      if (row.rank === 1) n.wins++;
      const policy = r.seats[row.nation] ?? 'human';
      const p = policies[policy] ?? { wins: 0, seats: 0 };
      policies[policy] = p;
      p.seats++;
      if (row.rank === 1) p.wins++;
    }
  }
  for (const n of Object.values(nations)) n.meanScore = Math.round((n.meanScore / n.games) * 10) / 10;
  return { games: results.length, nations, policies };
}

function main() {
  let args: ReturnType<typeof parseArgs>['values'];
  try {
    ({ values: args } = parseArgs({
      options: {
        scenario: { type: 'string' },
        games: { type: 'string' },
        seed: { type: 'string' },
        rounds: { type: 'string' },
        policy: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (typeof args.scenario !== 'string') fail('--scenario is required');
  const games = intArg(args.games as string | undefined, 'games', 1);
  const seed = intArg(args.seed as string | undefined, 'seed', 0);
  const rounds = args.rounds === undefined ? undefined : intArg(args.rounds as string, 'rounds', 1);
  const policy = args.policy as string | undefined;
  if (policy !== undefined && !SIMPLE_POLICY_NAMES.includes(policy)) fail(`unknown policy '${policy}'`);
  let scenario: ReturnType<typeof readScenario>;
  try {
    scenario = readScenario(args.scenario);
  } catch (e) {
    fail((e as Error).message);
  }

  const results: GameResult[] = [];
  for (let i = 0; i < games; i++) {
    const gameSeed = (seed * 1000003 + i) | 0;
    const seats = assignPolicies(scenario, gameSeed, policy ? { '*': policy } : {});
    results.push(playGame(scenario, gameSeed, seats, rounds));
  }
  const summary = summarise(results);
  if (args.json) {
    const games = results.map((r) => ({
      seed: r.seed,
      seats: r.seats,
      ranking: r.ranking.map((row) => ({
        nation: row.nation,
        rank: row.rank,
        score: row.score,
        parts: row.parts,
      })),
    }));
    console.log(JSON.stringify({ scenario: scenario.id, seed, games, summary }, null, 2));
    return;
  }
  for (const r of results) {
    const line = r.ranking
      .map((row) => `${row.rank}. ${row.nation} ${row.score} (${r.seats[row.nation]})`)
      .join('  ');
    console.log(`game seed ${r.seed}: ${line}`);
  }
  console.log(`\n${summary.games} games of ${scenario.title}`);
  console.log('nation  wins   win%   mean score');
  for (const [id, n] of Object.entries(summary.nations)) {
    console.log(
      `${id.padEnd(6)}  ${String(n.wins).padStart(4)}  ${((100 * n.wins) / n.games).toFixed(1).padStart(5)}  ${String(n.meanScore).padStart(10)}`,
    );
  }
  console.log('policy    wins  seats  win%');
  for (const [name, p] of Object.entries(summary.policies)) {
    console.log(
      `${name.padEnd(8)}  ${String(p.wins).padStart(4)}  ${String(p.seats).padStart(5)}  ${((100 * p.wins) / p.seats).toFixed(1).padStart(5)}`,
    );
  }
}

main();
