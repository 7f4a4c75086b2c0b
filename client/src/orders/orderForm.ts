/**
 * The orders form as plain values, and the two pure conversions between those values and orders:
 * `ordersToForm` fills a form from orders (a teammate's draft, the advisor's plan), `formToOrders`
 * reads orders from it. DOM-free, so the round trip is unit-tested in Node. Field keys:
 * `budget.<line>`, `release`, `regulation`, `visa`, `aidRegion`, `programmeBase` ('' for none),
 * `chips.<target>`, `models.<target>`, `tariff.<target>` (a percentage), `sanction.<target>`
 * (true/false), `tierChips.<1|2|3>`, `tierModels.<1|2|3>` (controls on a tier of markets), `answer.<proposal id>` ('', 'accept' or 'reject'), `propose.<i>.type` and
 * `propose.<i>.to` (a row with no type proposes nothing).
 */
import { BUDGET_LINES, type OrdersInput } from '../../../shared/engine/index.ts';

/** The market tiers of the AI Diffusion Rule (1 unrestricted, 2 capped, 3 barred). */
export const MARKET_TIERS = [1, 2, 3] as const;

export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

/** What the form holds besides fixed fields: the nations it can target and the proposals it can answer. */
export interface FormShape {
  targets: readonly string[];
  /** Ids of the proposals addressed to this nation. */
  incoming: readonly string[];
}

const str = (v: FormValue | undefined) => (typeof v === 'string' ? v : '');
const amount = (v: FormValue | undefined) => Math.round(Number(str(v) || 0) * 100) / 100;

/** How many proposal rows the values use (highest index + 1). */
export function proposalRows(values: FormValues): number {
  let rows = 0;
  for (const k of Object.keys(values)) {
    const m = /^propose\.(\d+)\.type$/.exec(k);
    if (m) rows = Math.max(rows, Number(m[1]) + 1);
  }
  return rows;
}

/** Orders from the form's values (the shape the server's zod schema parses). */
export function formToOrders(values: FormValues, shape: FormShape): OrdersInput {
  const rows = proposalRows(values);
  const propose: { type: string; to: string }[] = [];
  for (let i = 0; i < rows; i++) {
    const type = str(values[`propose.${i}.type`]);
    const to = str(values[`propose.${i}.to`]);
    if (type && to) propose.push({ type, to });
  }
  return {
    budget: Object.fromEntries(BUDGET_LINES.map((l) => [l, amount(values[`budget.${l}`])])),
    release: str(values.release) as OrdersInput['release'],
    regulation: str(values.regulation) as OrdersInput['regulation'],
    visa: str(values.visa) as OrdersInput['visa'],
    aidRegion: str(values.aidRegion) || null,
    programmeBase: str(values.programmeBase) || null,
    exportControls: shape.targets.map((target) => ({
      target,
      chips: str(values[`chips.${target}`]) as 'open',
      models: str(values[`models.${target}`]) as 'open',
    })),
    tariffs: shape.targets.map((target) => ({ target, rate: amount(values[`tariff.${target}`]) / 100 })),
    sanctions: shape.targets.map((target) => ({ target, active: values[`sanction.${target}`] === true })),
    ...(MARKET_TIERS.some((t) => str(values[`tierChips.${t}`]) || str(values[`tierModels.${t}`]))
      ? {
          tierControls: MARKET_TIERS.map((tier) => ({
            tier,
            chips: (str(values[`tierChips.${tier}`]) || 'open') as 'open',
            models: (str(values[`tierModels.${tier}`]) || 'open') as 'open',
          })),
        }
      : {}),
    treaties: {
      propose: propose as NonNullable<OrdersInput['treaties']>['propose'],
      answer: shape.incoming
        .filter((id) => str(values[`answer.${id}`]))
        .map((id) => ({ id, accept: values[`answer.${id}`] === 'accept' })),
    },
  };
}

/**
 * The form values that orders set. Only what the orders say is set: a field they leave out keeps
 * what the form has. Proposals replace the form's rows (rows past the orders' proposals are
 * cleared when `rows` is given).
 */
export function ordersToForm(orders: OrdersInput, rows = 0): FormValues {
  const v: FormValues = {};
  for (const l of BUDGET_LINES) {
    const x = orders.budget?.[l];
    if (x !== undefined) v[`budget.${l}`] = String(x);
  }
  for (const key of ['release', 'regulation', 'visa'] as const) {
    const x = orders[key];
    if (x) v[key] = x;
  }
  if (orders.aidRegion !== undefined) v.aidRegion = orders.aidRegion ?? '';
  if (orders.programmeBase !== undefined) v.programmeBase = orders.programmeBase ?? '';
  for (const c of orders.exportControls ?? []) {
    if (c.chips) v[`chips.${c.target}`] = c.chips;
    if (c.models) v[`models.${c.target}`] = c.models;
  }
  for (const c of orders.tierControls ?? []) {
    if (c.chips) v[`tierChips.${c.tier}`] = c.chips;
    if (c.models) v[`tierModels.${c.tier}`] = c.models;
  }
  for (const tr of orders.tariffs ?? []) v[`tariff.${tr.target}`] = String(Math.round(tr.rate * 100));
  for (const s of orders.sanctions ?? []) v[`sanction.${s.target}`] = s.active;
  const treaties = orders.treaties;
  if (treaties) {
    for (const a of treaties.answer ?? []) v[`answer.${a.id}`] = a.accept ? 'accept' : 'reject';
    const propose = treaties.propose ?? [];
    const count = Math.max(propose.length, rows);
    for (let i = 0; i < count; i++) {
      v[`propose.${i}.type`] = propose[i]?.type ?? '';
      if (propose[i]) v[`propose.${i}.to`] = propose[i]!.to;
    }
  }
  return v;
}

/** The sum of the budget lines in the form, and what is left of `budget` (negative when over). */
export function budgetLeft(values: FormValues, budget: number): { spent: number; left: number } {
  const spent = BUDGET_LINES.reduce((s, l) => s + amount(values[`budget.${l}`]), 0);
  return { spent, left: Math.round((budget - spent) * 100) / 100 };
}
