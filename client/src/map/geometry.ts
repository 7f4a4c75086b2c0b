/**
 * Projected country shapes for the world map, built once from a world-atlas TopoJSON topology.
 * Phaser-free: the scene draws these rings and hit-tests with them; the unit tests run in Node.
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Countries whose projected area (px²) is below this are drawn as circle markers. */
export const DEFAULT_MARKER_AREA = 12;
/** Hit radius of a marker, in world pixels. */
export const DEFAULT_MARKER_RADIUS = 6;

/** An axis-aligned box in projected (world) pixels. */
export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** One country, projected. */
export interface CountryShape {
  /** ISO 3166-1 numeric, 3 digits ('250'). */
  numeric: string;
  /** Name from the atlas (English). */
  name: string;
  /** Rings as flat [x0, y0, x1, y1, …] arrays (holes included; fill them even-odd or draw holes last). */
  polygons: number[][];
  /** Per ring: true when it is a hole of the country (e.g. Lesotho inside South Africa). */
  holes: boolean[];
  bbox: BBox;
  /** Label and marker point: the centroid of the largest ring (so French Guiana does not pull France to sea). */
  centroid: [number, number];
  /** A point inside the largest ring (the centroid when it is inside): for labels and clicks. */
  label: [number, number];
  /** Projected area in px² (outer rings minus holes). */
  area: number;
  /** True when too small to draw as a shape: drawn and hit as a circle at the centroid. */
  marker: boolean;
}

/** The whole projected map. */
export interface MapGeometry {
  width: number;
  height: number;
  /** Countries, largest first (draw in this order so enclaves land on top). */
  countries: CountryShape[];
  byNumeric: Map<string, CountryShape>;
  /** World pixels of a [longitude, latitude] point (capitals), or null off the projection. */
  project(lon: number, lat: number): [number, number] | null;
}

export interface GeometryOptions {
  /** Area threshold (px²) under which a country becomes a marker. */
  markerArea?: number;
}

/** A d3 path context that records rings instead of drawing. */
class RingRecorder {
  rings: number[][] = [];
  private current: number[] | null = null;
  beginPath(): void {}
  moveTo(x: number, y: number): void {
    this.current = [x, y];
    this.rings.push(this.current);
  }
  lineTo(x: number, y: number): void {
    if (!this.current) this.moveTo(x, y);
    else this.current.push(x, y);
  }
  closePath(): void {
    this.current = null;
  }
  arc(): void {}
}

/** Signed area of a flat ring (shoelace). */
export function ringArea(ring: readonly number[]): number {
  let a = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const x0 = ring[i] as number;
    const y0 = ring[i + 1] as number;
    const x1 = ring[(i + 2) % n] as number;
    const y1 = ring[(i + 3) % n] as number;
    a += x0 * y1 - x1 * y0;
  }
  return a / 2;
}

function ringCentroid(ring: readonly number[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const x0 = ring[i] as number;
    const y0 = ring[i + 1] as number;
    const x1 = ring[(i + 2) % n] as number;
    const y1 = ring[(i + 3) % n] as number;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-9) {
    // Degenerate ring: average its points.
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i += 2) {
      sx += ring[i] as number;
      sy += ring[i + 1] as number;
    }
    const k = Math.max(1, n / 2);
    return [sx / k, sy / k];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Even-odd point-in-ring test. */
export function pointInRing(ring: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i] as number;
    const yi = ring[i + 1] as number;
    const xj = ring[j] as number;
    const yj = ring[j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The middle of the widest horizontal run of a ring near height y (a point inside a concave ring). */
function insidePoint(ring: readonly number[], y0: number): [number, number] {
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 1; i < ring.length; i += 2) {
    minY = Math.min(minY, ring[i] as number);
    maxY = Math.max(maxY, ring[i] as number);
  }
  let best: [number, number] = [ring[0] as number, ring[1] as number];
  let bestScore = -Infinity;
  const steps = 24;
  for (let s = 0; s <= steps; s++) {
    const y = minY + ((maxY - minY) * (s + 0.5)) / (steps + 1);
    const xs: number[] = [];
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const xi = ring[i] as number;
      const yi = ring[i + 1] as number;
      const xj = ring[j] as number;
      const yj = ring[j + 1] as number;
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = (xs[k + 1] as number) - (xs[k] as number);
      // Prefer wide runs close to the centroid's height.
      const score = w - Math.abs(y - y0) * 0.5;
      if (score > bestScore) {
        bestScore = score;
        best = [((xs[k] as number) + (xs[k + 1] as number)) / 2, y];
      }
    }
  }
  return best;
}

/**
 * Projects every country with an id onto an Equal Earth map fitted to width × height.
 * `topology` is a world-atlas countries topology (objects.countries).
 */
