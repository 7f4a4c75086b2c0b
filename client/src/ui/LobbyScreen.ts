/**
 * Lobby: how to join, in large type for a classroom (the address, the code and a QR code of the
 * join link), every nation with its briefing and who plays it, the player's own briefing and
 * objectives, chat, and the facilitator's Start button. Each part is redrawn only when what it
 * shows changes, and the chat panel is never taken out of the page, so typing is never lost.
 */
import { renderSVG } from 'uqr';
import { gameTitle, language, t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState } from '../state/store.ts';
import type { ChatPanel } from './ChatPanel.ts';
import { h, replace } from './dom.ts';
import { languagePicker } from './LanguagePicker.ts';
import './class.css';

/** The link that opens the home screen with the code filled in (HomeScreen reads `?code=`). */
export function joinLink(code: string, origin = location.origin): string {
  return `${origin}/?code=${encodeURIComponent(code)}`;
}

/** The join link as a QR code: an SVG drawn by the uqr library, labelled for screen readers. */
function qrCode(link: string): Element {
  // Medium error correction and a four-module quiet zone: readable from the back of a room.
  const markup = renderSVG(link, { ecc: 'M', border: 4, pixelSize: 1 });
  const svg = document.importNode(
    new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement,
    true,
  );
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('ui.lobby.qr', { link }));
  svg.setAttribute('data-link', link);
  svg.setAttribute('data-testid', 'join-qr');
  svg.setAttribute('shape-rendering', 'crispEdges');
  return svg;
}

export class LobbyScreen {
  readonly el = h('main', { class: 'lobby', 'data-screen': 'lobby' });
  private readonly net: GameConnection;
  private readonly chat: ChatPanel;
  private readonly head = h('header', { class: 'lobby-head' });
  private readonly join = h('section', { class: 'lobby-join card', 'data-testid': 'lobby-join' });
  private readonly seats = h('section', { class: 'seats' });
  private readonly briefing = h('div', { class: 'lobby-briefing' });
  private readonly chatSlot = h('div', { class: 'lobby-chat' });
  /** What each part last showed, to redraw it only when that changes. */
  private readonly keys = new Map<HTMLElement, string>();

  constructor(net: GameConnection, chat: ChatPanel) {
    this.net = net;
    this.chat = chat;
    replace(
      this.el,
      this.head,
      this.join,
      h(
        'div',
        { class: 'lobby-body' },
        h('div', { class: 'lobby-main' }, this.seats, this.briefing),
        this.chatSlot,
      ),
    );
  }

  /** Redraws `part` with `draw()` when `key` differs from what it shows. */
  private part(part: HTMLElement, key: unknown, draw: () => void) {
    const k = JSON.stringify(key);
    if (this.keys.get(part) === k) return;
    this.keys.set(part, k);
    draw();
  }

