/**
 * The balance check (issue 14), on both scenarios: plays many games with a seeded mix of bot
 * archetypes and checks that
 * - every nation wins within its scenario's bounds (8 nations: 5–30%; Three Powers: 20–45%);
 * - every archetype wins at least 5% of its seats at three or more nations, and no archetype more
 *   than 40% of all its seats;
 * - the leader at mid-game (round 5 of 10, by the public score) wins at most half the games, and the lead changes
 *   hands at least twice a game on average;
 * - among the three archetypes that win most per seat, the choice of archetype explains at least 15%
 *   of the score variance within a nation;
 * - no fixed plan (one budget split and release and regulation, whatever happens) of a random
 *   search of `--plans` per nation beats, on the same games, the best hard-bot archetype there.
 *
 *   node scripts/balance.ts [--scenario id|all] [--games 2000] [--plans 24] [--search-games 40]
 *                           [--seed 1] [--threads n] [--write docs/BALANCE.md] [--check]
 *
 * --write regenerates the balance document from the run; --check exits 1 when a bound is broken.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readScenario } from '../server/scenarioFiles.ts';
import { ARCHETYPES } from '../shared/bots/botTypes.ts';
import type { Scenario } from '../shared/engine/scenarioSchema.ts';
import {
  archetypeSeats,
  bestArchetypes,
  type LeadStats,
  leadStats,
  strategyShare,
} from '../shared/sim/balanceStats.ts';
import { playWith } from '../shared/sim/experiment.ts';
import { type FixedPlan, planLabel, playPlan, randomPlans } from '../shared/sim/fixedPlan.ts';
import type { GameRecord } from '../shared/sim/playGame.ts';
import { assignSeats, gameSeed, parseBots } from '../shared/sim/seats.ts';
import type { RunSettings } from './sim/playOne.ts';
import { progressBar } from './sim/progress.ts';
import { runGames } from './sim/runGames.ts';

export const NATION_BOUNDS: Record<string, { min: number; max: number }> = {
  'sovereign-ai-2026': { min: 0.05, max: 0.3 },
  'three-powers': { min: 0.2, max: 0.45 },
};
export const ARCHETYPE_MAX = 0.4;
export const ARCHETYPE_SEAT_MIN = { rate: 0.05, nations: 3 };
export const LEAD_BOUNDS = { round: 5, maxLeaderWins: 0.5, minChanges: 2 };
export const STRATEGY_MIN = 0.15;

export interface BalanceReport {
  games: number;
  nations: Record<string, { wins: number; rate: number }>;
  /** Per archetype: games with at least one seat, games won, and the rate; also wins per seat. */
  archetypes: Record<string, { games: number; wins: number; rate: number; seats: number; perSeat: number }>;
  violations: string[];
}

/** Win rates per nation and per archetype, and which of those bounds they break. */
export function balanceOf(
  records: GameRecord[],
  nations: string[],
  bounds = NATION_BOUNDS['sovereign-ai-2026']!,
  archetypeMax = ARCHETYPE_MAX,
): BalanceReport {
  const wins: Record<string, number> = Object.fromEntries(nations.map((n) => [n, 0]));
  const arch = Object.fromEntries(
    ARCHETYPES.map((a) => [a, { games: 0, wins: 0, rate: 0, seats: 0, perSeat: 0 }]),
  );
  for (const r of records) {
    const winner = r.ranking[0]!.nation;
    wins[winner] = (wins[winner] ?? 0) + 1;
    const present = new Set<string>();
    for (const seat of Object.values(r.seats)) {
      arch[seat.archetype]!.seats++;
      present.add(seat.archetype);
    }
    for (const a of present) arch[a]!.games++;
    arch[r.seats[winner]!.archetype]!.wins++;
  }
  const violations: string[] = [];
  const n = records.length;
  const nationRates = Object.fromEntries(
    nations.map((id) => {
      const rate = (wins[id] ?? 0) / n;
      if (rate < bounds.min || rate > bounds.max)
        violations.push(
          `${id} wins ${(rate * 100).toFixed(1)}% (bounds ${bounds.min * 100}–${bounds.max * 100}%)`,
        );
      return [id, { wins: wins[id] ?? 0, rate }];
    }),
  );
  for (const [a, s] of Object.entries(arch)) {
    s.rate = s.games > 0 ? s.wins / s.games : 0;
    s.perSeat = s.seats > 0 ? s.wins / s.seats : 0;
    if (s.perSeat > archetypeMax)
      violations.push(
        `${a} wins ${(s.perSeat * 100).toFixed(1)}% of its seats (at most ${archetypeMax * 100}%)`,
      );
  }
  return { games: n, nations: nationRates, archetypes: arch, violations };
}

