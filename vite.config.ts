import { readFileSync } from 'node:fs';
import { constants } from 'node:zlib';
import { quantize } from 'topojson-client';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/** Grid of the map's shipped coordinates: 360°/20,000 = 0.018°, under a screen pixel at the map's deepest zoom. */
const MAP_QUANTIZATION = 2e4;

/**
 * world-atlas ships its 1:50m countries on a 100,000-step grid with a `land` object the client never
 * draws. Snapped to MAP_QUANTIZATION (topojson-client's own quantize, which keeps every arc and
 * topology) and without `land`, the same shapes cost 30% fewer bytes on the wire.
 */
function leanWorldAtlas(): Plugin {
  return {
    name: 'sovereign:lean-world-atlas',
    enforce: 'pre',
    load(id) {
      if (!/world-atlas[\\/]countries-50m\.json$/.test(id)) return null;
      const atlas = JSON.parse(readFileSync(id, 'utf8')) as Parameters<typeof quantize>[0];
      if (!atlas.transform) return null;
      const { scale, translate } = atlas.transform;
      // Back to degrees (the arcs are delta-encoded integers), then onto the coarser grid.
      const arcs = atlas.arcs.map((arc) => {
        let x = 0;
        let y = 0;
        return arc.map(([dx = 0, dy = 0]) => {
          x += dx;
          y += dy;
          return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
        });
      });
      const { countries } = atlas.objects;
      if (!countries) return null;
      const { transform: _, ...degrees } = atlas;
      return JSON.stringify(quantize({ ...degrees, arcs, objects: { countries } }, MAP_QUANTIZATION));
    },
  };
}

/**
 * The browser client: built from client/ into dist/client, which the game server serves
 * (server/static.ts). Every asset over 1 KB also gets a brotli (`.br`) and a gzip (`.gz`) copy,
 * written once here at the highest levels so that the server never compresses a file per request.
 */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Phaser alone is 1.37 MB minified: its own chunk, loaded only for the map (prefetched on the home screen).
    chunkSizeWarningLimit: 1400,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'phaser', test: /node_modules[\\/]phaser[\\/]/ },
            { name: 'world-atlas', test: /node_modules[\\/]world-atlas[\\/]/ },
            { name: 'charts', test: /node_modules[\\/](chart\.js|@kurkle)[\\/]/ },
          ],
        },
      },
    },
  },
  plugins: [
    leanWorldAtlas(),
    compression({
      threshold: 1024,
      include: /\.(js|css|html|json|svg|txt)$/,
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
    }),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:2567',
      '/health': 'http://localhost:2567',
      '/matchmake': { target: 'http://localhost:2567', ws: true },
    },
  },
});
