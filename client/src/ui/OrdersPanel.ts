/**
 * The orders panel: this round's event card, the nation's goals, the advisor, then the form's
 * sections (client/src/orders/sections.ts). The form is read and filled through the pure orderForm
 * conversions and checked by the engine's own parseOrders on what the view holds before sending;
 * the server's refusals are shown next to their field. A team shares one draft (orders/TeamDraft.ts).
 */
import { advise, suggestedBudget } from '../../../shared/bots/advise.ts';
import {
  BUDGET_LINES,
  type GameState,
  type OrdersInput,
  type Problem,
  parseOrders,
} from '../../../shared/engine/index.ts';
import { language, t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import { FormFields } from '../orders/FormFields.ts';
import { showProblems } from '../orders/problems.ts';
import {
  budgetLeft,
  type FormShape,
  type FormValues,
  formToOrders,
  ordersToForm,
  proposalRows,
} from '../orders/orderForm.ts';
import {
  budgetSection,
  controlsSection,
  policiesSection,
  type SectionInput,
  treatiesSection,
} from '../orders/sections.ts';
import { seatNote } from '../orders/seatNote.ts';
import { TeamDraft } from '../orders/TeamDraft.ts';
import type { ClientState } from '../state/store.ts';
import { h, money, replace } from './dom.ts';
import { FirstRoundGuide } from './FirstRoundGuide.ts';
import { objectivesList, roundCard } from './objectives.ts';

export class OrdersPanel {
  readonly el = h('form', { class: 'orders card', 'aria-label': t('ui.orders.title'), novalidate: true });
  private readonly net: GameConnection;
  private readonly guide = new FirstRoundGuide();
  private readonly fields = new FormFields();
  private readonly team = new TeamDraft();
  private round = -1;
  /** The language the form was built in. */
  private lang = language();
  private nation: string | null = null;
  private shape: FormShape = { targets: [], incoming: [] };
  private readonly remaining = h('output', {
    class: 'remaining',
    'data-testid': 'remaining',
    'aria-live': 'polite',
  });
  private readonly overBudget = h('span', { class: 'field-error', role: 'alert', 'data-testid': 'over' });
  private readonly advice = h('p', { class: 'advice', 'data-testid': 'advice', hidden: true });
  private readonly botNote = h('div', { class: 'bot-note', 'data-testid': 'bot-note', hidden: true });
  private budget = 0;
  private lastTeam: unknown = null;
  private draftTimer: ReturnType<typeof setTimeout> | null = null;
  private state: ClientState | null = null;

  constructor(net: GameConnection) {
    this.net = net;
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    const edited = (e: Event) => {
      const key = (e.target as HTMLElement | null)?.dataset?.field;
      if (key) this.team.edited(key, Date.now());
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

  /** Rebuilds the form for a new round (or a new nation); keeps it as the player left it otherwise. */
  update(s: ClientState): void {
    this.state = s;
    const switched = language() !== this.lang;
    this.lang = language();
    const view = s.view;
    const me = s.welcome?.nation ?? null;
    if (!view || !me || !view.nations[me]) return;
    if (view.round !== this.round || me !== this.nation) {
      this.round = view.round;
      this.nation = me;
      this.lastTeam = null;
      this.team.reset();
      this.build(s, me);
    } else if (switched) {
      // A new language: the same form, written again in it, with what the player had entered.
      const kept = this.fields.values();
      this.build(s, me);
      this.fields.write(kept);
      this.refreshRemaining();
    }
    const team = s.team;
    if (team !== this.lastTeam) {
      this.lastTeam = team;
      // A teammate's draft fills the form; if an edit of mine in progress differed, share the merge back.
      if (team?.draft && team.draftBy !== s.welcome?.name && team.round === view.round) {
        if (this.team.merge(this.fields, team.draft, Date.now())) this.scheduleDraft();
        this.refreshRemaining();
      }
    }
    const seat = s.room?.seats[me];
    const forced = Boolean(seat?.bot && seat.forced);
    seatNote(this.botNote, forced, Boolean(seat?.asking), () => this.net.send('askSeat', {}));
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

  private build(s: ClientState, me: string) {
    const view = s.view!;
    this.fields.clear();
    this.budget = view.nations[me]!.budget;
    const others = Object.keys(view.nations).filter((x) => x !== me);
    this.shape = { targets: others, incoming: view.proposals.filter((p) => p.to === me).map((p) => p.id) };
    const input: SectionInput = {
      fields: this.fields,
      view,
      scenario: s.scenario,
      me,
      others,
      name: (id) => s.scenario?.nations.find((x) => x.id === id)?.name ?? id,
    };
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
      budgetSection(input, {
        remaining: this.remaining,
        over: this.overBudget,
        suggest: () => this.suggest(),
        clear: () => this.fill(Object.fromEntries(BUDGET_LINES.map((l) => [`budget.${l}`, '0']))),
      }),
      policiesSection(input),
      controlsSection(input),
      treatiesSection(input),
      h('p', { class: 'field-error', role: 'alert', 'data-error-for': '' }),
      h('button', { type: 'submit', class: 'primary', id: 'submit-orders' }, t('ui.orders.submit')),
      h('p', { class: 'muted', 'data-testid': 'submit-state' }, ''),
    );
    this.suggest(false);
  }

  /** Fills the form with values as this player's own edit, and shares the draft (unless `share` is false). */
  private fill(values: FormValues, share = true) {
    this.fields.write(values);
    this.refreshRemaining();
    if (!share) return;
    this.team.editedAll(this.fields, Date.now());
    this.scheduleDraft();
  }

  /** The scenario's suggested split (nothing into aid while no aid region is chosen). */
  private suggest(share = true) {
    const scenario = this.state?.scenario;
    if (!scenario || !this.nation) return;
    const region = String(this.fields.values().aidRegion ?? '') || null;
    const split = suggestedBudget(scenario, this.nation, this.budget, region);
    this.fill(Object.fromEntries(BUDGET_LINES.map((l) => [`budget.${l}`, String(split[l])])), share);
  }

  /** The advisor's plan from this player's own view: fills the form and says why. */
  private askAdvisor() {
    const s = this.state;
    const me = this.nation;
    if (!s?.view || !s.scenario || !me) return;
    const advice = advise(s.view, s.scenario, me);
    const clearRows: FormValues = {};
    for (let i = 0; i < proposalRows(this.fields.values()); i++) clearRows[`propose.${i}.type`] = '';
    this.fill({ ...clearRows, ...ordersToForm(advice.orders) });
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
  }

  private overMessage(left: number): string {
    return t('ui.orders.overBudget', { over: money(-left, 2), budget: money(this.budget, 2) });
  }

  private refreshRemaining() {
    const { left } = budgetLeft(this.fields.values(), this.budget);
    this.remaining.textContent = money(Math.max(0, left), 2);
    this.overBudget.textContent = left < 0 ? this.overMessage(left) : '';
  }

  /** The form as orders (the same shape the server's zod schema parses). */
  orders(): OrdersInput {
    return formToOrders(this.fields.values(), this.shape);
  }

  /**
   * What the engine says of these orders, on what this player's view holds: the same parseOrders the
   * server runs, so the form keeps no rule of its own.
   */
  private preview(orders: OrdersInput): Problem[] {
    const s = this.state;
    if (!s?.view || !s.scenario || !this.nation) return [];
    const parsed = parseOrders(
      { ...s.view, scenario: s.scenario } as unknown as GameState,
      this.nation,
      orders,
    );
    return parsed.ok ? [] : parsed.errors;
  }

  /** A draft is shared while it is still being worked on, over the budget included. */
  private shareDraft() {
    const orders = this.orders();
    if (this.preview(orders).every((p) => p.path === 'budget')) this.net.send('draft', { orders });
  }

  private submit() {
    const orders = this.orders();
    const { left } = budgetLeft(this.fields.values(), this.budget);
    const problems = this.preview(orders).map((p) =>
      p.path === 'budget' ? { path: 'budget', message: this.overMessage(left) } : p,
    );
    if (problems.length > 0) this.showErrors(problems);
    else this.net.send('submit', { orders });
  }

  private showErrors(problems: { path: string; message: string }[]) {
    showProblems(this.el, problems);
  }
}
