/**
 * The Phaser scene of the world map. Country shapes are baked into one canvas texture whenever the
 * styles change; markers, links and the hover highlight are Graphics overlays redrawn on change
 * (their widths are kept constant on screen when zooming). The camera is managed here: pan by
 * dragging, zoom with the wheel or +/- keys, clamped to the map.
 */
import * as Phaser from 'phaser';
import { clickPoint, groupAnchor, hitTest, type MapGeometry } from './geometry.ts';
import type { CountryStyle, MapLink } from './mapModes.ts';
import { BACKGROUND, BORDER, HIGHLIGHT, NO_DATA, toCss } from './palette.ts';

/** Texture pixels per world pixel of the baked map (sharper when zooming in). */
const BAKE_SCALE = 2;
const BAKE_KEY = 'sovereign-map-bake';
/** Marker radius and hit radius, in screen pixels. */
const MARKER_RADIUS = 3.5;
const MARKER_HIT = 6;
/** Pointer travel (screen pixels) under which a press is a click, not a drag. */
const DRAG_THRESHOLD = 5;
/** Maximum zoom, relative to the zoom that fits the whole map. */
const MAX_ZOOM_FACTOR = 8;

/** What the scene draws: prepared by WorldMap from the scenario, the view and the mode. */
export interface SceneContent {
  styles: Map<string, CountryStyle>;
  links: MapLink[];
  /** Nation id → member numerics (link endpoints). */
  nationMembers: Map<string, string[]>;
  /** numeric → iso2 of the scenario's markets (only these are hoverable). */
  markets: Map<string, string>;
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
  /** Camera state: the world point at the centre of the view, and the zoom. */
  private cx: number;
  private cy: number;
  private zoom = 1;
  private press: { x: number; y: number; cx: number; cy: number; dragging: boolean } | null = null;

  constructor(geometry: MapGeometry, callbacks: SceneCallbacks) {
    super({ key: 'WorldMap' });
    this.geometry = geometry;
    this.callbacks = callbacks;
    this.cx = geometry.width / 2;
    this.cy = geometry.height / 2;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(toCss(BACKGROUND));
    this.markerLayer = this.add.graphics().setDepth(2);
    this.linkLayer = this.add.graphics().setDepth(3);
    this.hoverLayer = this.add.graphics().setDepth(4);
    this.input.on('pointerdown', (p: Phaser.Input.Pointer) => this.onDown(p));
    this.input.on('pointermove', (p: Phaser.Input.Pointer) => this.onMove(p));
    this.input.on('pointerup', (p: Phaser.Input.Pointer) => this.onUp(p));
    this.input.on('gameout', () => this.setHover(null, 0, 0));
    this.input.on('wheel', (p: Phaser.Input.Pointer, _o: unknown, _dx: number, dy: number) => {
      this.zoomAt(p.x, p.y, Math.exp(-dy * 0.0015));
    });
    this.scale.on('resize', () => this.fitCamera());
    this.ready = true;
    this.zoom = this.minZoom();
    this.applyCamera();
    if (this.content) this.setContent(this.content);
  }

  /** Replaces what is drawn; re-bakes the shapes only when their styles changed. */
  setContent(content: SceneContent): void {
    this.content = content;
    if (!this.ready) return;
    const key = styleKey(content.styles);
    if (key !== this.bakedKey) {
      this.bake(content.styles);
      this.bakedKey = key;
    }
    this.drawOverlays();
  }

  /** Number of countries drawn (shapes baked plus markers). */
  drawnCountries(): number {
    return this.drawn;
  }

  /** Screen (canvas) position of a world point. */
  worldToScreen(x: number, y: number): { x: number; y: number } {
    const cam = this.cameras.main;
    return {
      x: cam.x + cam.width / 2 + (x - this.cx) * this.zoom,
      y: cam.y + cam.height / 2 + (y - this.cy) * this.zoom,
    };
  }

  /** World position of a screen (canvas) point. */
  screenToWorld(x: number, y: number): { x: number; y: number } {
    const cam = this.cameras.main;
    return {
      x: this.cx + (x - cam.x - cam.width / 2) / this.zoom,
      y: this.cy + (y - cam.y - cam.height / 2) / this.zoom,
    };
  }

