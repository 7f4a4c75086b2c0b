/**
 * Plays many bot games headless and prints a summary: win rates and score distributions per nation
 * and per archetype, average trajectories, the policies most associated with winning, and an
 * optional what-if comparison.
 *
 *   npm run simulate -- --scenario sovereign-ai-2026 --games 1000 --seed 1 [--bots mix] [--rounds 10]
 *     [--out games.csv|games.json] [--json] [--threads 4] [--whatif US=hawk[:hard]]
 *
 * Deterministic: game i's seed derives from (seed, i) only, its seats from that game seed only, and
 * results are sorted by game index, so the output is the same whatever the number of threads.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { readScenario } from '../server/scenarioFiles.ts';
import { ARCHETYPES, DIFFICULTIES } from '../shared/bots/botTypes.ts';
import type { GameRecord } from '../shared/sim/playGame.ts';
import { CSV_HEADER, csvRows, formatSummary, formatWhatIf } from '../shared/sim/report.ts';
import { type BotAssignment, formatBots, parseBots, parseWhatIf } from '../shared/sim/seats.ts';
import { compareWhatIf, summarise } from '../shared/sim/summarise.ts';
import type { PlayedGame, RunSettings } from './sim/playOne.ts';
import { progressBar } from './sim/progress.ts';
import { runGames } from './sim/runGames.ts';

const USAGE = `usage: npm run simulate -- --scenario <id> --games <n> --seed <s> [--bots <assignment>] [--rounds <r>]
         [--out <file.csv|file.json>] [--json] [--threads <k>] [--whatif <nation>=<archetype>[:<difficulty>]]
  --bots     mix (default: a seeded random archetype per seat), one archetype for every seat (hawk),
             or per nation: US=hawk,CN=openChampion:hard,*=hedger (unlisted nations: mix)
  --threads  worker threads (default: every core, ${availableParallelism()} here); 1 plays in this thread
  --whatif   plays each game twice, as assigned and with that nation's seat replaced, and compares
archetypes: ${ARCHETYPES.join(', ')}; difficulties: ${DIFFICULTIES.join(', ')} (default normal)`;

function fail(message: string): never {
  console.error(`simulate: ${message}\n${USAGE}`);
  process.exit(2);
}

function intArg(value: unknown, name: string, min: number, max: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    fail(`--${name} must be an integer from ${min} to ${max}, got '${String(value)}'`);
  return n;
}

/** A game as written to JSON: its seeds, seats, per-round quantities and final ranking. */
function gameJson(g: PlayedGame) {
  const body = (r: GameRecord) => ({
    seats: r.seats,
    release: r.release,
    history: r.history,
    ranking: r.ranking,
  });
  return {
    game: g.baseline.index,
    seed: g.baseline.seed,
    ...body(g.baseline),
    ...(g.whatif ? { whatif: body(g.whatif) } : {}),
  };
}

function writeCsv(file: string, played: PlayedGame[]) {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${CSV_HEADER.join(',')}\n`);
    for (const g of played) {
      writeSync(fd, `${csvRows(g.baseline).join('\n')}\n`);
      if (g.whatif) writeSync(fd, `${csvRows(g.whatif, 'whatif').join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
}

async function main() {
  let args: ReturnType<typeof parseArgs>['values'];
  try {
    ({ values: args } = parseArgs({
      options: {
        scenario: { type: 'string' },
        games: { type: 'string' },
        seed: { type: 'string' },
        bots: { type: 'string' },
        rounds: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        threads: { type: 'string' },
        whatif: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
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
  const games = intArg(args.games, 'games', 1, 10_000_000);
  const seed = intArg(args.seed, 'seed', 0, 2 ** 31 - 1);
  const rounds = args.rounds === undefined ? undefined : intArg(args.rounds, 'rounds', 1, 40);
  const threads = intArg(args.threads, 'threads', 1, 1024, availableParallelism());
  const out = args.out as string | undefined;
  if (out !== undefined && !/\.(csv|json)$/i.test(out))
    fail(`--out must name a .csv or .json file, got '${out}'`);
  let scenario: ReturnType<typeof readScenario>;
  try {
    scenario = readScenario(args.scenario);
  } catch (e) {
    fail((e as Error).message);
  }
  let bots: BotAssignment = {};
  if (args.bots !== undefined) {
    const parsed = parseBots(args.bots as string, scenario);
    if (!parsed.ok) fail(parsed.error);
    bots = parsed.value;
  }
  let whatif: RunSettings['whatif'] = null;
  if (args.whatif !== undefined) {
    const parsed = parseWhatIf(args.whatif as string, scenario);
    if (!parsed.ok) fail(parsed.error);
    whatif = parsed.value;
  }

  const run: RunSettings = { scenarioId: scenario.id, seed, rounds, bots, whatif };
  const progress = progressBar(games);
  const started = performance.now();
  let played: PlayedGame[];
  try {
    played = await runGames(scenario, run, games, threads, progress);
  } finally {
    progress.end();
  }
  const seconds = (performance.now() - started) / 1000;
  if (process.stderr.isTTY) {
    const plays = whatif ? 2 * games : games;
    const used = Math.min(threads, games);
    console.error(
      `played ${plays} games in ${seconds.toFixed(1)}s (${(plays / seconds).toFixed(1)} games/s, ${used} thread${used > 1 ? 's' : ''})`,
    );
  }

  const summary = summarise(played.map((g) => g.baseline));
  const comparison = whatif
    ? compareWhatIf(
        whatif.nation,
        played.map((g) => g.baseline),
        played.map((g) => g.whatif!),
      )
    : null;
  const document = () => ({
    scenario: scenario.id,
    seed,
    bots: formatBots(bots),
    rounds: rounds ?? scenario.defaultRounds,
    summary,
    ...(comparison ? { whatif: comparison } : {}),
    games: played.map(gameJson),
  });

  if (out !== undefined) {
    if (/\.csv$/i.test(out)) writeCsv(out, played);
    else {
      const fd = openSync(out, 'w');
      try {
        writeSync(fd, `${JSON.stringify(document(), null, 2)}\n`);
      } finally {
        closeSync(fd);
      }
    }
    if (process.stderr.isTTY) console.error(`wrote ${out}`);
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(document(), null, 2)}\n`);
    return;
  }
  const text = [
    `seed ${seed}, bots ${formatBots(bots)}, ${rounds ?? scenario.defaultRounds} rounds`,
    formatSummary(summary, scenario.title),
  ];
  if (comparison) text.push('', formatWhatIf(comparison));
  process.stdout.write(`${text.join('\n')}\n`);
}

main().catch((e: unknown) => {
  console.error(`simulate: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
