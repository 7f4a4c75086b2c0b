/**
 * A nation's view as compact prose and tables, for language-model agents and people reading logs:
 * its position, objectives with progress, budget, standing policies, this round's card, the rivals'
 * public positions, the treaty proposals to answer, and last round's changes. Built only from the
 * nation's own view (viewFor / withOwn) and the public scenario, so it holds nothing the nation may
 * not see. Pure: no I/O, no clock.
 */
import { objectivesInView } from '../engine/objectivesInView.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import { BUDGET_LINES, type NationId, type NationState } from '../engine/types.ts';
import type { GameView } from '../engine/viewFor.ts';
import { numberFormat } from '../i18n/numbers.ts';

export interface TextViewOptions {
  /** Last round's changes for this nation, in a few lines (e.g. shared/report/roundDigest's). */
  lastRound?: { round: number; lines: string[] } | null;
}

/** Plain English digits for a model to read: fixed decimals, no thousands grouping, no '-0'. */
const fixed = (x: number, decimals: number) =>
  numberFormat('en', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
    signDisplay: 'negative',
  }).format(x);
const f1 = (x: number) => fixed(x, 1);
const f2 = (x: number) => fixed(x, 2);
const pct = (x: number) => `${fixed(x * 100, 0)}%`;

/** A markdown-like table: one header row, then rows. */
function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** A nation's standing policies in one line each (what stays in force until an order changes it). */
function policyLines(n: NationState): string[] {
  const p = n.policies;
  const controls = Object.entries(p.exportControls)
    .filter(([, c]) => c.chips !== 'open' || c.models !== 'open')
    .map(([t, c]) => `${t} (chips ${c.chips}, models ${c.models})`);
  const tariffs = Object.entries(p.tariffs)
    .filter(([, r]) => r > 0)
    .map(([t, r]) => `${t} ${pct(r)}`);
  return [
    `- release: ${p.release}; regulation: ${p.regulation}; visa: ${p.visa}`,
    `- aid region: ${p.aidRegion ?? 'none'}; sovereign model programme base: ${p.programmeBase ?? 'none'}`,
    `- export controls: ${controls.length ? controls.join(', ') : 'none (open to all)'}`,
    `- tariffs: ${tariffs.length ? tariffs.join(', ') : 'none'}; sanctions on: ${p.sanctions.length ? p.sanctions.join(', ') : 'nobody'}`,
  ];
}

/**
 * The view of nation `me` as text. `view` must be that nation's view (its `viewer` is `me`), or the
 * facilitator's or a finished game's; a spectator's view gives no secret objective.
 */
