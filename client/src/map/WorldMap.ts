/**
 * The world map widget: a Phaser game (Canvas renderer) mounted in a parent element.
 *
 *   const map = new WorldMap(el, { onHover(iso2, x, y) {…}, onClick(iso2) {…} });
 *   map.update({ scenario, view, mode: 'adoption' });
 *   // after the parent changed size: map.resize();  when leaving the screen: map.destroy();
 *
 * The parent must have a size (the canvas fills it). Hover coordinates are client (viewport)
 * coordinates, for a tooltip with `position: fixed`. Keys (outside text fields): + and − zoom, 0
 * shows the whole map, the arrow keys pan.
 */
import * as Phaser from 'phaser';
import type { Topology } from 'topojson-specification';
import topology from 'world-atlas/countries-50m.json';
import type { Scenario } from '../../../shared/engine/index.ts';
import { buildGeometry, type MapGeometry } from './geometry.ts';
import { CAPITALS } from './mapChanges.ts';
import {
  countryStyles,
  iso2ToNumeric,
  links,
  type MapMode,
  type MapView,
  numericToIso2,
} from './mapModes.ts';
import { BACKGROUND, OTHER_COLOR, providerColors, toCss } from './palette.ts';
import type { MarketPulse } from './ResolutionPulse.ts';
import { type SceneContent, WorldMapScene } from './WorldMapScene.ts';

/** World size of the projected map, in world pixels. */
export const WORLD_WIDTH = 2000;
export const WORLD_HEIGHT = 1000;

export interface WorldMapCallbacks {
  /** Pointer over a market (its iso2) or over nothing (null); x, y are client coordinates. */
  onHover(iso2: string | null, x: number, y: number): void;
  /** A click (not a drag) on a market. */
  onClick(iso2: string): void;
}

export interface WorldMapData {
  scenario: Scenario;
  /** A GameView (or anything with adoption, nations and treaties). */
  view: MapView;
  mode: MapMode;
  /** Markets that changed leader in the round just resolved, to animate once per `pulseId`. */
  pulses?: MarketPulse[];
  pulseId?: string;
}

/** The browser test hook, on `window.__sovereignMap`. */
export interface SovereignMapHook {
  /** Viewport (client) coordinates where a click hits this market, or null if unknown or off-screen. */
  countryScreenPosition(iso2: string): { x: number; y: number } | null;
  /** Countries drawn in the last bake (0 until the first update has rendered). */
  drawnCountries(): number;
  /** The current mode ('' before the first update). */
  mode(): string;
  /** Frames the map has rendered so far: unchanged over an idle spell when the scene sleeps. */
  renderedFrames(): number;
  /** Whether the map's render loop is running. */
  awake(): boolean;
  /** iso2 of the markets the last resolution animated, largest first. */
  pulsedMarkets(): string[];
  /** Names on the map now. */
  visibleLabels(): string[];
}

declare global {
  interface Window {
    __sovereignMap?: SovereignMapHook;
  }
}

let sharedGeometry: MapGeometry | null = null;

