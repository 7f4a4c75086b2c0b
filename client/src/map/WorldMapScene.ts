/**
 * The Phaser scene of the world map. Country shapes are baked into one canvas texture whenever the
 * styles change; markers, links and the hover highlight are Graphics overlays redrawn on change
 * (their widths are kept constant on screen when zooming). The camera is managed here: pan by
 * dragging or the arrow keys, zoom with the wheel or +/- keys, clamped to the map.
 *
 * The scene renders on demand: every change (content, camera, hover, resize) wakes the game loop,
 * and once nothing has moved for a few frames (no pulse, no link drawing in) the loop sleeps, so
 * an idle map costs no CPU.
 */
import * as Phaser from 'phaser';
import { clickPoint, hitTest, type MapGeometry } from './geometry.ts';
import { drawLinks } from './linkDrawing.ts';
import { MapCamera, type Viewport } from './MapCamera.ts';
import { type CapitalLabel, type CountryLabel, MapLabels } from './MapLabels.ts';
import type { CountryStyle, MapLink } from './mapModes.ts';
import { paintCountries } from './paintCountries.ts';
import { BACKGROUND, BORDER, HIGHLIGHT, toCss } from './palette.ts';
import { type MarketPulse, ResolutionPulse } from './ResolutionPulse.ts';

/** Texture pixels per world pixel of the baked map (sharper when zooming in). */
const BAKE_SCALE = 2;
const BAKE_KEY = 'sovereign-map-bake';
/** Marker radius and hit radius, in screen pixels. */
const MARKER_RADIUS = 3.5;
const MARKER_HIT = 6;
/** Pointer travel (screen pixels) under which a press is a click, not a drag. */
const DRAG_THRESHOLD = 5;
/** Frames without change before the loop sleeps; how long new links take to draw in (ms). */
const IDLE_FRAMES = 3;
const LINK_DRAW_MS = 1200;

/** What the scene draws: prepared by WorldMap from the scenario, the view and the mode. */
export interface SceneContent {
  styles: Map<string, CountryStyle>;
  links: MapLink[];
  /** Nation id → member numerics (link endpoints). */
  nationMembers: Map<string, string[]>;
  /** numeric → iso2 of the scenario's markets (only these are hoverable). */
  markets: Map<string, string>;
  /** Markets' names, shown once the zoom leaves room. */
  countryLabels: CountryLabel[];
  /** The playing nations at their capitals. */
  capitals: CapitalLabel[];
  /** A resolution to play (markets that changed leader); `pulseId` changes once per resolution. */
  pulses: MarketPulse[];
  pulseId: string;
}

export interface SceneCallbacks {
  onHover(numeric: string | null, screenX: number, screenY: number): void;
  onClick(numeric: string): void;
}

export class WorldMapScene extends Phaser.Scene {
  private readonly geometry: MapGeometry;
  private readonly callbacks: SceneCallbacks;
  private content: SceneContent | null = null;
  private bakedKey = '';
  private drawn = 0;
  private ready = false;
  private image: Phaser.GameObjects.Image | null = null;
  private markerLayer: Phaser.GameObjects.Graphics | null = null;
  private linkLayer: Phaser.GameObjects.Graphics | null = null;
  private hoverLayer: Phaser.GameObjects.Graphics | null = null;
  private hovered: string | null = null;
  /** Where the camera looks (Phaser-free and tested: MapCamera.ts); copied onto Phaser's camera. */
  private readonly cam: MapCamera;
  private press: { x: number; y: number; cx: number; cy: number; dragging: boolean } | null = null;
  private labels: MapLabels | null = null;
  private pulse: ResolutionPulse | null = null;
  private pulseId = '';
  private pulsing = false;
  /** Links draw in from this time when they changed. */
  private linksKey = '';
  private linksFrom = 0;
  private idleFrames = 0;
  /** Fades started so far (each names its own texture). */
  private fades = 0;
  private frames = 0;

