/**
 * Home: quick play against bots in one click, create a game (as facilitator), join by code (pick a
 * nation or watch as a projector), rejoin the last game, and the list of public games.
 */
import type { Scenario } from '../../../shared/engine/index.ts';
import { TIMER_MAX_SECONDS } from '../../../shared/protocol/schemas.ts';
import { localized, onLanguageChange, scenarioText, t } from '../i18n.ts';
import { type GameConnection, QUICK_PLAY_SCENARIO } from '../net/GameConnection.ts';
import { h, replace } from './dom.ts';
import { languagePicker } from './LanguagePicker.ts';
import './class.css';

/**
 * A branch to create (`/?branch=K7QXM&round=3#token=…`, the console's Branch link): the game, the
 * round and the facilitator's token (in the fragment, which is never sent to a server).
 */
export function branchFromUrl(
  search = location.search,
  hash = location.hash,
): { code: string; round: number; token: string } | null {
  const q = new URLSearchParams(search);
  const code = q.get('branch')?.trim().toUpperCase() ?? '';
  const round = Number(q.get('round'));
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  return /^[A-Z0-9]{3,12}$/.test(code) && Number.isInteger(round) && round >= 1 && token.length >= 8
    ? { code, round, token }
    : null;
}

/** A game's join code as typed ("k7qxm " → "K7QXM"), or null when it cannot be one. */
export function joinCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return /^[A-Z0-9]{4,8}$/.test(code) ? code : null;
}

/** The join code in the page's address (`/?code=K7QXM`, the link the lobby shows as a QR code). */
export function codeFromUrl(search = location.search): string | null {
  return joinCode(new URLSearchParams(search).get('code') ?? '');
}

interface ScenarioInfo {
  id: string;
  title: string;
  description: string;
  nations: string[];
  rounds: number;
}
interface GameInfo {
  code: string;
  title: string;
  scenario: string;
  status: string;
  round: number;
  rounds: number;
  teams: boolean;
  nations: { id: string; players: string[]; bot: boolean }[];
}

export class HomeScreen {
  readonly el = h('main', { class: 'home', 'data-screen': 'home' });
  private readonly net: GameConnection;
  private readonly status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly nameInput: HTMLInputElement;
  private readonly picker = h('section', { class: 'picker', hidden: true });
  private readonly scenarioSelect = h('select', { id: 'scenario' });
  private readonly playAs = h('select', { id: 'play-as' });
  private readonly quickNation = h('select', { id: 'quick-nation' }, h('option', { value: 'US' }, 'US'));
  private readonly games = h('ul', { class: 'game-list' });
  private scenarios: ScenarioInfo[] = [];
  /** The game and round to branch from, if the page was opened with the console's Branch link. */
  private readonly branch = branchFromUrl();
  /** The code from a join link, if the page was opened with one. */
  private readonly linkCode = codeFromUrl();

  constructor(net: GameConnection) {
    this.net = net;
    this.nameInput = h('input', {
      id: 'name',
      maxlength: 24,
      required: true,
      autocomplete: 'nickname',
      value: localStorage.getItem('sovereign.name') ?? '',
      placeholder: t('ui.home.namePlaceholder'),
    });
    this.scenarioSelect.addEventListener('change', () => this.fillPlayAs());
    this.fillPlayAs();
    this.render();
    onLanguageChange(() => {
      this.nameInput.placeholder = t('ui.home.namePlaceholder');
      this.fillScenarios();
      this.render();
    });
    void this.load();
    const replay = new URLSearchParams(location.search).get('replay');
    if (replay !== null) void this.openReplay(replay || undefined);
    else if (this.linkCode) {
      // Opened from the lobby's link: the code is in, the nations come up, the name is next.
      this.say(t('ui.home.codeFromLink', { code: this.linkCode }));
      void this.pick(this.linkCode, false);
      queueMicrotask(() => this.nameInput.focus());
    }
  }

  private name(): string | null {
    const name = this.nameInput.value.trim();
    if (!name) {
      this.say(t('ui.home.needName'));
      this.nameInput.focus();
      return null;
    }
    localStorage.setItem('sovereign.name', name);
    return name;
  }

  private say(text: string) {
    this.status.textContent = text;
  }

  private async run(action: () => Promise<void>) {
    this.say(t('ui.home.connecting'));
    try {
      await action();
      this.say('');
    } catch (e) {
      this.say(t('ui.home.failed', { reason: (e as Error).message }));
    }
  }

  private async load() {
    try {
      this.scenarios = await this.net.api<ScenarioInfo[]>('/api/scenarios');
      this.fillScenarios();
      const games = await this.net.api<GameInfo[]>('/api/games');
      replace(
        this.games,
        games.length === 0
          ? h('li', {}, t('ui.home.noGames'))
          : games.map((g) =>
              h(
                'li',
                {},
                h(
                  'span',
                  {},
                  `${g.title} · ${g.code} · ${t('ui.round', { round: g.round, rounds: g.rounds })}`,
                ),
                h('button', { onclick: () => void this.pick(g.code) }, t('ui.home.join')),
              ),
            ),
      );
    } catch (e) {
      this.say(t('ui.home.failed', { reason: (e as Error).message }));
    }
  }

