/** The map's camera model: fitting, clamping to the map, zooming around a point, refitting after a resize. */
import { describe, expect, it } from 'vitest';
import { MAX_ZOOM_FACTOR, MapCamera } from '../../client/src/map/MapCamera.ts';

// A 1000 × 500 world in an 800 × 600 canvas: the width limits the fit (0.8 < 1.2).
const world = () => new MapCamera(1000, 500);
const view = { x: 0, y: 0, width: 800, height: 600 };

describe('the map camera', () => {
  it('fits the whole world, centred', () => {
    const c = world();
    c.reset(view);
    expect(c.zoom).toBe(0.8);
    expect([c.cx, c.cy]).toEqual([500, 250]);
    expect(c.fitted).toBe(true);
    // The world's corners land inside the canvas; (0, 0) of the world is at x = 0.
    expect(c.worldToScreen(view, 0, 250)).toEqual({ x: 0, y: 300 });
    expect(c.worldToScreen(view, 1000, 250)).toEqual({ x: 800, y: 300 });
  });

  it('zooms around the pointer: the world point under it stays under it', () => {
    const c = world();
    c.reset(view);
    const under = c.screenToWorld(view, 600, 300);
    expect(c.zoomAt(view, 600, 300, 2)).toBe(true);
    expect(c.zoom).toBe(1.6);
    const after = c.worldToScreen(view, under.x, under.y);
    expect(after.x).toBeCloseTo(600, 9);
    expect(after.y).toBeCloseTo(300, 9);
    expect(c.fitted).toBe(false);
  });

  it('never zooms out past the fit nor in past eight times it', () => {
    const c = world();
    c.reset(view);
    expect(c.zoomAt(view, 400, 300, 0.5)).toBe(false);
    expect(c.zoom).toBe(0.8);
    c.zoomAt(view, 400, 300, 100);
    expect(c.zoom).toBeCloseTo(0.8 * MAX_ZOOM_FACTOR, 12);
  });

  it('keeps a zoomed view on the map when panned past its edge', () => {
    const c = world();
    c.reset(view);
    c.zoomAt(view, 400, 300, 4); // zoom 3.2: the view is 250 × 187.5 world units
    c.pan(view, -100_000, -100_000);
    expect(c.cx).toBeCloseTo(125, 9);
    expect(c.cy).toBeCloseTo(93.75, 9);
    expect(c.screenToWorld(view, 0, 0)).toEqual({ x: 0, y: 0 });
  });

  it('after a resize a whole-world view refits, and a zoomed one stays zoomed', () => {
    const c = world();
    c.reset(view);
    const narrow = { x: 0, y: 0, width: 400, height: 600 };
    c.refit(narrow);
    expect(c.zoom).toBe(0.4);
    c.zoomAt(narrow, 200, 300, 3);
    const zoomed = c.zoom;
    c.refit(view);
    expect(c.zoom).toBe(zoomed);
  });
});
