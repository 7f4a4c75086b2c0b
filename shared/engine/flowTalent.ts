import { effort, emit, nationList, partners, type ResolveContext } from './context.ts';
import type { NationState } from './types.ts';

/** How strongly a nation draws researchers this round. */
export function attractiveness(n: NationState, talentSpend: number, forums: number): number {
  return (
    effort(talentSpend, n.baseBudget) +
    (n.policies.visa === 'open' ? 0.5 : -0.5) +
    n.capability / 50 +
    (n.policies.release === 'open' ? 0.2 : 0) +
    (n.policies.regulation === 'light' ? 0.2 : n.policies.regulation === 'strict' ? -0.2 : 0) +
    0.1 * forums
  );
}

/**
 * Talent flows: a share of every nation's researchers is mobile and settles among nations by a
 * softmax of attractiveness (restrictive visas let in less); talent spending trains new researchers.
 */
export function flowTalent(ctx: ResolveContext): void {
  const { state, rules } = ctx;
  const nations = nationList(state);
  const spend = (n: NationState) => ctx.orders[n.id]?.budget.talent ?? 0;
  const pull = nations.map(
    (n) =>
      Math.exp(attractiveness(n, spend(n), partners(state, n.id, 'AiForum').length)) *
      (n.policies.visa === 'restrictive' ? 0.4 : 1),
  );
  const totalPull = pull.reduce((a, b) => a + b, 0);
  const mobile = nations.map((n) => n.talent * rules.talentMobility);
  const pool = mobile.reduce((a, b) => a + b, 0);
  nations.forEach((n, i) => {
    const from = n.talent;
    const net = (pool * pull[i]!) / totalPull - mobile[i]!;
    n.talent = Math.max(0, n.talent + net + rules.talentGain * effort(spend(n), n.baseBudget));
    if (Math.abs(net) >= 1)
      emit(ctx, 'TalentMoved', { nation: n.id, net, from, to: n.talent, visa: n.policies.visa });
  });
}
