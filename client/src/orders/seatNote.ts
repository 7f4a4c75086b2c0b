/**
 * The note a seat's players see while the facilitator has handed their seat to a bot: what it means,
 * and a button to ask for it back (or that they asked).
 */
import { t } from '../i18n.ts';
import { h, replace } from '../ui/dom.ts';

export function seatNote(el: HTMLElement, forced: boolean, asking: boolean, ask: () => void): void {
  el.hidden = !forced;
  if (!forced) return;
  replace(
    el,
    h('strong', {}, t('ui.orders.botTitle')),
    ' ',
    t('ui.orders.botText'),
    ' ',
    asking
      ? h('span', { class: 'muted', 'data-testid': 'asked' }, t('ui.orders.asked'))
      : h(
          'button',
          { type: 'button', class: 'secondary small', id: 'ask-seat', onclick: ask },
          t('ui.orders.askBack'),
        ),
  );
}
