/**
 * Export controls as they bite: a holder's control on a receiver nation is the stricter of its
 * control on that nation and its control on the nation's market tier (the AI Diffusion Rule's
 * tiers: 1 unrestricted, 2 capped, 3 barred); a market is exposed to a provider by the provider's
 * control on the market's tier (or on its home nation) and by its sanctions.
 */
import type { MarketInfo } from './marketInfo.ts';
import type { Rules } from './rules.ts';
import type { Scenario } from './scenarioSchema.ts';
import type { ControlSetting, ControlTier, GameState, NationId, NationState } from './types.ts';

/** A tier of markets under the AI Diffusion Rule (January 2025). */
export type MarketTier = 1 | 2 | 3;
export const MARKET_TIERS: readonly MarketTier[] = [1, 2, 3];

const STRICTNESS: Record<ControlTier, number> = { open: 0, licensed: 1, embargo: 2 };
const stricter = (a: ControlTier, b: ControlTier): ControlTier => (STRICTNESS[b] > STRICTNESS[a] ? b : a);
const OPEN: ControlSetting = { chips: 'open', models: 'open' };

const tierCache = new WeakMap<Scenario, Map<NationId, MarketTier>>();

/** A nation's tier: the tier of its largest home market by GDP (memoised per scenario). */
export function nationTier(scenario: Scenario, nation: NationId): MarketTier {
  let byNation = tierCache.get(scenario);
  if (!byNation) {
    byNation = new Map();
    for (const n of scenario.nations) {
      const homes = scenario.markets.filter((m) => n.members.includes(m.id));
      const main = homes.reduce<(typeof homes)[number] | undefined>(
        (best, m) => (!best || m.gdpUsdBn > best.gdpUsdBn ? m : best),
        undefined,
      );
      byNation.set(n.id, main?.tier ?? 2);
    }
    tierCache.set(scenario, byNation);
  }
  return byNation.get(nation) ?? 2;
}

/** The holder's control on one market tier ('open' on both when it has none). */
export function tierControl(holder: NationState, tier: MarketTier): ControlSetting {
  return holder.policies.tierControls?.[tier] ?? OPEN;
}

/** The control that binds a receiver nation: the stricter of the nation control and its tier's control. */
export function controlOn(scenario: Scenario, holder: NationState, receiver: NationState): ControlSetting {
  if (holder.id === receiver.id) return OPEN;
  const own = holder.policies.exportControls[receiver.id] ?? OPEN;
  const byTier = tierControl(holder, nationTier(scenario, receiver.id));
  return { chips: stricter(own.chips, byTier.chips), models: stricter(own.models, byTier.models) };
}

/** Share of an open model's weights that reach a receiver under the provider's model controls and sanctions. */
export function modelControlPass(
  state: GameState,
  rules: Rules,
  provider: NationState,
  receiver: NationState,
): number {
  if (provider.id === receiver.id) return 1;
  let rate = modelControlRate(state.scenario, rules, provider, receiver, rules.leakage);
  if (provider.policies.sanctions.includes(receiver.id)) rate *= rules.sanctionPass;
  return rate;
}

/**
 * Share of a provider's models the model control binding a receiver lets through: all when open,
 * `licensedPass` when licensed, `embargoed` under an embargo (leakage for open weights, none for
 * closed models and cloud).
 */
export function modelControlRate(
  scenario: Scenario,
  rules: Rules,
  provider: NationState,
  receiver: NationState,
  embargoed: number,
): number {
  const tier = controlOn(scenario, provider, receiver).models;
  return tier === 'open' ? 1 : tier === 'licensed' ? rules.licensedPass : embargoed;
}

/**
 * How exposed a market is to a provider cutting it off, 0..1: the provider's control on the
 * market (on its home nation for a home market, else on its tier), chips counting for
 * `exposure.chips` per step of strictness and models for `exposure.models`, and 1 if the provider
 * sanctions the market's home nation.
 */
export function marketExposure(
  state: GameState,
  rules: Rules,
  provider: NationState,
  info: MarketInfo,
): number {
  const owner = info.owner ? state.nations[info.owner] : undefined;
  if (owner?.id === provider.id) return 0;
  if (owner && provider.policies.sanctions.includes(owner.id)) return 1;
  const c = owner ? controlOn(state.scenario, provider, owner) : tierControl(provider, info.spec.tier);
  const e = rules.exposure;
  return Math.min(1, (STRICTNESS[c.chips] / 2) * e.chips + (STRICTNESS[c.models] / 2) * e.models);
}

/** How coercive a provider looks to everyone: embargoes (on nations and tiers) and sanctions, 0..1. */
export function coercion(provider: NationState): number {
  const embargo = (c: ControlSetting) => c.chips === 'embargo' || c.models === 'embargo';
  const nations = Object.values(provider.policies.exportControls).filter(embargo).length;
  const tiers = Object.values(provider.policies.tierControls ?? {}).filter(embargo).length;
  return Math.min(1, 0.15 * (nations + tiers) + 0.25 * provider.policies.sanctions.length);
}
