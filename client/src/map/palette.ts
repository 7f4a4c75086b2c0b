/**
 * Map colours. Providers use the Okabe–Ito colour-blind-safe palette (assigned by scenario nation
 * order, so every client agrees); numeric modes use a viridis ramp. Phaser-free. Colours are
 * 0xRRGGBB numbers, as Phaser wants them; `toCss` converts for the DOM legend.
 */
import { OTHER_PROVIDER } from '../../../shared/engine/types.ts';

/** Okabe–Ito, reordered for a dark map: black is replaced by near-white as the eighth hue. */
export const OKABE_ITO = [
  0x0072b2, // blue
  0xd55e00, // vermillion
  0x56b4e9, // sky blue
  0xcc79a7, // reddish purple
  0xe69f00, // orange
  0x009e73, // bluish green
  0xf0e442, // yellow
  0xf2f2f2, // near-white (Okabe–Ito's black, inverted for the dark background)
] as const;

/** Extra hues (Paul Tol) for scenarios with more than eight nations. */
const EXTRA = [0x882255, 0x44aa99, 0x999933, 0xaa4499, 0x88ccee, 0xddcc77, 0x117733, 0x332288] as const;

/** The 'OTHER' provider (local and third-party models). */
export const OTHER_COLOR = 0x8c8c8c;
/** Map background (dark navy). */
export const BACKGROUND = 0x0b1426;
/** Fill of countries that carry no value in the current mode. */
export const NEUTRAL = 0x3b4556;
/** Fill of countries outside the scenario (not markets). */
export const NO_DATA = 0x262e3b;
/** Country borders. */
export const BORDER = 0x0b1426;
/** Hover highlight. */
export const HIGHLIGHT = 0xffffff;

/** The colour of the provider at index `i` of the scenario's nations. */
export function nationColor(index: number): number {
  if (index < OKABE_ITO.length) return OKABE_ITO[index] as number;
  return EXTRA[(index - OKABE_ITO.length) % EXTRA.length] as number;
}

/** Provider id → colour for a scenario's nations (in order) plus 'OTHER'. */
export function providerColors(nations: readonly { id: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  nations.forEach((n, i) => {
    m.set(n.id, nationColor(i));
  });
  m.set(OTHER_PROVIDER, OTHER_COLOR);
  return m;
}

/** Viridis, sampled at 9 stops (low → high). */
export const VIRIDIS = [
  0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725,
] as const;
/** Cividis-like (blue → yellow), an alternative sequential ramp. */
export const CIVIDIS = [
  0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xfee838,
] as const;

/** Linear interpolation between two 0xRRGGBB colours, t in 0..1 (clamped). */
export function mix(a: number, b: number, t: number): number {
  const k = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const ch = (c: number, s: number) => (c >> s) & 0xff;
  const lerp = (s: number) => Math.round(ch(a, s) + (ch(b, s) - ch(a, s)) * k);
  return (lerp(16) << 16) | (lerp(8) << 8) | lerp(0);
}

/** Samples a ramp at t in 0..1. */
export function ramp(t: number, stops: readonly number[] = VIRIDIS): number {
  if (stops.length === 0) return NEUTRAL;
  const k = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(k));
  if (i < 0) return stops[0] as number;
  return mix(stops[i] as number, stops[i + 1] as number, k - i);
}

/** '#rrggbb' for a 0xRRGGBB number. */
export function toCss(color: number): string {
  return `#${(color & 0xffffff).toString(16).padStart(6, '0')}`;
}

/** 0xRRGGBB for '#rrggbb'. */
export function fromCss(css: string): number {
  return Number.parseInt(css.replace('#', ''), 16) & 0xffffff;
}

/** Colours of treaty links, by treaty type. */
export const TREATY_COLORS: Record<string, number> = {
  AiForum: 0x56b4e9,
  ComputeSharing: 0x009e73,
  JointModel: 0xe69f00,
  SafetyPact: 0xcc79a7,
  ChipSupplyGuarantee: 0xf0e442,
};

/** Colours of export-control links, by tier. */
export const CONTROL_COLORS = { embargo: 0xd55e00, licensed: 0xe69f00 } as const;
/** Financial sanctions: Okabe–Ito reddish purple, apart from both control colours. */
export const SANCTION_COLOR = 0xcc79a7;
