/**
 * The country shapes baked into one canvas texture, re-baked only when their styles change; a change
 * after the first fades in over the previous colours (MapFade.ts).
 */
import type * as Phaser from 'phaser';
import type { MapGeometry } from './geometry.ts';
import { MapFade } from './MapFade.ts';
import type { CountryStyle } from './mapModes.ts';
import { paintCountries } from './paintCountries.ts';

/** Texture pixels per world pixel of the baked map (sharper when zooming in). */
const BAKE_SCALE = 2;
const BAKE_KEY = 'sovereign-map-bake';

export class MapBake {
  private readonly scene: Phaser.Scene;
  private readonly geometry: MapGeometry;
  private readonly fade: MapFade;
  private image: Phaser.GameObjects.Image | null = null;
  private bakedKey = '';
  /** Number of countries drawn (shapes baked plus markers). */
  drawn = 0;

  constructor(scene: Phaser.Scene, geometry: MapGeometry) {
    this.scene = scene;
    this.geometry = geometry;
    this.fade = new MapFade(scene, BAKE_KEY, BAKE_SCALE);
  }

  /** Bakes these styles unless they are the ones baked already. */
  paint(styles: Map<string, CountryStyle>): void {
    const key = styleKey(styles);
    const fade = this.bakedKey !== '';
    if (key !== this.bakedKey) {
      this.bake(styles, fade);
      this.bakedKey = key;
    }
  }

  private bake(styles: Map<string, CountryStyle>, fade: boolean): void {
    if (fade && this.image) this.fade.fromPrevious();
    const { textures } = this.scene;
    const W = Math.ceil(this.geometry.width * BAKE_SCALE);
    const H = Math.ceil(this.geometry.height * BAKE_SCALE);
    let texture = textures.exists(BAKE_KEY)
      ? (textures.get(BAKE_KEY) as Phaser.Textures.CanvasTexture)
      : null;
    if (!texture) texture = textures.createCanvas(BAKE_KEY, W, H);
    if (!texture) return;
    const drawn = paintCountries(texture.getContext(), this.geometry, styles, BAKE_SCALE, W, H);
    texture.refresh();
    if (!this.image) {
      this.image = this.scene.add
        .image(0, 0, BAKE_KEY)
        .setOrigin(0, 0)
        .setScale(1 / BAKE_SCALE)
        .setDepth(1);
    } else {
      this.image.setTexture(BAKE_KEY);
    }
    this.drawn = drawn + this.geometry.countries.filter((c) => c.marker && styles.has(c.numeric)).length;
  }
}

/** A fingerprint of the styles, to skip re-baking when nothing changed. */
function styleKey(styles: Map<string, CountryStyle>): string {
  let key = '';
  for (const [n, s] of styles) key += `${n}:${s.fill}:${s.alpha}:${s.outline ?? ''};`;
  return key;
}
