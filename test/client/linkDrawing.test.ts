/**
 * The map's link geometry (client/src/map/linkDrawing.ts), Phaser-free: the arc's points, the part of
 * a run drawn so far, the dashes of a licence and the wall of a control. Drawn onto a recorder that
 * keeps the segments a Phaser Graphics would be asked to draw.
 */
import type * as Phaser from 'phaser';
import { describe, expect, it } from 'vitest';
import { barrier, bezier, partOf, strokeDashed } from '../../client/src/map/linkDrawing.ts';

/** The segments drawn, as [x0, y0, x1, y1]. */
function recorder() {
  const lines: number[][] = [];
  const g = { lineBetween: (x0: number, y0: number, x1: number, y1: number) => lines.push([x0, y0, x1, y1]) };
  return { g: g as unknown as Phaser.GameObjects.Graphics, lines };
}

describe('link geometry', () => {
  it('an arc starts and ends at its anchors and bends toward its control point', () => {
    const points = bezier([0, 0], [50, 40], [100, 0], 4);
    expect(points).toHaveLength(5);
    expect(points[0]).toEqual([0, 0]);
    expect(points[4]).toEqual([100, 0]);
    // At t = 1/2: (1/4)·0 + (1/2)·50 + (1/4)·100 = 50 across; (1/2)·40 = 20 up.
    expect(points[2]).toEqual([50, 20]);
  });

  it('draws in: a fraction of the points, never fewer than two', () => {
    const run: [number, number][] = Array.from({ length: 10 }, (_, i) => [i, 0]);
    expect(partOf(run, 0)).toHaveLength(2);
    expect(partOf(run, 0.5)).toHaveLength(5);
    expect(partOf(run, 1)).toBe(run);
  });

  it('dashes a run: dash, gap, dash… across the corners of the polyline', () => {
    const { g, lines } = recorder();
    // 20 units along x, then 10 up: dashes of 8 with gaps of 4 → 0–8, 12–20, then 24–30 (6 of the third).
    strokeDashed(
      g,
      [
        [0, 0],
        [20, 0],
        [20, 10],
      ],
      8,
      4,
    );
    const flat = lines.map((l) => l.map((v) => Math.round(v * 1000) / 1000));
    expect(flat).toEqual([
      [0, 0, 8, 0],
      [12, 0, 20, 0],
      [20, 4, 20, 10],
    ]);
  });

  it('a wall crosses the link at right angles, `half` on each side', () => {
    const { g, lines } = recorder();
    barrier(g, [10, 10], [20, 10], 3);
    expect(lines).toEqual([[10, 7, 10, 13]]);
  });
});
