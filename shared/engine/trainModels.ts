import { emit, modifierFactor, nationList, partners, type ResolveContext } from './context.ts';

/**
 * Training and fine-tuning. Training spend raises capability with diminishing returns (log of
 * effort, scaled by compute and talent, slower near the era's ceiling). Open weights diffuse: any
 * nation below the fine-tunable level of the best open model closes part of the gap. A sovereign
 * model programme fine-tunes an open model for the nation's languages. Joint-model partners converge.
 */
export function trainModels(ctx: ResolveContext): void {
  const { state, rules, round } = ctx;
  const nations = nationList(state);
  // Open models published before this round's training: what can be fine-tuned.
  const published = Object.fromEntries(nations.map((n) => [n.id, n.capability]));
  const openSource = nations
    .filter((n) => n.policies.release === 'open')
    .sort((a, b) => b.capability - a.capability || a.id.localeCompare(b.id))[0];

  for (const n of nations) {
    let spend = ctx.orders[n.id]?.budget.training ?? 0;
    const base = n.policies.programmeBase ? state.nations[n.policies.programmeBase] : undefined;
    if (base) {
      const baseUsable = base.id === n.id || base.policies.release === 'open';
      if (baseUsable && spend >= rules.programmeCost) {
        spend -= rules.programmeCost;
        const from = n.sovereignModel;
        // Fine-tuning closes part of the gap to what the base model allows, never beyond it.
        const level = published[base.id]! * rules.fineTuneRatio;
        n.sovereignModel = Math.min(100, from < level ? from + (level - from) * rules.programmeRate : from);
        emit(ctx, 'SovereignModelImproved', { nation: n.id, base: base.id, from, to: n.sovereignModel });
      } else {
        emit(ctx, 'SovereignModelImproved', {
          nation: n.id,
          base: base.id,
          from: n.sovereignModel,
          to: n.sovereignModel,
          stalled: baseUsable ? 'underfunded' : 'baseClosed',
        });
      }
    }
    if (spend > 0) {
      const compute = n.compute + n.cloudCompute;
      const efficiency = (compute / (compute + rules.computeHalf)) * (n.talent / (n.talent + 50));
      const effort = (spend * efficiency) / modifierFactor(state, round, 'trainingCost', n.id);
      const gain =
        rules.trainGain *
        Math.log(1 + effort / rules.trainScale) *
        Math.max(0, 1 - n.capability / rules.capCeiling);
      const from = n.capability;
      n.capability = Math.min(100, n.capability + gain);
      emit(ctx, 'CapabilityRose', { nation: n.id, spend, from, to: n.capability, computeUsed: compute });
    }
  }

  if (openSource) {
    const level = published[openSource.id]! * rules.fineTuneRatio;
    const gained: string[] = [];
    for (const n of nations) {
      if (n.id === openSource.id || n.capability >= level) continue;
      n.capability += (level - n.capability) * rules.diffusionRate;
      gained.push(n.id);
    }
    if (gained.length > 0) {
      emit(ctx, 'OpenWeightsDiffused', { provider: openSource.id, level, nations: gained });
    }
  }

  const done = new Set<string>();
  for (const n of nations) {
    for (const pid of partners(state, n.id, 'JointModel')) {
      const key = [n.id, pid].sort().join('-');
      if (done.has(key)) continue;
      done.add(key);
      const p = state.nations[pid]!;
      const top = Math.max(n.capability, p.capability);
      const laggard = n.capability < p.capability ? n : p;
      const from = laggard.capability;
      laggard.capability += (top - laggard.capability) * 0.3;
      if (laggard.capability - from > 0.1) {
        emit(ctx, 'TreatyEffect', {
          type: 'JointModel',
          nation: laggard.id,
          partner: laggard === n ? p.id : n.id,
          from,
          to: laggard.capability,
        });
      }
    }
  }
}
