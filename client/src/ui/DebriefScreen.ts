/**
 * The debrief: the final ranking and why (points by part), every secret objective revealed, charts
 * of each nation's soft power, compute, capability, trust and sovereignty over the rounds
 * (Chart.js), the decisions that mattered (from the engine's events), and the report export.
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
} from 'chart.js';
import { roundDigest } from '../../../shared/report/roundDigest.ts';
import { gameTitle, language, messages, namesFor, t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState } from '../state/store.ts';
import { h, num, replace } from './dom.ts';
import { branchControl } from './branchControl.ts';
import { languagePicker } from './LanguagePicker.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Title, Tooltip);

/** The quantities charted over the rounds. */
export const CHARTED = ['softPower', 'compute', 'capability', 'trust', 'sovereignty'] as const;

type Charted = (typeof CHARTED)[number];

export class DebriefScreen {
  readonly el = h('main', { class: 'debrief', 'data-screen': 'debrief' });
  private readonly net: GameConnection;
  private charts: Chart[] = [];
  private renderedFor = '';

  constructor(net: GameConnection) {
    this.net = net;
  }

  /** A chart's figures as a table (rounds down, nations across), folded under the chart. */
  private dataTable(q: Charted, s: ClientState): HTMLElement | null {
    const view = s.view;
    const scenario = s.scenario;
    if (!view || !scenario) return null;
    return h(
      'details',
      { class: 'chart-data', 'data-chart-table': q },
      h('summary', {}, t('ui.debrief.table')),
      h(
        'div',
        { class: 'table-wrap', tabindex: 0 },
        h(
          'table',
          {},
          h('caption', { class: 'sr-only' }, t(`quantity.${q}`)),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('ui.debrief.roundCol')),
              scenario.nations.map((n) => h('th', { scope: 'col' }, n.name)),
            ),
          ),
          h(
            'tbody',
            {},
            view.history.map((e) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, e.round),
                scenario.nations.map((n) => h('td', {}, num(e.nations[n.id]?.[q]))),
              ),
            ),
          ),
        ),
      ),
    );
  }

  update(s: ClientState): void {
    const view = s.view;
    const scenario = s.scenario;
    const room = s.room;
    if (!view || !scenario || !room) return;
    const key = `${room.code}:${view.status}:${view.round}:${s.reports.length}:${language()}`;
    if (key === this.renderedFor) return;
    this.renderedFor = key;
    for (const c of this.charts) c.destroy();
    this.charts = [];
    const name = (id: string) => scenario.nations.find((n) => n.id === id)?.name ?? id;
    const color = (id: string) => scenario.nations.find((n) => n.id === id)?.color ?? '#888888';
    const canvases = CHARTED.map((q) =>
      h('canvas', {
        'data-chart': q,
        width: 480,
        height: 260,
        role: 'img',
        'aria-label': t(`quantity.${q}`),
      }),
    );
    // The world's headlines of each round, as the round reports gave them (aggregated, no noise).
    const decisions = s.reports
      .filter((r) => r.kind !== 'inject')
      .flatMap((r) =>
        roundDigest(r.events, {
          scenario,
          me: null,
          messages: messages(),
          names: namesFor(scenario),
        }).world.map((line) => ({ round: r.round, line })),
      );
    const token = s.welcome?.role === 'facilitator' ? `?token=${s.welcome.seatToken}` : '';
    replace(
      this.el,
      h(
        'div',
        { class: 'debrief-head' },
        h('h1', {}, t('ui.debrief.title', { title: gameTitle(room) })),
        languagePicker(),
      ),
      h(
        'div',
        { class: 'table-wrap', tabindex: 0 },
        h(
          'table',
          { class: 'ranking final', 'data-testid': 'final-ranking' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                '#',
                t('ui.nation'),
                t('ui.score'),
                t('ui.debrief.col.softPower'),
                t('ui.debrief.col.sovereignty'),
                t('ui.debrief.col.economy'),
                t('ui.debrief.objectives'),
              ].map((x) => h('th', {}, x)),
            ),
          ),
          h(
            'tbody',
            {},
            view.ranking.map((r) =>
              h(
                'tr',
                { 'data-nation': r.nation },
                h('td', {}, r.rank),
                h('td', {}, name(r.nation)),
                h('td', {}, num(r.score)),
                h('td', {}, num(r.parts.softPower)),
                h('td', {}, num(r.parts.sovereignty)),
                h('td', {}, num(r.parts.economy)),
                h(
                  'td',
                  {},
                  h(
                    'ul',
                    {},
                    r.objectives.map((o) =>
                      h(
                        'li',
                        { class: `${o.achieved ? 'ok' : 'muted'} ${o.secret ? 'secret' : ''}` },
                        `${o.secret ? `${t('ui.debrief.secret')}: ` : ''}${scenario.objectives.find((x) => x.id === o.id)?.title ?? o.title} ${o.achieved ? `✓ +${o.points}` : `✗ (${Math.round(o.progress * 100)}%)`}`,
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
      h('p', { class: 'muted' }, t('ui.debrief.scoring')),
      h(
        'section',
        { class: 'charts' },
        canvases.map((c, i) => h('figure', {}, c, this.dataTable(CHARTED[i] as Charted, s))),
      ),
      s.reports.some((r) => r.bots?.length)
        ? h(
            'section',
            {},
            h('h2', {}, t('ui.debrief.bots')),
            h(
              'ul',
              { class: 'feed' },
              s.reports.flatMap((r) =>
                (r.bots ?? []).map((b) =>
                  h(
                    'li',
                    {},
                    h('span', { class: 'muted' }, `${t('ui.roundShort', { round: r.round })} `),
                    h('strong', {}, `${b.nation}: `),
                    b.explanation,
                  ),
                ),
              ),
            ),
          )
        : null,
      h('h2', {}, t('ui.debrief.decisions')),
      h(
        'ol',
        { class: 'feed' },
        decisions
          .slice(-60)
          .map(({ round, line }) =>
            h('li', {}, h('span', { class: 'muted' }, `${t('ui.roundShort', { round })} `), line),
          ),
      ),
      h(
        'p',
        {},
        h(
          'a',
          { href: `/api/games/${room.code}/report.json${token}`, download: `${room.code}.json` },
          t('ui.debrief.json'),
        ),
        ' · ',
        h(
          'a',
          { href: `/api/games/${room.code}/report.csv${token}`, download: `${room.code}.csv` },
          t('ui.debrief.csv'),
        ),
        ' · ',
        h(
          'a',
          {
            href: `/api/games/${room.code}/report.html?${s.welcome ? `token=${s.welcome.seatToken}&` : ''}lang=${language()}`,
            target: '_blank',
            'data-testid': 'aar-link',
          },
          t('ui.debrief.aar'),
        ),
        ' · ',
        h(
          'a',
          { href: `/api/games/${room.code}/replay.json?download=1`, download: `${room.code}-replay.json` },
          t('ui.debrief.replayFile'),
        ),
        ' · ',
        h(
          'a',
          { href: `/?replay=${room.code}`, target: '_blank', 'data-testid': 'replay-link' },
          t('ui.debrief.watchReplay'),
        ),
        ' · ',
        s.welcome?.role === 'facilitator'
          ? [branchControl(view.history.length - 1, room.code, s.welcome.seatToken, 'd-branch'), ' · ']
          : null,
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => void this.net.leave() },
          t('ui.debrief.home'),
        ),
      ),
    );
    const rounds = view.history.map((e) => String(e.round));
    CHARTED.forEach((q, i) => {
      const canvas = canvases[i];
      if (!canvas) return;
      this.charts.push(
        new Chart(canvas, {
          type: 'line',
          data: {
            labels: rounds,
            datasets: scenario.nations.map((n) => ({
              label: name(n.id),
              data: view.history.map((e) => e.nations[n.id]?.[q] ?? null),
              borderColor: color(n.id),
              backgroundColor: color(n.id),
              tension: 0.2,
            })),
          },
          options: {
            animation: false,
            responsive: false,
            plugins: { title: { display: true, text: t(`quantity.${q}`) }, legend: { position: 'bottom' } },
          },
        }),
      );
    });
  }
}
