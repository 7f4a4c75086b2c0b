/**
 * The game: the phase bar, the world map, and a side panel with the orders, the dashboard, the
 * negotiation channels, the news and (for the facilitator) the console. A spectator gets the
 * projector layout: the map large, the scoreboard, the timer and a ticker, nothing private.
 * After each resolution a round report says what happened and why: a dialog on a player's screen,
 * a side panel on the projector (it never covers the map).
 */
import { t } from '../i18n.ts';
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
import { RoundReport } from './RoundReport.ts';

type Tab = 'orders' | 'dashboard' | 'chat' | 'news' | 'console';

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
  private readonly report = new RoundReport();
  private tab: Tab | null = null;
  private liveSeen = -1;
  private panelFor: unknown = null;
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
        this.report.dialog,
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
        ),
      ),
    );
    this.bar.update(s);
    this.map.update(s);
    if (spectator) {
      this.dashboard.update(s, null);
      this.news.update(s, 12);
      const last = s.reports.filter((r) => r.kind !== 'inject').at(-1);
      if (s.scenario && last !== this.panelFor) {
        this.panelFor = last;
        this.report.showPanel(last, s);
      }
      // The ranking first, readable from the back of the room; then the last round, then the news.
      if (this.side.firstChild !== this.dashboard.el)
        replace(this.side, this.dashboard.el, this.report.panel, this.news.el);
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

  /** A round resolved while this page watched: its report opens (never for an injected card or the past). */
  private showReport(s: ClientState) {
    if (this.liveSeen === -1) this.liveSeen = s.liveReports;
    if (s.liveReports === this.liveSeen) return;
    this.liveSeen = s.liveReports;
    const last = s.reports.at(-1);
    if (!last || last.kind === 'inject' || this.layout === 'projector') return;
    this.report.show(last, s);
  }
}
