/**
 * The news feed: every event this client may see, newest round first, each a sentence that says
 * what changed and why (the engine's events through the translation layer).
 */
import { formatEvent, t } from '../i18n.ts';
import type { ClientState } from '../state/store.ts';
import { h, replace } from './dom.ts';

/** Event types that are noise in a feed (every nation gets one each round). */
const QUIET = new Set([
  'RevenueEarned',
  'BudgetSet',
  'EconomyChanged',
  'ComputeBuilt',
  'TalentMoved',
  'AdoptionShifted',
  'ScoreChanged',
]);

export class NewsFeed {
  readonly el = h('section', { class: 'news card', 'aria-label': t('ui.news.title') });
  private shown: unknown = null;
  private shownFor: unknown = null;
  private shownAll = false;
  private showAll = false;

  update(s: ClientState, limit = 400): void {
    // The scenario may arrive after the reports: names are resolved from it, so redraw then too.
    if (s.reports === this.shown && this.showAll === this.shownAll && s.scenario === this.shownFor) return;
    this.shown = s.reports;
    this.shownFor = s.scenario;
    this.shownAll = this.showAll;
    const rounds = [...s.reports].reverse();
    replace(
      this.el,
      h('h2', {}, t('ui.news.title')),
      h(
        'label',
        { class: 'muted' },
        h('input', {
          type: 'checkbox',
          checked: this.showAll,
          onchange: (e: Event) => {
            this.showAll = (e.target as HTMLInputElement).checked;
            this.update(s, limit);
          },
        }),
        ` ${t('ui.news.all')}`,
      ),
      rounds.length === 0 ? h('p', { class: 'muted' }, t('ui.news.empty')) : null,
      h(
        'ol',
        { class: 'feed', 'data-testid': 'news' },
        rounds
          .flatMap((r) =>
            r.events.filter((e) => this.showAll || !QUIET.has(e.type)).map((e) => ({ round: r.round, e })),
          )
          .slice(0, limit)
          .map(({ round, e }) =>
            h(
              'li',
              { 'data-type': e.type },
              h('span', { class: 'muted' }, `${t('ui.roundShort', { round })} `),
              formatEvent(e, s.scenario),
            ),
          ),
      ),
    );
  }
}
