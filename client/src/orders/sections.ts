/**
 * The orders form's sections as DOM, each registering its controls in the FormFields: the budget,
 * the standing policies, export controls with tariffs and sanctions (one entry per target, so it
 * fits a phone), and treaties (answers to proposals, and proposal rows added on demand).
 */
import {
  BUDGET_LINES,
  CONTROL_TIERS,
  type GameView,
  type NationState,
  REGULATION_LEVELS,
  RELEASE_POLICIES,
  type Scenario,
  TREATY_TYPES,
  VISA_POLICIES,
} from '../../../shared/engine/index.ts';
import { t } from '../i18n.ts';
import { withTooltip } from '../ui/Dashboard.ts';
import { h, money } from '../ui/dom.ts';
import { errorSlot, type FormFields } from './FormFields.ts';
import { MARKET_TIERS, proposalRows } from './orderForm.ts';

/** What every section reads: the form's fields, my nation and a way to name the others. */
export interface SectionInput {
  fields: FormFields;
  view: GameView;
  scenario: Scenario | null;
  me: string;
  /** The other nations, in view order. */
  others: string[];
  name: (id: string) => string;
}

/** The budget lines, the money left, and the buttons that fill or clear them. */
export function budgetSection(
  { fields, view, me }: SectionInput,
  parts: { remaining: HTMLElement; over: HTMLElement; suggest: () => void; clear: () => void },
): HTMLElement {
  const n = view.nations[me]!;
  return h(
    'fieldset',
    { 'data-part': 'budget' },
    h('legend', {}, withTooltip('budget', t('quantity.budget')), ` ${money(n.budget)}`),
    BUDGET_LINES.map((line) =>
      h(
        'div',
        { class: 'row' },
        h('label', { for: `o-budget-${line}` }, withTooltip(`budget.${line}`, t(`budget.${line}`))),
        fields.field(
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
        ),
        errorSlot(`budget.${line}`),
      ),
    ),
    h('p', {}, t('ui.orders.remaining'), ' ', parts.remaining, ' ', parts.over),
    h(
      'button',
      { type: 'button', class: 'secondary small', id: 'suggest', onclick: parts.suggest },
      t('ui.orders.suggest'),
    ),
    h(
      'button',
      { type: 'button', class: 'secondary small', id: 'clear-budget', onclick: parts.clear },
      t('ui.orders.clear'),
    ),
    errorSlot('budget'),
  );
}

/** Release, regulation, visa, the aid region and the sovereign model programme. */
export function policiesSection({ fields, view, scenario, me, name }: SectionInput): HTMLElement {
  const n = view.nations[me]!;
  const row = (key: string, label: HTMLElement, control: HTMLElement) =>
    h('div', { class: 'row' }, h('label', { for: `o-${key}` }, label), control, errorSlot(key));
  const policy = (key: 'release' | 'regulation' | 'visa', options: readonly string[]) =>
    row(
      key,
      withTooltip(key, t(`quantity.${key}`)),
      fields.select(key, options, n.policies[key], (o) => t(`policy.${key}.${o}`)),
    );
  const regions = [...new Set(scenario?.markets.map((m) => m.region) ?? [])].sort();
  // A programme may fine-tune any open-weight model, or the power's own (the engine's rule in parseOrders).
  const bases = [
    me,
    ...Object.values(view.nations)
      .filter((x) => x.id !== me && x.policies.release === 'open')
      .map((x) => x.id),
  ];
  return h(
    'fieldset',
    {},
    h('legend', {}, t('ui.dashboard.policies')),
    policy('release', RELEASE_POLICIES),
    policy('regulation', REGULATION_LEVELS),
    policy('visa', VISA_POLICIES),
    row(
      'aidRegion',
      withTooltip('aid', t('policy.aidRegion')),
      fields.select(
        'aidRegion',
        ['', ...regions],
        n.policies.aidRegion ?? '',
        (o) => o || t('policy.aidRegion.none'),
      ),
    ),
    row(
      'programmeBase',
      withTooltip('sovereignModel', t('policy.programme')),
      fields.select('programmeBase', ['', ...bases], n.policies.programmeBase ?? '', (o) =>
        o === me ? t('policy.programme.own') : o ? name(o) : t('policy.programme.none'),
      ),
    ),
  );
}

