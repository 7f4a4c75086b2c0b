/**
 * The gym-like environment (shared/sim/gym.ts) driven for 1,000 steps by a policy that trains
 * nothing: it spends its budget by seeded random shares and answers every treaty proposal. It prints
 * the games played, the mean reward per step and per game, and the refused orders.
 *
 *   npm exec -- node examples/gym.ts [--steps 1000] [--scenario three-powers] [--nation US] [--seed 1]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGET_LINES, loadScenario } from '../shared/engine/index.ts';
import { Gym, type GymSeat } from '../shared/sim/gym.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const steps = Number(arg('steps', '1000'));
const scenarioId = arg('scenario', 'three-powers');
const me = arg('nation', 'US');
let seed = Number(arg('seed', '1'));

const loaded = loadScenario(
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'assets', 'scenarios', `${scenarioId}.json`), 'utf8'),
  ),
);
if (!loaded.ok) throw new Error(`scenario ${scenarioId}: ${JSON.stringify(loaded.errors)}`);
const scenario = loaded.value;

// A small seeded generator for the policy (the environment itself draws from the game seed).
let x = seed >>> 0 || 1;
const random = () => {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return (x >>> 0) / 2 ** 32;
};

const gym = new Gym();
const seats: Record<string, GymSeat> = Object.fromEntries(
  scenario.nations.map(
    (n) => [n.id, n.id === me ? 'agent' : { archetype: 'hedger', difficulty: 'normal' }] as const,
  ),
);
let view = gym.reset(scenario, seed, seats)[me]!;
let games = 1;
let total = 0;
let gameReward = 0;
const perGame: number[] = [];
let refused = 0;
for (let i = 0; i < steps; i++) {
  const shares = BUDGET_LINES.map(() => random());
  const sum = shares.reduce((a, b) => a + b, 0);
  const budget = Object.fromEntries(
    BUDGET_LINES.map((l, j) => [l, Math.floor(((view.nations[me]!.budget * shares[j]!) / sum) * 100) / 100]),
  );
  const answer = view.proposals.filter((p) => p.to === me).map((p) => ({ id: p.id, accept: random() < 0.7 }));
  const result = gym.step(me, { budget, aidRegion: 'South Asia', treaties: { answer } });
  if (result.problems.length > 0) refused++;
  total += result.reward;
  gameReward += result.reward;
  view = result.view;
  if (result.done) {
    perGame.push(gameReward);
    gameReward = 0;
    games++;
    view = gym.reset(scenario, ++seed, seats)[me]!;
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
console.log(
  JSON.stringify({
    steps,
    gamesFinished: perGame.length,
    gamesStarted: games,
    meanRewardPerStep: Math.round((total / steps) * 1000) / 1000,
    meanScorePerGame: Math.round(mean(perGame) * 100) / 100,
    refusedOrders: refused,
  }),
);