  /** After a code: the nations of that game, to play one or join its team, or watch. */
  private async pick(codeInput: string, focus = true) {
    const code = joinCode(codeInput);
    if (!code) return this.say(t('ui.home.badCode'));
    try {
      const game = await this.net.api<GameInfo>(`/api/games/${code}`);
      const scenario = localized(await this.net.api<Scenario>(`/api/scenarios/${game.scenario}`));
      const join = (role: 'player' | 'spectator', nation?: string) => {
        const name = this.name();
        if (name) void this.run(() => this.net.join(code, name, role, nation));
      };
      replace(
        this.picker,
        h('h2', {}, t('ui.home.pickTitle', { title: game.title, code })),
        h(
          'ul',
          { class: 'nation-pick' },
          game.nations.map((n) => {
            const spec = scenario.nations.find((x) => x.id === n.id);
            const taken = n.players.length > 0;
            return h(
              'li',
              {},
              h('strong', {}, spec?.name ?? n.id),
              ' ',
              h(
                'span',
                { class: 'muted' },
                taken ? n.players.join(', ') : n.bot ? t('ui.seat.bot') : t('ui.seat.free'),
              ),
              h('p', { class: 'brief' }, spec?.briefing.position ?? ''),
              h(
                'button',
                { 'data-nation': n.id, disabled: taken && !game.teams, onclick: () => join('player', n.id) },
                taken ? t('ui.home.joinTeam') : t('ui.home.play'),
              ),
            );
          }),
        ),
        h(
          'button',
          { class: 'secondary', 'data-role': 'spectator', onclick: () => join('spectator') },
          t('ui.home.watch'),
        ),
      );
      this.picker.hidden = false;
      if (focus) this.picker.querySelector('button')?.focus();
    } catch (e) {
      this.say(t('ui.home.failed', { reason: (e as Error).message }));
    }
  }

  /** The scenarios arrived: fill their list in place (a re-render would lose what is being typed). */
  private fillScenarios() {
    const chosen = this.scenarioSelect.value;
    replace(
      this.scenarioSelect,
      this.scenarios.map((s) => h('option', { value: s.id }, scenarioText(s.id, 'title', s.title))),
    );
    if (this.scenarios.some((s) => s.id === chosen)) this.scenarioSelect.value = chosen;
    this.fillPlayAs();
    // Quick play's powers come from its scenario, not a list of our own.
    const quick = this.scenarios.find((s) => s.id === QUICK_PLAY_SCENARIO);
    const picked = this.quickNation.value;
    replace(
      this.quickNation,
      (quick?.nations ?? ['US']).map((n) => h('option', { value: n }, n)),
    );
    if (quick?.nations.includes(picked)) this.quickNation.value = picked;
  }

  /** The nations the creator may play in the chosen scenario. */
  private fillPlayAs() {
    const s = this.scenarios.find((x) => x.id === this.scenarioSelect.value) ?? this.scenarios[0];
    replace(
      this.playAs,
      h('option', { value: '' }, t('ui.home.facilitateOnly')),
      (s?.nations ?? []).map((n) => h('option', { value: n }, n)),
    );
  }

