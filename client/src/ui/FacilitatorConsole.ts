/**
 * The facilitator's console: every nation's submission status on one board, the clock (pause,
 * resume, time up and down, next phase, resolve now), event cards to inject (from the deck or
 * written on the spot), seats handed to bots, mute and kick, and the end of the game.
 */
import { language, t } from '../i18n.ts';
import { branchControl } from './branchControl.ts';
import { SchedulePanel } from './SchedulePanel.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState, RoomSnapshot } from '../state/store.ts';
import { h, replace } from './dom.ts';
import { lockToggle } from './JoinRequests.ts';
import './class.css';

/** A seat as synced, with the flags the server adds for bot seats (optional until every server has them). */
interface SeatFlags {
  /** The facilitator handed the seat to a bot (rather than a bot taking an empty or abandoned seat). */
  forced?: boolean;
  /** A player of the seat asks to have it back from the bot. */
  asking?: boolean;
  /** The server's language-model agent plays the seat. */
  agent?: boolean;
}

/** A two-step action waiting for its Yes: ending the game, or resolving before every order is in. */
type Confirm = 'end' | 'resolve' | null;

export class FacilitatorConsole {
  readonly el = h('section', {
    class: 'console card',
    'aria-label': t('ui.console.title'),
    'data-testid': 'console',
  });
  private readonly net: GameConnection;
  private readonly board = h('div', {});
  private readonly clockButtons = h('div', { class: 'row wrap' });
  private readonly clientList = h('ul', { class: 'clients' });
  private readonly errorLine = h('p', { class: 'field-error', role: 'alert' });
  private built = false;
  private lastKey = '';
  private last: ClientState | null = null;
  private confirming: Confirm = null;
  /** The phase and round the pending confirmation was asked in: it lapses when they move on. */
  private confirmStage = '';

  constructor(net: GameConnection) {
    this.net = net;
  }

  /** Back to the start of an earlier round (issue 19): a round to pick, and the button. */
  private rewindControl(round: number, code: string, token: string): HTMLElement {
    const select = h(
      'select',
      { id: 'c-rewind-round', 'aria-label': t('ui.console.rewindRound') },
      Array.from({ length: round }, (_, i) =>
        h('option', { value: String(i + 1) }, t('ui.console.rewindTo', { round: i + 1 })),
      ),
    );
    select.value = String(Math.max(1, round - 1));
    return h(
      'span',
      { class: 'row wrap', title: t('ui.console.rewindHint') },
      select,
      h(
        'button',
        {
          id: 'c-rewind',
          type: 'button',
          onclick: () => this.cmd({ type: 'Rewind', round: Number(select.value) }),
        },
        t('ui.console.rewind'),
      ),
      branchControl(round, code, token, 'c-branch'),
    );
  }

  private cmd(command: Record<string, unknown>) {
    this.net.send('command', command);
  }

  /** Opens or closes an inline confirmation, and redraws at once. */
  private ask(what: Confirm) {
    const was = this.confirming;
    this.confirming = what;
    const s = this.last;
    this.confirmStage = s?.room ? `${s.room.phase}:${s.room.round}` : '';
    this.lastKey = '';
    if (s) this.update(s);
    // Keep the keyboard where it was: on Cancel while asking (the safe answer), else back on the button.
    const focus = what ? `#c-${what}-cancel` : was ? `#c-${was}` : null;
    if (focus) this.clockButtons.querySelector<HTMLButtonElement>(focus)?.focus();
  }

  /** The board's note on who plays a seat: a bot handed the seat, or one standing in. */
  private seatNote(seat: RoomSnapshot['seats'][string]) {
    const flags = seat as SeatFlags;
    return [
      seat.bot
        ? h(
            'div',
            {
              class: `seat-bot${flags.forced ? ' forced' : ''}`,
              'data-forced': flags.forced ? 'true' : 'false',
            },
            flags.forced
              ? t('ui.console.botForced')
              : seat.players.length
                ? t('ui.console.botAbandoned')
                : t('ui.console.botEmpty'),
          )
        : null,
      flags.asking ? h('div', { class: 'asking', role: 'status' }, t('ui.console.asking')) : null,
    ];
  }

