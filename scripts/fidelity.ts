/**
 * The model's fidelity to the sources: runs every experiment of shared/sim/experiments.ts on paired
 * seeds and prints, per claim, each metric's base and treated means, the paired difference with two
 * standard errors, and whether each check holds.
 *
 *   node scripts/fidelity.ts [--games 2000] [--seed 1] [--only id,id] [--write docs/MODEL.md] [--check]
 *
 * Plays in this thread only (one core): the experiments are the full-size twins of test/model.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { readScenario } from '../server/scenarioFiles.ts';
import { type ExperimentResult, runExperiment } from '../shared/sim/experiment.ts';
import { EXPERIMENTS } from '../shared/sim/experiments.ts';

/** The argument of each claim and where it comes from (ids of docs/SOURCES.md). */
export const CLAIMS: Record<number, { title: string; argument: string }> = {
  1: {
    title: 'Export controls bite where they are aimed, at a price',
    argument:
      "Controls slowed China's AI development, yet rivals stand ready to fill the gap the US leaves (F48); US controls and \"America first\" push countries toward self-reliance and raise Chinese open models' profile (F62). The January 2025 diffusion rule sorted the world into tiers of chip access (F65, F66, F73). In the game a control targets nations or market tiers (`tierControls`); it slows the target's compute and, for a rival training near the frontier, its capability; the markets it aims at fear a cut-off of the controller's closed models and drift toward Chinese and local models; the controller pays trust once, when it imposes the control, and revenue. What the game shows too: India's capability comes mostly from open weights (Chinese ones), which a US chip cap does not touch, so its capability barely moves; and the controller's score falls, because revenue and reach abroad are worth more to it than the lead it gains.",
  },
  2: {
    title: 'Chokepoints slow capability',
    argument:
      "A model needs compute, compute needs chips, and chips need design, fabs, lithography and memory held by particular nations (F43, F55, F69, F70): the Jenga-like stack of managed dependencies. In the game training (and fine-tuning) reaches a capability that falls with the log of a nation's compute behind the frontier's; cutting a layer a nation depends on lowers its chip access, then the compute it can buy, then its capability, after a lag (compute depreciates 12% a round) that investing in the layer shortens.",
  },
  3: {
    title: 'Open weights buy soft power; closed models buy revenue and lead',
    argument:
      'DeepSeek\'s open release made it the "Robin Hood of AI democratisation" (F2); the most widely adopted models become a new source of soft power (F10). Closed frontier labs earn the revenue and keep the kill switch (F7, F8).',
  },
  4: {
    title: 'Cheap fine-tunes give sovereignty',
    argument:
      "TAIDE (about US$7.4 million) and SEA-LION (about US$52 million) fine-tuned Meta's open Llama for their languages (F14, F19, F21): sovereignty does not require building every tool at home (F9). In the game a programme costs US$50 million a round (it cost US$3 billion before), fine-tunes the best open model the nation can get, and its sovereign model takes over half of what a cut-off would remove in the sovereignty stress test.",
  },
  5: {
    title: 'Markets have agency',
    argument:
      "Many countries fear kill switches on AI sourced abroad and now see domestic AI as essential (F8); leaders at Davos 2026 were increasingly reluctant to rely on US suppliers (F61); national champions kept their home markets in search (F60). In the game each market fears a closed provider by its own exposure to that provider's controls, and local models (fine-tunes of the best open weights, in the languages no power speaks) grow with that fear.",
  },
  6: {
    title: 'The score rewards what the sources value',
    argument:
      "The prize is AI soft power, models that others choose to adopt (F9, F10): a share of the world, not growth from a small base. Sovereignty is resilience to a cut-off (F8): a stress test of the worst single supplier's embargo. Objectives met in part count in part (the way travelled from the start). The variance split is taken within each nation.",
  },
};

/**
 * What the model taught before issue 14 (engine of commit 96005c2, `npm run fidelity -- --games 300`,
 * the experiments as they stood then: the controls experiment was a US chip embargo on India and
 * the UAE, the variance split was pooled across nations).
 */
export const BEFORE: { claim: number; figure: string; value: string }[] = [
  { claim: 1, figure: 'US share of tier-2 markets / of tier-1 markets', value: '−0.178 / −0.089' },
  { claim: 1, figure: 'US trust at the end (paid every round)', value: '−14.4' },
  { claim: 1, figure: "India's capability gained / India's score", value: '−0.02 / +6.9' },
  { claim: 1, figure: 'US win rate', value: '26.3% → 2.0%' },
  { claim: 2, figure: 'China compute / capability at the end', value: '−1,265 / −0.14' },
  { claim: 2, figure: 'China score / win rate', value: '+8.8 / 19.3% → 45.3%' },
  { claim: 3, figure: 'Japan / Korea soft power (opening)', value: '+104% / +101%' },
  { claim: 3, figure: 'US soft power / revenue / lead (opening)', value: '−1.5 / −474 / +0.10' },
  { claim: 4, figure: "programme cost, share of Korea's budget", value: '21% (US$3bn a round)' },
  { claim: 5, figure: 'local models in foreign markets, start → end', value: '0.7% → 0.0%' },
  { claim: 6, figure: 'soft-power points at their cap or floor', value: '17% of nation-games' },
  {
    claim: 6,
    figure: 'score variance from soft power / sovereignty / economy / objectives',
    value: '48% / 7% / 7% / 39%',
  },
];

