/**
 * The Phaser scene of the world map. Country shapes are baked into one canvas texture whenever the
 * styles change; markers, links and the hover highlight are Graphics overlays redrawn on change
 * (MapOverlays.ts: their widths are kept constant on screen when zooming), and a change of colours
 * fades in (MapBake.ts, MapFade.ts). The camera is managed here: pan by dragging (MapInput.ts) or the arrow
 * keys, zoom with the wheel or +/- keys, clamped to the map.
 *
 * The scene renders on demand: every change (content, camera, hover, resize) wakes the game loop,
 * and once nothing has moved for a few frames (no pulse, no link drawing in) the loop sleeps, so
 * an idle map costs no CPU.
 */
import * as Phaser from 'phaser';
import { clickPoint, hitTest, type MapGeometry } from './geometry.ts';
import { MapBake } from './MapBake.ts';
import { MapCamera, type Viewport } from './MapCamera.ts';
import { MapInput } from './MapInput.ts';
import { MapLabels } from './MapLabels.ts';
import { MapOverlays } from './MapOverlays.ts';
import { BACKGROUND, toCss } from './palette.ts';
import { ResolutionPulse } from './ResolutionPulse.ts';
import type { SceneCallbacks, SceneContent } from './SceneContent.ts';

export type { SceneCallbacks, SceneContent } from './SceneContent.ts';

/** Markers' hit radius, in screen pixels. */
const MARKER_HIT = 6;
/** Frames without change before the loop sleeps; how long new links take to draw in (ms). */
const IDLE_FRAMES = 3;
const LINK_DRAW_MS = 1200;

export class WorldMapScene extends Phaser.Scene {
  private readonly geometry: MapGeometry;
  private readonly callbacks: SceneCallbacks;
  private content: SceneContent | null = null;
  private ready = false;
  private overlays: MapOverlays | null = null;
  private baked: MapBake | null = null;
  private mapInput: MapInput | null = null;
  private hovered: string | null = null;
  /** Where the camera looks (Phaser-free and tested: MapCamera.ts); copied onto Phaser's camera. */
  private readonly cam: MapCamera;
  private labels: MapLabels | null = null;
  private pulse: ResolutionPulse | null = null;
  private pulseId = '';
  private pulsing = false;
  /** Links draw in from this time when they changed. */
  private linksKey = '';
  private linksFrom = 0;
  private idleFrames = 0;
  private frames = 0;

  constructor(geometry: MapGeometry, callbacks: SceneCallbacks) {
    super({ key: 'WorldMap' });
    this.geometry = geometry;
    this.callbacks = callbacks;
    this.cam = new MapCamera(geometry.width, geometry.height);
  }

  create(): void {
    this.cameras.main.setBackgroundColor(toCss(BACKGROUND));
    this.overlays = new MapOverlays(this, this.geometry);
    this.baked = new MapBake(this, this.geometry);
    this.labels = new MapLabels(this, this.geometry);
    this.pulse = new ResolutionPulse(this, this.geometry);
    this.game.events.on('postrender', () => this.frames++);
    this.mapInput = new MapInput(this.input, {
      cam: this.cam,
      viewport: () => this.viewport(),
      applyCamera: () => this.applyCamera(),
      zoomBy: (factor, sx, sy) => this.zoomBy(factor, sx, sy),
      pick: (sx, sy) => this.pick(sx, sy),
      setHover: (numeric, x, y) => this.setHover(numeric, x, y),
      onClick: (numeric) => this.callbacks.onClick(numeric),
    });
    this.scale.on('resize', () => this.fitCamera());
    this.ready = true;
    this.wake();
    this.cam.reset(this.viewport());
    this.applyCamera();
    if (this.content) this.setContent(this.content);
  }

  /** Replaces what is drawn; re-bakes the shapes only when their styles changed. */
  setContent(content: SceneContent): void {
    this.content = content;
    if (!this.ready) return;
    this.baked?.paint(content.styles);
    const links = content.links.map((l) => `${l.from}>${l.to}:${l.style}`).join(',');
    if (links !== this.linksKey) {
      this.linksKey = links;
      this.linksFrom = performance.now();
    }
    this.labels?.set(content.countryLabels, content.capitals);
    if (content.pulseId !== this.pulseId) {
      this.pulseId = content.pulseId;
      if (content.pulses.length) {
        this.pulse?.play(content.pulses, performance.now());
        this.pulsing = true;
      }
    }
    this.drawOverlays();
    this.wake();
  }

  /** Starts the game loop (if asleep) for at least a few frames. */
  wake(): void {
    this.idleFrames = 0;
    if (!this.ready || !this.game) return;
    if (!this.game.loop.running) this.game.loop.wake();
  }