/** Export controls, tariff and sanctions: one entry per target with its four labelled controls. */
export function controlsSection({ fields, view, me, others, name }: SectionInput): HTMLElement {
  const n: NationState = view.nations[me]!;
  const labelled = (id: string, label: string, control: HTMLElement, suffix = '') =>
    h('label', { class: 'control', for: id }, h('span', { class: 'muted' }, label), control, suffix);
  const entry = (target: string) => {
    const c = n.policies.exportControls[target];
    const tier = (kind: 'chips' | 'models') =>
      labelled(
        `o-${kind}-${target}`,
        t(`ui.orders.${kind}`),
        fields.select(`${kind}.${target}`, CONTROL_TIERS, c?.[kind] ?? 'open', (o) => t(`tier.${o}`)),
      );
    const tariff = fields.field(
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
    const sanction = fields.field(
      `sanction.${target}`,
      h('input', {
        id: `o-sanction-${target}`,
        type: 'checkbox',
        checked: n.policies.sanctions.includes(target),
      }),
    );
    return h(
      'li',
      { 'data-target': target },
      h('strong', {}, name(target)),
      h(
        'div',
        { class: 'control-row' },
        tier('chips'),
        tier('models'),
        labelled(`o-tariff-${target}`, t('quantity.tariffs'), tariff, '%'),
        labelled(`o-sanction-${target}`, t('quantity.sanctions'), sanction),
      ),
    );
  };
  // Controls on a tier of markets bind every market and power in it (the AI Diffusion Rule's tiers).
  const tierEntry = (tier: (typeof MARKET_TIERS)[number]) => {
    const c = n.policies.tierControls?.[tier];
    const select = (kind: 'chips' | 'models') => {
      const key = kind === 'chips' ? `tierChips.${tier}` : `tierModels.${tier}`;
      return labelled(
        `o-${key.replace('.', '-')}`,
        t(`ui.orders.${kind}`),
        fields.select(key, CONTROL_TIERS, c?.[kind] ?? 'open', (o) => t(`tier.${o}`)),
      );
    };
    return h(
      'li',
      { 'data-tier': tier },
      h('strong', {}, withTooltip(`marketTier.${tier}`, t(`ui.orders.marketTier.${tier}`))),
      h('div', { class: 'control-row' }, select('chips'), select('models')),
    );
  };
  return h(
    'fieldset',
    {},
    h('legend', {}, withTooltip('exportControls', t('quantity.exportControls'))),
    h('ul', { class: 'controls-list' }, others.map(entry)),
    h('p', { class: 'muted small' }, t('ui.orders.byTier')),
    h('ul', { class: 'controls-list tiers' }, MARKET_TIERS.map(tierEntry)),
    errorSlot('tierControls'),
    errorSlot('exportControls'),
    errorSlot('tariffs'),
    errorSlot('sanctions'),
  );
}

/** Answers to the proposals addressed to me, and rows to propose treaties (two, more on demand). */
export function treatiesSection({ fields, view, me, others, name }: SectionInput): HTMLElement {
  const box = h('div', { class: 'proposals' });
  const grow = (rows: number) => {
    for (let i = proposalRows(fields.values()); i < Math.min(rows, 8); i++) {
      const type = fields.field(
        `propose.${i}.type`,
        h(
          'select',
          { id: `o-propose-${i}-type`, 'aria-label': t('ui.orders.proposalType') },
          h('option', { value: '' }, t('ui.orders.noTreaty')),
          TREATY_TYPES.map((tt) => h('option', { value: tt }, t(`treaty.${tt}`))),
        ),
      );
      const to = fields.field(
        `propose.${i}.to`,
        h(
          'select',
          { id: `o-propose-${i}-to`, 'aria-label': t('ui.orders.proposalTo') },
          others.map((o) => h('option', { value: o }, name(o))),
        ),
      );
      box.append(h('div', { class: 'row' }, type, h('span', {}, t('ui.orders.with')), to));
    }
  };
  fields.growProposals = grow;
  grow(2);
  const incoming = view.proposals.filter((p) => p.to === me);
  return h(
    'fieldset',
    { 'data-part': 'treaties' },
    h('legend', {}, t('ui.orders.treaties')),
    incoming.length
      ? h(
          'ul',
          { class: 'answers' },
          incoming.map((p) =>
            h(
              'li',
              {},
              h(
                'label',
                { for: `o-answer-${p.id}` },
                t('ui.orders.proposalFrom', { type: t(`treaty.${p.type}`), from: name(p.from) }),
              ),
              ' ',
              fields.select(`answer.${p.id}`, ['', 'accept', 'reject'], '', (o) =>
                o ? t(`ui.orders.${o}`) : t('ui.orders.undecided'),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('ui.orders.noProposals')),
    h('p', {}, t('ui.orders.propose')),
    box,
    h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        id: 'add-proposal',
        onclick: () => grow(proposalRows(fields.values()) + 1),
      },
      t('ui.orders.addProposal'),
    ),
    errorSlot('treaties'),
  );
}