  update(s: ClientState): void {
    const room = s.room;
    const scenario = s.scenario;
    const me = s.welcome;
    if (!room || !scenario || !me) return;
    this.el.dataset.role = me.role;
    const mine = scenario.nations.find((n) => n.id === me.nation);
    const objectives = new Map(scenario.objectives.map((o) => [o.id, o]));
    const secret = me.nation ? (s.view?.nations[me.nation]?.secretObjective ?? null) : null;

    this.part(
      this.head,
      [gameTitle(room), me.name, me.role, me.nation, mine?.name, room.facilitator, language()],
      () =>
        replace(
          this.head,
          h(
            'div',
            { class: 'lobby-title' },
            h('h1', {}, gameTitle(room)),
            h(
              'p',
              { class: 'muted' },
              t('ui.lobby.you', { name: me.name, role: t(`ui.role.${me.role}`), nation: mine?.name ?? '–' }),
            ),
          ),
          h(
            'div',
            { class: 'lobby-actions' },
            languagePicker(),
            me.role === 'facilitator'
              ? h(
                  'button',
                  {
                    id: 'start',
                    class: 'primary',
                    type: 'button',
                    onclick: () => this.net.send('command', { type: 'Start' }),
                  },
                  t('ui.lobby.start'),
                )
              : h('p', {}, t('ui.lobby.waiting', { facilitator: room.facilitator })),
            h(
              'button',
              { class: 'secondary', type: 'button', onclick: () => void this.net.leave() },
              t('ui.leave'),
            ),
          ),
        ),
    );

    const link = joinLink(room.code);
    this.part(this.join, [link, me.role], () => {
      const local = /^(localhost|127\.|\[::1\])/.test(location.host);
      replace(
        this.join,
        h(
          'div',
          { class: 'join-steps' },
          h('p', { class: 'join-step' }, t('ui.lobby.openThis')),
          h('p', { class: 'join-address', 'data-testid': 'join-address' }, location.host),
          h('p', { class: 'join-step' }, t('ui.lobby.typeThis')),
          h('p', { class: 'join-code', 'data-code': room.code, 'aria-label': t('ui.lobby.code') }, room.code),
          local && me.role === 'facilitator'
            ? h('p', { class: 'muted local-only' }, t('ui.lobby.localOnly'))
            : null,
        ),
        h('figure', { class: 'qr' }, qrCode(link), h('figcaption', {}, t('ui.lobby.scan'))),
      );
    });

    this.part(this.seats, [room.seats, me.nation, scenario.id], () =>
      replace(
        this.seats,
        h('h2', {}, t('ui.lobby.nations')),
        h(
          'ul',
          {},
          scenario.nations.map((n) => {
            const seat = room.seats[n.id];
            return h(
              'li',
              { 'data-nation': n.id, class: n.id === me.nation ? 'mine' : '' },
              h('strong', {}, n.name),
              ' ',
              h(
                'span',
                { class: 'muted' },
                seat?.players.length
                  ? seat.players.join(', ')
                  : seat?.bot
                    ? t('ui.seat.bot')
                    : t('ui.seat.free'),
              ),
              h('p', { class: 'brief' }, n.briefing.position),
              h(
                'ul',
                { class: 'brief' },
                n.publicObjectives.map((id) =>
                  h('li', {}, t('ui.lobby.publicObjective', { title: objectives.get(id)?.title ?? id })),
                ),
              ),
            );
          }),
        ),
      ),
    );

    this.part(this.briefing, [scenario.id, me.nation, secret], () =>
      replace(
        this.briefing,
        mine
          ? h(
              'section',
              { class: 'briefing card' },
              h('h2', {}, t('ui.lobby.yourBriefing', { nation: mine.name })),
              h('h3', {}, t('ui.lobby.position')),
              h('p', {}, mine.briefing.position),
              h('h3', {}, t('ui.lobby.strengths')),
              h('p', {}, mine.briefing.strengths),
              h('h3', {}, t('ui.lobby.dependencies')),
              h('p', {}, mine.briefing.dependencies),
              h('h3', {}, t('ui.lobby.objectives')),
              h(
                'ul',
                {},
                mine.publicObjectives.map((id) =>
                  h('li', {}, `${objectives.get(id)?.title ?? id}: ${objectives.get(id)?.description ?? ''}`),
                ),
                secret
                  ? h(
                      'li',
                      { class: 'secret' },
                      t('ui.lobby.secret', {
                        title: objectives.get(secret)?.title ?? secret,
                        text: objectives.get(secret)?.description ?? '',
                      }),
                    )
                  : null,
              ),
              h('h3', {}, t('ui.lobby.facts')),
              h(
                'ul',
                { class: 'facts' },
                mine.facts.map((f) => h('li', {}, `${f.text} [${f.source}]`)),
              ),
            )
          : null,
      ),
    );

    // The chat panel is shared with the game screen: bring it back here, once, and keep it in place.
    if (this.chat.el.parentElement !== this.chatSlot) this.chatSlot.append(this.chat.el);
    this.chat.update(s);
  }
}
