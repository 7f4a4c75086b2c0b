/**
 * The map's Graphics overlays above the baked shapes: the markers of the small markets, the trade
 * and treaty links, and the hover highlight. Their widths are divided by the zoom, so they keep their
 * size on screen; each is redrawn when its content or the zoom changes.
 */
import type * as Phaser from 'phaser';
import type { MapGeometry } from './geometry.ts';
import { drawLinks } from './linkDrawing.ts';
import type { CountryStyle, MapLink } from './mapModes.ts';
import { BORDER, HIGHLIGHT } from './palette.ts';

/** Marker radius, in screen pixels. */
export const MARKER_RADIUS = 3.5;

export class MapOverlays {
  private readonly geometry: MapGeometry;
  private readonly markerLayer: Phaser.GameObjects.Graphics;
  private readonly linkLayer: Phaser.GameObjects.Graphics;
  private readonly hoverLayer: Phaser.GameObjects.Graphics;

  constructor(scene: Phaser.Scene, geometry: MapGeometry) {
    this.geometry = geometry;
    this.markerLayer = scene.add.graphics().setDepth(2);
    this.linkLayer = scene.add.graphics().setDepth(3);
    this.hoverLayer = scene.add.graphics().setDepth(4);
  }

  drawMarkers(styles: Map<string, CountryStyle>, zoom: number): void {
    const g = this.markerLayer;
    g.clear();
    const r = MARKER_RADIUS / zoom;
    for (const c of this.geometry.countries) {
      if (!c.marker) continue;
      const style = styles.get(c.numeric);
      if (!style) continue;
      g.fillStyle(style.fill, style.alpha);
      g.fillCircle(c.centroid[0], c.centroid[1], r);
      g.lineStyle(1 / zoom, style.outline ?? BORDER, 1);
      g.strokeCircle(c.centroid[0], c.centroid[1], r);
    }
  }

  /** The links, drawn in up to `progress` (0..1) of their length. */
  drawLinks(links: MapLink[], nationMembers: Map<string, string[]>, zoom: number, progress: number): void {
    drawLinks(this.linkLayer, this.geometry, links, nationMembers, 1 / zoom, progress);
  }

  /** Highlights the hovered market (a ring around a marker, a tinted outline around a shape). */
  drawHover(hovered: string | null, zoom: number): void {
    const g = this.hoverLayer;
    g.clear();
    if (!hovered) return;
    const c = this.geometry.byNumeric.get(hovered);
    if (!c) return;
    const px = 1 / zoom;
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
}
