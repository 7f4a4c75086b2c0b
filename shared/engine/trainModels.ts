import { modelControlPass } from './controls.ts';
import { emit, modifierFactor, nationList, partners, type ResolveContext } from './context.ts';
import type { Rules } from './rules.ts';
import type { GameState, NationState } from './types.ts';

/**
 * The capability a nation can reach by training or fine-tuning: the era's ceiling for the nation
 * with the most compute (domestic and cloud), lower the further its compute falls behind that
 * frontier (by the log of the ratio). Cutting a nation's chips lowers its compute, then its reach.
 */
export function trainingReach(rules: Rules, compute: number, frontier: number): number {
  const behind = Math.log(Math.max(1, frontier) / Math.max(1, Math.min(compute, frontier)));
  return rules.capCeiling / (1 + rules.computeGap * behind);
}

/** The best open model a nation can fine-tune from, and how fast its weights reach it (0..1). */
export function bestOpenSource(
  state: GameState,
  rules: Rules,
  nations: NationState[],
  published: Record<string, number>,
  n: NationState,
): { provider: NationState; level: number; pass: number } | null {
  let best: { provider: NationState; level: number; pass: number } | null = null;
  for (const p of nations) {
    if (p.id === n.id || p.policies.release !== 'open') continue;
    const pass = modelControlPass(state, rules, p, n);
    const level = published[p.id]! * rules.fineTuneRatio;
    if (pass <= 0) continue;
    if (!best || level > best.level || (level === best.level && pass > best.pass))
      best = { provider: p, level, pass };
  }
  return best;
}

/**
 * Training and fine-tuning. Training spend raises capability with diminishing returns (log of
 * effort, scaled by talent and by compute relative to the frontier, slower near the capability the
 * nation's compute can reach). Open weights diffuse: any nation below the fine-tunable level of the
 * best open model it can get closes part of the gap, slower under that provider's model controls. A
 * sovereign model programme fine-tunes an open model for the nation's languages. Joint-model
 * partners converge.
 */
export function trainModels(ctx: ResolveContext): void {
  const { state, rules, round } = ctx;
  const nations = nationList(state);
  // Open models published before this round's training: what can be fine-tuned.
  const published = Object.fromEntries(nations.map((n) => [n.id, n.capability]));
  // The compute frontier: the most compute (domestic and cloud) any nation trains with.
  const frontier = Math.max(0, ...nations.map((n) => n.compute + n.cloudCompute));

  for (const n of nations) {
    let spend = ctx.orders[n.id]?.budget.training ?? 0;
    const base = n.policies.programmeBase ? state.nations[n.policies.programmeBase] : undefined;
    if (base) {
      const baseUsable = base.id === n.id || base.policies.release === 'open';
      if (baseUsable && spend >= rules.programmeCost) {
        spend -= rules.programmeCost;
        const from = n.sovereignModel;
        // Fine-tuning closes part of the gap to what the base model allows, never beyond it: the
        // chosen base, or the best open model the nation can get if that is better.
        const open = bestOpenSource(state, rules, nations, published, n);
        const level = Math.max(published[base.id]! * rules.fineTuneRatio, open?.level ?? 0);
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
      const rel = frontier > 0 ? Math.min(1, compute / frontier) : 1;
      const efficiency = (0.5 + 0.5 * Math.sqrt(rel)) * (n.talent / (n.talent + 50));
      const effort = (spend * efficiency) / modifierFactor(state, round, 'trainingCost', n.id);
      const reach = trainingReach(rules, compute, frontier);
      const gain =
        rules.trainGain * Math.log(1 + effort / rules.trainScale) * Math.max(0, 1 - n.capability / reach);
      const from = n.capability;
      n.capability = Math.min(100, n.capability + gain);
      emit(ctx, 'CapabilityRose', {
        nation: n.id,
        spend,
        from,
        to: n.capability,
        computeUsed: compute,
        reach,
      });
    }
  }

  // Open weights diffuse from the best open model each nation can get, slower under model controls.
  const diffused = new Map<string, { level: number; nations: string[] }>();
  for (const n of nations) {
    const source = bestOpenSource(state, rules, nations, published, n);
    if (!source) continue;
    // A nation fine-tunes open weights only as far as its compute lets it run them.
    const level = Math.min(source.level, trainingReach(rules, n.compute + n.cloudCompute, frontier));
    if (n.capability >= level) continue;
    n.capability += (level - n.capability) * rules.diffusionRate * source.pass;
    const entry = diffused.get(source.provider.id) ?? { level, nations: [] };
    entry.nations.push(n.id);
    diffused.set(source.provider.id, entry);
  }
  for (const [provider, { level, nations: gained }] of diffused)
    emit(ctx, 'OpenWeightsDiffused', { provider, level, nations: gained });

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