  update(s: ClientState): void {
    const room = s.room;
    if (!room || !s.welcome || s.welcome.role !== 'facilitator') return;
    this.last = s;
    if (!this.built) this.build(s);
    if (this.confirming && this.confirmStage !== `${room.phase}:${room.round}`) this.confirming = null;
    // The server refuses to add time to a phase without a deadline.
    const untimed = room.deadline === 0 && room.remaining === 0;
    // Re-render only on change, so a button is never swapped under the pointer.
    const key = JSON.stringify([
      language(),
      room.seats,
      room.phase,
      room.round,
      room.paused,
      untimed,
      room.clients,
      s.errors.command ?? null,
      this.confirming,
    ]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    void this.schedule?.refresh();
    const button = (id: string, label: string, command: Record<string, unknown>, cls = '') =>
      h('button', { id, class: cls, type: 'button', onclick: () => this.cmd(command) }, label);
    const seats = Object.values(room.seats);
    // Bots always send orders: only humans' seats can be missing.
    const missing = seats.filter((st) => !st.bot && !st.submitted).map((st) => st.nation);
    const early = room.phase === 'briefing' || room.phase === 'negotiation';
    const confirm = (what: 'end' | 'resolve', question: string, command: Record<string, unknown>) =>
      h(
        'span',
        { class: 'confirm', role: 'alert', 'data-confirm': what },
        h('span', {}, question),
        h(
          'button',
          {
            id: `c-${what}-confirm`,
            type: 'button',
            class: 'danger',
            onclick: () => {
              this.confirming = null;
              this.cmd(command);
              this.lastKey = '';
              this.update(this.last ?? s);
            },
          },
          t('ui.console.yes'),
        ),
        h(
          'button',
          { id: `c-${what}-cancel`, type: 'button', class: 'cancel', onclick: () => this.ask(null) },
          t('ui.console.cancel'),
        ),
      );
    const timeTip = untimed ? t('ui.console.untimed') : undefined;
    const timeButton = (id: string, label: string, seconds: number) =>
      h(
        'button',
        {
          id,
          type: 'button',
          disabled: untimed,
          title: timeTip,
          onclick: () => this.cmd({ type: 'AddTime', seconds }),
        },
        label,
      );
    replace(
      this.board,
      h(
        'table',
        { class: 'board' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, t('ui.nation')),
            h('th', {}, t('ui.console.players')),
            h('th', {}, t('ui.console.status')),
            h('th', {}, t('ui.console.seat')),
          ),
        ),
        h(
          'tbody',
          {},
          seats.map((seat) =>
            h(
              'tr',
              {
                'data-nation': seat.nation,
                class: (seat as SeatFlags).asking ? 'asking' : undefined,
              },
              h('th', {}, seat.nation),
              h('td', {}, seat.players.join(', ') || '–', ` (${seat.connected})`, this.seatNote(seat)),
              h(
                'td',
                { class: seat.submitted ? 'ok' : '' },
                seat.submitted
                  ? t('ui.phase.submitted')
                  : seat.ready
                    ? t('ui.phase.readyDone')
                    : t('ui.phase.notSubmitted'),
              ),
              h(
                'td',
                {},
                button(
                  `bot-${seat.nation}`,
                  seat.bot ? t('ui.console.botOff') : t('ui.console.botOn'),
                  { type: 'BotSeat', nation: seat.nation, on: !seat.bot },
                  (seat as SeatFlags).asking ? 'small primary' : 'small',
                ),
                // A seat nobody plays may go to the server's AI agent (the server says if agents are off).
                seat.players.length === 0 || (seat as SeatFlags).agent
                  ? button(
                      `agent-${seat.nation}`,
                      (seat as SeatFlags).agent ? t('ui.console.agentOff') : t('ui.console.agentOn'),
                      { type: 'AgentSeat', nation: seat.nation, on: !(seat as SeatFlags).agent },
                      'small',
                    )
                  : null,
              ),
            ),
          ),
        ),
      ),
    );
    replace(
      this.clockButtons,
      room.phase === 'lobby' ? button('c-start', t('ui.lobby.start'), { type: 'Start' }, 'primary') : null,
      room.paused
        ? button('c-resume', t('ui.console.resume'), { type: 'Resume' })
        : button('c-pause', t('ui.console.pause'), { type: 'Pause' }),
      h(
        'span',
        { class: 'row time-buttons', title: timeTip },
        timeButton('c-plus', t('ui.console.plus'), 60),
        timeButton('c-minus', t('ui.console.minus'), -60),
        untimed ? h('span', { class: 'muted small-note' }, timeTip) : null,
      ),
      button('c-advance', t('ui.console.advance'), { type: 'Advance' }),
      this.confirming === 'resolve'
        ? confirm(
            'resolve',
            missing.length
              ? t(missing.length === 1 ? 'ui.console.resolveMissingOne' : 'ui.console.resolveMissing', {
                  nations: missing.join(', '),
                })
              : t('ui.console.resolveEarly', { phase: t(`ui.phase.${room.phase}`) }),
            { type: 'ForceResolve' },
          )
        : h(
            'button',
            {
              id: 'c-resolve',
              type: 'button',
              onclick: () =>
                early || missing.length ? this.ask('resolve') : this.cmd({ type: 'ForceResolve' }),
            },
            t('ui.console.resolve'),
          ),
      this.confirming === 'end'
        ? confirm('end', t('ui.console.endConfirm'), { type: 'EndGame' })
        : h(
            'button',
            { id: 'c-end', type: 'button', class: 'danger', onclick: () => this.ask('end') },
            t('ui.console.end'),
          ),
      room.phase !== 'lobby' && room.phase !== 'ended'
        ? this.rewindControl(room.round, room.code, s.welcome?.seatToken ?? '')
        : null,
    );
    replace(
      this.clientList,
      h('li', {}, lockToggle(this.net, s)),
      Object.entries(room.clients)
        .filter(([id]) => id !== s.welcome?.sessionId)
        .map(([id, c]) =>
          h(
            'li',
            {},
            `${c.name} (${c.nation || t(`ui.role.${c.role}`)}) `,
            button(`mute-${id}`, t('ui.console.mute'), { type: 'Mute', sessionId: id, muted: true }, 'small'),
            button(
              `unmute-${id}`,
              t('ui.console.unmute'),
              { type: 'Mute', sessionId: id, muted: false },
              'small',
            ),
            button(`kick-${id}`, t('ui.console.kick'), { type: 'Kick', sessionId: id }, 'small danger'),
          ),
        ),
    );
    const problems = s.errors.command;
    this.errorLine.textContent = problems
      ? problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')
      : '';
  }

  /** The schedule of injects (built with the other parts that have inputs). */
  private schedule: SchedulePanel | null = null;

  /** The parts with inputs are built once, so typing is never lost to a refresh. */
  private build(s: ClientState) {
    this.built = true;
    const room = s.room!;
    const cards = s.scenario?.events ?? [];
    const cardSelect = h(
      'select',
      { id: 'inject-card' },
      cards.map((c) => h('option', { value: c.id }, c.title)),
    );
    this.schedule = new SchedulePanel(this.net, room.code, s.welcome?.seatToken ?? '', cards);
    const title = h('input', { id: 'custom-title', maxlength: 80, placeholder: t('ui.console.customTitle') });
    const text = h('input', { id: 'custom-text', maxlength: 300, placeholder: t('ui.console.customText') });
    replace(
      this.el,
      h('h2', {}, t('ui.console.title')),
      this.board,
      this.clockButtons,
      h(
        'div',
        { class: 'row wrap' },
        h('label', { for: 'inject-card' }, t('ui.console.inject')),
        cardSelect,
        h(
          'button',
          {
            id: 'c-inject',
            type: 'button',
            onclick: () => this.cmd({ type: 'InjectEvent', cardId: cardSelect.value }),
          },
          t('ui.console.injectButton'),
        ),
      ),
      h(
        'div',
        { class: 'row wrap' },
        title,
        text,
        h(
          'button',
          {
            id: 'c-custom',
            type: 'button',
            onclick: () =>
              this.cmd({
                type: 'InjectEvent',
                // A headline that changes nothing: the engine takes a card with no effects.
                card: {
                  id: `custom-${Date.now().toString(36)}`,
                  title: title.value || t('ui.console.customTitle'),
                  text: text.value || title.value || t('ui.console.customText'),
                  anchor: t('ui.console.customAnchor'),
                  source: 'facilitator',
                  effects: [],
                },
              }),
          },
          t('ui.console.customButton'),
        ),
      ),
      this.schedule.el,
      this.clientList,
      this.errorLine,
      h(
        'p',
        {},
        h(
          'a',
          { href: `/api/games/${room.code}/report.json?token=${s.welcome?.seatToken}`, target: '_blank' },
          t('ui.debrief.json'),
        ),
        ' · ',
        h(
          'a',
          { href: `/api/games/${room.code}/report.csv?token=${s.welcome?.seatToken}`, target: '_blank' },
          t('ui.debrief.csv'),
        ),
        ' · ',
        h(
          'a',
          {
            href: `/api/games/${room.code}/report.html?token=${s.welcome?.seatToken}&lang=${language()}`,
            target: '_blank',
            'data-testid': 'aar-link',
          },
          t('ui.debrief.aar'),
        ),
      ),
    );
  }
}