  private render() {
    const scenarioSelect = this.scenarioSelect;
    const playAs = this.playAs;
    // The same caps as the server's schema, in minutes.
    const minutes = (id: string, value: number) =>
      h('input', {
        id,
        type: 'number',
        min: 0,
        max: TIMER_MAX_SECONDS[id.slice(2) as keyof typeof TIMER_MAX_SECONDS] / 60,
        step: 0.5,
        value,
        class: 'short',
      });
    const rounds = h('input', {
      id: 'rounds',
      type: 'number',
      min: 1,
      max: 40,
      placeholder: t('ui.home.roundsDefault'),
      class: 'short',
    });
    const briefing = minutes('t-briefing', 0.5);
    const negotiation = minutes('t-negotiation', 3);
    const orders = minutes('t-orders', 3);
    const seed = h('input', {
      id: 'seed',
      type: 'number',
      min: 0,
      step: 1,
      placeholder: t('ui.home.seedRandom'),
      class: 'short',
    });
    const priv = h('input', { id: 'private', type: 'checkbox', checked: true });
    const bots = h('input', { id: 'bots', type: 'checkbox', checked: true });
    const teams = h('input', { id: 'teams', type: 'checkbox', checked: true });
    const code = h('input', {
      id: 'code',
      maxlength: 8,
      placeholder: 'K7QXM',
      class: 'code-input',
      autocapitalize: 'characters',
      autocomplete: 'off',
      spellcheck: 'false',
      enterkeyhint: 'go',
      value: this.linkCode ?? '',
      onkeydown: (e: Event) => {
        if ((e as KeyboardEvent).key !== 'Enter') return;
        e.preventDefault();
        void this.pick(code.value);
      },
    });
    const quickNation = this.quickNation;
    const last = localStorage.getItem('sovereign.lastGame');
    const create = () => {
      const name = this.name();
      if (!name) return;
      const secs = (el: HTMLInputElement) => Math.round(Number(el.value || 0) * 60);
      void this.run(() =>
        this.net.create(
          name,
          {
            scenario: scenarioSelect.value || 'sovereign-ai-2026',
            ...(rounds.value ? { rounds: Number(rounds.value) } : {}),
            ...(seed.value ? { seed: Number(seed.value) } : {}),
            timers: { briefing: secs(briefing), negotiation: secs(negotiation), orders: secs(orders) },
            private: priv.checked,
            bots: bots.checked,
            teams: teams.checked,
            ...(this.branch ? { branch: this.branch } : {}),
          },
          playAs.value || undefined,
        ),
      );
    };
    const quick = h(
      'section',
      { class: 'card quick' },
      h('h2', {}, t('ui.home.quickTitle')),
      h('p', {}, t('ui.home.quickText')),
      h('label', { for: 'quick-nation' }, t('ui.home.quickNation')),
      quickNation,
      h(
        'button',
        {
          id: 'quick-play',
          class: 'primary',
          onclick: () => {
            const name = this.name();
            if (name) void this.run(() => this.net.quickPlay(name, quickNation.value));
          },
        },
        t('ui.home.quickPlay'),
      ),
    );
    const join = h(
      'section',
      { class: this.linkCode ? 'card join from-link' : 'card join' },
      h('h2', {}, t('ui.home.joinTitle')),
      h('label', { for: 'code' }, t('ui.home.code')),
      code,
      h('button', { id: 'join-code', onclick: () => void this.pick(code.value) }, t('ui.home.next')),
      last && this.net.savedToken(last)
        ? h(
            'button',
            {
              id: 'rejoin',
              class: 'secondary',
              onclick: () => {
                const name = this.name();
                if (name) void this.run(() => this.net.rejoin(last, name));
              },
            },
            t('ui.home.rejoin', { code: last }),
          )
        : null,
      this.picker,
    );
    replace(
      this.el,
      h(
        'header',
        {},
        languagePicker(),
        h('h1', {}, 'Sovereign'),
        h('p', { class: 'tagline' }, t('ui.home.tagline')),
      ),
      h('label', { for: 'name' }, t('ui.home.name')),
      this.nameInput,
      this.status,
      this.linkCode ? [join, quick] : [quick, join],
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('ui.home.createTitle')),
        h(
          'div',
          { class: 'form-grid' },
          h('label', { for: 'scenario' }, t('ui.home.scenario')),
          scenarioSelect,
          h('label', { for: 'rounds' }, t('ui.home.rounds')),
          rounds,
          h('label', { for: 't-briefing' }, t('ui.home.briefingMinutes')),
          briefing,
          h('label', { for: 't-negotiation' }, t('ui.home.negotiationMinutes')),
          negotiation,
          h('label', { for: 't-orders' }, t('ui.home.ordersMinutes')),
          orders,
          h('label', { for: 'seed' }, t('ui.home.seed')),
          seed,
          h('label', { for: 'play-as' }, t('ui.home.playAs')),
          playAs,
          h('label', { for: 'private' }, t('ui.home.private')),
          priv,
          h('label', { for: 'bots' }, t('ui.home.bots')),
          bots,
          h('label', { for: 'teams' }, t('ui.home.teams')),
          teams,
        ),
        h('p', { class: 'muted' }, t('ui.home.timersHint')),
        this.branch
          ? h('p', { class: 'branching', 'data-testid': 'branching' }, t('ui.home.branching', this.branch))
          : null,
        h('button', { id: 'create', onclick: create }, t('ui.home.create')),
      ),
      h('section', { class: 'card' }, h('h2', {}, t('ui.home.publicGames')), this.games),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('ui.replay.title')),
        h('button', { id: 'open-replay', onclick: () => void this.openReplay() }, t('ui.replay.watch')),
        ' ',
        h('button', { id: 'open-editor', onclick: () => void this.openEditor() }, t('ui.editor.open')),
      ),
    );
  }

  /** The scenario editor in place of the home screen. */
  private async openEditor() {
    const { ScenarioEditor } = await import('./ScenarioEditor.ts');
    replace(this.el, new ScenarioEditor(this.net, () => this.render()).el);
  }

  /** The replay viewer in place of the home screen (`/?replay=<code>` opens a game's at once). */
  private async openReplay(code?: string) {
    const { ReplayScreen } = await import('./ReplayScreen.ts');
    const screen = new ReplayScreen(() => this.render());
    replace(this.el, screen.el);
    if (code) await screen.openCode(code);
  }
}
