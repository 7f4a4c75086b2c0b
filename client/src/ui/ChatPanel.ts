/**
 * Negotiation: public, team and bilateral channels with unread counts. What arrives here was
 * already cut by the server to what this client may read.
 */
import type { ChatLine } from '../../../shared/protocol/serverMessages.ts';
import { t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState, Store } from '../state/store.ts';
import { h, replace } from './dom.ts';

export class ChatPanel {
  readonly el = h('section', { class: 'chat card', 'aria-label': t('ui.chat.title') });
  private channel = 'public';
  private readonly tabs = h('div', { class: 'tabs', role: 'tablist' });
  private readonly log = h('ol', { class: 'chat-log', 'aria-live': 'polite' });
  private readonly input = h('input', {
    class: 'chat-input',
    maxlength: 500,
    'aria-label': t('ui.chat.message'),
  });
  private readonly error = h('p', { class: 'field-error', role: 'alert' });
  private readonly net: GameConnection;
  private readonly store: Store;

  constructor(net: GameConnection, store: Store) {
    this.net = net;
    this.store = store;
    const form = h(
      'form',
      {
        class: 'chat-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const text = this.input.value.trim();
          if (!text) return;
          this.net.send('chat', { channel: this.channel, text });
          this.input.value = '';
        },
      },
      this.input,
      h('button', { type: 'submit' }, t('ui.chat.send')),
    );
    this.el.append(h('h2', {}, t('ui.chat.title')), this.tabs, this.log, form, this.error);
  }

  /** The key a line is counted under for the current client: 'public', 'team' or the other nation. */
  private keyOf(line: ChatLine, me: string | null): string {
    if (line.channel === 'public') return 'public';
    if (line.channel === 'team') return me ? 'team' : (line.team ?? 'team');
    return line.channel.split('-').find((n) => n !== me) ?? line.channel;
  }

  update(s: ClientState): void {
    const me = s.welcome?.nation ?? null;
    const role = s.welcome?.role;
    const nations = s.scenario?.nations.map((n) => n.id) ?? [];
    const channels = ['public', ...(me ? ['team'] : []), ...nations.filter((n) => n !== me)];
    const counts = new Map<string, number>();
    for (const line of s.chat) {
      const k = this.keyOf(line, me);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    this.seen.set(this.channel, counts.get(this.channel) ?? 0);
    const unread = (c: string) => (counts.get(c) ?? 0) - (this.seen.get(c) ?? 0);
    replace(
      this.tabs,
      channels.map((c) =>
        h(
          'button',
          {
            role: 'tab',
            'aria-selected': c === this.channel ? 'true' : 'false',
            'data-channel': c,
            onclick: () => {
              this.channel = c;
              this.update(this.store.get());
            },
          },
          c === 'public' ? t('ui.chat.public') : c === 'team' ? t('ui.chat.team') : c,
          unread(c) > 0
            ? h('span', { class: 'badge', 'aria-label': t('ui.chat.unread') }, String(unread(c)))
            : null,
        ),
      ),
    );
    // The facilitator (playing no nation) reads every conversation that involves the chosen nation.
    const lines = s.chat.filter((l) =>
      role === 'facilitator' && !me && this.channel !== 'public'
        ? l.team === this.channel || l.channel.split('-').includes(this.channel)
        : this.keyOf(l, me) === this.channel,
    );
    replace(
      this.log,
      lines
        .slice(-200)
        .map((l) =>
          h(
            'li',
            {},
            h('strong', {}, `${l.from.name}${l.from.nation ? ` (${l.from.nation})` : ''}: `),
            l.text,
          ),
        ),
    );
    this.log.scrollTop = this.log.scrollHeight;
    const problems = s.errors.chat;
    this.error.textContent = problems ? problems.map((p) => p.message).join('; ') : '';
    this.input.disabled = role === 'spectator';
  }

  /** Lines already shown per channel (for unread counts). */
  private readonly seen = new Map<string, number>();
}
