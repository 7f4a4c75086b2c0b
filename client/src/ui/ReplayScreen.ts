/**
 * The replay viewer: a finished game from its replay file (opened from disk, offline) or by its code
 * (GET /api/games/<code>/replay.json), played again in the browser through the engine itself
 * (shared/replay/rerunReplay.ts), with a round slider and play/pause over the map, the ranking, each
 * nation's orders and the news of the round shown.
 */
import { type GameState, scoreboard, viewFor } from '../../../shared/engine/index.ts';
import { MAX_REPLAY_BYTES, type ReplayFile, ReplayFileSchema } from '../../../shared/replay/replayFile.ts';
import { type ReplayFrame, rerunReplay } from '../../../shared/replay/rerunReplay.ts';
import { formatEvent, localized, t } from '../i18n.ts';
import { initialState } from '../state/store.ts';
import { h, num, replace } from './dom.ts';
import { joinCode } from './HomeScreen.ts';
import { MapPanel } from './MapPanel.ts';

/** Milliseconds between rounds when playing. */
const PLAY_STEP_MS = 1500;
/**
 * The map is redrawn at most this often (its change of colours fades in over 0.9 s, and a new round
 * drawn during the fade breaks it): a slider dragged over several rounds shows the last one.
 */
const MAP_MIN_MS = 1000;

/** Orders as "path: value" lines, numbers as given. */
function ordersLines(orders: unknown, prefix = ''): string[] {
  if (orders === null || orders === undefined) return [];
  if (typeof orders !== 'object') return [`${prefix}: ${String(orders)}`];
  if (Array.isArray(orders))
    return orders.every((x) => typeof x !== 'object')
      ? orders.length
        ? [`${prefix}: ${orders.join(', ')}`]
        : []
      : orders.flatMap((x, i) => ordersLines(x, `${prefix}[${i + 1}]`));
  return Object.entries(orders).flatMap(([k, v]) => ordersLines(v, prefix ? `${prefix}.${k}` : k));
}

export class ReplayScreen {
  readonly el = h('section', {
    class: 'replay',
    'data-screen': 'replay',
    'aria-label': t('ui.replay.title'),
  });
  private readonly status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly body = h('div', { class: 'replay-body' });
  private file: ReplayFile | null = null;
  private frames: ReplayFrame[] = [];
  private index = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private map: MapPanel | null = null;
  private mapAt = 0;
  private mapTimer: ReturnType<typeof setTimeout> | null = null;
  private mapNext: Parameters<MapPanel['update']>[0] | null = null;
  private readonly slider = h('input', {
    type: 'range',
    min: 0,
    max: 0,
    value: 0,
    step: 1,
    'data-testid': 'replay-slider',
    'aria-label': t('ui.replay.round'),
  });
  private readonly playButton = h(
    'button',
    { type: 'button', 'data-testid': 'replay-play' },
    t('ui.replay.play'),
  );

