/**
 * The game: the phase bar, the world map, and a side panel with the orders, the dashboard, the
 * negotiation channels, the news and (for the facilitator) the console. A spectator gets the
 * projector layout: the map large, the scoreboard, the timer and a ticker, nothing private.
 * After each resolution a round report says what happened and why.
 */
import { formatEvent, t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState } from '../state/store.ts';
import type { ChatPanel } from './ChatPanel.ts';
import { Dashboard } from './Dashboard.ts';
import { h, replace } from './dom.ts';
import { FacilitatorConsole } from './FacilitatorConsole.ts';
import { MapPanel } from './MapPanel.ts';
import { NewsFeed } from './NewsFeed.ts';
import { OrdersPanel } from './OrdersPanel.ts';
import { PhaseBar } from './PhaseBar.ts';

type Tab = 'orders' | 'dashboard' | 'chat' | 'news' | 'console';

/** Events worth a line in the round report. */
const HEADLINES = new Set([
  'EventCardDrawn',
  'EventCardInjected',
  'CardEffect',
  'PolicyChanged',
  'ExportControlChanged',
  'SanctionChanged',
  'TreatySigned',
  'TreatyBroken',
  'MarketLeaderChanged',
  'OpenWeightsDiffused',
  'SafetyIncident',
  'TrustChanged',
  'ObjectiveAchieved',
  'GameEnded',
]);

export class GameScreen {
  readonly el = h('main', { class: 'game', 'data-screen': 'game' });
  private readonly bar: PhaseBar;
  private readonly map = new MapPanel();
  private readonly orders: OrdersPanel;
  private readonly dashboard = new Dashboard();
  private readonly news = new NewsFeed();
  private readonly console: FacilitatorConsole;
  private readonly chat: ChatPanel;
  private readonly tabs = h('nav', { class: 'tabs', role: 'tablist' });
  private readonly side = h('div', { class: 'side' });
  private readonly report = h('dialog', { class: 'report', 'data-testid': 'round-report' });
  private tab: Tab | null = null;
  private reportsSeen = -1;
  private layout = '';

  constructor(net: GameConnection, chat: ChatPanel) {
    this.bar = new PhaseBar(net);
    this.orders = new OrdersPanel(net);
    this.console = new FacilitatorConsole(net);
    this.chat = chat;
  }

  private tabsFor(s: ClientState): Tab[] {
    const role = s.welcome?.role;
    if (role === 'spectator') return [];
    const tabs: Tab[] = [];
    if (s.welcome?.nation) tabs.push('orders');
    tabs.push('dashboard', 'chat', 'news');
    if (role === 'facilitator') tabs.push('console');
    return tabs;
  }

  update(s: ClientState): void {
    const spectator = s.welcome?.role === 'spectator';
    const layout = spectator ? 'projector' : 'player';
    if (layout !== this.layout) {
      this.layout = layout;
      this.el.className = `game ${layout}`;
      this.el.dataset.layout = layout;
      replace(
        this.el,
        this.bar.el,
        h('div', { class: 'game-body' }, this.map.el, h('div', { class: 'side-wrap' }, this.tabs, this.side)),
        this.report,
      );
    }
    const tabs = this.tabsFor(s);
    if (!this.tab || !tabs.includes(this.tab)) this.tab = tabs[0] ?? null;
    replace(
      this.tabs,
      tabs.map((tab) =>
        h(
          'button',
          {
            role: 'tab',
            type: 'button',
            'data-tab': tab,
            'aria-selected': tab === this.tab ? 'true' : 'false',
            onclick: () => {
              this.tab = tab;
              this.update(s);
            },
          },
          t(`ui.tab.${tab}`),
          tab === 'chat' && Object.keys(s.unread).length ? '' : '',
        ),
      ),
    );
    this.bar.update(s);
    this.map.update(s);
    if (spectator) {
      this.dashboard.update(s, null);
      this.news.update(s, 12);
      replace(this.side, this.dashboard.el, this.news.el);
    } else {
      const panel =
        this.tab === 'orders'
          ? this.orders
          : this.tab === 'dashboard'
            ? this.dashboard
            : this.tab === 'chat'
              ? this.chat
              : this.tab === 'news'
                ? this.news
                : this.console;
      panel.update(s);
      if (this.side.firstChild !== panel.el) replace(this.side, panel.el);
    }
    this.showReport(s);
  }

  private showReport(s: ClientState) {
    if (this.reportsSeen === -1) this.reportsSeen = s.reports.length;
    if (s.reports.length === this.reportsSeen) return;
    this.reportsSeen = s.reports.length;
    const last = s.reports[s.reports.length - 1];
    if (!last) return;
    const lines = last.events.filter((e) => HEADLINES.has(e.type)).slice(0, 14);
    replace(
      this.report,
      h('h2', {}, t('ui.report.title', { round: last.round })),
      lines.length
        ? h(
            'ul',
            {},
            lines.map((e) => h('li', { 'data-type': e.type }, formatEvent(e, s.scenario))),
          )
        : h('p', {}, t('ui.report.quiet')),
      last.bots?.length
        ? h(
            'div',
            { class: 'bots', 'data-testid': 'bot-explanations' },
            h('h3', {}, t('ui.report.bots')),
            h(
              'ul',
              {},
              last.bots.map((b) => h('li', {}, h('strong', {}, `${b.nation}: `), b.explanation)),
            ),
          )
        : null,
      h(
        'button',
        { class: 'primary', type: 'button', onclick: () => this.report.close() },
        t('ui.report.continue'),
      ),
    );
    if (!this.report.open) this.report.show();
  }
}
