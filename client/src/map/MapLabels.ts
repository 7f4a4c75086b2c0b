/**
 * Names on the map: the playing nations at their capitals (a dot and the nation's name), and the
 * markets' names, each appearing once the zoom leaves it room. Text keeps one screen size at every
 * zoom. Text objects are made on first need and kept.
 */
import type * as Phaser from 'phaser';
import type { MapGeometry } from './geometry.ts';
import { toCss } from './palette.ts';

export interface CountryLabel {
  numeric: string;
  text: string;
}
export interface CapitalLabel {
  x: number;
  y: number;
  text: string;
  color: number;
}

const STYLE = {
  fontFamily: 'system-ui, sans-serif',
  fontSize: '12px',
  color: '#e8edf5',
  stroke: '#0b1426',
  strokeThickness: 3,
};

export class MapLabels {
  private readonly scene: Phaser.Scene;
  private readonly geometry: MapGeometry;
  private readonly countries = new Map<string, Phaser.GameObjects.Text>();
  private capitals: Phaser.GameObjects.Text[] = [];
  private readonly dots: Phaser.GameObjects.Graphics;
  private countryLabels: CountryLabel[] = [];
  private capitalLabels: CapitalLabel[] = [];

  constructor(scene: Phaser.Scene, geometry: MapGeometry) {
    this.scene = scene;
    this.geometry = geometry;
    this.dots = scene.add.graphics().setDepth(6);
  }

  set(countries: CountryLabel[], capitals: CapitalLabel[]): void {
    const key = (l: { text: string }[]) => l.map((x) => x.text).join('|');
    if (key(countries) !== key(this.countryLabels)) {
      for (const t of this.countries.values()) t.destroy();
      this.countries.clear();
    }
    if (key(capitals) !== key(this.capitalLabels)) {
      for (const t of this.capitals) t.destroy();
      this.capitals = capitals.map((c) =>
        this.scene.add
          .text(c.x, c.y, c.text, { ...STYLE, fontSize: '13px', fontStyle: 'bold', color: toCss(c.color) })
          .setOrigin(0, 1)
          .setDepth(7),
      );
    }
    this.countryLabels = countries;
    this.capitalLabels = capitals;
  }

  /** Places and shows or hides every label for this zoom and canvas width. */
  layout(zoom: number, canvasWidth: number): void {
    const px = 1 / zoom;
    // The capitals once the map is wide enough on screen for eight names.
    const showCapitals = this.geometry.width * zoom >= 900;
    this.dots.clear();
    this.capitalLabels.forEach((c, i) => {
      const t = this.capitals[i];
      if (!t) return;
      t.setVisible(showCapitals)
        .setScale(px)
        .setPosition(c.x + 4 * px, c.y - 2 * px);
      if (!showCapitals) return;
      this.dots.fillStyle(c.color, 1);
      this.dots.fillCircle(c.x, c.y, 3 * px);
      this.dots.lineStyle(1.5 * px, 0x0b1426, 1);
      this.dots.strokeCircle(c.x, c.y, 3 * px);
    });
    for (const l of this.countryLabels) {
      const c = this.geometry.byNumeric.get(l.numeric);
      if (!c || c.marker) continue;
      const w = (c.bbox.maxX - c.bbox.minX) * zoom;
      const h = (c.bbox.maxY - c.bbox.minY) * zoom;
      // About 6.5 screen pixels a character at 12 px.
      const fits = w >= l.text.length * 6.5 + 12 && h >= 18 && canvasWidth > 0;
      let t = this.countries.get(l.numeric);
      if (!fits) {
        t?.setVisible(false);
        continue;
      }
      if (!t) {
        t = this.scene.add.text(0, 0, l.text, STYLE).setOrigin(0.5, 0.5).setDepth(5);
        this.countries.set(l.numeric, t);
      }
      t.setVisible(true).setScale(px).setPosition(c.label[0], c.label[1]);
    }
  }

  /** Names shown now (for the test hook). */
  visible(): string[] {
    return [...this.countries.values(), ...this.capitals].filter((t) => t.visible).map((t) => t.text);
  }
}