const f = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

/** The results as Markdown tables, one per experiment. */
export function tables(results: ExperimentResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`### ${r.id}: ${r.title}`, '', `${r.games} paired games.`, '');
    out.push('| metric | base | treated | difference (± 2 s.e.) |', '| --- | --- | --- | --- |');
    for (const m of r.metrics)
      out.push(
        `| ${m.label} | ${f(m.base)} | ${f(m.treated)} | ${m.diff === null ? '—' : `${f(m.diff)} ± ${f(2 * m.se)}`} |`,
      );
    out.push('', '| check | expected | value | holds |', '| --- | --- | --- | --- |');
    for (const c of r.checks) {
      const label = r.metrics.find((m) => m.id === c.metric)?.label ?? c.metric;
      const expected =
        c.expect === 'up'
          ? `rises by ≥ ${c.min}`
          : c.expect === 'down'
            ? `falls by ≥ ${c.min}`
            : c.expect === 'diffAtLeast'
              ? `changes by ≥ ${c.min}`
              : c.expect === 'diffAtMost'
                ? `changes by ≤ ${c.min}`
                : c.expect === 'atLeast'
                  ? `≥ ${c.min}`
                  : `≤ ${c.min}`;
      out.push(`| ${label} | ${expected} | ${f(c.value)} | ${c.holds ? 'yes' : '**no**'} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function markdown(results: ExperimentResult[], command: string, seconds: number): string {
  const date = new Date().toISOString().slice(0, 10);
  const parts = [
    '# The model: what the game teaches, measured',
    '',
    'Generated by `scripts/fidelity.ts` — do not edit by hand; run the command again.',
    '',
    `- Command: \`${command}\``,
    `- Date: ${date}; ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; ${seconds.toFixed(0)} s on one thread.`,
    "- Method: every experiment plays the same games twice (same seed, same seated bots: a seeded mix of the five archetypes at normal difficulty), once as the bots play (base) and once with an intervention on some nations' orders every round (treated). The difference is the mean over games of the paired difference, with two standard errors. Experiments without a treated arm report levels. The same experiments run on a few games in `test/model/` (CI), asserting the same directions.",
    '- Figures are for *Sovereign AI, 2026* (8 nations); sources are the ids of [SOURCES.md](SOURCES.md).',
    '',
  ];
  for (const [claim, c] of Object.entries(CLAIMS)) {
    parts.push(`## Claim ${claim}: ${c.title}`, '', c.argument, '');
    const before = BEFORE.filter((b) => b.claim === Number(claim));
    if (before.length > 0) {
      parts.push('Before issue 14 (paired difference, 300 games):', '');
      parts.push(
        '| figure | before |',
        '| --- | --- |',
        ...before.map((b) => `| ${b.figure} | ${b.value} |`),
        '',
      );
    }
    parts.push(tables(results.filter((r) => r.claim === Number(claim))));
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      games: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string' },
      threads: { type: 'string' },
      write: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const games = Number(values.games);
  const seed = Number(values.seed);
  if (!Number.isInteger(games) || games < 1 || !Number.isInteger(seed)) {
    console.error(
      'usage: node scripts/fidelity.ts [--games n] [--seed s] [--only id,id] [--write file] [--check]',
    );
    process.exit(2);
  }
  const only = values.only?.split(',');
  const chosen = EXPERIMENTS.filter((e) => !only || only.includes(e.id));
  const started = Date.now();
  const results: ExperimentResult[] = [];
  for (const e of chosen) {
    const scenario = readScenario(e.scenario);
    let done = 0;
    const r = runExperiment(e, scenario, games, seed, () => {
      done++;
      if (process.stderr.isTTY && done % 10 === 0) process.stderr.write(`\r${e.id}: ${done}/${games}`);
    });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    results.push(r);
    console.log(tables([r]));
  }
  const seconds = (Date.now() - started) / 1000;
  const broken = results.flatMap((r) => r.checks.filter((c) => !c.holds).map((c) => `${r.id}:${c.metric}`));
  console.log(broken.length === 0 ? 'every check holds' : `checks that fail: ${broken.join(', ')}`);
  if (values.write) {
    const command = `npm run fidelity -- --games ${games} --seed ${seed} --write ${values.write}`;
    writeFileSync(values.write, markdown(results, command, seconds));
    console.log(`wrote ${values.write}`);
  }
  if (values.check && broken.length > 0) process.exit(1);
}

await main();
