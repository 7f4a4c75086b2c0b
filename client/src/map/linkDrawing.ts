/**
 * Drawing helpers for the map's links: a quadratic arc as points, a solid or dashed run along it,
 * part of a run (links draw themselves in), a barrier across a link (an export control), and every
 * link of a mode drawn at once.
 */
import type * as Phaser from 'phaser';
import { groupAnchor, type MapGeometry } from './geometry.ts';
import type { MapLink } from './mapModes.ts';
import { BACKGROUND } from './palette.ts';

export function bezier(
  a: [number, number],
  c: [number, number],
  b: [number, number],
  n: number,
): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push([
      u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
      u * u * a[1] + 2 * u * t * c[1] + t * t * b[1],
    ]);
  }
  return out;
}

export function strokeRun(g: Phaser.GameObjects.Graphics, points: [number, number][]): void {
  const first = points[0];
  if (!first) return;
  g.beginPath();
  g.moveTo(first[0], first[1]);
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as [number, number];
    g.lineTo(p[0], p[1]);
  }
  g.strokePath();
}

export function strokeDashed(
  g: Phaser.GameObjects.Graphics,
  points: [number, number][],
  dash: number,
  gap: number,
): void {
  let on = true;
  let left = dash;
  for (let i = 1; i < points.length; i++) {
    let [x0, y0] = points[i - 1] as [number, number];
    const [x1, y1] = points[i] as [number, number];
    let seg = Math.hypot(x1 - x0, y1 - y0);
    while (seg > 0) {
      const step = Math.min(seg, left);
      const x = x0 + ((x1 - x0) * step) / seg;
      const y = y0 + ((y1 - y0) * step) / seg;
      if (on) g.lineBetween(x0, y0, x, y);
      x0 = x;
      y0 = y;
      seg -= step;
      left -= step;
      if (left <= 1e-9) {
        on = !on;
        left = on ? dash : gap;
      }
    }
  }
}

/** The first fraction `t` (0..1) of a run of points. */
export function partOf(points: [number, number][], t: number): [number, number][] {
  if (t >= 1) return points;
  const n = Math.max(2, Math.ceil(points.length * Math.max(0, t)));
  return points.slice(0, n);
}

/** A bar across a link at point `at`, perpendicular to the link there: an export control, a wall. */
export function barrier(
  g: Phaser.GameObjects.Graphics,
  at: [number, number],
  towards: [number, number],
  half: number,
): void {
  const dx = towards[0] - at[0];
  const dy = towards[1] - at[1];
  const len = Math.hypot(dx, dy) || 1;
  const nx = -dy / len;
  const ny = dx / len;
  g.lineBetween(at[0] - nx * half, at[1] - ny * half, at[0] + nx * half, at[1] + ny * half);
}

/**
 * Every link as a bent arc between its ends' anchors, drawing itself in (`progress` 0..1): a dark
 * halo, then the line (dashed for licences and aid); controls and sanctions end in a wall across the
 * flow near the target (thick for an embargo), aid in an arrow at its region. `px` is one screen pixel
 * in world units, so widths stay constant on screen whatever the zoom.
 */
export function drawLinks(
  g: Phaser.GameObjects.Graphics,
  geometry: MapGeometry,
  links: readonly MapLink[],
  ends: Map<string, string[]>,
  px: number,
  progress: number,
): void {
  g.clear();
  const anchors = new Map<string, [number, number]>();
  for (const [id, members] of ends) {
    const a = groupAnchor(geometry, members);
    if (a) anchors.set(id, a);
  }
  for (const link of links) {
    const a = anchors.get(link.from);
    const b = anchors.get(link.to);
    if (!a || !b) continue;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    if (Math.hypot(dx, dy) < 1) continue;
    // Bend to the left of the direction, so A→B and B→A do not overlap.
    const ctrl: [number, number] = [(a[0] + b[0]) / 2 + dy * 0.2, (a[1] + b[1]) / 2 - dx * 0.2];
    const points = partOf(bezier(a, ctrl, b, 32), progress);
    const wall =
      link.style === 'embargo' ||
      link.style === 'licensed' ||
      link.style === 'sanction' ||
      link.style === 'chipCut';
    const directed = wall || link.style === 'aid' || link.style === 'chips';
    const width =
      (link.style === 'embargo' || link.style === 'chipCut' ? 3 : link.style === 'chips' ? 1.25 : 2) * px;
    g.lineStyle(width + 2 * px, BACKGROUND, 0.7);
    strokeRun(g, points);
    g.lineStyle(width, link.color, 1);
    if (link.style === 'licensed' || link.style === 'aid') strokeDashed(g, points, 8 * px, 5 * px);
    else strokeRun(g, points);
    if (directed && progress >= 1) {
      const at = points[points.length - 6] as [number, number];
      const next = points[points.length - 5] as [number, number];
      const heavy = link.style === 'embargo' || link.style === 'chipCut';
      g.lineStyle((heavy ? 5 : 3) * px, link.color, 1);
      if (wall) barrier(g, at, next, (heavy ? 11 : 8) * px);
      const tip = points[points.length - 1] as [number, number];
      const prev = points[points.length - 3] as [number, number];
      const ang = Math.atan2(tip[1] - prev[1], tip[0] - prev[0]);
      const size = (link.style === 'chips' ? 7 : 10) * px;
      g.fillStyle(link.color, 1);
      g.fillTriangle(
        tip[0],
        tip[1],
        tip[0] - size * Math.cos(ang - 0.45),
        tip[1] - size * Math.sin(ang - 0.45),
        tip[0] - size * Math.cos(ang + 0.45),
        tip[1] - size * Math.sin(ang + 0.45),
      );
    }
    g.fillStyle(link.color, 1);
    g.fillCircle(a[0], a[1], 3 * px);
    if (!directed) g.fillCircle(b[0], b[1], 3 * px);
  }
}