export function textView(
  view: GameView,
  scenario: Scenario,
  me: NationId,
  options: TextViewOptions = {},
): string {
  const n = view.nations[me];
  if (!n) return `No nation '${me}' in this game.`;
  const names = new Map(scenario.nations.map((s) => [s.id, s.name]));
  const name = (id: string) => `${names.get(id) ?? id} (${id})`;
  const out: string[] = [];
  const ended = view.status === 'ended';
  out.push(
    ended
      ? `# ${name(me)}: the game has ended after ${view.rounds} rounds`
      : `# ${name(me)}: round ${view.round} of ${view.rounds} (scenario ${scenario.title})`,
  );

  const rank = view.ranking.find((r) => r.nation === me);
  out.push('', '## My position');
  if (rank)
    out.push(
      `Score ${f1(rank.score)}, rank ${rank.rank} of ${view.ranking.length} (soft power ${f1(rank.parts.softPower)}, sovereignty ${f1(rank.parts.sovereignty)}, economy ${f1(rank.parts.economy)}, objectives ${f1(rank.parts.objectives)} points).`,
    );
  out.push(
    `Capability ${f1(n.capability)}/100, sovereign model ${f1(n.sovereignModel)}, compute ${f1(n.compute)}k H100e (+${f1(n.cloudCompute)}k cloud), chip access ${pct(n.chipAccess)}, talent ${f1(n.talent)}, trust ${f1(n.trust)}/100, safety ${f1(n.safety)}/100, incidents ${n.incidents}.`,
    `Soft power ${f1(n.softPower)}, sovereignty ${pct(n.sovereignty)}, economy ${f1(n.economy)}, revenue last round ${f2(n.revenue)}.`,
  );

  out.push('', '## Budget');
  out.push(
    `This round: ${f2(n.budget)} (US$ billions; base ${f2(n.baseBudget)}). Lines: ${BUDGET_LINES.join(', ')}. The sum of the lines may not exceed ${f2(n.budget)}; money not allocated is not spent.`,
  );

  out.push('', '## My objectives');
  const objectives = objectivesInView(view, scenario, me);
  if (objectives.length === 0) out.push('None known.');
  for (const o of objectives)
    out.push(
      `- ${o.achieved ? '[met]' : `[${pct(o.progress)}]`} ${o.title}${o.secret ? ' (secret)' : ''}, ${o.points} points: ${o.description}`,
    );

  out.push('', '## My standing policies', ...policyLines(n));

  out.push('', "## This round's event cards");
  if (view.pendingCards.length === 0) out.push('None announced.');
  for (const c of view.pendingCards) out.push(`- ${c.title}: ${c.text}`);
  for (const m of view.modifiers)
    out.push(
      `- in force until round ${m.until}: ${m.kind} x${f2(m.factor)}${m.nations.length ? ` for ${m.nations.join(', ')}` : ' for everyone'}`,
    );

  out.push('', "## Rivals' public positions");
  const rows = Object.values(view.nations)
    .filter((r) => r.id !== me)
    .map((r) => {
      const rr = view.ranking.find((x) => x.nation === r.id);
      const controls = r.policies.exportControls[me];
      const onMe = [
        controls && (controls.chips !== 'open' || controls.models !== 'open')
          ? `controls chips ${controls.chips}/models ${controls.models}`
          : '',
        r.policies.tariffs[me] ? `tariff ${pct(r.policies.tariffs[me] ?? 0)}` : '',
        r.policies.sanctions.includes(me) ? 'sanctions' : '',
      ].filter(Boolean);
      return [
        r.id,
        rr ? `${f1(rr.score)} (#${rr.rank})` : '-',
        f1(r.capability),
        f1(r.compute),
        f1(r.trust),
        f1(r.softPower),
        pct(r.sovereignty),
        r.policies.release,
        onMe.length ? onMe.join(', ') : 'none',
      ];
    });
  out.push(
    ...table(
      [
        'nation',
        'score',
        'capability',
        'compute',
        'trust',
        'soft power',
        'sovereignty',
        'release',
        'measures on me',
      ],
      rows,
    ),
  );

  out.push('', '## Treaties');
  const mine = view.treaties.filter((t) => t.parties.includes(me));
  out.push(
    mine.length
      ? `In force with me: ${mine.map((t) => `${t.id} ${t.type} with ${t.parties.find((p) => p !== me)}`).join('; ')}.`
      : 'None in force with me.',
  );
  const others = view.treaties.filter((t) => !t.parties.includes(me));
  if (others.length)
    out.push(`Between others: ${others.map((t) => `${t.type} ${t.parties.join('-')}`).join('; ')}.`);
  const toMe = view.proposals.filter((p) => p.to === me);
  out.push(
    toMe.length
      ? `Proposals to me (answer in orders.treaties.answer with their ids, this round or they lapse): ${toMe.map((p) => `${p.id} ${p.type} from ${p.from}`).join('; ')}.`
      : 'No proposals to me awaiting an answer.',
  );
  const fromMe = view.proposals.filter((p) => p.from === me);
  if (fromMe.length)
    out.push(
      `My proposals awaiting an answer: ${fromMe.map((p) => `${p.id} ${p.type} to ${p.to}`).join('; ')}.`,
    );

  if (options.lastRound) {
    out.push('', `## Last round (${options.lastRound.round})`);
    out.push(
      ...(options.lastRound.lines.length
        ? options.lastRound.lines.map((l) => `- ${l}`)
        : ['Nothing of note.']),
    );
  }

  out.push('', '## Markets and regions');
  const regions = [...new Set(scenario.markets.map((m) => m.region))].sort();
  out.push(`Aid regions: ${regions.join('; ')}.`);
  return out.join('\n');
}
