/** The simulator's outputs as text: the summary tables, the what-if comparison and the CSV. */
import type { GameRecord } from './playGame.ts';
import type { PairedDifference, Summary, WhatIfReport, WinStats } from './summarise.ts';
import { TRAJECTORY_KEYS } from './summarise.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const signedPct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
const num = (x: number, digits = 1) => x.toFixed(digits);

/** Left-aligned first column, right-aligned others. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function statsTable(first: string, stats: Record<string, WinStats>, seatsLabel: string): string {
  return table(
    [first, seatsLabel, 'wins', 'win%', 'mean', 'p10', 'p50', 'p90'],
    Object.entries(stats).map(([k, s]) => [
      k,
      String(s.seats),
      String(s.wins),
      pct(s.winRate),
      num(s.score.mean),
      num(s.score.p10),
      num(s.score.p50),
      num(s.score.p90),
    ]),
  );
}

/** The summary as tables a terminal shows. */
export function formatSummary(summary: Summary, title: string): string {
  const out: string[] = [];
  out.push(`${summary.games} games of ${title}`);
  out.push('');
  out.push('Win rate and score by nation');
  out.push(statsTable('nation', summary.nations, 'games'));
  out.push('');
  out.push('Win rate and score by archetype');
  out.push(statsTable('archetype', summary.archetypes, 'seats'));
  out.push('');
  out.push('Average trajectory (start, then after each round)');
  for (const key of TRAJECTORY_KEYS) {
    const nations = Object.entries(summary.trajectory);
    const rounds = Math.max(0, ...nations.map(([, t]) => t.length));
    const digits = key === 'sovereignty' ? 2 : 1;
    out.push(
      table(
        [key, ...Array.from({ length: rounds }, (_, r) => `r${r}`)],
        nations.map(([id, t]) => [id, ...t.map((p) => num(p[key], digits))]),
      ),
    );
    out.push('');
  }
  out.push(
    `Policies most associated with winning (win rate vs. ${pct(summary.overallWinRate)} for any seat)`,
  );
  out.push(
    table(
      ['policy', 'seats', 'win%', 'diff (pts)'],
      summary.winningPolicies.map((p) => [
        `${p.kind} ${p.value}`,
        String(p.seats),
        pct(p.winRate),
        signedPct(p.difference),
      ]),
    ),
  );
  return out.join('\n');
}

const ci = (d: PairedDifference, f: (x: number) => string) =>
  d.ci95 ? `[${f(d.ci95[0])}, ${f(d.ci95[1])}]` : 'n/a (needs 2 games)';

/** The what-if comparison as text. */
export function formatWhatIf(w: WhatIfReport): string {
  const rows = [
    ['win rate', pct(w.baseline.winRate), pct(w.whatif.winRate)],
    ['mean score', num(w.baseline.meanScore), num(w.whatif.meanScore)],
  ];
  return [
    `What if ${w.nation} were played by ${w.seat}: ${w.games} paired games (same seeds)` +
      (w.unchanged > 0 ? `, ${w.unchanged} already had that seat in the baseline` : ''),
    table(['', 'baseline', 'what-if'], rows),
    `difference in win rate: ${signedPct(w.difference.winRate.mean)} pts, 95% CI ${ci(w.difference.winRate, signedPct)} pts`,
    `difference in score:    ${num(w.difference.score.mean)}, 95% CI ${ci(w.difference.score, (x) => num(x))}`,
  ].join('\n');
}

export const CSV_HEADER = [
  'seed',
  'game',
  'run',
  'round',
  'nation',
  'archetype',
  'difficulty',
  'softPower',
  'compute',
  'capability',
  'trust',
  'sovereignty',
  'economy',
  'budget',
  'roundScore',
  'finalRank',
  'finalScore',
] as const;

/** One CSV line per round × nation of a game (round 0 = the start). */
export function csvRows(record: GameRecord, run: 'baseline' | 'whatif' = 'baseline'): string[] {
  const final = new Map(record.ranking.map((r) => [r.nation, r]));
  const lines: string[] = [];
  for (const entry of record.history) {
    for (const [id, q] of Object.entries(entry.nations)) {
      const seat = record.seats[id];
      const f = final.get(id);
      lines.push(
        [
          record.seed,
          record.index,
          run,
          entry.round,
          id,
          seat?.archetype ?? '',
          seat?.difficulty ?? '',
          q.softPower,
          q.compute,
          q.capability,
          q.trust,
          q.sovereignty,
          q.economy,
          q.budget,
          q.score,
          f?.rank ?? '',
          f?.score ?? '',
        ].join(','),
      );
    }
  }
  return lines;
}
