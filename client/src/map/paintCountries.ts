/**
 * Paints the countries' shapes into a 2D canvas (the texture the map bakes whenever the styles
 * change): each filled in its style with thin borders, then the playing nations' outlines on top so
 * neighbours never cover them. Small states drawn as markers are left to the overlay.
 */
import type { MapGeometry } from './geometry.ts';
import type { CountryStyle } from './mapModes.ts';
import { BORDER, NO_DATA, toCss } from './palette.ts';

/** Paints at `scale` texture pixels per world pixel into a W × H canvas; returns the shapes painted. */
export function paintCountries(
  ctx: CanvasRenderingContext2D,
  geometry: MapGeometry,
  styles: Map<string, CountryStyle>,
  scale: number,
  W: number,
  H: number,
): number {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, W, H);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.lineJoin = 'round';
  const trace = (rings: number[][]) => {
    ctx.beginPath();
    for (const ring of rings) {
      ctx.moveTo(ring[0] as number, ring[1] as number);
      for (let i = 2; i < ring.length; i += 2) ctx.lineTo(ring[i] as number, ring[i + 1] as number);
      ctx.closePath();
    }
  };
  let drawn = 0;
  const outlined: { rings: number[][]; color: number }[] = [];
  for (const c of geometry.countries) {
    if (c.marker) continue;
    const style = styles.get(c.numeric);
    trace(c.polygons);
    ctx.globalAlpha = style?.alpha ?? 1;
    ctx.fillStyle = toCss(style?.fill ?? NO_DATA);
    ctx.fill('evenodd');
    ctx.globalAlpha = 1;
    ctx.lineWidth = 0.35;
    ctx.strokeStyle = toCss(BORDER);
    ctx.stroke();
    if (style?.outline !== undefined) outlined.push({ rings: c.polygons, color: style.outline });
    drawn++;
  }
  ctx.lineWidth = 0.9;
  for (const o of outlined) {
    trace(o.rings);
    ctx.strokeStyle = toCss(o.color);
    ctx.stroke();
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return drawn;
}
