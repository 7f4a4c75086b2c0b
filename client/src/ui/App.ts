/**
 * The application shell: one screen at a time (home, lobby, game, debrief) chosen by the phase the
 * server reports, a connection banner, notices, and a test hook on window for browser tests. Only
 * home is in the first download: the lobby and game screens load on demand or while the player
 * types a name (preload), the debrief (with its charts) when a game ends.
 */
import { bindLanguage, t } from '../i18n.ts';
import { GameConnection, QUICK_PLAY_SCENARIO } from '../net/GameConnection.ts';
import { type ClientState, Store } from '../state/store.ts';
import type { DebriefScreen } from './DebriefScreen.ts';
import { h, replace } from './dom.ts';
import type { GameScreen } from './GameScreen.ts';
import { codeFromUrl, HomeScreen } from './HomeScreen.ts';
import { JoinRequests, WaitingScreen } from './JoinRequests.ts';
import type { LobbyScreen } from './LobbyScreen.ts';

export class App {
  readonly store = new Store();
  readonly net: GameConnection;
  private readonly root: HTMLElement;
  private readonly banner = h('div', { class: 'banner', role: 'status', hidden: true });
  private readonly notices = h('ul', { class: 'notices', 'aria-live': 'polite' });
  private readonly home: HomeScreen;
  /** The screens after home, null until their code has arrived. */
  private play: { lobby: LobbyScreen; game: GameScreen } | null = null;
  private debrief: DebriefScreen | null = null;
  private loadingPlay: Promise<void> | null = null;
  private loadingDebrief: Promise<void> | null = null;
  private current: HTMLElement | null = null;
  private readonly requests: JoinRequests;
  private readonly waiting: WaitingScreen;

  constructor(root: HTMLElement) {
    this.root = root;
    this.net = new GameConnection(this.store);
    this.home = new HomeScreen(this.net);
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

  /** The lobby and game screens' code (and their chat), fetched once; the screen shows when it arrives. */
  private loadPlay(): Promise<void> {
    this.loadingPlay ??= Promise.all([
      import('./ChatPanel.ts'),
      import('./LobbyScreen.ts'),
      import('./GameScreen.ts'),
    ]).then(
      ([{ ChatPanel }, { LobbyScreen }, { GameScreen }]) => {
        const chat = new ChatPanel(this.net, this.store);
        this.play = { lobby: new LobbyScreen(this.net, chat), game: new GameScreen(this.net, chat) };
        this.render(this.store.get());
      },
      (e: Error) => this.loadFailed(e, () => (this.loadingPlay = null)),
    );
    return this.loadingPlay;
  }

  private loadDebrief(): Promise<void> {
    this.loadingDebrief ??= import('./DebriefScreen.ts').then(
      ({ DebriefScreen }) => {
        this.debrief = new DebriefScreen(this.net);
        this.render(this.store.get());
      },
      (e: Error) => this.loadFailed(e, () => (this.loadingDebrief = null)),
    );
    return this.loadingDebrief;
  }

  /** A screen's code could not be fetched (offline, or a new build under the page): say so, try again later. */
  private loadFailed(e: Error, retry: () => void) {
    retry();
    this.store.set({ notices: [...this.store.get().notices, t('ui.connectionLost')] });
    console.warn(`a screen could not be loaded: ${e.message}`);
  }

  /**
   * While the player is on home: the next screens, the map (Phaser and the world's geometry) and
   * quick play's scenario, so that "Play now" has them at hand.
   */
  preload(): void {
    void this.loadPlay();
    void import('../map/WorldMap.ts').catch(() => {});
    if (!codeFromUrl()) void this.net.api(`/api/scenarios/${QUICK_PLAY_SCENARIO}`).catch(() => {});
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
    const wanted = s.welcome ? s.screen : s.waiting ? 'waiting' : 'home';
    // A screen whose code is still on its way: the current one stays until it arrives.
    if ((wanted === 'lobby' || wanted === 'game') && !this.play) void this.loadPlay();
    if (wanted === 'debrief' && !this.debrief) void this.loadDebrief();
    const { play, debrief } = this;
    const screen =
      ((wanted === 'lobby' || wanted === 'game') && !play) || (wanted === 'debrief' && !debrief)
        ? (document.body.dataset.screen ?? 'home')
        : wanted;
    if (screen === 'waiting') this.waiting.update(s);
    const el =
      screen === 'waiting'
        ? this.waiting.el
        : screen === 'lobby' && play
          ? play.lobby.el
          : screen === 'game' && play
            ? play.game.el
            : screen === 'debrief' && debrief
              ? debrief.el
              : this.home.el;
    if (screen === 'lobby') play?.lobby.update(s);
    if (screen === 'game') play?.game.update(s);
    if (screen === 'debrief') debrief?.update(s);
    if (el !== this.current) {
      this.current?.remove();
      this.root.append(el);
      this.current = el;
      document.body.dataset.screen = screen;
    }
  }
}