/** The fixed-plan search at one nation: the best plan's mean score against the best hard bot's. */
export interface SearchResult {
  nation: string;
  bestHard: { archetype: string; score: number; winRate: number };
  bestPlan: { plan: string; score: number; winRate: number };
  beaten: boolean;
}

/** Mean score and win rate of `nation` over `games` paired games, others a seeded mix of normal bots. */
function evaluate(
  scenario: Scenario,
  nation: string,
  games: number,
  seed: number,
  set: (seats: ReturnType<typeof assignSeats>) => ReturnType<typeof assignSeats>,
  plan?: FixedPlan,
): { score: number; winRate: number } {
  let score = 0;
  let wins = 0;
  for (let i = 0; i < games; i++) {
    const s = gameSeed(seed + 7919, i);
    const seats = set(assignSeats(scenario, s, {}));
    const g = playWith(scenario, s, seats, plan ? playPlan(nation, plan) : undefined);
    score += g.ranking.find((r) => r.nation === nation)!.score;
    if (g.ranking[0]!.nation === nation) wins++;
  }
  return { score: score / games, winRate: wins / games };
}

/** Per nation, the mean over archetypes of the hard bot's score minus the normal one's, on the same games. */
export function hardOverNormal(scenario: Scenario, games: number, seed: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of scenario.nations) {
    let gain = 0;
    for (const archetype of ARCHETYPES) {
      const at = (difficulty: 'normal' | 'hard') =>
        evaluate(scenario, n.id, games, seed, (seats) => ({ ...seats, [n.id]: { archetype, difficulty } }))
          .score;
      gain += (at('hard') - at('normal')) / ARCHETYPES.length;
    }
    out[n.id] = gain;
  }
  return out;
}

/** Random search of fixed plans at each nation against the hard bots' best archetype there. */
export function searchPlans(scenario: Scenario, plans: number, games: number, seed: number): SearchResult[] {
  return scenario.nations.map((n, k) => {
    let bestHard = { archetype: '', score: Number.NEGATIVE_INFINITY, winRate: 0 };
    for (const archetype of ARCHETYPES) {
      const r = evaluate(scenario, n.id, games, seed, (seats) => ({
        ...seats,
        [n.id]: { archetype, difficulty: 'hard' },
      }));
      if (r.score > bestHard.score) bestHard = { archetype, ...r };
    }
    let bestPlan = { plan: '', score: Number.NEGATIVE_INFINITY, winRate: 0 };
    for (const plan of randomPlans(seed * 1000 + k, plans)) {
      const r = evaluate(scenario, n.id, games, seed, (seats) => seats, plan);
      if (r.score > bestPlan.score) bestPlan = { plan: planLabel(plan), ...r };
    }
    return { nation: n.id, bestHard, bestPlan, beaten: bestPlan.score > bestHard.score };
  });
}

export interface ScenarioBalance {
  scenario: Scenario;
  report: BalanceReport;
  seats: ReturnType<typeof archetypeSeats>;
  lead: LeadStats;
  good: string[];
  strategy: number;
  search: SearchResult[];
  /** Per nation, the hard bot's mean score over the normal one's (mean over archetypes). */
  hard: Record<string, number>;
  violations: string[];
}

