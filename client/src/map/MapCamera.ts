/**
 * Where the map's camera looks: the world point at the centre of the view and the zoom, kept inside
 * the map, with zoom around a point (the wheel, a pinch, + and −), pans and the fit that shows the
 * whole world. Phaser-free, so it is unit-tested in Node; the scene copies it onto Phaser's camera.
 */

/** The canvas rectangle the camera draws into, in canvas pixels. */
export interface Viewport {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Maximum zoom, relative to the zoom that fits the whole map. */
export const MAX_ZOOM_FACTOR = 8;

export class MapCamera {
  readonly worldWidth: number;
  readonly worldHeight: number;
  cx: number;
  cy: number;
  zoom = 1;
  /** The fitting zoom when the view was last clamped (to tell whether the view shows the whole map). */
  private fitZoom = 0;

  constructor(worldWidth: number, worldHeight: number) {
    this.worldWidth = worldWidth;
    this.worldHeight = worldHeight;
    this.cx = worldWidth / 2;
    this.cy = worldHeight / 2;
  }

  /** The zoom at which the whole map fits the viewport. */
  minZoom(v: Viewport): number {
    return Math.min((v.width || 1) / this.worldWidth, (v.height || 1) / this.worldHeight);
  }

  /** Whether the view shows the whole map. */
  get fitted(): boolean {
    return Math.abs(this.zoom - this.fitZoom) < 1e-6;
  }

  /** Keeps the view on the map: centred on an axis the map does not fill, inside it otherwise. */
  clamp(v: Viewport): void {
    const halfW = v.width / 2 / this.zoom;
    const halfH = v.height / 2 / this.zoom;
    const { worldWidth: w, worldHeight: h } = this;
    this.cx = halfW * 2 >= w ? w / 2 : Math.min(w - halfW, Math.max(halfW, this.cx));
    this.cy = halfH * 2 >= h ? h / 2 : Math.min(h - halfH, Math.max(halfH, this.cy));
    this.fitZoom = this.minZoom(v);
  }

  /** Shows the whole map. */
  reset(v: Viewport): void {
    this.cx = this.worldWidth / 2;
    this.cy = this.worldHeight / 2;
    this.zoom = this.minZoom(v);
    this.clamp(v);
  }

  /** After the viewport changed size: a view of the whole map stays so; a zoomed view stays zoomed. */
  refit(v: Viewport): void {
    this.zoom = this.fitted ? this.minZoom(v) : Math.max(this.zoom, this.minZoom(v));
    this.clamp(v);
  }

  /** Zooms by `factor` keeping the world point under (sx, sy) in place; false when nothing changed. */
  zoomAt(v: Viewport, sx: number, sy: number, factor: number): boolean {
    const before = this.screenToWorld(v, sx, sy);
    const min = this.minZoom(v);
    const zoom = Math.min(min * MAX_ZOOM_FACTOR, Math.max(min, this.zoom * factor));
    if (zoom === this.zoom) return false;
    this.zoom = zoom;
    this.cx = before.x - (sx - v.x - v.width / 2) / zoom;
    this.cy = before.y - (sy - v.y - v.height / 2) / zoom;
    this.clamp(v);
    return true;
  }

  /** Moves the view by screen pixels. */
  pan(v: Viewport, dx: number, dy: number): void {
    this.cx += dx / this.zoom;
    this.cy += dy / this.zoom;
    this.clamp(v);
  }

  /** Centres the view on a world point (a drag keeps the point under the pointer). */
  centreOn(v: Viewport, x: number, y: number): void {
    this.cx = x;
    this.cy = y;
    this.clamp(v);
  }

  worldToScreen(v: Viewport, x: number, y: number): { x: number; y: number } {
    return {
      x: v.x + v.width / 2 + (x - this.cx) * this.zoom,
      y: v.y + v.height / 2 + (y - this.cy) * this.zoom,
    };
  }

  screenToWorld(v: Viewport, x: number, y: number): { x: number; y: number } {
    return {
      x: this.cx + (x - v.x - v.width / 2) / this.zoom,
      y: this.cy + (y - v.y - v.height / 2) / this.zoom,
    };
  }
}
