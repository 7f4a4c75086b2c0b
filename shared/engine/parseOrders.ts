import { type Orders, OrdersSchema } from './ordersSchema.ts';
import { type Problem, problemsFromZod, type Result } from './result.ts';
import { BUDGET_LINES, type GameState, type NationId } from './types.ts';

/**
 * Validates one nation's orders against the schema and the current state. An invalid order set is
 * refused as a whole, with every problem named by field and reason.
 */
export function parseOrders(state: GameState, nation: NationId, input: unknown): Result<Orders> {
  const self = state.nations[nation];
  if (!self) return { ok: false, errors: [{ path: '', message: `unknown nation '${nation}'` }] };
  if (state.status !== 'running') return { ok: false, errors: [{ path: '', message: 'the game has ended' }] };
  const parsed = OrdersSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
  const raw = parsed.data;
  const errors: Problem[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });

  const budget = Object.fromEntries(BUDGET_LINES.map((l) => [l, raw.budget?.[l] ?? 0])) as Orders['budget'];
  const total = BUDGET_LINES.reduce((sum, l) => sum + budget[l], 0);
  if (total > self.budget + 1e-6) {
    add(
      'budget',
      `allocations sum to ${total.toFixed(2)}, more than the budget of ${self.budget.toFixed(2)}`,
    );
  }

  const checkTarget = (path: string, target: string) => {
    if (!state.nations[target]) add(path, `unknown nation '${target}'`);
    else if (target === nation) add(path, 'a nation cannot target itself');
  };
  const checkList = (name: string, list: { target: string }[] | undefined) => {
    const seen = new Set<string>();
    (list ?? []).forEach((item, i) => {
      checkTarget(`${name}.${i}.target`, item.target);
      if (seen.has(item.target)) add(`${name}.${i}.target`, `'${item.target}' appears twice`);
      seen.add(item.target);
    });
  };
  checkList('exportControls', raw.exportControls);
  checkList('tariffs', raw.tariffs);
  const tiers = new Set<number>();
  (raw.tierControls ?? []).forEach((c, i) => {
    if (tiers.has(c.tier)) add(`tierControls.${i}.tier`, `tier ${c.tier} appears twice`);
    tiers.add(c.tier);
  });
  checkList('sanctions', raw.sanctions);

  if (raw.aidRegion != null && !state.scenario.markets.some((m) => m.region === raw.aidRegion)) {
    add('aidRegion', `unknown region '${raw.aidRegion}'`);
  }
  if (raw.programmeBase != null) {
    const base = state.nations[raw.programmeBase];
    if (!base) add('programmeBase', `unknown nation '${raw.programmeBase}'`);
    else if (base.id !== nation && base.policies.release !== 'open') {
      add('programmeBase', `${base.id} does not release open weights, so its model cannot be fine-tuned`);
    }
  }

  const treaties = raw.treaties ?? {};
  (treaties.propose ?? []).forEach((p, i) => {
    checkTarget(`treaties.propose.${i}.to`, p.to);
    const exists = state.treaties.some(
      (t) => t.type === p.type && t.parties.includes(nation) && t.parties.includes(p.to),
    );
    if (exists) add(`treaties.propose.${i}`, `a ${p.type} treaty with ${p.to} is already in force`);
  });
  (treaties.answer ?? []).forEach((a, i) => {
    const proposal = state.proposals.find((p) => p.id === a.id);
    if (!proposal) add(`treaties.answer.${i}.id`, `no pending proposal '${a.id}'`);
    else if (proposal.to !== nation)
      add(`treaties.answer.${i}.id`, `proposal '${a.id}' is not addressed to ${nation}`);
  });
  (treaties.withdraw ?? []).forEach((id, i) => {
    const treaty = state.treaties.find((t) => t.id === id);
    if (!treaty?.parties.includes(nation))
      add(`treaties.withdraw.${i}`, `no treaty '${id}' signed by ${nation}`);
  });

  if (errors.length > 0) return { ok: false, errors };
  const orders: Orders = {
    budget,
    exportControls: raw.exportControls ?? [],
    tariffs: raw.tariffs ?? [],
    sanctions: raw.sanctions ?? [],
    treaties: {
      propose: treaties.propose ?? [],
      answer: treaties.answer ?? [],
      withdraw: treaties.withdraw ?? [],
    },
  };
  if (raw.tierControls !== undefined) orders.tierControls = raw.tierControls;
  if (raw.release !== undefined) orders.release = raw.release;
  if (raw.visa !== undefined) orders.visa = raw.visa;
  if (raw.regulation !== undefined) orders.regulation = raw.regulation;
  if (raw.aidRegion !== undefined) orders.aidRegion = raw.aidRegion;
  if (raw.programmeBase !== undefined) orders.programmeBase = raw.programmeBase;
  return { ok: true, value: orders };
}
