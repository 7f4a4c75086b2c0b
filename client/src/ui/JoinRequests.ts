/**
 * Team admission in the browser: the requests to join my team (or, for the facilitator, any team)
 * with Let in / Turn away, the screen of a player waiting for its team's answer, and the console's
 * lock that stops new joins. The server decides; these only show its messages and send `admit` and
 * the `Lock` command.
 */
import { t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState } from '../state/store.ts';
import { h, replace } from './dom.ts';
import './joinRequests.css';

/** The requests I may answer, as a small panel over every screen (hidden when there are none). */
export class JoinRequests {
  readonly el = h('aside', {
    class: 'join-requests card',
    'aria-live': 'polite',
    'aria-label': t('ui.admit.title'),
    'data-testid': 'join-requests',
    hidden: true,
  });
  private readonly net: GameConnection;
  private lastKey = '';

  constructor(net: GameConnection) {
    this.net = net;
  }

  update(s: ClientState): void {
    const requests = s.welcome ? s.joinRequests : [];
    const key = JSON.stringify(requests);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.el.hidden = requests.length === 0;
    const answer = (sessionId: string, accept: boolean) => this.net.send('admit', { sessionId, accept });
    replace(
      this.el,
      h('h2', {}, t('ui.admit.title')),
      h(
        'ul',
        {},
        requests.map((r) =>
          h(
            'li',
            { 'data-request': r.sessionId },
            h('span', {}, t('ui.admit.asks', { name: r.name, nation: r.nation })),
            h(
              'button',
              {
                type: 'button',
                class: 'small',
                'data-admit': 'yes',
                onclick: () => answer(r.sessionId, true),
              },
              t('ui.admit.accept'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'small danger',
                'data-admit': 'no',
                onclick: () => answer(r.sessionId, false),
              },
              t('ui.admit.refuse'),
            ),
          ),
        ),
      ),
    );
  }
}

/** What a player sees while its team decides: who it asked, and a way to give up. */
export class WaitingScreen {
  readonly el = h('main', { class: 'waiting-screen card', 'data-testid': 'waiting' });
  private readonly net: GameConnection;
  private lastKey = '';

  constructor(net: GameConnection) {
    this.net = net;
  }

  update(s: ClientState): void {
    const w = s.waiting;
    const key = JSON.stringify(w);
    if (!w || key === this.lastKey) return;
    this.lastKey = key;
    replace(
      this.el,
      h('h1', {}, t('ui.admit.waitingTitle')),
      h('p', { role: 'status' }, t('ui.admit.waiting', { nation: w.nation, code: w.code })),
      h('button', { type: 'button', onclick: () => void this.net.leave() }, t('ui.admit.giveUp')),
    );
  }
}

/** The console's switch that locks the game to new joins (seat tokens still bring members back). */
export function lockToggle(net: GameConnection, s: ClientState): HTMLElement {
  const locked = s.room?.locked === true;
  return h(
    'label',
    { class: 'lock-toggle' },
    h('input', {
      type: 'checkbox',
      id: 'c-lock',
      checked: locked,
      onchange: (e: Event) =>
        net.send('command', { type: 'Lock', locked: (e.target as HTMLInputElement).checked }),
    }),
    ` ${t(locked ? 'ui.admit.locked' : 'ui.admit.lock')}`,
  );
}
