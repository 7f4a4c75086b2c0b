/**
 * The map's pointer input: drag to pan (a press that travels less than a few pixels is a click),
 * hover to highlight and describe a market, click to choose it, wheel to zoom around the pointer.
 * The scene it serves owns the camera and the picking.
 */
import type * as Phaser from 'phaser';
import type { MapCamera, Viewport } from './MapCamera.ts';

/** Pointer travel (screen pixels) under which a press is a click, not a drag. */
const DRAG_THRESHOLD = 5;

/** What the input needs of its scene. */
export interface InputHost {
  readonly cam: MapCamera;
  viewport(): Viewport;
  /** Copies the camera model onto Phaser's camera. */
  applyCamera(): void;
  zoomBy(factor: number, sx?: number, sy?: number): void;
  /** The market under a canvas point, or null. */
  pick(sx: number, sy: number): string | null;
  /** The market under the pointer (null for none) and where the pointer is on the page. */
  setHover(numeric: string | null, clientX: number, clientY: number): void;
  onClick(numeric: string): void;
}

export class MapInput {
  private readonly host: InputHost;
  private press: { x: number; y: number; cx: number; cy: number; dragging: boolean } | null = null;

  constructor(input: Phaser.Input.InputPlugin, host: InputHost) {
    this.host = host;
    input.on('pointerdown', (p: Phaser.Input.Pointer) => this.onDown(p));
    input.on('pointermove', (p: Phaser.Input.Pointer) => this.onMove(p));
    input.on('pointerup', (p: Phaser.Input.Pointer) => this.onUp(p));
    input.on('gameout', () => host.setHover(null, 0, 0));
    input.on('wheel', (p: Phaser.Input.Pointer, _o: unknown, _dx: number, dy: number) => {
      host.zoomBy(Math.exp(-dy * 0.0015), p.x, p.y);
    });
  }

  /** Whether the map is being dragged (the loop stays awake meanwhile). */
  dragging(): boolean {
    return this.press?.dragging ?? false;
  }

  private onDown(p: Phaser.Input.Pointer): void {
    const { cam } = this.host;
    this.press = { x: p.x, y: p.y, cx: cam.cx, cy: cam.cy, dragging: false };
  }

  private onMove(p: Phaser.Input.Pointer): void {
    const { host, press } = this;
    if (press && p.isDown) {
      if (!press.dragging && Math.hypot(p.x - press.x, p.y - press.y) > DRAG_THRESHOLD) press.dragging = true;
      if (press.dragging) {
        const zoom = host.cam.zoom;
        host.cam.centreOn(
          host.viewport(),
          press.cx - (p.x - press.x) / zoom,
          press.cy - (p.y - press.y) / zoom,
        );
        host.applyCamera();
        host.setHover(null, 0, 0);
        return;
      }
    }
    const e = p.event as MouseEvent | undefined;
    host.setHover(host.pick(p.x, p.y), e?.clientX ?? p.x, e?.clientY ?? p.y);
  }

  private onUp(p: Phaser.Input.Pointer): void {
    const press = this.press;
    this.press = null;
    if (!press || press.dragging) return;
    const hit = this.host.pick(p.x, p.y);
    if (hit) this.host.onClick(hit);
  }
}
