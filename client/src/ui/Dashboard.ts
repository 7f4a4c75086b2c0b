/**
 * The nation dashboard: every quantity of the design with a tooltip saying what it is, what moves
 * it, and a real-world anchor with its source. Also the scoreboard as the viewer may see it.
 */
import type { GameView, NationState } from '../../../shared/engine/index.ts';
import { STACK_LAYERS } from '../../../shared/engine/index.ts';
import { language, t } from '../i18n.ts';
import type { ClientState } from '../state/store.ts';
import { h, money, num, pct, replace } from './dom.ts';
import { objectivesList, roundCard } from './objectives.ts';

/** The quantities shown, with how each is displayed. */
export const DASHBOARD_QUANTITIES: [keyof NationState, (n: NationState) => string][] = [
  ['budget', (n) => money(n.budget)],
  ['revenue', (n) => money(n.revenue)],
  ['compute', (n) => `${num(n.compute)}k`],
  ['cloudCompute', (n) => `${num(n.cloudCompute)}k`],
  ['chipAccess', (n) => pct(n.chipAccess)],
  ['capability', (n) => num(n.capability)],
  ['sovereignModel', (n) => num(n.sovereignModel)],
  ['talent', (n) => num(n.talent)],
  ['trust', (n) => num(n.trust)],
  ['safety', (n) => num(n.safety)],
  ['softPower', (n) => num(n.softPower)],
  ['sovereignty', (n) => pct(n.sovereignty)],
  ['economy', (n) => num(n.economy)],
  ['incidents', (n) => String(n.incidents)],
];

/**
 * A label with its explanation: a title for the mouse, an accessible name for screen readers, and
 * a tap (or Enter) that opens the explanation under the label, for a phone or a tablet.
 */
export function withTooltip(key: string, label: string): HTMLElement {
  const tip = [t(`tooltip.${key}`), t(`anchor.${key}`)]
    .filter((x) => x && !x.startsWith('anchor.') && !x.startsWith('tooltip.'))
    .join(' ');
  if (!tip) return h('span', {}, label);
  const text = h('span', { class: 'tip-text', hidden: true, 'data-tip-text': key }, tip);
  const toggle = (e: Event) => {
    // Inside a label, a tap would also focus the field (and open a phone's keyboard): only toggle.
    e.preventDefault();
    e.stopPropagation();
    text.hidden = !text.hidden;
    el.setAttribute('aria-expanded', text.hidden ? 'false' : 'true');
  };
  const el = h(
    'span',
    {
      class: 'tip',
      title: tip,
      tabindex: 0,
      role: 'button',
      'aria-expanded': 'false',
      'data-tooltip': key,
      'aria-label': `${label}: ${tip}`,
      onclick: toggle,
      onkeydown: (e: Event) => {
        const k = (e as KeyboardEvent).key;
        if (k === 'Enter' || k === ' ') toggle(e);
      },
    },
    label,
  );
  return h('span', { class: 'tip-wrap' }, el, text);
}

export class Dashboard {
  readonly el = h('section', { class: 'dashboard card', 'aria-label': t('ui.dashboard.title') });

  /** What the dashboard was drawn from: it is drawn again only when one of these changes. */
  private drawnFor: {
    view: GameView;
    scenario: ClientState['scenario'];
    id: string | null;
    lang: string;
  } | null = null;

  update(s: ClientState, nation?: string | null): void {
    const view = s.view;
    const id = nation ?? s.welcome?.nation ?? null;
    if (!view) return;
    const d = this.drawnFor;
    if (d && d.view === view && d.scenario === s.scenario && d.id === id && d.lang === language()) return;
    this.drawnFor = { view, scenario: s.scenario, id, lang: language() };
    const n = id ? view.nations[id] : undefined;
    replace(
      this.el,
      id && n ? roundCard(view, s.scenario) : null,
      id && n ? objectivesList(view, s.scenario, id, 'dashboard') : null,
      n ? this.nationTable(view, n, s) : null,
      h('h2', {}, t('ui.dashboard.ranking')),
      h(
        'table',
        { class: 'ranking', 'data-testid': 'ranking' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, '#'),
            h('th', {}, t('ui.nation')),
            h('th', {}, withTooltip('softPower', t('quantity.softPower'))),
            h('th', {}, withTooltip('score', t('ui.score'))),
          ),
        ),
        h(
          'tbody',
          {},
          view.ranking.map((r) =>
            h(
              'tr',
              { 'data-nation': r.nation, class: r.nation === id ? 'mine' : '' },
              h('td', {}, r.rank),
              h('td', {}, s.scenario?.nations.find((x) => x.id === r.nation)?.name ?? r.nation),
              h('td', {}, num(r.softPower)),
              h('td', {}, num(r.score)),
            ),
          ),
        ),
      ),
      view.status === 'ended' ? null : h('p', { class: 'muted small' }, t('ui.dashboard.scoreNote')),
    );
  }

  private nationTable(view: GameView, n: NationState, s: ClientState) {
    const name = s.scenario?.nations.find((x) => x.id === n.id)?.name ?? n.id;
    return h(
      'div',
      {},
      h('h2', {}, t('ui.dashboard.nation', { nation: name })),
      h(
        'dl',
        { class: 'quantities' },
        DASHBOARD_QUANTITIES.flatMap(([key, show]) => [
          h('dt', {}, withTooltip(key, t(`quantity.${key}`))),
          h('dd', { 'data-q': key }, show(n)),
        ]),
        STACK_LAYERS.flatMap((l) => [
          h('dt', {}, withTooltip(l, t(`quantity.${l}`))),
          h('dd', { 'data-q': l }, num(n.stack[l])),
        ]),
      ),
      h('h3', {}, t('ui.dashboard.policies')),
      h(
        'ul',
        { class: 'policies' },
        h(
          'li',
          {},
          withTooltip('release', t('quantity.release')),
          `: ${t(`policy.release.${n.policies.release}`)}`,
        ),
        h(
          'li',
          {},
          withTooltip('regulation', t('quantity.regulation')),
          `: ${t(`policy.regulation.${n.policies.regulation}`)}`,
        ),
        h('li', {}, withTooltip('visa', t('quantity.visa')), `: ${t(`policy.visa.${n.policies.visa}`)}`),
        Object.entries(n.policies.exportControls).map(([target, c]) =>
          h(
            'li',
            {},
            `${t('quantity.exportControls')} → ${target}: ${t(`tier.${c.chips}`)} / ${t(`tier.${c.models}`)}`,
          ),
        ),
        Object.entries(n.policies.tariffs).map(([target, rate]) =>
          h('li', {}, `${t('quantity.tariffs')} → ${target}: ${pct(rate)}`),
        ),
        n.policies.sanctions.length
          ? h('li', {}, `${t('quantity.sanctions')}: ${n.policies.sanctions.join(', ')}`)
          : null,
        view.treaties
          .filter((tr) => tr.parties.includes(n.id))
          .map((tr) => h('li', {}, `${t(`treaty.${tr.type}`)}: ${tr.parties.join(' – ')}`)),
      ),
    );
  }
}
