/**
 * The console's schedule of injects (issue 19, part 5): which card of the deck, or headline of the
 * facilitator's own, arrives in which round. Read from the server (`schedule.json`, the
 * facilitator's token) and changed with the `ScheduleInjects` command, which replaces the cards to
 * come; the server checks every entry and the console shows its refusals.
 */
import type { EventCard } from '../../../shared/engine/index.ts';
import { t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import { h, replace } from './dom.ts';

interface Entry {
  round: number;
  card: string | { id: string; title: string };
  done?: boolean;
}

export class SchedulePanel {
  readonly el = h('div', { class: 'schedule', 'data-testid': 'schedule' });
  private readonly list = h('ul', { class: 'schedule-list' });
  private readonly roundSelect = h('select', {
    id: 'schedule-round',
    'aria-label': t('ui.console.scheduleRound'),
  });
  private entries: Entry[] = [];
  private readonly net: GameConnection;
  private readonly url: string;
  private readonly cards: readonly EventCard[];

  constructor(net: GameConnection, code: string, token: string, cards: readonly EventCard[]) {
    this.net = net;
    this.cards = cards;
    this.url = `/api/games/${code}/schedule.json?token=${encodeURIComponent(token)}`;
    const cardSelect = h(
      'select',
      { id: 'schedule-card', 'aria-label': t('ui.console.scheduleCard') },
      cards.map((c) => h('option', { value: c.id }, c.title)),
    );
    const headline = h('input', {
      id: 'schedule-headline',
      maxlength: 80,
      placeholder: t('ui.console.customTitle'),
    });
    replace(
      this.el,
      h('h3', {}, t('ui.console.schedule')),
      this.list,
      h(
        'div',
        { class: 'row wrap' },
        this.roundSelect,
        cardSelect,
        h(
          'button',
          {
            id: 'c-schedule',
            type: 'button',
            onclick: () =>
              this.send([
                ...this.pending(),
                { round: Number(this.roundSelect.value), card: cardSelect.value },
              ]),
          },
          t('ui.console.scheduleButton'),
        ),
        headline,
        h(
          'button',
          {
            id: 'c-schedule-headline',
            type: 'button',
            onclick: () =>
              headline.value.trim() &&
              this.send([
                ...this.pending(),
                {
                  round: Number(this.roundSelect.value),
                  card: {
                    id: `headline-${Date.now().toString(36)}`,
                    title: headline.value.trim(),
                    text: headline.value.trim(),
                    anchor: t('ui.console.customAnchor'),
                    source: 'facilitator',
                    effects: [],
                  } as EventCard,
                },
              ]),
          },
          t('ui.console.scheduleHeadline'),
        ),
      ),
    );
    void this.refresh();
  }

  private pending(): Entry[] {
    return this.entries.filter((e) => !e.done);
  }

  /** Reads the schedule again (after a change the server accepted, or a new round). */
  async refresh(): Promise<void> {
    try {
      const got = await this.net.api<{ status: string; round: number; rounds: number; schedule: Entry[] }>(
        this.url,
      );
      this.entries = got.schedule;
      // In the lobby round 1 is still to come; during the game, the next round is the first.
      const first = got.status === 'lobby' ? got.round : got.round + 1;
      const keep = this.roundSelect.value;
      replace(
        this.roundSelect,
        Array.from({ length: Math.max(0, got.rounds - first + 1) }, (_, i) =>
          h('option', { value: String(first + i) }, t('ui.console.rewindTo', { round: first + i })),
        ),
      );
      if (keep) this.roundSelect.value = keep;
      this.render();
    } catch {
      // The console's other controls go on working; the next refresh tries again.
    }
  }

  private title(card: Entry['card']): string {
    return typeof card === 'string' ? (this.cards.find((c) => c.id === card)?.title ?? card) : card.title;
  }

  private render() {
    replace(
      this.list,
      this.entries.length === 0
        ? h('li', { class: 'muted' }, t('ui.console.scheduleEmpty'))
        : this.entries
            .slice()
            .sort((a, b) => a.round - b.round)
            .map((e) =>
              h(
                'li',
                { 'data-round': String(e.round) },
                `${t('ui.console.rewindTo', { round: e.round })}: ${this.title(e.card)}`,
                e.done
                  ? ` (${t('ui.console.scheduleDone')})`
                  : [
                      ' ',
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'small',
                          onclick: () => this.send(this.pending().filter((x) => x !== e)),
                        },
                        t('ui.editor.remove'),
                      ),
                    ],
              ),
            ),
    );
  }

  /** Sends the cards to come; the list is read again once the server has answered. */
  private send(entries: Entry[]) {
    this.net.send('command', {
      type: 'ScheduleInjects',
      injects: entries.map((e) =>
        typeof e.card === 'string' ? { round: e.round, cardId: e.card } : { round: e.round, card: e.card },
      ),
    });
    this.entries = [...this.entries.filter((e) => e.done), ...entries];
    this.render();
  }
}
