/**
 * "Branch from round N" (issue 19, part 2): a round to pick and a button that opens a new tab on the
 * home page with the branch to create (`/?branch=<code>&round=<n>#token=<facilitator token>`; the
 * token in the fragment, which is never sent to a server). Used by the console and the debrief.
 */
import { t } from '../i18n.ts';
import { h } from './dom.ts';

export function branchControl(rounds: number, code: string, token: string, id: string): HTMLElement {
  const select = h(
    'select',
    { id: `${id}-round`, 'aria-label': t('ui.console.branchRound') },
    Array.from({ length: Math.max(1, rounds) }, (_, i) =>
      h('option', { value: String(i + 1) }, t('ui.console.rewindTo', { round: i + 1 })),
    ),
  );
  return h(
    'span',
    { class: 'row wrap', title: t('ui.console.branchHint') },
    select,
    h(
      'button',
      {
        id,
        type: 'button',
        onclick: () =>
          window.open(`/?branch=${code}&round=${select.value}#token=${encodeURIComponent(token)}`, '_blank'),
      },
      t('ui.console.branch'),
    ),
  );
}