  /** Canvas position where a click lands on this country, or null if unknown or off-screen. */
  countryCanvasPosition(numeric: string): { x: number; y: number } | null {
    if (!this.ready) return null;
    const p = clickPoint(this.geometry, numeric, MARKER_HIT / this.zoom, this.accept, 2 / this.zoom);
    if (!p) return null;
    const s = this.worldToScreen(p[0], p[1]);
    const cam = this.cameras.main;
    if (s.x < cam.x || s.y < cam.y || s.x > cam.x + cam.width || s.y > cam.y + cam.height) return null;
    return s;
  }

  /** Zooms by a factor around a screen point (the centre when omitted). */
  zoomBy(factor: number, sx?: number, sy?: number): void {
    const cam = this.cameras.main;
    this.zoomAt(sx ?? cam.x + cam.width / 2, sy ?? cam.y + cam.height / 2, factor);
  }

  /** Shows the whole map. */
  resetView(): void {
    this.cx = this.geometry.width / 2;
    this.cy = this.geometry.height / 2;
    this.zoom = this.minZoom();
    this.applyCamera();
  }

  /** Re-fits after the canvas changed size. */
  fitCamera(): void {
    if (!this.ready) return;
    this.zoom = Math.max(this.zoom, this.minZoom());
    this.applyCamera();
  }

  private readonly accept = (numeric: string): boolean => this.content?.markets.has(numeric) ?? false;

  private minZoom(): number {
    const cam = this.cameras.main;
    const w = cam.width || this.scale.width || 1;
    const h = cam.height || this.scale.height || 1;
    return Math.min(w / this.geometry.width, h / this.geometry.height);
  }

  private zoomAt(sx: number, sy: number, factor: number): void {
    const before = this.screenToWorld(sx, sy);
    const min = this.minZoom();
    const zoom = Math.min(min * MAX_ZOOM_FACTOR, Math.max(min, this.zoom * factor));
    if (zoom === this.zoom) return;
    this.zoom = zoom;
    const cam = this.cameras.main;
    this.cx = before.x - (sx - cam.x - cam.width / 2) / zoom;
    this.cy = before.y - (sy - cam.y - cam.height / 2) / zoom;
    this.applyCamera();
  }

  /** Clamps the view to the map and moves the Phaser camera; redraws zoom-dependent overlays. */
  private applyCamera(): void {
    const cam = this.cameras.main;
    const halfW = cam.width / 2 / this.zoom;
    const halfH = cam.height / 2 / this.zoom;
    const { width, height } = this.geometry;
    this.cx = halfW * 2 >= width ? width / 2 : Math.min(width - halfW, Math.max(halfW, this.cx));
    this.cy = halfH * 2 >= height ? height / 2 : Math.min(height - halfH, Math.max(halfH, this.cy));
    cam.setZoom(this.zoom);
    cam.setScroll(this.cx - cam.width / 2, this.cy - cam.height / 2);
    this.drawOverlays();
  }