/** Every check of the issue on one scenario's records (and its plan search). */
export function checkScenario(
  scenario: Scenario,
  records: GameRecord[],
  search: SearchResult[],
  hard: Record<string, number> = {},
): ScenarioBalance {
  const ids = scenario.nations.map((n) => n.id);
  const bounds = NATION_BOUNDS[scenario.id] ?? { min: 0.05, max: 0.3 };
  const report = balanceOf(records, ids, bounds);
  const seats = archetypeSeats(records);
  const violations = [...report.violations];
  const need = Math.min(ARCHETYPE_SEAT_MIN.nations, ids.length);
  for (const [a, s] of Object.entries(seats)) {
    const ok = Object.values(s.byNation).filter((c) => c.rate >= ARCHETYPE_SEAT_MIN.rate).length;
    if (ok < need)
      violations.push(
        `${a} wins ${ARCHETYPE_SEAT_MIN.rate * 100}% of its seats at ${ok} nations (at least ${need})`,
      );
  }
  // Round 5 of a 10-round game: the midpoint (round 3 of Three Powers' 6).
  const lead = leadStats(records, Math.ceil(scenario.defaultRounds / 2));
  if (lead.leaderWins > LEAD_BOUNDS.maxLeaderWins)
    violations.push(
      `the leader at round ${lead.round} wins ${(lead.leaderWins * 100).toFixed(1)}% of games (at most 50%)`,
    );
  if (lead.changes < LEAD_BOUNDS.minChanges)
    violations.push(
      `the lead changes ${lead.changes.toFixed(2)} times a game (at least ${LEAD_BOUNDS.minChanges})`,
    );
  const good = bestArchetypes(records, 3);
  const strategy = strategyShare(records, good);
  if (strategy < STRATEGY_MIN)
    violations.push(`strategy explains ${(strategy * 100).toFixed(1)}% of score variance (at least 15%)`);
  for (const s of search)
    if (s.beaten)
      violations.push(
        `at ${s.nation} a fixed plan (${s.bestPlan.score.toFixed(1)}) beats the hard ${s.bestHard.archetype} (${s.bestHard.score.toFixed(1)})`,
      );
  for (const [nation, gain] of Object.entries(hard))
    if (gain <= 0)
      violations.push(`at ${nation} the hard bot does not beat the normal one (${gain.toFixed(2)})`);
  return { scenario, report, seats, lead, good, strategy, search, hard, violations };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function section(b: ScenarioBalance, games: number, plans: number, searchGames: number): string {
  const { scenario, report, seats, lead } = b;
  const ids = scenario.nations.map((n) => n.id);
  const bounds = NATION_BOUNDS[scenario.id] ?? { min: 0.05, max: 0.3 };
  const rows = Object.entries(seats).map(
    ([a, s]) =>
      `| ${a} | ${pct(s.all.rate)} | ${ids.map((id) => (s.byNation[id] ? pct(s.byNation[id]!.rate) : '—')).join(' | ')} |`,
  );
  return `## ${scenario.title} (\`${scenario.id}\`)

${games} games, a seeded mix of the five archetypes at normal difficulty, one per seat.
Result: ${b.violations.length === 0 ? '**all bounds hold**.' : `**${b.violations.length} bound(s) broken**: ${b.violations.join('; ')}.`}

### Wins by nation (bounds ${bounds.min * 100}–${bounds.max * 100}%)

| nation | wins | win rate |
| --- | --- | --- |
${Object.entries(report.nations)
  .map(([id, s]) => `| ${id} | ${s.wins} | ${pct(s.rate)} |`)
  .join('\n')}

### Wins per seat, by archetype and nation (at least 5% at three nations; at most 40% overall)

| archetype | all seats | ${ids.join(' | ')} |
| --- | --- | ${ids.map(() => '---').join(' | ')} |
${rows.join('\n')}

### Interest

- The leader at round ${lead.round} (by the public score) wins ${pct(lead.leaderWins)} of games (at most 50%).
- The lead changes hands ${lead.changes.toFixed(2)} times a game on average, counting the final ranking (at least 2).
- Among the three archetypes that win most per seat (${b.good.join(', ')}), the choice of archetype
  explains ${pct(b.strategy)} of the score variance within a nation (at least 15%).

### Hard bots against normal ones

Per nation, the hard bot's mean score minus the normal bot's, same archetype, on the same ${searchGames}
games, averaged over the five archetypes (it must be positive at every nation):
${Object.entries(b.hard)
  .map(([id, g]) => `${id} ${g >= 0 ? '+' : ''}${g.toFixed(1)}`)
  .join(', ')}.

### Fixed plans against the hard bots

${plans} random fixed plans per nation (one budget split, release and regulation, whatever happens),
each played on ${searchGames} games against a seeded mix of normal bots, against each archetype at hard
difficulty on the same games; mean score of the nation.

| nation | best hard archetype | its score (win rate) | best fixed plan | its score (win rate) | beaten? |
| --- | --- | --- | --- | --- | --- |
${b.search
  .map(
    (s) =>
      `| ${s.nation} | ${s.bestHard.archetype} | ${s.bestHard.score.toFixed(1)} (${pct(s.bestHard.winRate)}) | ${s.bestPlan.plan} | ${s.bestPlan.score.toFixed(1)} (${pct(s.bestPlan.winRate)}) | ${s.beaten ? '**yes**' : 'no'} |`,
  )
  .join('\n')}
`;
}

function markdown(
  results: ScenarioBalance[],
  command: string,
  seconds: number,
  games: number,
  plans: number,
  searchGames: number,
): string {
  const date = new Date().toISOString().slice(0, 10);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `# Balance

Generated by \`scripts/balance.ts\` — do not edit by hand; run the command again.

- Command: \`${command}\`
- Date: ${date}; ${cpus().length} × ${cpu}; ${seconds.toFixed(0)} s.
- Bounds (issue 14): every nation wins 5–30% of the 8-nation games and 20–45% of Three Powers games;
  every archetype wins at least 5% of its seats at three or more nations and at most 40% of all its
  seats; the leader at round 5 wins at most half the games and the lead changes hands at least twice
  a game; among the good archetypes strategy explains at least 15% of the score variance; no fixed
  plan of the random search beats the hard bots' best archetype at its nation.

${results.map((r) => section(r, games, plans, searchGames)).join('\n')}
## How to read it and rerun it

The rules are tuned, not the bots' difficulty. \`npm run simulate -- --scenario sovereign-ai-2026
--games 1000 --seed 1\` shows score distributions, trajectories and the policies most associated with
winning; \`npm run fidelity\` measures the claims the model must make true ([MODEL.md](MODEL.md)). CI
runs a smaller sample with wider bounds (test/balance.test.ts).
`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'all' },
      games: { type: 'string', default: '2000' },
      plans: { type: 'string', default: '24' },
      'search-games': { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' },
      threads: { type: 'string' },
      write: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const games = Number(values.games);
  const plans = Number(values.plans);
  const searchGames = Number(values['search-games']);
  const seed = Number(values.seed);
  const threads = values.threads ? Number(values.threads) : availableParallelism();
  if (
    ![games, plans, searchGames, seed, threads].every(Number.isInteger) ||
    games < 1 ||
    plans < 0 ||
    searchGames < 1 ||
    threads < 1
  ) {
    console.error(
      'usage: node scripts/balance.ts [--scenario id|all] [--games n] [--plans n] [--search-games n] [--seed s] [--threads n] [--write file] [--check]',
    );
    process.exit(2);
  }
  const ids = values.scenario === 'all' ? ['sovereign-ai-2026', 'three-powers'] : [values.scenario!];
  const started = Date.now();
  const results: ScenarioBalance[] = [];
  for (const id of ids) {
    const scenario = readScenario(id);
    const bots = parseBots('mix', scenario);
    if (!bots.ok) throw new Error(bots.error);
    const run: RunSettings = {
      scenarioId: scenario.id,
      seed,
      rounds: undefined,
      bots: bots.value,
      whatif: null,
    };
    const played = await runGames(scenario, run, games, threads, progressBar(games));
    const search = plans > 0 ? searchPlans(scenario, plans, searchGames, seed) : [];
    const hard = plans > 0 ? hardOverNormal(scenario, searchGames, seed) : {};
    const b = checkScenario(
      scenario,
      played.map((p) => p.baseline),
      search,
      hard,
    );
    results.push(b);
    console.log(`${scenario.id}:`);
    for (const [nation, s] of Object.entries(b.report.nations))
      console.log(`  ${nation.padEnd(4)} ${pct(s.rate).padStart(6)}`);
    for (const [a, s] of Object.entries(b.seats))
      console.log(
        `  ${a.padEnd(18)} ${pct(s.all.rate).padStart(6)} per seat; ${Object.entries(s.byNation)
          .map(([n, c]) => `${n} ${pct(c.rate)}`)
          .join(', ')}`,
      );
    console.log(
      `  leader at round ${b.lead.round} wins ${pct(b.lead.leaderWins)}; ${b.lead.changes.toFixed(2)} lead changes a game`,
    );
    console.log(`  strategy explains ${pct(b.strategy)} (${b.good.join(', ')})`);
    if (Object.keys(b.hard).length > 0)
      console.log(
        `  hard over normal: ${Object.entries(b.hard)
          .map(([id, g]) => `${id} ${g.toFixed(1)}`)
          .join(', ')}`,
      );
    for (const s of b.search)
      console.log(
        `  ${s.nation}: hard ${s.bestHard.archetype} ${s.bestHard.score.toFixed(1)}, best plan ${s.bestPlan.score.toFixed(1)}${s.beaten ? ' BEATEN' : ''}`,
      );
    console.log(b.violations.length ? `  broken: ${b.violations.join('; ')}` : '  all bounds hold');
  }
  const seconds = (Date.now() - started) / 1000;
  if (values.write) {
    const command = `npm run balance -- --scenario ${values.scenario} --games ${games} --plans ${plans} --search-games ${searchGames} --seed ${seed} --write ${values.write}`;
    writeFileSync(values.write, markdown(results, command, seconds, games, plans, searchGames));
    console.log(`wrote ${values.write}`);
  }
  if (values.check && results.some((r) => r.violations.length > 0)) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
