/**
 * The application shell: one screen at a time (home, lobby, game, debrief) chosen by the phase the
 * server reports, a connection banner, notices, and a test hook on window for browser tests.
 */
import { bindLanguage, t } from '../i18n.ts';
import { GameConnection } from '../net/GameConnection.ts';
import { type ClientState, Store } from '../state/store.ts';
import { ChatPanel } from './ChatPanel.ts';
import { DebriefScreen } from './DebriefScreen.ts';
import { h, replace } from './dom.ts';
import { GameScreen } from './GameScreen.ts';
import { HomeScreen } from './HomeScreen.ts';
import { JoinRequests, WaitingScreen } from './JoinRequests.ts';
import { LobbyScreen } from './LobbyScreen.ts';

export class App {
  readonly store = new Store();
  readonly net: GameConnection;
  private readonly root: HTMLElement;
  private readonly banner = h('div', { class: 'banner', role: 'status', hidden: true });
  private readonly notices = h('ul', { class: 'notices', 'aria-live': 'polite' });
  private readonly home: HomeScreen;
  private readonly lobby: LobbyScreen;
  private readonly game: GameScreen;
  private readonly debrief: DebriefScreen;
  private current: HTMLElement | null = null;
  private readonly requests: JoinRequests;
  private readonly waiting: WaitingScreen;

  constructor(root: HTMLElement) {
    this.root = root;
    this.net = new GameConnection(this.store);
    const chat = new ChatPanel(this.net, this.store);
    this.home = new HomeScreen(this.net);
    this.lobby = new LobbyScreen(this.net, chat);
    this.game = new GameScreen(this.net, chat);
    this.debrief = new DebriefScreen(this.net);
    this.requests = new JoinRequests(this.net);
    this.waiting = new WaitingScreen(this.net);
    replace(root, this.banner, this.notices, this.requests.el);
    this.store.subscribe((s) => this.render(s));
    bindLanguage(this.store);
    this.render(this.store.get());
    (window as unknown as { __sovereign: unknown }).__sovereign = {
      state: () => this.store.get(),
      send: (type: string, message: unknown) => this.net.send(type as 'chat', message),
    };
  }

  private render(s: ClientState) {
    this.banner.hidden = s.connection !== 'lost' && s.connection !== 'reconnecting';
    this.banner.textContent =
      s.connection === 'reconnecting'
        ? t('ui.reconnecting', { attempt: s.reconnectAttempt })
        : t('ui.connectionLost');
    replace(
      this.notices,
      s.notices.slice(-3).map((n) => h('li', {}, n)),
    );
    this.requests.update(s);
    const screen = s.welcome ? s.screen : s.waiting ? 'waiting' : 'home';
    if (screen === 'waiting') this.waiting.update(s);
    const el =
      screen === 'waiting'
        ? this.waiting.el
        : screen === 'lobby'
          ? this.lobby.el
          : screen === 'game'
            ? this.game.el
            : screen === 'debrief'
              ? this.debrief.el
              : this.home.el;
    if (screen === 'lobby') this.lobby.update(s);
    if (screen === 'game') this.game.update(s);
    if (screen === 'debrief') this.debrief.update(s);
    if (el !== this.current) {
      this.current?.remove();
      this.root.append(el);
      this.current = el;
      document.body.dataset.screen = screen;
    }
  }
}
