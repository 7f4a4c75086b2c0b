/**
 * The top bar: round, phase, countdown, each nation's submission status, and the ready button
 * (briefing and negotiation) or the submission state (orders). A polite live region announces each
 * new phase and the clock's last minute to screen readers.
 */
import { gameTitle, language, t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState } from '../state/store.ts';
import { h, replace } from './dom.ts';
import { languagePicker } from './LanguagePicker.ts';
import './class.css';

/** Seconds left as m:ss. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class PhaseBar {
  readonly el = h('header', { class: 'phase-bar' });
  private readonly timer = h('span', { class: 'timer', 'aria-live': 'off', 'data-testid': 'timer' });
  private readonly net: GameConnection;
  private state: ClientState | null = null;
  private lastKey = '';
  private readonly live = h('div', { class: 'sr-only', role: 'status', 'data-testid': 'announce' });
  private announcedPhase = '';
  private announcedMinute = '';

  constructor(net: GameConnection) {
    this.net = net;
    setInterval(() => this.tick(), 500);
  }

  private tick() {
    const room = this.state?.room;
    if (!room) return;
    // A phase without a deadline has no time to count: say so quietly, and "Paused" alone when paused.
    const untimed = room.paused ? room.remaining <= 0 : room.deadline <= 0;
    const ended = room.phase === 'ended' || room.phase === 'lobby';
    this.timer.classList.toggle('untimed', untimed && !room.paused);
    if (room.paused)
      this.timer.textContent = untimed
        ? t('ui.phase.pausedUntimed')
        : t('ui.phase.paused', { left: clock(room.remaining) });
    else if (!untimed) {
      const left = room.deadline - Date.now();
      this.timer.textContent = clock(left);
      const phaseKey = `${room.round}:${room.phase}:${room.deadline}`;
      if (left <= 60_000 && left > 0 && this.announcedMinute !== phaseKey && !ended) {
        this.announcedMinute = phaseKey;
        this.live.textContent = t('ui.phase.lastMinute');
      }
    } else this.timer.textContent = ended ? '' : t('ui.phase.noLimit');
  }

  update(s: ClientState): void {
    this.state = s;
    const room = s.room;
    if (!room) return;
    const me = s.welcome?.nation;
    const seat = me ? room.seats[me] : undefined;
    const key = JSON.stringify([room.seats, room.phase, room.round, room.paused, room.code, me, language()]);
    if (key === this.lastKey) {
      this.tick();
      return;
    }
    this.lastKey = key;
    const phaseKey = `${room.round}:${room.phase}`;
    if (phaseKey !== this.announcedPhase) {
      this.announcedPhase = phaseKey;
      this.live.textContent = t('ui.phase.announce', {
        round: Math.min(room.round, room.rounds),
        rounds: room.rounds,
        phase: t(`ui.phase.${room.phase}`),
      });
    }
    const action =
      !me || room.phase === 'ended'
        ? null
        : room.phase === 'orders'
          ? h(
              'span',
              { class: seat?.submitted ? 'ok' : 'muted', 'data-testid': 'submitted' },
              seat?.submitted ? t('ui.phase.submitted') : t('ui.phase.notSubmitted'),
            )
          : h(
              'button',
              {
                id: 'ready',
                type: 'button',
                class: seat?.ready ? 'ready-toggle is-ready' : 'ready-toggle primary',
                'aria-pressed': seat?.ready ? 'true' : 'false',
                title: t('ui.phase.readyTip'),
                onclick: () => this.net.send('ready', { ready: !seat?.ready }),
              },
              seat?.ready ? t('ui.phase.readyUndo') : t('ui.phase.imReady'),
            );
    replace(
      this.el,
      h('strong', { class: 'title' }, gameTitle(room)),
      h(
        'span',
        { class: 'round', 'data-testid': 'round' },
        t('ui.round', { round: Math.min(room.round, room.rounds), rounds: room.rounds }),
      ),
      h(
        'span',
        { class: `phase phase-${room.phase}`, 'data-testid': 'phase', 'data-phase': room.phase },
        t(`ui.phase.${room.phase}`),
      ),
      this.timer,
      h(
        'span',
        { class: 'seat-status', 'aria-label': t('ui.phase.status') },
        Object.values(room.seats).map((st) =>
          h(
            'span',
            {
              class: `seat-dot ${st.submitted ? 'done' : ''} ${st.bot ? 'bot' : ''}`,
              title: `${st.nation}: ${st.submitted ? t('ui.phase.submitted') : t('ui.phase.notSubmitted')}${st.bot ? ` (${t('ui.seat.bot')})` : ''}`,
            },
            st.nation,
          ),
        ),
      ),
      action,
      h('span', { class: 'code' }, t('ui.lobby.codeShort', { code: room.code })),
      languagePicker(),
      this.live,
    );
    this.tick();
  }
}