  /** Called by Phaser each frame while awake: plays animations, then sleeps once nothing moves. */
  override update(): void {
    const time = performance.now();
    let moving = false;
    if (this.pulsing && this.pulse) {
      this.pulsing = this.pulse.draw(time, this.cam.zoom);
      moving = true;
    }
    if (this.content?.links.length && time - this.linksFrom < LINK_DRAW_MS + 50) {
      this.drawLinks(this.content);
      moving = true;
    }
    if (moving || this.mapInput?.dragging() || this.tweens.getTweens().length > 0) this.idleFrames = 0;
    else if (++this.idleFrames > IDLE_FRAMES) this.game.loop.sleep();
  }

  /** Frames rendered since the scene started (the test hook counts them over an idle spell). */
  renderedFrames(): number {
    return this.frames;
  }

  /** Whether the loop is running (false when asleep). */
  awake(): boolean {
    return this.game.loop.running;
  }

  /** Numerics of the markets the last resolution animated, largest first. */
  pulsedMarkets(): string[] {
    return this.pulse?.played() ?? [];
  }

  /** Names shown on the map now. */
  visibleLabels(): string[] {
    return this.labels?.visible() ?? [];
  }

  /** Pans the view by screen pixels (arrow keys). */
  panBy(dx: number, dy: number): void {
    this.cam.pan(this.viewport(), dx, dy);
    this.applyCamera();
  }

  /** Number of countries drawn (shapes baked plus markers). */
  drawnCountries(): number {
    return this.baked?.drawn ?? 0;
  }

  /** The canvas rectangle Phaser's camera draws into. */
  private viewport(): Viewport {
    const c = this.cameras.main;
    return {
      x: c.x,
      y: c.y,
      width: c.width || this.scale.width || 1,
      height: c.height || this.scale.height || 1,
    };
  }

  /** Screen (canvas) position of a world point. */
  worldToScreen(x: number, y: number): { x: number; y: number } {
    return this.cam.worldToScreen(this.viewport(), x, y);
  }

  /** World position of a screen (canvas) point. */
  screenToWorld(x: number, y: number): { x: number; y: number } {
    return this.cam.screenToWorld(this.viewport(), x, y);
  }

  /** Canvas position where a click lands on this country, or null if unknown or off-screen. */
  countryCanvasPosition(numeric: string): { x: number; y: number } | null {
    if (!this.ready) return null;
    const p = clickPoint(this.geometry, numeric, MARKER_HIT / this.cam.zoom, this.accept, 2 / this.cam.zoom);
    if (!p) return null;
    const s = this.worldToScreen(p[0], p[1]);
    const cam = this.cameras.main;
    if (s.x < cam.x || s.y < cam.y || s.x > cam.x + cam.width || s.y > cam.y + cam.height) return null;
    return s;
  }

  /** Zooms by a factor around a screen point (the centre when omitted). */
  zoomBy(factor: number, sx?: number, sy?: number): void {
    const v = this.viewport();
    if (this.cam.zoomAt(v, sx ?? v.x + v.width / 2, sy ?? v.y + v.height / 2, factor)) this.applyCamera();
  }

  /** Shows the whole map. */
  resetView(): void {
    this.cam.reset(this.viewport());
    this.applyCamera();
  }

  /** Re-fits after the canvas changed size (a whole-world view keeps showing it; a zoomed one stays). */
  fitCamera(): void {
    if (!this.ready) return;
    this.cam.refit(this.viewport());
    this.applyCamera();
  }

  private readonly accept = (numeric: string): boolean => this.content?.markets.has(numeric) ?? false;

  /** Copies the camera model onto Phaser's camera; redraws the zoom-dependent overlays. */
  private applyCamera(): void {
    const cam = this.cameras.main;
    cam.setZoom(this.cam.zoom);
    cam.setScroll(this.cam.cx - cam.width / 2, this.cam.cy - cam.height / 2);
    this.drawOverlays();
    this.labels?.layout(this.cam.zoom, cam.width);
    this.wake();
  }

  private drawOverlays(): void {
    if (!this.ready || !this.content) return;
    this.overlays?.drawMarkers(this.content.styles, this.cam.zoom);
    this.drawLinks(this.content);
    this.overlays?.drawHover(this.hovered, this.cam.zoom);
  }

  private drawLinks(content: SceneContent): void {
    const progress = Math.min(1, (performance.now() - this.linksFrom) / LINK_DRAW_MS);
    this.overlays?.drawLinks(content.links, content.nationMembers, this.cam.zoom, progress);
  }

  /** The market under a canvas point, or null. */
  pick(sx: number, sy: number): string | null {
    const w = this.screenToWorld(sx, sy);
    return hitTest(this.geometry, w.x, w.y, MARKER_HIT / this.cam.zoom, this.accept);
  }

  private setHover(numeric: string | null, clientX: number, clientY: number): void {
    const changed = numeric !== this.hovered;
    this.hovered = numeric;
    if (changed) {
      this.overlays?.drawHover(this.hovered, this.cam.zoom);
      this.wake();
    }
    if (changed || numeric) this.callbacks.onHover(numeric, clientX, clientY);
  }
}