  constructor(onBack: () => void) {
    const fileInput = h('input', {
      type: 'file',
      accept: '.json,application/json',
      id: 'replay-file',
      'data-testid': 'replay-file',
    });
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      if (f) void this.openFile(f);
    });
    const code = h('input', { id: 'replay-code', maxlength: 8, placeholder: 'K7QXM', class: 'code-input' });
    this.slider.addEventListener('input', () => this.show(Number(this.slider.value)));
    this.playButton.addEventListener('click', () => this.toggle());
    replace(
      this.el,
      h('h2', {}, t('ui.replay.title')),
      h('p', { class: 'muted' }, t('ui.replay.hint')),
      h(
        'div',
        { class: 'form-grid' },
        h('label', { for: 'replay-file' }, t('ui.replay.file')),
        fileInput,
        h('label', { for: 'replay-code' }, t('ui.replay.code')),
        h(
          'span',
          {},
          code,
          ' ',
          h(
            'button',
            { type: 'button', 'data-testid': 'replay-open', onclick: () => void this.openCode(code.value) },
            t('ui.replay.open'),
          ),
        ),
      ),
      this.status,
      this.body,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            this.stop();
            onBack();
          },
        },
        t('ui.replay.back'),
      ),
    );
  }

  /** Opens the replay of a finished game by its code. */
  async openCode(input: string): Promise<void> {
    const code = joinCode(input);
    if (!code) return this.say(t('ui.home.badCode'));
    try {
      const res = await fetch(`/api/games/${code}/replay.json`);
      const body = await res.text();
      if (!res.ok) return this.say(t('ui.replay.failed', { reason: JSON.parse(body).error ?? res.status }));
      this.load(JSON.parse(body));
    } catch (e) {
      this.say(t('ui.replay.failed', { reason: (e as Error).message }));
    }
  }

  private async openFile(f: File) {
    if (f.size > MAX_REPLAY_BYTES) return this.say(t('ui.replay.tooLarge'));
    try {
      this.load(JSON.parse(await f.text()));
    } catch (e) {
      this.say(t('ui.replay.failed', { reason: (e as Error).message }));
    }
  }

  private say(text: string) {
    this.status.textContent = text;
  }

  /** Checks the file with its schema, plays it through the engine and shows its last round. */
  private load(json: unknown) {
    this.stop();
    const parsed = ReplayFileSchema.safeParse(json);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return this.say(
        t('ui.replay.failed', { reason: `${i?.path.join('.') || '(file)'}: ${i?.message ?? ''}` }),
      );
    }
    const { frames, divergences } = rerunReplay(parsed.data, { digits: 12, keepGoing: true });
    if (frames.length === 0) return this.say(t('ui.replay.failed', { reason: divergences.join('; ') }));
    this.file = parsed.data;
    this.frames = frames;
    this.say(
      divergences.length > 0
        ? t('ui.replay.diverges', { detail: divergences[0] ?? '' })
        : t('ui.replay.loaded', { title: parsed.data.game.title, rounds: frames.length - 1 }),
    );
    this.slider.max = String(frames.length - 1);
    this.map = new MapPanel();
    replace(
      this.body,
      h(
        'div',
        { class: 'replay-controls' },
        this.playButton,
        this.slider,
        h('output', { 'data-testid': 'replay-round', 'aria-live': 'polite' }),
      ),
      this.map.el,
      h('div', { class: 'replay-panels' }),
    );
    this.show(frames.length - 1);
  }

  private drawMap(s: Parameters<MapPanel['update']>[0]) {
    this.mapNext = s;
    if (this.mapTimer) return;
    this.mapTimer = setTimeout(
      () => {
        this.mapTimer = null;
        this.mapAt = Date.now();
        if (this.mapNext) this.map?.update(this.mapNext, true);
        this.mapNext = null;
      },
      Math.max(0, this.mapAt + MAP_MIN_MS - Date.now()),
    );
  }

  private toggle() {
    if (this.timer) return this.stop();
    if (this.index >= this.frames.length - 1) this.show(0);
    this.playButton.textContent = t('ui.replay.pause');
    this.timer = setInterval(() => {
      if (this.index >= this.frames.length - 1) return this.stop();
      this.show(this.index + 1);
    }, PLAY_STEP_MS);
  }

  private stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playButton.textContent = t('ui.replay.play');
  }

  /** Shows the state after round `index` (0: the start), its orders and its news. */
  private show(index: number) {
    const frame = this.frames[index];
    const file = this.file;
    if (!frame || !file) return;
    this.index = index;
    this.slider.value = String(index);
    this.el.dataset.round = String(frame.round);
    const state: GameState = frame.state;
    const scenario = localized(state.scenario);
    const out = this.body.querySelector('output');
    if (out)
      out.textContent =
        frame.round === 0
          ? t('ui.replay.start')
          : t('ui.replay.afterRound', { round: frame.round, rounds: file.rounds });
    const view = viewFor(state, { kind: 'facilitator' });
    this.drawMap({ ...initialState(), scenario, view });
    const name = (id: string) => scenario.nations.find((n) => n.id === id)?.name ?? id;
    const step = file.steps.find((s) => s.round === frame.round);
    const news = [...(step?.injects.flatMap((i) => i.events) ?? []), ...frame.events];
    const panels = this.body.querySelector('.replay-panels');
    if (!panels) return;
    replace(
      panels,
      h(
        'section',
        { class: 'card' },
        h('h3', {}, t('ui.replay.ranking')),
        h(
          'table',
          { class: 'ranking', 'data-testid': 'replay-ranking' },
          h(
            'tbody',
            {},
            scoreboard(state, { revealSecrets: true }).map((r) =>
              h(
                'tr',
                {},
                h('td', {}, String(r.rank)),
                h('td', {}, name(r.nation)),
                h('td', {}, num(r.score)),
              ),
            ),
          ),
        ),
      ),
      h(
        'section',
        { class: 'card', 'data-testid': 'replay-orders' },
        h('h3', {}, t('ui.replay.orders')),
        step
          ? Object.entries(step.orders).map(([nation, orders]) =>
              h(
                'details',
                {},
                h('summary', {}, `${name(nation)} · ${step.by[nation] ?? ''}`),
                h(
                  'ul',
                  {},
                  ordersLines(orders).map((l) => h('li', {}, l)),
                ),
              ),
            )
          : h('p', { class: 'muted' }, t('ui.replay.noOrders')),
      ),
      h(
        'section',
        { class: 'card', 'data-testid': 'replay-news' },
        h('h3', {}, t('ui.replay.news')),
        h(
          'ul',
          {},
          news.map((e) => h('li', {}, formatEvent(e, scenario))),
        ),
      ),
    );
  }
}
