/**
 * The facilitator's console: every nation's submission status on one board, the clock (pause,
 * resume, time up and down, next phase, resolve now), event cards to inject (from the deck or
 * written on the spot), seats handed to bots, mute and kick, and the end of the game.
 */
import { t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState } from '../state/store.ts';
import { h, replace } from './dom.ts';

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

  constructor(net: GameConnection) {
    this.net = net;
  }

  private cmd(command: Record<string, unknown>) {
    this.net.send('command', command);
  }

  update(s: ClientState): void {
    const room = s.room;
    if (!room || !s.welcome || s.welcome.role !== 'facilitator') return;
    if (!this.built) this.build(s);
    // Re-render only on change, so a button is never swapped under the pointer.
    const key = JSON.stringify([room.seats, room.phase, room.paused, room.clients, s.errors.command ?? null]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    const button = (id: string, label: string, command: Record<string, unknown>, cls = '') =>
      h('button', { id, class: cls, type: 'button', onclick: () => this.cmd(command) }, label);
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
          Object.values(room.seats).map((seat) =>
            h(
              'tr',
              { 'data-nation': seat.nation },
              h('th', {}, seat.nation),
              h('td', {}, seat.players.join(', ') || '–', ` (${seat.connected})`),
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
                  'small',
                ),
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
      button('c-plus', t('ui.console.plus'), { type: 'AddTime', seconds: 60 }),
      button('c-minus', t('ui.console.minus'), { type: 'AddTime', seconds: -60 }),
      button('c-advance', t('ui.console.advance'), { type: 'Advance' }),
      button('c-resolve', t('ui.console.resolve'), { type: 'ForceResolve' }),
      button('c-end', t('ui.console.end'), { type: 'EndGame' }, 'danger'),
    );
    replace(
      this.clientList,
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
                card: {
                  id: `custom-${Date.now().toString(36)}`,
                  title: title.value || t('ui.console.customTitle'),
                  text: text.value || title.value || t('ui.console.customText'),
                  anchor: t('ui.console.customAnchor'),
                  source: 'facilitator',
                  effects: [{ type: 'AdjustQuantity', quantity: 'trust', nations: ['*'], delta: 0 }],
                },
              }),
          },
          t('ui.console.customButton'),
        ),
      ),
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
      ),
    );
  }
}
