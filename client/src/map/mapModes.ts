/**
 * What the world map shows in each mode: a style per country (keyed by ISO numeric, as the
 * geometry is), a legend, and links between nations. Phaser-free and pure.
 */
import { layerShares } from '../../../shared/engine/context.ts';
import type { GameState, GameView, NationState, Scenario } from '../../../shared/engine/index.ts';
import { leader } from '../../../shared/engine/marketAdoption.ts';
import {
  CONTROL_TIERS,
  type ControlTier,
  OTHER_PROVIDER,
  STACK_LAYERS,
  TREATY_TYPES,
} from '../../../shared/engine/types.ts';
import {
  CONTROL_COLORS,
  mix,
  NEUTRAL,
  OTHER_COLOR,
  providerColors,
  ramp,
  SANCTION_COLOR,
  TREATY_COLORS,
  VIRIDIS,
} from './palette.ts';

export const MAP_MODES = ['adoption', 'softPower', 'compute', 'trust', 'exportControls', 'treaties'] as const;
export type MapMode = (typeof MAP_MODES)[number];

export function isMapMode(value: unknown): value is MapMode {
  return typeof value === 'string' && (MAP_MODES as readonly string[]).includes(value);
}

/** How one country is drawn. */
export interface CountryStyle {
  /** 0xRRGGBB. */
  fill: number;
  /** 0..1. */
  alpha: number;
  /** Outline colour (members of playable nations, in the nation's colour). */
  outline?: number;
}

/** One legend row. `id` is a nation id, 'OTHER', a tier, a treaty type or a fixed key. */
export interface LegendItem {
  id: string;
  label: string;
  color: number;
  /** The value behind the colour, in numeric modes. */
  value?: number;
}

/** A line between two nations. */
export interface MapLink {
  from: string;
  to: string;
  /**
   * 'embargo' | 'licensed' for export controls, 'sanction' for financial sanctions, 'aid' for aid
   * (to a region: `to` is 'region:<name>'), the treaty type for treaties.
   */
  style: string;
  color: number;
  /** Export controls: the tiers on each channel. */
  chips?: ControlTier;
  models?: ControlTier;
  /** Treaties: the treaty id. */
  treatyId?: string;
}

/** The view fields the map reads (a GameView, or a GameState, satisfies it). */
export type MapView = Pick<GameView, 'adoption' | 'nations' | 'treaties'>;

/** iso2 → numeric for every market of the scenario. */
export function iso2ToNumeric(scenario: Scenario): Map<string, string> {
  return new Map(scenario.markets.map((m) => [m.id, m.numeric]));
}

/** numeric → iso2 for every market of the scenario. */
export function numericToIso2(scenario: Scenario): Map<string, string> {
  return new Map(scenario.markets.map((m) => [m.numeric, m.id]));
}

/** iso2 → the playable nation it belongs to. */
export function memberNation(scenario: Scenario): Map<string, string> {
  const m = new Map<string, string>();
  for (const n of scenario.nations) for (const iso of n.members) if (!m.has(iso)) m.set(iso, n.id);
  return m;
}

/** The provider with the largest share and that share (the engine's `leader`: ties go to the earlier). */
export function leadingProvider(
  shares: Record<string, number> | undefined,
): { id: string; share: number } | null {
  const id = leader(shares);
  return shares && id !== undefined ? { id, share: shares[id] ?? 0 } : null;
}

/** Fill of a market led by a provider with this colour and share: faint when contested, full when dominant. */
export function adoptionFill(color: number, share: number): number {
  const t = Math.min(1, Math.max(0, (share - 0.15) / 0.6));
  return mix(NEUTRAL, color, 0.3 + 0.7 * t);
}

type NumericMode = 'softPower' | 'compute' | 'trust';

function nationValue(mode: NumericMode, n: NationState): number {
  if (mode === 'softPower') return n.softPower;
  if (mode === 'compute') return n.compute + n.cloudCompute;
  return n.trust;
}

/** Each nation's value in a numeric mode and its position on the ramp, 0..1. */
export function nationScale(
  mode: NumericMode,
  scenario: Scenario,
  view: MapView,
): Map<string, { value: number; t: number }> {
  const values = scenario.nations
    .map((n) => view.nations[n.id])
    .filter((n): n is NationState => n !== undefined)
    .map((n) => [n.id, nationValue(mode, n)] as const);
  const max = Math.max(0, ...values.map(([, v]) => v));
  const out = new Map<string, { value: number; t: number }>();
  for (const [id, v] of values) {
    let t: number;
    if (mode === 'trust') t = v / 100;
    else if (mode === 'compute') t = max > 0 ? Math.log1p(Math.max(0, v)) / Math.log1p(max) : 0;
    else t = max > 0 ? Math.max(0, v) / max : 0;
    out.set(id, { value: v, t: Math.min(1, Math.max(0, t)) });
  }
  return out;
}

