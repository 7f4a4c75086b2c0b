import { effort, emit, nationList, type ResolveContext } from './context.ts';

/** AI-for-development aid: builds goodwill (aid stock) in the chosen region; all stocks decay. */
export function deliverAid(ctx: ResolveContext): void {
  const { rules } = ctx;
  for (const n of nationList(ctx.state)) {
    for (const region of Object.keys(n.aidStock)) {
      const left = n.aidStock[region]! * (1 - rules.aidDecay);
      if (left < 0.01) delete n.aidStock[region];
      else n.aidStock[region] = left;
    }
    const spend = ctx.orders[n.id]?.budget.aid ?? 0;
    const region = n.policies.aidRegion;
    if (spend <= 0) continue;
    if (!region) {
      emit(ctx, 'AidDelivered', { nation: n.id, spend, region: 'none', stock: 0, wasted: true });
      continue;
    }
    const stock = (n.aidStock[region] ?? 0) + rules.aidPerBillion * effort(spend, n.baseBudget);
    n.aidStock[region] = stock;
    emit(ctx, 'AidDelivered', { nation: n.id, spend, region, stock });
  }
}