export function buildGeometry(
  topology: Topology,
  width: number,
  height: number,
  options: GeometryOptions = {},
): MapGeometry {
  const markerArea = options.markerArea ?? DEFAULT_MARKER_AREA;
  const object = topology.objects.countries as GeometryCollection<{ name?: string }>;
  const fc = feature(topology, object) as FeatureCollection<Geometry, { name?: string }>;
  const projection = geoEqualEarth().fitSize([width, height], fc);
  const countries: CountryShape[] = [];
  for (const f of fc.features as Feature<Geometry, { name?: string }>[]) {
    if (f.id === undefined || f.id === null || f.id === '' || !f.geometry) continue;
    const numeric = String(f.id).padStart(3, '0');
    const rec = new RingRecorder();
    geoPath(projection, rec as unknown as CanvasRenderingContext2D)(f);
    const polygons = rec.rings.filter((r) => r.length >= 6);
    if (polygons.length === 0) continue;
    const areas = polygons.map(ringArea);
    // The largest ring is an exterior ring: rings winding the other way are holes.
    let largest = 0;
    for (let i = 1; i < areas.length; i++) {
      if (Math.abs(areas[i] as number) > Math.abs(areas[largest] as number)) largest = i;
    }
    const outerSign = Math.sign(areas[largest] as number) || 1;
    const holes = areas.map((a) => Math.sign(a) === -outerSign);
    let area = 0;
    areas.forEach((a) => {
      area += a * outerSign;
    });
    const bbox: BBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const ring of polygons) {
      for (let i = 0; i < ring.length; i += 2) {
        const x = ring[i] as number;
        const y = ring[i + 1] as number;
        if (x < bbox.minX) bbox.minX = x;
        if (x > bbox.maxX) bbox.maxX = x;
        if (y < bbox.minY) bbox.minY = y;
        if (y > bbox.maxY) bbox.maxY = y;
      }
    }
    const outer = polygons[largest] as number[];
    const centroid = ringCentroid(outer);
    countries.push({
      numeric,
      name: f.properties?.name ?? numeric,
      polygons,
      holes,
      bbox,
      centroid,
      label: pointInRing(outer, centroid[0], centroid[1]) ? centroid : insidePoint(outer, centroid[1]),
      area: Math.max(0, area),
      marker: area < markerArea,
    });
  }
  countries.sort((a, b) => b.area - a.area);
  const byNumeric = new Map<string, CountryShape>();
  for (const c of countries) {
    // Keep the first (largest) shape if an id were repeated.
    if (!byNumeric.has(c.numeric)) byNumeric.set(c.numeric, c);
  }
  const project = (lon: number, lat: number): [number, number] | null => {
    const p = projection([lon, lat]);
    return p && Number.isFinite(p[0]) && Number.isFinite(p[1]) ? [p[0], p[1]] : null;
  };
  return { width, height, countries, byNumeric, project };
}

/**
 * The country under a world-pixel point, or null. Markers are hit within `markerRadius`
 * (pass radius / zoom when the map is zoomed, so markers keep a constant screen size).
 */
export function hitTest(
  geometry: MapGeometry,
  x: number,
  y: number,
  markerRadius: number = DEFAULT_MARKER_RADIUS,
  accept?: (numeric: string) => boolean,
): string | null {
  // The smallest containing shape (enclaves over their surroundings).
  let shape: string | null = null;
  for (let k = geometry.countries.length - 1; k >= 0; k--) {
    const c = geometry.countries[k] as CountryShape;
    if (c.marker || (accept && !accept(c.numeric))) continue;
    const b = c.bbox;
    if (x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) continue;
    let inside = false;
    for (const ring of c.polygons) if (pointInRing(ring, x, y)) inside = !inside;
    if (inside) {
      shape = c.numeric;
      break;
    }
  }
  // The nearest marker within the radius (within half of it over another country's shape).
  const radius = shape ? markerRadius / 2 : markerRadius;
  let marker: string | null = null;
  let bestD = radius * radius;
  for (const c of geometry.countries) {
    if (!c.marker || (accept && !accept(c.numeric))) continue;
    const dx = c.centroid[0] - x;
    const dy = c.centroid[1] - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      marker = c.numeric;
    }
  }
  return marker ?? shape;
}

/** Centre of a nation's members for link endpoints: area-weighted centroid of its member shapes. */
export function groupAnchor(geometry: MapGeometry, numerics: readonly string[]): [number, number] | null {
  let w = 0;
  let sx = 0;
  let sy = 0;
  for (const n of numerics) {
    const c = geometry.byNumeric.get(n);
    if (!c) continue;
    const weight = Math.max(c.area, 1);
    w += weight;
    sx += c.centroid[0] * weight;
    sy += c.centroid[1] * weight;
  }
  return w > 0 ? [sx / w, sy / w] : null;
}

/**
 * A world point where hitTest finds this country (its label, or a nearby point when a marker or an
 * enclave covers the label), or null when the country is unknown.
 */
export function clickPoint(
  geometry: MapGeometry,
  numeric: string,
  markerRadius: number = DEFAULT_MARKER_RADIUS,
  accept?: (numeric: string) => boolean,
  margin: number = markerRadius / 3,
): [number, number] | null {
  const c = geometry.byNumeric.get(numeric);
  if (!c) return null;
  if (c.marker) return c.centroid;
  // A point whose neighbours within `margin` hit too, so rounding of pointer positions cannot miss.
  const solid = (x: number, y: number) =>
    [
      [0, 0],
      [margin, 0],
      [-margin, 0],
      [0, margin],
      [0, -margin],
    ].every(
      ([dx, dy]) =>
        hitTest(geometry, x + (dx as number), y + (dy as number), markerRadius, accept) === numeric,
    );
  if (solid(c.label[0], c.label[1])) return c.label;
  const b = c.bbox;
  let best: [number, number] | null = null;
  let fallback: [number, number] | null = null;
  let bestD = Infinity;
  let fallbackD = Infinity;
  const n = 40;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      const x = b.minX + ((b.maxX - b.minX) * i) / n;
      const y = b.minY + ((b.maxY - b.minY) * j) / n;
      const d = (x - c.label[0]) ** 2 + (y - c.label[1]) ** 2;
      if (d >= fallbackD && d >= bestD) continue;
      if (hitTest(geometry, x, y, markerRadius, accept) !== numeric) continue;
      if (d < fallbackD) {
        fallbackD = d;
        fallback = [x, y];
      }
      if (d < bestD && solid(x, y)) {
        bestD = d;
        best = [x, y];
      }
    }
  }
  return best ?? fallback ?? c.label;
}