/** Groups of nations linked by treaties (connected components), each with a colour. */
export function treatyBlocs(scenario: Scenario, view: MapView): Map<string, number> {
  const colors = providerColors(scenario.nations);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r && parent.has(r)) r = parent.get(r) as string;
    return r;
  };
  const order = scenario.nations.map((n) => n.id);
  for (const t of view.treaties) {
    for (const p of t.parties) if (!parent.has(p)) parent.set(p, p);
    const a = find(t.parties[0]);
    const b = find(t.parties[1]);
    if (a === b) continue;
    // The root is the earlier nation in scenario order, so the bloc's colour is stable.
    if (order.indexOf(a) <= order.indexOf(b)) parent.set(b, a);
    else parent.set(a, b);
  }
  const out = new Map<string, number>();
  for (const id of parent.keys()) out.set(id, colors.get(find(id)) ?? OTHER_COLOR);
  return out;
}

/** The style of every market of the scenario in a mode, keyed by ISO numeric. */
export function countryStyles(mode: MapMode, scenario: Scenario, view: MapView): Map<string, CountryStyle> {
  const colors = providerColors(scenario.nations);
  const members = memberNation(scenario);
  const styles = new Map<string, CountryStyle>();
  const scale =
    mode === 'softPower' || mode === 'compute' || mode === 'trust' ? nationScale(mode, scenario, view) : null;
  const blocs = mode === 'treaties' ? treatyBlocs(scenario, view) : null;
  for (const market of scenario.markets) {
    const nation = members.get(market.id);
    const style: CountryStyle = { fill: NEUTRAL, alpha: 1 };
    if (mode === 'adoption') {
      const lead = leadingProvider(view.adoption[market.id]);
      if (lead) style.fill = adoptionFill(colors.get(lead.id) ?? OTHER_COLOR, lead.share);
    } else if (scale) {
      const s = nation ? scale.get(nation) : undefined;
      if (s) style.fill = ramp(s.t, VIRIDIS);
    } else if (blocs) {
      const c = nation ? blocs.get(nation) : undefined;
      if (c !== undefined) style.fill = mix(NEUTRAL, c, 0.7);
    }
    if (nation) style.outline = colors.get(nation) ?? OTHER_COLOR;
    styles.set(market.numeric, style);
  }
  return styles;
}

const TIER_RANK: Record<ControlTier, number> = { open: 0, licensed: 1, embargo: 2 };

/** A power whose share of a layer of the chip stack is at least this much supplies the others. */
const CHIP_HOLDER_SHARE = 0.25;

/** Links between nations: export controls (controller → target) or treaties (between parties). */
export function links(mode: MapMode, scenario: Scenario, view: MapView): MapLink[] {
  const out: MapLink[] = [];
  if (mode === 'exportControls') {
    for (const spec of scenario.nations) {
      const n = view.nations[spec.id];
      if (!n) continue;
      for (const [target, setting] of Object.entries(n.policies.exportControls)) {
        if (target === spec.id || !view.nations[target]) continue;
        const chips = setting.chips ?? 'open';
        const models = setting.models ?? 'open';
        const tier = TIER_RANK[chips] >= TIER_RANK[models] ? chips : models;
        if (tier === 'open') continue;
        out.push({ from: spec.id, to: target, style: tier, color: CONTROL_COLORS[tier], chips, models });
      }
      // Sanctions are barriers too: a line ending in a wall at the target.
      for (const target of n.policies.sanctions) {
        if (target === spec.id || !view.nations[target]) continue;
        out.push({ from: spec.id, to: target, style: 'sanction', color: SANCTION_COLOR });
      }
    }
  } else if (mode === 'compute') {
    // Chips flow from the powers that hold a large share of a layer of the stack (the engine's own
    // shares) to every other power; a chip control cuts or licenses that flow.
    const shares = layerShares({ ...view, scenario } as unknown as GameState, scenario.rules);
    const colors = providerColors(scenario.nations);
    const seen = new Set<string>();
    for (const layer of STACK_LAYERS)
      for (const holder of scenario.nations) {
        if ((shares[holder.id]?.[layer] ?? 0) < CHIP_HOLDER_SHARE) continue;
        for (const target of scenario.nations) {
          const key = `${holder.id}>${target.id}`;
          if (target.id === holder.id || seen.has(key) || !view.nations[target.id]) continue;
          seen.add(key);
          const tier = view.nations[holder.id]?.policies.exportControls[target.id]?.chips ?? 'open';
          out.push({
            from: holder.id,
            to: target.id,
            style: tier === 'embargo' ? 'chipCut' : tier === 'licensed' ? 'licensed' : 'chips',
            color: tier === 'open' ? (colors.get(holder.id) ?? OTHER_COLOR) : CONTROL_COLORS[tier],
            chips: tier,
          });
        }
      }
  } else if (mode === 'softPower') {
    // Soft power is bought abroad: each power's aid flows to the region it goes to.
    const colors = providerColors(scenario.nations);
    for (const spec of scenario.nations) {
      const region = view.nations[spec.id]?.policies.aidRegion;
      if (!region) continue;
      out.push({
        from: spec.id,
        to: `region:${region}`,
        style: 'aid',
        color: colors.get(spec.id) ?? OTHER_COLOR,
      });
    }
  } else if (mode === 'treaties') {
    for (const t of view.treaties) {
      out.push({
        from: t.parties[0],
        to: t.parties[1],
        style: t.type,
        color: TREATY_COLORS[t.type] ?? OTHER_COLOR,
        treatyId: t.id,
      });
    }
  }
  return out;
}

