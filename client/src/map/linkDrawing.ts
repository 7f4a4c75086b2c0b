/**
 * Drawing helpers for the map's links: a quadratic arc as points, a solid or dashed run along it,
 * part of a run (links draw themselves in), and a barrier across a link (an export control).
 */
import type * as Phaser from 'phaser';

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
