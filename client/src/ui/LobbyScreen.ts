/**
 * Lobby: the join code shown large for a classroom, every nation with its briefing and who plays
 * it, the player's own briefing and objectives, chat, and the facilitator's Start button.
 */
import { t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState } from '../state/store.ts';
import type { ChatPanel } from './ChatPanel.ts';
import { h, replace } from './dom.ts';

export class LobbyScreen {
  readonly el = h('main', { class: 'lobby', 'data-screen': 'lobby' });
  private readonly net: GameConnection;
  private readonly chat: ChatPanel;

  constructor(net: GameConnection, chat: ChatPanel) {
    this.net = net;
    this.chat = chat;
  }

  update(s: ClientState): void {
    const room = s.room;
    const scenario = s.scenario;
    const me = s.welcome;
    if (!room || !scenario || !me) return;
    const mine = scenario.nations.find((n) => n.id === me.nation);
    const objectives = new Map(scenario.objectives.map((o) => [o.id, o]));
    const secret = me.nation ? s.view?.nations[me.nation]?.secretObjective : null;
    replace(
      this.el,
      h(
        'header',
        { class: 'lobby-head' },
        h('h1', {}, room.title),
        h('p', {}, t('ui.lobby.codeHint')),
        h('p', { class: 'join-code', 'data-code': room.code, 'aria-label': t('ui.lobby.code') }, room.code),
        h(
          'p',
          { class: 'muted' },
          t('ui.lobby.you', { name: me.name, role: t(`ui.role.${me.role}`), nation: mine?.name ?? '–' }),
        ),
        me.role === 'facilitator'
          ? h(
              'button',
              { id: 'start', class: 'primary', onclick: () => this.net.send('command', { type: 'Start' }) },
              t('ui.lobby.start'),
            )
          : h('p', {}, t('ui.lobby.waiting', { facilitator: room.facilitator })),
        h('button', { class: 'secondary', onclick: () => void this.net.leave() }, t('ui.leave')),
      ),
      h(
        'section',
        { class: 'seats' },
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
              h(
                'span',
                { class: 'muted' },
                seat?.players.length ? seat.players.join(', ') : t('ui.seat.free'),
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
      this.chat.el,
    );
  }
}