/** English labels of fixed legend rows (the screen translates them by `id`: FIXED_LEGEND_IDS). */
const LABELS: Record<string, string> = {
  [OTHER_PROVIDER]: 'Other models',
  markets: 'Other markets',
  embargo: 'Embargo',
  licensed: 'Licensed',
  sanction: 'Financial sanctions',
  chips: 'Chip supply',
  chipCut: 'Chips cut off',
  aid: 'Aid to a region',
  bloc: 'In a treaty bloc',
  AiForum: 'AI forum',
  ComputeSharing: 'Compute sharing',
  JointModel: 'Joint model',
  SafetyPact: 'Safety pact',
  ChipSupplyGuarantee: 'Chip supply guarantee',
};

/** Legend ids that are not a nation: the screen shows them through its translations. */
export const FIXED_LEGEND_IDS: readonly string[] = Object.keys(LABELS);

/** Legend rows for a mode. */
export function legend(mode: MapMode, scenario: Scenario, view: MapView): LegendItem[] {
  const colors = providerColors(scenario.nations);
  if (mode === 'adoption') {
    return [
      ...scenario.nations.map((n) => ({ id: n.id, label: n.name, color: colors.get(n.id) as number })),
      { id: OTHER_PROVIDER, label: LABELS[OTHER_PROVIDER] as string, color: OTHER_COLOR },
    ];
  }
  if (mode === 'softPower' || mode === 'compute' || mode === 'trust') {
    const scale = nationScale(mode, scenario, view);
    const rows: LegendItem[] = scenario.nations
      .filter((n) => scale.has(n.id))
      .map((n) => {
        const s = scale.get(n.id) as { value: number; t: number };
        return { id: n.id, label: n.name, color: ramp(s.t, VIRIDIS), value: s.value };
      })
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    rows.push({ id: 'markets', label: LABELS.markets as string, color: NEUTRAL });
    if (mode === 'compute') {
      const flows = links('compute', scenario, view);
      if (flows.some((l) => l.style === 'chips'))
        rows.push({ id: 'chips', label: LABELS.chips as string, color: OTHER_COLOR });
      if (flows.some((l) => l.style === 'chipCut'))
        rows.push({ id: 'chipCut', label: LABELS.chipCut as string, color: CONTROL_COLORS.embargo });
    }
    if (mode === 'softPower' && Object.values(view.nations).some((n) => n.policies.aidRegion))
      rows.push({ id: 'aid', label: LABELS.aid as string, color: OTHER_COLOR });
    return rows;
  }
  if (mode === 'exportControls') {
    const rows: LegendItem[] = CONTROL_TIERS.filter((t) => t !== 'open').map((t) => ({
      id: t,
      label: LABELS[t] as string,
      color: CONTROL_COLORS[t as 'embargo' | 'licensed'],
    }));
    if (Object.values(view.nations).some((n) => n.policies.sanctions.length > 0))
      rows.push({ id: 'sanction', label: LABELS.sanction as string, color: SANCTION_COLOR });
    return rows;
  }
  const present = new Set(view.treaties.map((t) => t.type));
  const rows: LegendItem[] = TREATY_TYPES.filter((t) => present.has(t)).map((t) => ({
    id: t,
    label: LABELS[t] ?? t,
    color: TREATY_COLORS[t] ?? OTHER_COLOR,
  }));
  const blocs = treatyBlocs(scenario, view);
  if (blocs.size > 0) {
    const first = [...blocs.values()][0] as number;
    rows.push({ id: 'bloc', label: LABELS.bloc as string, color: mix(NEUTRAL, first, 0.7) });
  }
  rows.push({ id: 'markets', label: LABELS.markets as string, color: NEUTRAL });
  return rows;
}
