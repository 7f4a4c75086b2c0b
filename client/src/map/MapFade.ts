import type * as Phaser from 'phaser';

/**
 * Keeps a copy of the baked map as it was and fades it out over the new colours, so a round's changes
 * (a market changing hands, a nation's trust falling) are seen happening.
 */
export class MapFade {
  private readonly scene: Phaser.Scene;
  private readonly bakeKey: string;
  private readonly bakeScale: number;
  /** Fades started so far (each names its own texture). */
  private fades = 0;

  constructor(scene: Phaser.Scene, bakeKey: string, bakeScale: number) {
    this.scene = scene;
    this.bakeKey = bakeKey;
    this.bakeScale = bakeScale;
  }

  /** Fades out a copy of the bake texture as it is now (before it is repainted). */
  fromPrevious(): void {
    const { textures, tweens } = this.scene;
    if (!textures.exists(this.bakeKey)) return;
    const source = textures.get(this.bakeKey) as Phaser.Textures.CanvasTexture;
    // Each fade has a texture of its own: a second fade within the first's 0.9 s (a rewind right after
    // a round, a replay slider) must not remove the texture the first still draws.
    const key = `${this.bakeKey}-previous-${++this.fades}`;
    const previous = textures.createCanvas(key, source.width, source.height);
    if (!previous) return;
    previous.getContext().drawImage(source.getSourceImage() as HTMLCanvasElement, 0, 0);
    previous.refresh();
    const image = this.scene.add
      .image(0, 0, key)
      .setOrigin(0, 0)
      .setScale(1 / this.bakeScale)
      .setDepth(1.5);
    tweens.add({
      targets: image,
      alpha: 0,
      duration: 900,
      ease: 'Sine.easeInOut',
      onComplete: () => {
        image.destroy();
        if (textures.exists(key)) textures.remove(key);
      },
    });
  }
}