/** The projected map, built once per page. */
export function worldGeometry(): MapGeometry {
  sharedGeometry ??= buildGeometry(topology as unknown as Topology, WORLD_WIDTH, WORLD_HEIGHT);
  return sharedGeometry;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export class WorldMap {
  private readonly parent: HTMLElement;
  private readonly game: Phaser.Game;
  private readonly scene: WorldMapScene;
  private data: WorldMapData | null = null;
  private numericIndex = new Map<string, string>();
  private iso2Index = new Map<string, string>();
  private scenarioId = '';
  private readonly onKey: (e: KeyboardEvent) => void;
  private destroyed = false;
  private readonly hook: SovereignMapHook;

  constructor(parent: HTMLElement, callbacks: WorldMapCallbacks) {
    this.parent = parent;
    this.scene = new WorldMapScene(worldGeometry(), {
      onHover: (numeric, x, y) =>
        callbacks.onHover(numeric ? (this.numericIndex.get(numeric) ?? null) : null, x, y),
      onClick: (numeric) => {
        const iso2 = this.numericIndex.get(numeric);
        if (iso2) callbacks.onClick(iso2);
      },
    });
    this.game = new Phaser.Game({
      type: Phaser.CANVAS,
      parent,
      width: Math.max(1, parent.clientWidth),
      height: Math.max(1, parent.clientHeight),
      backgroundColor: toCss(BACKGROUND),
      banner: false,
      audio: { noAudio: true },
      input: { keyboard: false },
      scale: { mode: Phaser.Scale.RESIZE },
      scene: this.scene,
    });
    this.onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '+' || e.key === '=') this.scene.zoomBy(1.25);
      else if (e.key === '-' || e.key === '_') this.scene.zoomBy(0.8);
      else if (e.key === '0') this.scene.resetView();
      else if (e.key.startsWith('Arrow') && this.mayPan(e.target)) {
        const step = 80;
        const d: Record<string, [number, number]> = {
          ArrowLeft: [-step, 0],
          ArrowRight: [step, 0],
          ArrowUp: [0, -step],
          ArrowDown: [0, step],
        };
        const [dx, dy] = d[e.key] ?? [0, 0];
        this.scene.panBy(dx, dy);
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', this.onKey);
    this.hook = {
      countryScreenPosition: (iso2) => this.countryScreenPosition(iso2),
      drawnCountries: () => this.scene.drawnCountries(),
      mode: () => this.data?.mode ?? '',
      renderedFrames: () => this.scene.renderedFrames(),
      awake: () => this.scene.awake(),
      pulsedMarkets: () => this.scene.pulsedMarkets().map((n) => this.numericIndex.get(n) ?? n),
      visibleLabels: () => this.scene.visibleLabels(),
    };
    window.__sovereignMap = this.hook;
  }

  /** Shows a scenario, a view and a mode. Shapes are re-baked only when their colours change. */
  update(data: WorldMapData): void {
    if (this.destroyed) return;
    this.data = data;
    if (data.scenario.id !== this.scenarioId || this.numericIndex.size === 0) {
      this.scenarioId = data.scenario.id;
      this.numericIndex = numericToIso2(data.scenario);
      this.iso2Index = iso2ToNumeric(data.scenario);
    }
    const nationMembers = new Map<string, string[]>();
    const numerics = (isos: string[]) =>
      isos.map((iso) => this.iso2Index.get(iso)).filter((x): x is string => x !== undefined);
    for (const n of data.scenario.nations) nationMembers.set(n.id, numerics(n.members));
    // Regions are link ends too (aid flows to a region): anchored on their markets.
    for (const m of data.scenario.markets) {
      const key = `region:${m.region}`;
      nationMembers.set(key, [...(nationMembers.get(key) ?? []), ...numerics([m.id])]);
    }
    const content: SceneContent = {
      styles: countryStyles(data.mode, data.scenario, data.view),
      links: links(data.mode, data.scenario, data.view),
      nationMembers,
      markets: this.numericIndex,
      // A nation's home country is named by its capital's label.
      countryLabels: data.scenario.markets
        .filter((m) => !data.scenario.nations.some((n) => n.name === m.name))
        .map((m) => ({ numeric: m.numeric, text: m.name })),
      capitals: data.scenario.nations.flatMap((n) => {
        const providerColor = (id: string) => providerColors(data.scenario.nations).get(id) ?? OTHER_COLOR;
        const c = CAPITALS[n.id] ?? CAPITALS[n.members[0] ?? ''];
        const p = c ? worldGeometry().project(c[0], c[1]) : null;
        return p ? [{ x: p[0], y: p[1], text: n.name, color: providerColor(n.id) }] : [];
      }),
      pulses: data.pulses ?? [],
      pulseId: data.pulseId ?? '',
    };
    this.scene.setContent(content);
  }

  /** Call after the parent element changed size. */
  resize(): void {
    if (this.destroyed) return;
    const w = Math.max(1, this.parent.clientWidth);
    const h = Math.max(1, this.parent.clientHeight);
    if (w === this.game.scale.width && h === this.game.scale.height) return;
    this.game.scale.resize(w, h);
    this.scene.fitCamera();
    this.scene.wake();
  }

  /** Arrow keys pan when the focus is on the page or the map, not in a control that uses them. */
  private mayPan(target: EventTarget | null): boolean {
    return (
      target === document.body || target === null || (target instanceof Node && this.parent.contains(target))
    );
  }

  /** Zoom in (factor > 1) or out around the centre; resetView shows the whole map. */
  zoomBy(factor: number): void {
    this.scene.zoomBy(factor);
  }

  resetView(): void {
    this.scene.resetView();
  }

  /** Viewport coordinates where a click hits this market, or null. */
  countryScreenPosition(iso2: string): { x: number; y: number } | null {
    const numeric = this.iso2Index.get(iso2);
    if (!numeric || this.destroyed) return null;
    const p = this.scene.countryCanvasPosition(numeric);
    const canvas = this.game.canvas;
    if (!p || !canvas) return null;
    const rect = canvas.getBoundingClientRect();
    const sx = rect.width / (this.game.scale.width || rect.width || 1);
    const sy = rect.height / (this.game.scale.height || rect.height || 1);
    // Mouse events carry whole pixels: return the nearest whole pixel that really hits the market.
    const x0 = Math.round(rect.left + p.x * sx);
    const y0 = Math.round(rect.top + p.y * sy);
    for (let r = 0; r <= 8; r++) {
      for (let dx = -r; dx <= r; dx++) {
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          const x = x0 + dx;
          const y = y0 + dy;
          if (this.scene.pick((x - rect.left) / sx, (y - rect.top) / sy) === numeric) return { x, y };
        }
      }
    }
    return { x: x0, y: y0 };
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    window.removeEventListener('keydown', this.onKey);
    if (window.__sovereignMap === this.hook) delete window.__sovereignMap;
    this.game.destroy(true);
  }
}
