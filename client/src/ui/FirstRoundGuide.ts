/**
 * A short guide for a first-time player, over the real controls of the orders panel: your goals,
 * this round's event, your budget (or the advisor), submit. Shown in the first round until it is
 * finished or dismissed, then never again in this browser.
 */
import { t } from '../i18n.ts';
import type { ClientState } from '../state/store.ts';
import { h, replace } from './dom.ts';

const DONE_KEY = 'sovereign.guide.done';

interface Step {
  key: string;
  target: string;
}

const STEPS: Step[] = [
  { key: 'goals', target: '[data-testid="goals-orders"]' },
  { key: 'card', target: '[data-testid="round-card"]' },
  { key: 'budget', target: '#advise' },
  { key: 'submit', target: '#submit-orders' },
];

export class FirstRoundGuide {
  readonly el = h('section', {
    class: 'guide',
    role: 'region',
    'aria-label': t('ui.guide.title'),
    'data-testid': 'guide',
  });
  private step = 0;
  private done = false;

  constructor() {
    try {
      this.done = localStorage.getItem(DONE_KEY) === '1';
    } catch {
      this.done = false;
    }
  }

  /** Puts the guide at the top of `host` (the orders form) while it applies. */
  update(host: HTMLElement, s: ClientState): void {
    const show = !this.done && (s.view?.round ?? 0) === 1 && s.room?.phase !== 'ended';
    if (!show) {
      this.el.remove();
      for (const el of host.querySelectorAll('.guide-target')) el.classList.remove('guide-target');
      return;
    }
    if (this.el.parentElement !== host) host.insertBefore(this.el, host.children[1] ?? null);
    this.render(host);
  }

  private steps(host: HTMLElement): Step[] {
    return STEPS.filter((s) => host.querySelector(s.target));
  }

  private render(host: HTMLElement) {
    const steps = this.steps(host);
    const index = Math.min(this.step, steps.length - 1);
    const step = steps[index];
    for (const el of host.querySelectorAll('.guide-target')) el.classList.remove('guide-target');
    if (!step) return;
    host.querySelector(step.target)?.classList.add('guide-target');
    const last = index === steps.length - 1;
    replace(
      this.el,
      h('p', { class: 'muted small' }, t('ui.guide.step', { step: index + 1, steps: steps.length })),
      h('p', { 'data-testid': 'guide-text' }, t(`ui.guide.${step.key}`)),
      h(
        'div',
        { class: 'row wrap' },
        index > 0
          ? h(
              'button',
              { type: 'button', class: 'secondary small', onclick: () => this.go(host, index - 1) },
              t('ui.guide.back'),
            )
          : null,
        h(
          'button',
          {
            type: 'button',
            class: 'primary small',
            id: 'guide-next',
            onclick: () => (last ? this.finish(host) : this.go(host, index + 1)),
          },
          last ? t('ui.guide.done') : t('ui.guide.next'),
        ),
        h(
          'button',
          { type: 'button', class: 'secondary small', id: 'guide-skip', onclick: () => this.finish(host) },
          t('ui.guide.skip'),
        ),
      ),
    );
  }

  private go(host: HTMLElement, step: number) {
    this.step = step;
    this.render(host);
    host.querySelector('.guide-target')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  private finish(host: HTMLElement) {
    this.done = true;
    try {
      localStorage.setItem(DONE_KEY, '1');
    } catch {
      // Private browsing: the guide is gone for this page, at least.
    }
    this.el.remove();
    for (const el of host.querySelectorAll('.guide-target')) el.classList.remove('guide-target');
  }
}
