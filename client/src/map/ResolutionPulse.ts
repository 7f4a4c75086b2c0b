/**
 * A round's resolution on the map: the markets that changed leader flash in the new leader's colour,
 * one after the other from the largest, and the largest few are labelled ("India → China's stack").
 * Driven by the scene's clock: `draw(now)` returns false when the animation is over.
 */
import type * as Phaser from 'phaser';
import type { MapGeometry } from './geometry.ts';

export interface MarketPulse {
  numeric: string;
  color: number;
  /** A caption for the largest few. */
  label?: string;
}

/** Delay between two markets, one flash, and how long captions stay (ms). */
const STAGGER = 220;
const FLASH = 1100;
const CAPTION = 7000;
/** At most this many markets flash (the rest change colour with the map). */
export const MAX_PULSES = 16;

export class ResolutionPulse {
  private readonly scene: Phaser.Scene;
  private readonly geometry: MapGeometry;
  private readonly layer: Phaser.GameObjects.Graphics;
  private items: MarketPulse[] = [];
  private captions: Phaser.GameObjects.Text[] = [];
  private start = 0;
  private end = 0;

  constructor(scene: Phaser.Scene, geometry: MapGeometry) {
    this.scene = scene;
    this.geometry = geometry;
    this.layer = scene.add.graphics().setDepth(3.5);
  }

  play(items: MarketPulse[], now: number): void {
    this.clear();
    this.items = items.slice(0, MAX_PULSES);
    this.start = now;
    const flashes = this.start + STAGGER * this.items.length + FLASH;
    this.end = this.items.some((i) => i.label) ? Math.max(flashes, now + CAPTION) : flashes;
    this.captions = this.items
      .filter((i) => i.label)
      .map((i) => {
        const c = this.geometry.byNumeric.get(i.numeric);
        return this.scene.add
          .text(c?.label[0] ?? 0, c?.label[1] ?? 0, i.label ?? '', {
            fontFamily: 'system-ui, sans-serif',
            fontSize: '15px',
            fontStyle: 'bold',
            color: '#ffffff',
            backgroundColor: '#0b1426',
            padding: { x: 6, y: 3 },
          })
          .setOrigin(0.5, 1.3)
          .setDepth(8)
          .setAlpha(0);
      });
  }

  /** Draws the frame at `now` for this zoom; false once everything has played. */
  draw(now: number, zoom: number): boolean {
    const g = this.layer;
    g.clear();
    if (now >= this.end) {
      this.clear();
      return false;
    }
    const t = now - this.start;
    this.items.forEach((item, k) => {
      const p = (t - k * STAGGER) / FLASH;
      if (p <= 0 || p >= 1) return;
      const c = this.geometry.byNumeric.get(item.numeric);
      if (!c) return;
      // Two flashes: bright, then softer.
      const a = Math.abs(Math.sin(p * Math.PI * 2)) * (p < 0.5 ? 0.9 : 0.55);
      g.fillStyle(item.color, a);
      g.lineStyle(2.5 / zoom, 0xffffff, a);
      if (c.marker) {
        g.fillCircle(c.centroid[0], c.centroid[1], 9 / zoom);
        g.strokeCircle(c.centroid[0], c.centroid[1], 9 / zoom);
        return;
      }
      c.polygons.forEach((ring, i) => {
        if (c.holes[i]) return;
        g.beginPath();
        g.moveTo(ring[0] as number, ring[1] as number);
        for (let j = 2; j < ring.length; j += 2) g.lineTo(ring[j] as number, ring[j + 1] as number);
        g.closePath();
        g.fillPath();
        g.strokePath();
      });
    });
    const fadeOut = Math.min(1, (this.end - now) / 600);
    this.captions.forEach((caption, i) => {
      const appear = Math.min(1, Math.max(0, (t - i * STAGGER) / 400));
      caption.setAlpha(appear * fadeOut).setScale(1 / zoom);
    });
    return true;
  }

  /** The markets of the last resolution (numeric ids), largest first. */
  played(): string[] {
    return this.items.map((i) => i.numeric);
  }

  private clear(): void {
    this.layer.clear();
    for (const c of this.captions) c.destroy();
    this.captions = [];
  }
}
