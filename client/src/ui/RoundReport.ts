/**
 * The round report: what the round changed for *me* first (my score, its parts and their causes),
 * then my nation's changes, then the world's headlines, from the engine's events through the
 * shared digest (shared/report/roundDigest.ts). On a player's screen it is a modal dialog that is
 * always closable (Esc, a close button that stays in view, a click outside, Continue), scrolls
 * inside itself, takes the focus and gives it back. On the projector it is a side panel that never
 * covers the map and is replaced by the next round's.
 */
import { roundDigest } from '../../../shared/report/roundDigest.ts';
import { messages, namesFor, onLanguageChange, t } from '../i18n.ts';
import type { ClientReport, ClientState } from '../state/store.ts';
import { h, num, replace, signed } from './dom.ts';

/** The report's body for one viewer: score, mine, world, bots, and how much more is in the News. */
export function reportBody(report: ClientReport, s: ClientState, projector = false): HTMLElement[] {
  const me = s.welcome?.nation ?? null;
  const scenario = s.scenario;
  if (!scenario) return [];
  const digest = roundDigest(report.events, {
    scenario,
    me,
    messages: messages(),
    names: namesFor(scenario),
  });
  const parts: HTMLElement[] = [];
  const score = digest.score;
  if (score) {
    parts.push(
      h(
        'section',
        { class: 'report-score', 'data-testid': 'report-score' },
        h(
          'p',
          { class: 'score-line' },
          t('ui.report.score', { delta: signed(score.delta), score: num(score.to) }),
        ),
        h(
          'ul',
          { class: 'score-parts' },
          score.parts.map((p) =>
            h(
              'li',
              { 'data-part': p.part },
              h('strong', {}, `${t(`ui.report.part.${p.part}`)} ${signed(p.delta)}`),
              p.causes.length ? h('span', {}, `: ${p.causes.join(' ')}`) : null,
            ),
          ),
        ),
        h('p', { class: 'muted small' }, t('ui.report.secretNote')),
      ),
    );
  }
  if (digest.mine.length)
    parts.push(
      h(
        'section',
        {},
        h('h3', {}, t('ui.report.mine')),
        h(
          'ul',
          { 'data-testid': 'report-mine' },
          digest.mine.map((line) => h('li', {}, line)),
        ),
      ),
    );
  parts.push(
    h(
      'section',
      {},
      h('h3', {}, t('ui.report.world')),
      digest.world.length
        ? h(
            'ul',
            { 'data-testid': 'report-world' },
            digest.world.map((line) => h('li', {}, line)),
          )
        : h('p', {}, t('ui.report.quiet')),
    ),
  );
  if (report.bots?.length && !projector)
    parts.push(
      h(
        'details',
        { class: 'bots', 'data-testid': 'bot-explanations' },
        h('summary', {}, t('ui.report.bots')),
        h(
          'ul',
          {},
          report.bots.map((b) =>
            h(
              'li',
              {},
              h('strong', {}, `${namesFor(scenario).nation?.(b.nation) ?? b.nation}: `),
              b.explanation,
            ),
          ),
        ),
      ),
    );
  if (digest.hidden > 0 && !projector)
    parts.push(h('p', { class: 'muted small' }, t('ui.report.more', { count: digest.hidden })));
  return parts;
}

export class RoundReport {
  /** The player's dialog. */
  readonly dialog = h('dialog', {
    class: 'report',
    'data-testid': 'round-report',
    'aria-labelledby': 'report-title',
  });
  /** The projector's side panel. */
  readonly panel = h('section', {
    class: 'report-panel card',
    'data-testid': 'round-summary',
    'aria-live': 'polite',
  });
  private returnFocus: Element | null = null;
  /** What the dialog and the panel show, to write them again in a newly chosen language. */
  private shown: { report: ClientReport; s: ClientState } | null = null;
  private panelShown: { report: ClientReport | undefined; s: ClientState } | null = null;

  constructor() {
    onLanguageChange(() => {
      if (this.dialog.open && this.shown) this.show(this.shown.report, this.shown.s);
      if (this.panelShown) this.showPanel(this.panelShown.report, this.panelShown.s);
    });
    // A click on the backdrop (outside the dialog's box) closes it, as Esc does natively.
    this.dialog.addEventListener('click', (e) => {
      if (e.target !== this.dialog) return;
      const r = this.dialog.getBoundingClientRect();
      const inside =
        e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
      if (!inside) this.close();
    });
    this.dialog.addEventListener('close', () => {
      const back = this.returnFocus;
      this.returnFocus = null;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    });
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  /** Opens the dialog with a report (a player's or the facilitator's screen). */
  show(report: ClientReport, s: ClientState): void {
    this.shown = { report, s };
    replace(
      this.dialog,
      h(
        'header',
        { class: 'report-head' },
        h('h2', { id: 'report-title' }, t('ui.report.title', { round: report.round })),
        h(
          'button',
          {
            type: 'button',
            class: 'close',
            'data-testid': 'report-close',
            'aria-label': t('ui.close'),
            onclick: () => this.close(),
          },
          '×',
        ),
      ),
      h('div', { class: 'report-body' }, reportBody(report, s)),
      h(
        'footer',
        { class: 'report-foot' },
        h(
          'button',
          { class: 'primary', type: 'button', 'data-testid': 'report-continue', onclick: () => this.close() },
          t('ui.report.continue'),
        ),
      ),
    );
    if (!this.dialog.open) {
      this.returnFocus = document.activeElement;
      this.dialog.showModal();
    }
    this.dialog.querySelector<HTMLElement>('[data-testid="report-continue"]')?.focus();
    this.dialog.querySelector('.report-body')?.scrollTo(0, 0);
  }

  /** Fills the projector's side panel with the last resolved round (or hides it). */
  showPanel(report: ClientReport | undefined, s: ClientState): void {
    this.panelShown = { report, s };
    this.panel.hidden = !report;
    if (!report) return;
    replace(
      this.panel,
      h('h2', {}, t('ui.report.title', { round: report.round })),
      reportBody(report, { ...s, welcome: s.welcome ? { ...s.welcome, nation: null } : null }, true),
    );
  }
}
