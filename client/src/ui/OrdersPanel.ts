/**
 * The orders panel: budget allocation that never exceeds the budget (remaining shown live), model
 * release, the export-control matrix, tariffs and sanctions, the sovereign model programme, visa,
 * regulation, aid, and treaty proposals and answers. Checked with the same zod schema as the server
 * before sending; the server's refusals are shown next to their field. Plain form controls, so it
 * is usable from the keyboard. The team's draft is shared as it is edited.
 */
import {
  BUDGET_LINES,
  CONTROL_TIERS,
  type GameView,
  type OrdersInput,
  OrdersSchema,
  REGULATION_LEVELS,
  RELEASE_POLICIES,
  TREATY_TYPES,
  VISA_POLICIES,
} from '../../../shared/engine/index.ts';
import { t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import type { ClientState } from '../state/store.ts';
import { withTooltip } from './Dashboard.ts';
import { h, num, replace } from './dom.ts';

const REGIONS = [
  'East Asia & Pacific',
  'Europe & Central Asia',
  'Latin America & Caribbean',
  'Middle East & North Africa',
  'North America',
  'South Asia',
  'Sub-Saharan Africa',
];

/** Splits a server problem path ('orders.budget.compute', 'budget', 'exportControls.0.target') to a field key. */
export function fieldOf(path: string): string {
  const p = path.replace(/^orders\./, '');
  if (p.startsWith('budget')) return p.split('.')[1] ? `budget.${p.split('.')[1]}` : 'budget';
  return p.split('.')[0] ?? '';
}

/** Caps a line so the allocation stays within the budget; returns the capped value. */
export function capLine(budget: number, others: number, wanted: number): number {
  const room = Math.max(0, Math.floor((budget - others) * 100) / 100);
  return Math.max(0, Math.min(wanted, room));
}

export class OrdersPanel {
  readonly el = h('form', { class: 'orders card', 'aria-label': t('ui.orders.title'), novalidate: true });
  private readonly net: GameConnection;
  private round = -1;
  private nation: string | null = null;
  private inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private readonly errorSlots = new Map<string, HTMLElement>();
  private readonly remaining = h('output', {
    class: 'remaining',
    'data-testid': 'remaining',
    'aria-live': 'polite',
  });
  private budget = 0;
  private editedAt = 0;
  private draftTimer: ReturnType<typeof setTimeout> | null = null;
  private proposals: { to: HTMLSelectElement; type: HTMLSelectElement }[] = [];

  constructor(net: GameConnection) {
    this.net = net;
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.el.addEventListener('input', () => {
      this.editedAt = Date.now();
      this.refreshRemaining();
      if (this.draftTimer) clearTimeout(this.draftTimer);
      this.draftTimer = setTimeout(() => this.shareDraft(), 400);
    });
  }

  private slot(key: string): HTMLElement {
    const el = h('span', { class: 'field-error', role: 'alert', 'data-error-for': key });
    this.errorSlots.set(key, el);
    return el;
  }

  private select(key: string, options: readonly string[], value: string, label: (o: string) => string) {
    const el = h(
      'select',
      { id: `o-${key}`, name: key },
      options.map((o) => h('option', { value: o, selected: o === value }, label(o))),
    );
    el.value = value;
    this.inputs.set(key, el);
    return el;
  }

  /** Rebuilds the form for a new round (or a new nation); keeps it as the player left it otherwise. */
  update(s: ClientState): void {
    const view = s.view;
    const me = s.welcome?.nation ?? null;
    if (!view || !me || !view.nations[me]) return;
    if (view.round !== this.round || me !== this.nation) {
      this.round = view.round;
      this.nation = me;
      this.build(view, me, s);
    }
    // A teammate's draft replaces the form unless this player is editing right now.
    const team = s.team;
    if (
      team?.draft &&
      team.draftBy !== s.welcome?.name &&
      team.round === view.round &&
      Date.now() - this.editedAt > 1500
    ) {
      this.apply(team.draft);
    }
    this.showErrors(s.errors.submit ?? s.errors.draft ?? []);
    const submittedNote = this.el.querySelector('[data-testid="submit-state"]');
    if (submittedNote)
      submittedNote.textContent = team?.submitted
        ? t('ui.orders.submittedBy', { name: team.submittedBy ?? '' })
        : t('ui.orders.notYet');
  }

  private build(view: GameView, me: string, s: ClientState) {
    const n = view.nations[me]!;
    this.inputs = new Map();
    this.errorSlots.clear();
    this.proposals = [];
    this.budget = n.budget;
    const others = Object.keys(view.nations).filter((x) => x !== me);
    const budgetRows = BUDGET_LINES.map((line) => {
      const input = h('input', {
        id: `o-budget-${line}`,
        name: `budget.${line}`,
        type: 'number',
        min: 0,
        step: 0.1,
        value: 0,
        inputmode: 'decimal',
      });
      input.addEventListener('input', () => {
        const othersSum = BUDGET_LINES.filter((l) => l !== line).reduce(
          (sum, l) => sum + Number(this.inputs.get(`budget.${l}`)?.value || 0),
          0,
        );
        const capped = capLine(this.budget, othersSum, Number(input.value || 0));
        if (capped !== Number(input.value || 0)) input.value = String(capped);
      });
      this.inputs.set(`budget.${line}`, input);
      return h(
        'div',
        { class: 'row' },
        h('label', { for: `o-budget-${line}` }, withTooltip(`budget.${line}`, t(`budget.${line}`))),
        input,
        this.slot(`budget.${line}`),
      );
    });
    const matrix = h(
      'table',
      { class: 'controls-matrix' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('ui.orders.target')),
          h('th', {}, t('ui.orders.chips')),
          h('th', {}, t('ui.orders.models')),
          h('th', {}, t('quantity.tariffs')),
          h('th', {}, t('quantity.sanctions')),
        ),
      ),
      h(
        'tbody',
        {},
        others.map((target) => {
          const c = n.policies.exportControls[target];
          const tariff = h('input', {
            id: `o-tariff-${target}`,
            type: 'number',
            min: 0,
            max: 50,
            step: 5,
            value: Math.round((n.policies.tariffs[target] ?? 0) * 100),
            class: 'short',
          });
          this.inputs.set(`tariff.${target}`, tariff);
          const sanction = h('input', {
            id: `o-sanction-${target}`,
            type: 'checkbox',
            checked: n.policies.sanctions.includes(target),
          });
          this.inputs.set(`sanction.${target}`, sanction);
          return h(
            'tr',
            { 'data-target': target },
            h('th', {}, target),
            h(
              'td',
              {},
              this.select(`chips.${target}`, CONTROL_TIERS, c?.chips ?? 'open', (o) => t(`tier.${o}`)),
            ),
            h(
              'td',
              {},
              this.select(`models.${target}`, CONTROL_TIERS, c?.models ?? 'open', (o) => t(`tier.${o}`)),
            ),
            h('td', {}, tariff, '%'),
            h('td', {}, sanction),
          );
        }),
      ),
    );
    const openNations = Object.values(view.nations)
      .filter((x) => x.policies.release === 'open')
      .map((x) => x.id);
    const incoming = view.proposals.filter((p) => p.to === me);
    const answerRows = incoming.map((p) => {
      const sel = this.select(`answer.${p.id}`, ['', 'accept', 'reject'], '', (o) =>
        o ? t(`ui.orders.${o}`) : t('ui.orders.undecided'),
      );
      return h('li', {}, `${t(`treaty.${p.type}`)} ← ${p.from} `, sel);
    });
    const proposalRow = () => {
      const type = h(
        'select',
        {},
        h('option', { value: '' }, '–'),
        TREATY_TYPES.map((tt) => h('option', { value: tt }, t(`treaty.${tt}`))),
      );
      const to = h(
        'select',
        {},
        others.map((o) => h('option', { value: o }, o)),
      );
      this.proposals.push({ type, to });
      return h('div', { class: 'row' }, type, to);
    };
    replace(
      this.el,
      h('h2', {}, t('ui.orders.title')),
      h(
        'fieldset',
        {},
        h('legend', {}, withTooltip('budget', t('quantity.budget')), ` US$${num(n.budget)}bn`),
        budgetRows,
        h('p', {}, t('ui.orders.remaining'), ' ', this.remaining),
        h(
          'button',
          { type: 'button', class: 'secondary small', id: 'suggest', onclick: () => this.suggest(s, me) },
          t('ui.orders.suggest'),
        ),
        h(
          'button',
          { type: 'button', class: 'secondary small', id: 'clear-budget', onclick: () => this.clearBudget() },
          t('ui.orders.clear'),
        ),
        this.slot('budget'),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, t('ui.dashboard.policies')),
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'o-release' }, withTooltip('release', t('quantity.release'))),
          this.select('release', RELEASE_POLICIES, n.policies.release, (o) => t(`policy.release.${o}`)),
          this.slot('release'),
        ),
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'o-regulation' }, withTooltip('regulation', t('quantity.regulation'))),
          this.select('regulation', REGULATION_LEVELS, n.policies.regulation, (o) =>
            t(`policy.regulation.${o}`),
          ),
          this.slot('regulation'),
        ),
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'o-visa' }, withTooltip('visa', t('quantity.visa'))),
          this.select('visa', VISA_POLICIES, n.policies.visa, (o) => t(`policy.visa.${o}`)),
          this.slot('visa'),
        ),
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'o-aidRegion' }, withTooltip('aid', t('policy.aidRegion'))),
          this.select(
            'aidRegion',
            ['', ...REGIONS],
            n.policies.aidRegion ?? '',
            (o) => o || t('policy.aidRegion.none'),
          ),
          this.slot('aidRegion'),
        ),
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'o-programmeBase' }, withTooltip('sovereignModel', t('policy.programme'))),
          this.select(
            'programmeBase',
            ['', ...openNations],
            n.policies.programmeBase ?? '',
            (o) => o || t('policy.programme.none'),
          ),
          this.slot('programmeBase'),
        ),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, withTooltip('exportControls', t('quantity.exportControls'))),
        matrix,
        this.slot('exportControls'),
        this.slot('tariffs'),
        this.slot('sanctions'),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, t('ui.orders.treaties')),
        incoming.length
          ? h('ul', { class: 'answers' }, answerRows)
          : h('p', { class: 'muted' }, t('ui.orders.noProposals')),
        h('p', {}, t('ui.orders.propose')),
        proposalRow(),
        proposalRow(),
        this.slot('treaties'),
      ),
      h('p', { class: 'field-error', role: 'alert', 'data-error-for': '' }),
      h('button', { type: 'submit', class: 'primary', id: 'submit-orders' }, t('ui.orders.submit')),
      h('p', { class: 'muted', 'data-testid': 'submit-state' }, ''),
      s.team?.submitted ? null : null,
    );
    this.suggest(s, me);
  }

  /** Fills the budget with the scenario's suggested split for this nation (rounded down to cents). */
  private suggest(s: ClientState, me: string) {
    const shares = s.scenario?.nations.find((x) => x.id === me)?.defaultAllocation;
    for (const l of BUDGET_LINES) {
      const input = this.inputs.get(`budget.${l}`);
      if (input) input.value = String(Math.floor(this.budget * (shares?.[l] ?? 0) * 100) / 100);
    }
    this.refreshRemaining();
  }

  private clearBudget() {
    for (const l of BUDGET_LINES) {
      const input = this.inputs.get(`budget.${l}`);
      if (input) input.value = '0';
    }
    this.refreshRemaining();
  }

  private value(key: string): string {
    return this.inputs.get(key)?.value ?? '';
  }

  private refreshRemaining() {
    const spent = BUDGET_LINES.reduce((sum, l) => sum + Number(this.value(`budget.${l}`) || 0), 0);
    this.remaining.textContent = `US$${num(this.budget - spent, 2)}bn`;
  }

  /** The form as orders (the same shape the server's zod schema parses). */
  orders(): OrdersInput {
    const targets = [...this.inputs.keys()].filter((k) => k.startsWith('chips.')).map((k) => k.slice(6));
    const answers = [...this.inputs.keys()].filter((k) => k.startsWith('answer.') && this.value(k));
    return {
      budget: Object.fromEntries(
        BUDGET_LINES.map((l) => [l, Math.round(Number(this.value(`budget.${l}`) || 0) * 100) / 100]),
      ),
      release: this.value('release') as OrdersInput['release'],
      regulation: this.value('regulation') as OrdersInput['regulation'],
      visa: this.value('visa') as OrdersInput['visa'],
      aidRegion: this.value('aidRegion') || null,
      programmeBase: this.value('programmeBase') || null,
      exportControls: targets.map((target) => ({
        target,
        chips: this.value(`chips.${target}`) as 'open',
        models: this.value(`models.${target}`) as 'open',
      })),
      tariffs: targets.map((target) => ({ target, rate: Number(this.value(`tariff.${target}`) || 0) / 100 })),
      sanctions: targets.map((target) => ({
        target,
        active: (this.inputs.get(`sanction.${target}`) as HTMLInputElement).checked,
      })),
      treaties: {
        propose: this.proposals
          .filter((p) => p.type.value)
          .map((p) => ({ type: p.type.value as 'AiForum', to: p.to.value })),
        answer: answers.map((k) => ({ id: k.slice(7), accept: this.value(k) === 'accept' })),
      },
    };
  }

  private apply(orders: OrdersInput) {
    for (const l of BUDGET_LINES) {
      const v = orders.budget?.[l];
      const input = this.inputs.get(`budget.${l}`);
      if (input && v !== undefined) input.value = String(v);
    }
    for (const key of ['release', 'regulation', 'visa'] as const) {
      const v = orders[key];
      const input = this.inputs.get(key);
      if (input && v) input.value = v;
    }
    for (const c of orders.exportControls ?? []) {
      if (c.chips) this.inputs.get(`chips.${c.target}`)?.setAttribute('value', c.chips);
      const chips = this.inputs.get(`chips.${c.target}`);
      const models = this.inputs.get(`models.${c.target}`);
      if (chips && c.chips) chips.value = c.chips;
      if (models && c.models) models.value = c.models;
    }
    this.refreshRemaining();
  }

  private shareDraft() {
    const parsed = OrdersSchema.safeParse(this.orders());
    if (parsed.success) this.net.send('draft', { orders: this.orders() });
  }

  private submit() {
    const orders = this.orders();
    const parsed = OrdersSchema.safeParse(orders);
    if (!parsed.success) {
      this.showErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      return;
    }
    this.net.send('submit', { orders });
  }

  private showErrors(problems: { path: string; message: string }[]) {
    for (const el of this.el.querySelectorAll('[data-error-for]')) el.textContent = '';
    for (const p of problems) {
      const key = fieldOf(p.path);
      const slot =
        this.el.querySelector(`[data-error-for="${CSS.escape(key)}"]`) ??
        this.el.querySelector(`[data-error-for="${CSS.escape(key.split('.')[0] ?? '')}"]`) ??
        this.el.querySelector('[data-error-for=""]');
      if (slot) slot.textContent = `${slot.textContent ? `${slot.textContent}; ` : ''}${p.message}`;
    }
  }
}