  constructor(geometry: MapGeometry, callbacks: SceneCallbacks) {
    super({ key: 'WorldMap' });
    this.geometry = geometry;
    this.callbacks = callbacks;
    this.cam = new MapCamera(geometry.width, geometry.height);
  }

  create(): void {
    this.cameras.main.setBackgroundColor(toCss(BACKGROUND));
    this.markerLayer = this.add.graphics().setDepth(2);
    this.linkLayer = this.add.graphics().setDepth(3);
    this.hoverLayer = this.add.graphics().setDepth(4);
    this.labels = new MapLabels(this, this.geometry);
    this.pulse = new ResolutionPulse(this, this.geometry);
    this.game.events.on('postrender', () => this.frames++);
    this.input.on('pointerdown', (p: Phaser.Input.Pointer) => this.onDown(p));
    this.input.on('pointermove', (p: Phaser.Input.Pointer) => this.onMove(p));
    this.input.on('pointerup', (p: Phaser.Input.Pointer) => this.onUp(p));
    this.input.on('gameout', () => this.setHover(null, 0, 0));
    this.input.on('wheel', (p: Phaser.Input.Pointer, _o: unknown, _dx: number, dy: number) => {
      this.zoomBy(Math.exp(-dy * 0.0015), p.x, p.y);
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
    const key = styleKey(content.styles);
    const fade = this.bakedKey !== '';
    if (key !== this.bakedKey) {
      this.bake(content.styles, fade);
      this.bakedKey = key;
    }
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
    if (moving || this.press?.dragging || this.tweens.getTweens().length > 0) this.idleFrames = 0;
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
    return this.drawn;
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

  /**
   * Keeps a copy of the map as it was and fades it out over the new colours, so a round's changes
   * (a market changing hands, a nation's trust falling) are seen happening.
   */
  private fadeFromPrevious(): void {
    if (!this.image || !this.textures.exists(BAKE_KEY)) return;
    const source = this.textures.get(BAKE_KEY) as Phaser.Textures.CanvasTexture;
    // Each fade has a texture of its own: a second fade within the first's 0.9 s (a rewind right after
    // a round, a replay slider) must not remove the texture the first still draws.
    const key = `${BAKE_KEY}-previous-${++this.fades}`;
    const previous = this.textures.createCanvas(key, source.width, source.height);
    if (!previous) return;
    previous.getContext().drawImage(source.getSourceImage() as HTMLCanvasElement, 0, 0);
    previous.refresh();
    const image = this.add
      .image(0, 0, key)
      .setOrigin(0, 0)
      .setScale(1 / BAKE_SCALE)
      .setDepth(1.5);
    this.tweens.add({
      targets: image,
      alpha: 0,
      duration: 900,
      ease: 'Sine.easeInOut',
      onComplete: () => {
        image.destroy();
        if (this.textures.exists(key)) this.textures.remove(key);
      },
    });
  }

  private bake(styles: Map<string, CountryStyle>, fade: boolean): void {
    if (fade) this.fadeFromPrevious();
    const W = Math.ceil(this.geometry.width * BAKE_SCALE);
    const H = Math.ceil(this.geometry.height * BAKE_SCALE);
    let texture = this.textures.exists(BAKE_KEY)
      ? (this.textures.get(BAKE_KEY) as Phaser.Textures.CanvasTexture)
      : null;
    if (!texture) texture = this.textures.createCanvas(BAKE_KEY, W, H);
    if (!texture) return;
    const drawn = paintCountries(texture.getContext(), this.geometry, styles, BAKE_SCALE, W, H);
    texture.refresh();
    if (!this.image) {
      this.image = this.add
        .image(0, 0, BAKE_KEY)
        .setOrigin(0, 0)
        .setScale(1 / BAKE_SCALE)
        .setDepth(1);
    } else {
      this.image.setTexture(BAKE_KEY);
    }
    this.drawn = drawn + this.geometry.countries.filter((c) => c.marker && styles.has(c.numeric)).length;
  }

  private drawOverlays(): void {
    if (!this.ready || !this.content) return;
    this.drawMarkers(this.content.styles);
    this.drawLinks(this.content);
    this.drawHover();
  }

  private drawMarkers(styles: Map<string, CountryStyle>): void {
    const g = this.markerLayer;
    if (!g) return;
    g.clear();
    const r = MARKER_RADIUS / this.cam.zoom;
    for (const c of this.geometry.countries) {
      if (!c.marker) continue;
      const style = styles.get(c.numeric);
      if (!style) continue;
      g.fillStyle(style.fill, style.alpha);
      g.fillCircle(c.centroid[0], c.centroid[1], r);
      g.lineStyle(1 / this.cam.zoom, style.outline ?? BORDER, 1);
      g.strokeCircle(c.centroid[0], c.centroid[1], r);
    }
  }

  private drawLinks(content: SceneContent): void {
    if (!this.linkLayer) return;
    const progress = Math.min(1, (performance.now() - this.linksFrom) / LINK_DRAW_MS);
    drawLinks(
      this.linkLayer,
      this.geometry,
      content.links,
      content.nationMembers,
      1 / this.cam.zoom,
      progress,
    );
  }

  private drawHover(): void {
    const g = this.hoverLayer;
    if (!g) return;
    g.clear();
    if (!this.hovered) return;
    const c = this.geometry.byNumeric.get(this.hovered);
    if (!c) return;
    const px = 1 / this.cam.zoom;
    if (c.marker) {
      g.lineStyle(2 * px, HIGHLIGHT, 1);
      g.strokeCircle(c.centroid[0], c.centroid[1], (MARKER_RADIUS + 2) * px);
      return;
    }
    g.fillStyle(HIGHLIGHT, 0.18);
    g.lineStyle(1.5 * px, HIGHLIGHT, 1);
    c.polygons.forEach((ring, k) => {
      g.beginPath();
      g.moveTo(ring[0] as number, ring[1] as number);
      for (let i = 2; i < ring.length; i += 2) g.lineTo(ring[i] as number, ring[i + 1] as number);
      g.closePath();
      if (!c.holes[k]) g.fillPath();
      g.strokePath();
    });
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
      this.drawHover();
      this.wake();
    }
    if (changed || numeric) this.callbacks.onHover(numeric, clientX, clientY);
  }

  private onDown(p: Phaser.Input.Pointer): void {
    this.press = { x: p.x, y: p.y, cx: this.cam.cx, cy: this.cam.cy, dragging: false };
  }

  private onMove(p: Phaser.Input.Pointer): void {
    const press = this.press;
    if (press && p.isDown) {
      if (!press.dragging && Math.hypot(p.x - press.x, p.y - press.y) > DRAG_THRESHOLD) press.dragging = true;
      if (press.dragging) {
        const zoom = this.cam.zoom;
        this.cam.centreOn(
          this.viewport(),
          press.cx - (p.x - press.x) / zoom,
          press.cy - (p.y - press.y) / zoom,
        );
        this.applyCamera();
        this.setHover(null, 0, 0);
        return;
      }
    }
    const e = p.event as MouseEvent | undefined;
    this.setHover(this.pick(p.x, p.y), e?.clientX ?? p.x, e?.clientY ?? p.y);
  }

  private onUp(p: Phaser.Input.Pointer): void {
    const press = this.press;
    this.press = null;
    if (!press || press.dragging) return;
    const hit = this.pick(p.x, p.y);
    if (hit) this.callbacks.onClick(hit);
  }
}

/** A fingerprint of the styles, to skip re-baking when nothing changed. */
function styleKey(styles: Map<string, CountryStyle>): string {
  let key = '';
  for (const [n, s] of styles) key += `${n}:${s.fill}:${s.alpha}:${s.outline ?? ''};`;
  return key;
}
