import { constants } from 'node:zlib';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { defineConfig } from 'vite';

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
