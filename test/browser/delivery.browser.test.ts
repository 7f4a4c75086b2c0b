/**
 * Delivery to the browser (issue 17): what a first visit costs on the wire and the headers that make
 * a second one cheap. Bytes only: the time from Play now to the map is printed by
 * `npm run bench:client`, never asserted.
 */
import { get } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryRun, measureQuickPlay } from '../../scripts/benchClient.ts';
import { type ServerProcess, startServer, stopServer, testPort } from '../server/harness.ts';
import { ensureClientBuilt, HAVE_BROWSER, launch } from './browser.ts';

const PORT = testPort();
/** First load through quick play, every response's transfer size (brotli, as Chromium asks). */
const QUICK_PLAY_BUDGET = 700_000;
/** The home screen's JavaScript and CSS, gzipped, before it is usable. */
const HOME_GZIP_BUDGET = 170_000;
const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

/** A raw GET (no decompression) with the given request headers. */
function raw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    bytes: number;
  }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => {
        bytes += d.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    }).on('error', reject);
  });
}

describe.skipIf(!HAVE_BROWSER)('delivery to the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let brotli: DeliveryRun;

  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServer(PORT);
    browser = await launch();
    brotli = await measureQuickPlay(browser, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server, 'SIGTERM');
  });

  it('a first load through quick play stays within 700 KB on the wire', () => {
    const paths = brotli.responses.map((r) => `${r.bytes} ${new URL(r.url).pathname}`).join('\n');
    expect(brotli.totalBytes, paths).toBeLessThanOrEqual(QUICK_PLAY_BUDGET);
    // The map's code and geometry came while the player was on home, not after Play now.
    const map = brotli.responses.filter((r) => /\/assets\/(phaser|world-atlas)-/.test(r.url));
    expect(map.length).toBe(2);
  });

  it('the home screen needs at most 170 KB of gzipped JS and CSS', async () => {
    const gzip = await measureQuickPlay(browser, server.url, 0, 'gzip');
    const home = gzip.responses.filter((r) => r.home && (r.type === 'Script' || r.type === 'Stylesheet'));
    // Every file over 1 KB came gzipped (the smaller ones have no compressed copy).
    for (const r of home)
      if (Number(r.headers['content-length'] ?? 0) > 1024 || r.headers['content-encoding'])
        expect(r.headers['content-encoding'], r.url).toBe('gzip');
    expect(gzip.homeScriptBytes).toBeLessThanOrEqual(HOME_GZIP_BUDGET);
    // Phaser is not part of it.
    expect(home.some((r) => r.url.includes('/assets/phaser-'))).toBe(false);
  }, 60_000);

  it('hashed assets are brotli for Chromium, vary by encoding and are cached a year as immutable', () => {
    const assets = brotli.responses.filter((r) => new URL(r.url).pathname.startsWith('/assets/'));
    expect(assets.length).toBeGreaterThan(5);
    for (const r of assets) {
      expect(r.headers['cache-control'], r.url).toBe(YEAR_IMMUTABLE);
      expect(r.headers.vary, r.url).toMatch(/accept-encoding/i);
      // Files under 1 KB are not worth a compressed copy.
      if (Number(r.headers['content-length'] ?? 2000) > 1024 || r.headers['content-encoding'])
        expect(r.headers['content-encoding'], r.url).toBe('br');
    }
    const document = brotli.responses.find((r) => r.type === 'Document');
    expect(document?.headers['cache-control']).toBe('no-cache');
    expect(document?.headers.etag).toBeTruthy();
  });

  it('the JSON API is compressed on the fly; index.html revalidates; the favicon is real', async () => {
    const scenario = await raw(`${server.url}/api/scenarios/three-powers`, { 'accept-encoding': 'gzip' });
    expect(scenario.headers['content-encoding']).toBe('gzip');
    expect(String(scenario.headers.vary)).toMatch(/accept-encoding/i);
    const br = await raw(`${server.url}/api/scenarios/three-powers`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    const plain = await raw(`${server.url}/api/scenarios/three-powers`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.bytes * 3).toBeLessThan(plain.bytes);

    const page = await raw(`${server.url}/?code=K7QXM`, { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const again = await raw(`${server.url}/`, {
      'accept-encoding': 'gzip',
      'if-none-match': String(page.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');

    const icon = await raw(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    // A file that is not there is a 404, never the HTML page.
    for (const path of ['/favicon.ico', '/assets/gone-0000.js']) {
      const missing = await raw(`${server.url}${path}`);
      expect(missing.status, path).toBe(404);
      expect(String(missing.headers['content-type']), path).not.toMatch(/html/);
      expect(missing.headers['cache-control'], path).toBeUndefined();
    }
  });
});
