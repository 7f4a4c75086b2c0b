/**
 * The orders panel: this round's event card, the nation's goals, the advisor, the budget (what is
 * left shown live; an over-budget allocation is kept as typed and named as the problem), model
 * release, export controls, tariffs and sanctions, the sovereign model programme, visa, regulation,
 * aid, and treaty proposals and answers. Read and filled through the pure orderForm conversions;
 * checked with the same zod schema as the server before sending; the server's refusals are shown
 * next to their field. A team shares one draft: a teammate's edits fill every field this player
 * has not just edited, so nobody's proposal or answer is dropped silently.
 */
import { advise } from '../../../shared/bots/advise.ts';
import {
  BUDGET_LINES,
  CONTROL_TIERS,
  type GameView,
  type OrdersInput,
  type GameState,
  parseOrders,
  type Problem,
  REGULATION_LEVELS,
  RELEASE_POLICIES,
  TREATY_TYPES,
  VISA_POLICIES,
} from '../../../shared/engine/index.ts';
import { t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import {
  budgetLeft,
  type FormShape,
  type FormValues,
  formToOrders,
  ordersToForm,
  proposalRows,
} from '../orders/orderForm.ts';
import type { ClientState } from '../state/store.ts';
import { withTooltip } from './Dashboard.ts';
import { h, num, replace } from './dom.ts';
import { FirstRoundGuide } from './FirstRoundGuide.ts';
import { objectivesList, roundCard } from './objectives.ts';

/** Splits a server problem path ('orders.budget.compute', 'budget', 'exportControls.0.target') to a field key. */
export function fieldOf(path: string): string {
  const p = path.replace(/^orders\./, '');
  if (p.startsWith('budget')) return p.split('.')[1] ? `budget.${p.split('.')[1]}` : 'budget';
  return p.split('.')[0] ?? '';
}

/** How long a field this player edited wins over a teammate's draft (ms). */
const OWN_EDIT_WINS_MS = 4000;

type Field = HTMLInputElement | HTMLSelectElement;

export class OrdersPanel {
  readonly el = h('form', { class: 'orders card', 'aria-label': t('ui.orders.title'), novalidate: true });
  private readonly net: GameConnection;
  private readonly guide = new FirstRoundGuide();
  private round = -1;
  private nation: string | null = null;
  private inputs = new Map<string, Field>();
  private shape: FormShape = { targets: [], incoming: [] };
  private readonly remaining = h('output', {
    class: 'remaining',
    'data-testid': 'remaining',
    'aria-live': 'polite',
  });
  private readonly overBudget = h('span', { class: 'field-error', role: 'alert', 'data-testid': 'over' });
  private readonly advice = h('p', { class: 'advice', 'data-testid': 'advice', hidden: true });
  private readonly botNote = h('div', { class: 'bot-note', 'data-testid': 'bot-note', hidden: true });
  private proposalBox = h('div', {});
  private budget = 0;
  /** When this player last edited each field (ms), so a teammate's draft does not undo it. */
  private readonly editedAt = new Map<string, number>();
  private lastTeam: unknown = null;
  private draftTimer: ReturnType<typeof setTimeout> | null = null;
  private others: string[] = [];
  private state: ClientState | null = null;

  constructor(net: GameConnection) {
    this.net = net;
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    const edited = (e: Event) => {
      const key = (e.target as HTMLElement | null)?.dataset?.field;
      if (key) this.editedAt.set(key, Date.now());
      this.refreshRemaining();
      this.scheduleDraft();
    };
    this.el.addEventListener('input', edited);
    this.el.addEventListener('change', edited);
  }

  private scheduleDraft() {
    if (this.draftTimer) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.shareDraft(), 400);
  }

  private field<T extends Field>(key: string, el: T): T {
    el.dataset.field = key;
    this.inputs.set(key, el);
    return el;
  }

  private slot(key: string): HTMLElement {
    return h('span', { class: 'field-error', role: 'alert', 'data-error-for': key });
  }

  private select(key: string, options: readonly string[], value: string, label: (o: string) => string) {
    const el = h(
      'select',
      { id: `o-${key.replace('.', '-')}`, name: key },
      options.map((o) => h('option', { value: o, selected: o === value }, label(o))),
    );
    el.value = value;
    return this.field(key, el);
  }

  /** Rebuilds the form for a new round (or a new nation); keeps it as the player left it otherwise. */
  update(s: ClientState): void {
    this.state = s;
    const view = s.view;
    const me = s.welcome?.nation ?? null;
    if (!view || !me || !view.nations[me]) return;
    if (view.round !== this.round || me !== this.nation) {
      this.round = view.round;
      this.nation = me;
      this.lastTeam = null;
      this.editedAt.clear();
      this.build(view, me, s);
    }
    const team = s.team;
    if (team !== this.lastTeam) {
      this.lastTeam = team;
      if (team?.draft && team.draftBy !== s.welcome?.name && team.round === view.round)
        this.mergeTeammate(team.draft);
    }
    const seat = s.room?.seats[me];
    const forced = Boolean(seat?.bot && seat.forced);
    this.showBotNote(forced, Boolean(seat?.asking));
    const submit = this.el.querySelector<HTMLButtonElement>('#submit-orders');
    if (submit) submit.disabled = forced;
    this.showErrors(s.errors.submit ?? s.errors.draft ?? []);
    const submittedNote = this.el.querySelector('[data-testid="submit-state"]');
    if (submittedNote)
      submittedNote.textContent = forced
        ? t('ui.orders.botPlays')
        : team?.submitted
          ? t('ui.orders.submittedBy', { name: team.submittedBy ?? '' })
          : t('ui.orders.notYet');
    this.guide.update(this.el, s);
  }

  private showBotNote(forced: boolean, asking: boolean) {
    this.botNote.hidden = !forced;
    if (!forced) return;
    replace(
      this.botNote,
      h('strong', {}, t('ui.orders.botTitle')),
      ' ',
      t('ui.orders.botText'),
      ' ',
      asking
        ? h('span', { class: 'muted', 'data-testid': 'asked' }, t('ui.orders.asked'))
        : h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              id: 'ask-seat',
              onclick: () => this.net.send('askSeat', {}),
            },
            t('ui.orders.askBack'),
          ),
    );
  }

  private build(view: GameView, me: string, s: ClientState) {
    const n = view.nations[me]!;
    this.inputs = new Map();
    this.budget = n.budget;
    this.others = Object.keys(view.nations).filter((x) => x !== me);
    const incoming = view.proposals.filter((p) => p.to === me);
    this.shape = { targets: this.others, incoming: incoming.map((p) => p.id) };
    const name = (id: string) => s.scenario?.nations.find((x) => x.id === id)?.name ?? id;
    const budgetRows = BUDGET_LINES.map((line) => {
      const input = this.field(
        `budget.${line}`,
        h('input', {
          id: `o-budget-${line}`,
          name: `budget.${line}`,
          type: 'number',
          min: 0,
          step: 0.1,
          value: 0,
          inputmode: 'decimal',
        }),
      );
      return h(
        'div',
        { class: 'row' },
        h('label', { for: `o-budget-${line}` }, withTooltip(`budget.${line}`, t(`budget.${line}`))),
        input,
        this.slot(`budget.${line}`),
      );
    });
    const controls = h(
      'ul',
      { class: 'controls-list' },
      this.others.map((target) => {
        const c = n.policies.exportControls[target];
        const tariff = this.field(
          `tariff.${target}`,
          h('input', {
            id: `o-tariff-${target}`,
            type: 'number',
            min: 0,
            max: 50,
            step: 5,
            value: Math.round((n.policies.tariffs[target] ?? 0) * 100),
            class: 'short',
            inputmode: 'numeric',
          }),
        );
        const sanction = this.field(
          `sanction.${target}`,
          h('input', {
            id: `o-sanction-${target}`,
            type: 'checkbox',
            checked: n.policies.sanctions.includes(target),
          }),
        );
        const labelled = (id: string, label: string, control: HTMLElement, suffix = '') =>
          h('label', { class: 'control', for: id }, h('span', { class: 'muted' }, label), control, suffix);
        return h(
          'li',
          { 'data-target': target },
          h('strong', {}, name(target)),
          h(
            'div',
            { class: 'control-row' },
            labelled(
              `o-chips-${target}`,
              t('ui.orders.chips'),
              this.select(`chips.${target}`, CONTROL_TIERS, c?.chips ?? 'open', (o) => t(`tier.${o}`)),
            ),
            labelled(
              `o-models-${target}`,
              t('ui.orders.models'),
              this.select(`models.${target}`, CONTROL_TIERS, c?.models ?? 'open', (o) => t(`tier.${o}`)),
            ),
            labelled(`o-tariff-${target}`, t('quantity.tariffs'), tariff, '%'),
            labelled(`o-sanction-${target}`, t('quantity.sanctions'), sanction),
          ),
        );
      }),
    );
    // A programme may fine-tune any open-weight model, or the power's own (the engine's rule in parseOrders).
    const openNations = [
      me,
      ...Object.values(view.nations)
        .filter((x) => x.id !== me && x.policies.release === 'open')
        .map((x) => x.id),
    ];
    const answerRows = incoming.map((p) =>
      h(
        'li',
        {},
        h(
          'label',
          { for: `o-answer-${p.id}` },
          t('ui.orders.proposalFrom', { type: t(`treaty.${p.type}`), from: name(p.from) }),
        ),
        ' ',
        this.select(`answer.${p.id}`, ['', 'accept', 'reject'], '', (o) =>
          o ? t(`ui.orders.${o}`) : t('ui.orders.undecided'),
        ),
      ),
    );
    this.proposalBox = h('div', { class: 'proposals' });
    this.setProposalRows(2);
    replace(
      this.el,
      h('h2', {}, t('ui.orders.title')),
      this.botNote,
      roundCard(view, s.scenario),
      objectivesList(view, s.scenario, me, 'orders', view.round === 1),
      h(
        'div',
        { class: 'advisor' },
        h(
          'button',
          { type: 'button', class: 'secondary', id: 'advise', onclick: () => this.askAdvisor() },
          t('ui.orders.advise'),
        ),
        this.advice,
      ),
      h(
        'fieldset',
        { 'data-part': 'budget' },
        h('legend', {}, withTooltip('budget', t('quantity.budget')), ` US$${num(n.budget)}bn`),
        budgetRows,
        h('p', {}, t('ui.orders.remaining'), ' ', this.remaining, ' ', this.overBudget),
        h(
          'button',
          { type: 'button', class: 'secondary small', id: 'suggest', onclick: () => this.suggest() },
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
        this.policyRow('release', withTooltip('release', t('quantity.release')), RELEASE_POLICIES, n, (o) =>
          t(`policy.release.${o}`),
        ),
        this.policyRow(
          'regulation',
          withTooltip('regulation', t('quantity.regulation')),
          REGULATION_LEVELS,
          n,
          (o) => t(`policy.regulation.${o}`),
        ),
        this.policyRow('visa', withTooltip('visa', t('quantity.visa')), VISA_POLICIES, n, (o) =>
          t(`policy.visa.${o}`),
        ),
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'o-aidRegion' }, withTooltip('aid', t('policy.aidRegion'))),
          this.select('aidRegion', ['', ...this.regions(s)], n.policies.aidRegion ?? '', (o) =>
            o ? o : t('policy.aidRegion.none'),
          ),
          this.slot('aidRegion'),
        ),
        h(
          'div',
          { class: 'row' },
          h('label', { for: 'o-programmeBase' }, withTooltip('sovereignModel', t('policy.programme'))),
          this.select('programmeBase', ['', ...openNations], n.policies.programmeBase ?? '', (o) =>
            o === me ? t('policy.programme.own') : o ? name(o) : t('policy.programme.none'),
          ),
          this.slot('programmeBase'),
        ),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, withTooltip('exportControls', t('quantity.exportControls'))),
        controls,
        this.slot('exportControls'),
        this.slot('tariffs'),
        this.slot('sanctions'),
      ),
      h(
        'fieldset',
        { 'data-part': 'treaties' },
        h('legend', {}, t('ui.orders.treaties')),
        incoming.length
          ? h('ul', { class: 'answers' }, answerRows)
          : h('p', { class: 'muted' }, t('ui.orders.noProposals')),
        h('p', {}, t('ui.orders.propose')),
        this.proposalBox,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            id: 'add-proposal',
            onclick: () => this.setProposalRows(proposalRows(this.values()) + 1),
          },
          t('ui.orders.addProposal'),
        ),
        this.slot('treaties'),
      ),
      h('p', { class: 'field-error', role: 'alert', 'data-error-for': '' }),
      h('button', { type: 'submit', class: 'primary', id: 'submit-orders' }, t('ui.orders.submit')),
      h('p', { class: 'muted', 'data-testid': 'submit-state' }, ''),
    );
    this.suggest(false);
  }

  private policyRow(
    key: 'release' | 'regulation' | 'visa',
    label: HTMLElement,
    options: readonly string[],
    n: GameView['nations'][string],
    show: (o: string) => string,
  ) {
    return h(
      'div',
      { class: 'row' },
      h('label', { for: `o-${key}` }, label),
      this.select(key, options, n.policies[key], show),
      this.slot(key),
    );
  }

  /** The scenario's regions, in a stable order. */
  private regions(s: ClientState): string[] {
    return [...new Set(s.scenario?.markets.map((m) => m.region) ?? [])].sort();
  }

  /** Makes sure the form has at least `rows` proposal rows (never removes one that holds a proposal). */
  private setProposalRows(rows: number) {
    const have = proposalRows(this.values());
    const name = (id: string) => this.state?.scenario?.nations.find((x) => x.id === id)?.name ?? id;
    for (let i = have; i < Math.min(rows, 8); i++) {
      const type = this.field(
        `propose.${i}.type`,
        h(
          'select',
          { id: `o-propose-${i}-type`, 'aria-label': t('ui.orders.proposalType') },
          h('option', { value: '' }, t('ui.orders.noTreaty')),
          TREATY_TYPES.map((tt) => h('option', { value: tt }, t(`treaty.${tt}`))),
        ),
      );
      const to = this.field(
        `propose.${i}.to`,
        h(
          'select',
          { id: `o-propose-${i}-to`, 'aria-label': t('ui.orders.proposalTo') },
          this.others.map((o) => h('option', { value: o }, name(o))),
        ),
      );
      this.proposalBox.append(h('div', { class: 'row' }, type, h('span', {}, t('ui.orders.with')), to));
    }
  }

  /** The form's current values. */
  private values(): FormValues {
    const v: FormValues = {};
    for (const [key, el] of this.inputs)
      v[key] = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
    return v;
  }

  /** Writes values into the form (only the keys given); `skip` says which to leave as they are. */
  private write(values: FormValues, skip: (key: string) => boolean = () => false) {
    const rows = proposalRows(values);
    if (rows > proposalRows(this.values())) this.setProposalRows(rows);
    let skipped = false;
    for (const [key, value] of Object.entries(values)) {
      const el = this.inputs.get(key);
      if (!el) continue;
      const current = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
      if (current === value) continue;
      if (skip(key)) {
        skipped = true;
        continue;
      }
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === true;
      else el.value = String(value);
    }
    this.refreshRemaining();
    return skipped;
  }

  /**
   * A teammate's draft: every field takes the teammate's value, except those this player edited in
   * the last few seconds; if any of those differ, the merged form is shared back so the team's draft
   * holds both edits.
   */
  private mergeTeammate(draft: OrdersInput) {
    const now = Date.now();
    const recent = (key: string) => now - (this.editedAt.get(key) ?? 0) < OWN_EDIT_WINS_MS;
    const skipped = this.write(ordersToForm(draft, proposalRows(this.values())), recent);
    if (skipped) this.scheduleDraft();
  }

  /** Marks every field as this player's edit and shares the draft (after the advisor or a suggestion). */
  private touchAll() {
    const now = Date.now();
    for (const key of this.inputs.keys()) this.editedAt.set(key, now);
    this.scheduleDraft();
  }

  /**
   * Fills the budget with the scenario's suggested split for this nation (rounded down to cents). Aid
   * with no aid region chosen would be wasted, so its share goes to the other lines.
   */
  private suggest(share = true) {
    const me = this.nation;
    const shares = { ...this.state?.scenario?.nations.find((x) => x.id === me)?.defaultAllocation };
    const values = this.values();
    if (!values.aidRegion && shares.aid) {
      const rest = BUDGET_LINES.filter((l) => l !== 'aid').reduce((s, l) => s + (shares[l] ?? 0), 0);
      for (const l of BUDGET_LINES)
        if (l !== 'aid' && rest > 0) shares[l] = (shares[l] ?? 0) * (1 + (shares.aid ?? 0) / rest);
      shares.aid = 0;
    }
    const v: FormValues = {};
    for (const l of BUDGET_LINES)
      v[`budget.${l}`] = String(Math.floor(this.budget * (shares[l] ?? 0) * 100) / 100);
    this.write(v);
    if (share) this.touchAll();
  }

  private clearBudget() {
    this.write(Object.fromEntries(BUDGET_LINES.map((l) => [`budget.${l}`, '0'])));
    this.touchAll();
  }

  /** The advisor's plan from this player's own view: fills the form and says why. */
  private askAdvisor() {
    const s = this.state;
    const me = this.nation;
    if (!s?.view || !s.scenario || !me) return;
    const advice = advise(s.view, s.scenario, me);
    const base: FormValues = {};
    for (let i = 0; i < proposalRows(this.values()); i++) base[`propose.${i}.type`] = '';
    this.write({ ...base, ...ordersToForm(advice.orders) });
    const goals = advice.objectives.map((o) => o.title);
    replace(
      this.advice,
      h('strong', {}, t(`advisor.${advice.archetype}`)),
      ' ',
      goals.length
        ? t('ui.orders.adviceGoals', { count: goals.length, goals: goals.join('; ') })
        : t('ui.orders.adviceNoGoals'),
      ' ',
      t('ui.orders.adviceEdit'),
    );
    this.advice.hidden = false;
    this.advice.scrollIntoView({ block: 'nearest' });
    this.touchAll();
  }

  private refreshRemaining() {
    const { left } = budgetLeft(this.values(), this.budget);
    this.remaining.textContent = `US$${num(Math.max(0, left), 2)}bn`;
    this.overBudget.textContent =
      left < 0 ? t('ui.orders.overBudget', { over: num(-left, 2), budget: num(this.budget, 2) }) : '';
  }

  /** The form as orders (the same shape the server's zod schema parses). */
  orders(): OrdersInput {
    return formToOrders(this.values(), this.shape);
  }

  /**
   * What the engine says of these orders, on what this player's view holds: the same parseOrders the
   * server runs, so the form keeps no rule of its own.
   */
  private preview(orders: OrdersInput): Problem[] {
    const s = this.state;
    if (!s?.view || !s.scenario || !this.nation) return [];
    const state = { ...s.view, scenario: s.scenario } as unknown as GameState;
    const parsed = parseOrders(state, this.nation, orders);
    return parsed.ok ? [] : parsed.errors;
  }

  /** A draft is shared while it is still being worked on, over the budget included. */
  private shareDraft() {
    const orders = this.orders();
    if (this.preview(orders).every((p) => p.path === 'budget')) this.net.send('draft', { orders });
  }

  private submit() {
    const orders = this.orders();
    const problems = this.preview(orders).map((p) => {
      if (p.path !== 'budget') return p;
      const { left } = budgetLeft(this.values(), this.budget);
      const message = t('ui.orders.overBudget', { over: num(-left, 2), budget: num(this.budget, 2) });
      return { path: 'budget', message };
    });
    if (problems.length > 0) {
      this.showErrors(problems);
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