  /**
   * Keeps a copy of the map as it was and fades it out over the new colours, so a round's changes
   * (a market changing hands, a nation's trust falling) are seen happening.
   */
  private fadeFromPrevious(): void {
    if (!this.image || !this.textures.exists(BAKE_KEY)) return;
    const source = this.textures.get(BAKE_KEY) as Phaser.Textures.CanvasTexture;
    const key = `${BAKE_KEY}-previous`;
    if (this.textures.exists(key)) this.textures.remove(key);
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

  private bake(styles: Map<string, CountryStyle>): void {
    this.fadeFromPrevious();
    const W = Math.ceil(this.geometry.width * BAKE_SCALE);
    const H = Math.ceil(this.geometry.height * BAKE_SCALE);
    let texture = this.textures.exists(BAKE_KEY)
      ? (this.textures.get(BAKE_KEY) as Phaser.Textures.CanvasTexture)
      : null;
    if (!texture) texture = this.textures.createCanvas(BAKE_KEY, W, H);
    if (!texture) return;
    const ctx = texture.getContext();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.setTransform(BAKE_SCALE, 0, 0, BAKE_SCALE, 0, 0);
    ctx.lineJoin = 'round';
    let drawn = 0;
    const outlined: { rings: number[][]; color: number }[] = [];
    for (const c of this.geometry.countries) {
      if (c.marker) continue;
      const style = styles.get(c.numeric);
      ctx.beginPath();
      for (const ring of c.polygons) {
        ctx.moveTo(ring[0] as number, ring[1] as number);
        for (let i = 2; i < ring.length; i += 2) ctx.lineTo(ring[i] as number, ring[i + 1] as number);
        ctx.closePath();
      }
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
    // Nation outlines last, so neighbours do not cover them.
    ctx.lineWidth = 0.9;
    for (const o of outlined) {
      ctx.beginPath();
      for (const ring of o.rings) {
        ctx.moveTo(ring[0] as number, ring[1] as number);
        for (let i = 2; i < ring.length; i += 2) ctx.lineTo(ring[i] as number, ring[i + 1] as number);
        ctx.closePath();
      }
      ctx.strokeStyle = toCss(o.color);
      ctx.stroke();
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
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
    const r = MARKER_RADIUS / this.zoom;
    for (const c of this.geometry.countries) {
      if (!c.marker) continue;
      const style = styles.get(c.numeric);
      if (!style) continue;
      g.fillStyle(style.fill, style.alpha);
      g.fillCircle(c.centroid[0], c.centroid[1], r);
      g.lineStyle(1 / this.zoom, style.outline ?? BORDER, 1);
      g.strokeCircle(c.centroid[0], c.centroid[1], r);
    }
  }

  private drawLinks(content: SceneContent): void {
    const g = this.linkLayer;
    if (!g) return;
    g.clear();
    const anchors = new Map<string, [number, number]>();
    for (const [id, members] of content.nationMembers) {
      const a = groupAnchor(this.geometry, members);
      if (a) anchors.set(id, a);
    }
    const px = 1 / this.zoom;
    for (const link of content.links) {
      const a = anchors.get(link.from);
      const b = anchors.get(link.to);
      if (!a || !b) continue;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len = Math.hypot(dx, dy);
      if (len < 1) continue;
      // Bend to the left of the direction, so A→B and B→A do not overlap.
      const ctrl: [number, number] = [(a[0] + b[0]) / 2 + dy * 0.2, (a[1] + b[1]) / 2 - dx * 0.2];
      const points = bezier(a, ctrl, b, 32);
      const directed = link.style === 'embargo' || link.style === 'licensed';
      const width = (link.style === 'embargo' ? 3 : 2) * px;
      // Dark halo for contrast, then the line (dashed for licences).
      g.lineStyle(width + 2 * px, BACKGROUND, 0.7);
      strokeRun(g, points);
      g.lineStyle(width, link.color, 1);
      if (link.style === 'licensed') strokeDashed(g, points, 8 * px, 5 * px);
      else strokeRun(g, points);
      if (directed) {
        const tip = points[points.length - 1] as [number, number];
        const prev = points[points.length - 3] as [number, number];
        const ang = Math.atan2(tip[1] - prev[1], tip[0] - prev[0]);
        const size = 10 * px;
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

  private drawHover(): void {
    const g = this.hoverLayer;
    if (!g) return;
    g.clear();
    if (!this.hovered) return;
    const c = this.geometry.byNumeric.get(this.hovered);
    if (!c) return;
    const px = 1 / this.zoom;
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
    return hitTest(this.geometry, w.x, w.y, MARKER_HIT / this.zoom, this.accept);
  }

  private setHover(numeric: string | null, clientX: number, clientY: number): void {
    const changed = numeric !== this.hovered;
    this.hovered = numeric;
    if (changed) this.drawHover();
    if (changed || numeric) this.callbacks.onHover(numeric, clientX, clientY);
  }

  private onDown(p: Phaser.Input.Pointer): void {
    this.press = { x: p.x, y: p.y, cx: this.cx, cy: this.cy, dragging: false };
  }

  private onMove(p: Phaser.Input.Pointer): void {
    const press = this.press;
    if (press && p.isDown) {
      if (!press.dragging && Math.hypot(p.x - press.x, p.y - press.y) > DRAG_THRESHOLD) press.dragging = true;
      if (press.dragging) {
        this.cx = press.cx - (p.x - press.x) / this.zoom;
        this.cy = press.cy - (p.y - press.y) / this.zoom;
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

function bezier(
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

function strokeRun(g: Phaser.GameObjects.Graphics, points: [number, number][]): void {
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

function strokeDashed(
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
