/**
 * Two small blocks the game screen shows in more than one place: this round's event card (shown
 * during the round it applies to, not only after it) and the nation's goals with their progress,
 * evaluated by the engine on what the view holds (the same test the final score uses).
 */
import { type GameView, objectivesInView, type Scenario } from '../../../shared/engine/index.ts';
import { t } from '../i18n.ts';
import { h } from './dom.ts';

/** Source keys such as "[F12]" or "[S2]" mean nothing to a player. */
export const stripSourceKeys = (text: string) => text.replace(/\s*\[[A-Z]{1,4}\d+\]/g, '').trim();

/** The event cards announced for the round being played, or null when there is none. */
export function roundCard(view: GameView, scenario: Scenario | null): HTMLElement | null {
  const cards = view.pendingCards;
  if (cards.length === 0) return null;
  return h(
    'section',
    { class: 'round-card', 'data-testid': 'round-card', 'aria-label': t('ui.card.title') },
    h('h3', {}, t('ui.card.title')),
    // The scenario's copy of a card is in the reader's language (a facilitator's own card is not in it).
    cards.map((pending) => {
      const c = scenario?.events.find((e) => e.id === pending.id) ?? pending;
      return h(
        'div',
        {},
        h('strong', {}, c.title),
        c.text && c.text !== c.title ? h('p', {}, stripSourceKeys(c.text)) : null,
        c.effects.length > 0 ? h('p', { class: 'muted' }, t('ui.card.when')) : null,
        c.anchor && scenario?.events.some((e) => e.id === c.id)
          ? h('p', { class: 'muted anchor' }, `${t('ui.card.real')} ${stripSourceKeys(c.anchor)}`)
          : null,
      );
    }),
  );
}

/** The nation's goals with a progress bar each, folded unless `open`; `where` names the list for tests. */
export function objectivesList(
  view: GameView,
  scenario: Scenario | null,
  nation: string,
  where: string,
  open = true,
): HTMLElement | null {
  if (!scenario) return null;
  const goals = objectivesInView(view, scenario, nation);
  if (goals.length === 0) return null;
  const met = goals.filter((g) => g.achieved).length;
  return h(
    'details',
    { class: 'goals', 'data-testid': `goals-${where}`, open },
    h(
      'summary',
      {},
      h('h3', {}, t('ui.goals.title')),
      ' ',
      h('span', { class: 'muted' }, t('ui.goals.met', { met, count: goals.length })),
    ),
    h(
      'ul',
      {},
      goals.map((g) =>
        h(
          'li',
          { class: g.secret ? 'secret' : '', 'data-objective': g.id },
          h(
            'div',
            { class: 'goal-head' },
            h('span', {}, `${g.secret ? `${t('ui.goals.secret')} ` : ''}${g.title}`),
            h(
              'span',
              { class: 'muted' },
              g.achieved ? `✓ +${g.points}` : `${Math.round(g.progress * 100)}% · ${g.points}`,
            ),
          ),
          h('progress', {
            max: 100,
            value: Math.round(g.progress * 100),
            'aria-label': `${g.title}: ${Math.round(g.progress * 100)}%`,
          }),
          h('p', { class: 'muted goal-text' }, g.description),
        ),
      ),
    ),
    h('p', { class: 'muted small' }, t('ui.goals.note')),
  );
}
