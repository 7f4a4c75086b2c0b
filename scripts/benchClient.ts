/**
 * What a first visit costs on the wire: Debian's Chromium (playwright-core) with an empty cache opens
 * the home page of a real server serving the built client, then presses "Play now" and waits for the
 * world map to be drawn. Every HTTP response is summed by its transfer size (Chrome's
 * `encodedDataLength`: headers and body as they crossed the network, compressed or not).
 *
 *   npm run bench:client                       # builds nothing: measures dist/client as it is
 *   npm run bench:client -- --runs 5 --typing 2000 --json
 *   npm run bench:client -- --accept gzip     # as a browser that does not take brotli
 *   npm run bench:client -- --url http://localhost:2567   # an already running server
 *
 * Figures: the home page (every response requested until the home screen is usable), its JS and
 * CSS, the whole first load through quick play (until the map is drawn and the network is quiet),
 * and the time from the click on "Play now" to the map drawn. `--typing` is how long the player
 * takes to type a name before pressing Play now (ms; default 0, the worst case for the time).
 * Timing is printed, never asserted (test/browser/delivery.browser.test.ts asserts bytes only).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession } from 'playwright-core';
import { launch } from '../test/browser/browser.ts';
import { startServer, stopServer } from '../test/server/harness.ts';

/** One HTTP response as the browser received it. */
export interface Delivered {
  url: string;
  status: number;
  /** Chrome's resource type: Document, Script, Stylesheet, Fetch, Image, … */
  type: string;
  /** Bytes on the wire, headers included. */
  bytes: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The request's Accept-Encoding. */
  acceptEncoding: string;
  /** Whether it was requested before the home screen was usable. */
  home: boolean;
}

export interface DeliveryRun {
  responses: Delivered[];
  /** Bytes of every response requested before the home screen was usable. */
  homeBytes: number;
  /** Of which JavaScript and CSS. */
  homeScriptBytes: number;
  /** Bytes of every response up to the map drawn and a quiet network. */
  totalBytes: number;
  /** Milliseconds from the click on Play now to the first drawn map. */
  playToMapMs: number;
  /** Milliseconds from navigation to the home screen usable. */
  homeMs: number;
}

/**
 * Loads the home page with an empty cache, plays quick play and waits for the map. Home's responses
 * are those requested before the client starts preloading the game (its `sovereign:preload` mark),
 * or before the home screen is usable when there is no such mark (builds before the preload).
 */
export async function measureQuickPlay(
  browser: Browser,
  url: string,
  typingMs = 0,
  acceptEncoding?: string,
): Promise<DeliveryRun> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    // e.g. 'gzip': what a browser or proxy without brotli receives.
    ...(acceptEncoding ? { extraHTTPHeaders: { 'Accept-Encoding': acceptEncoding } } : {}),
  });
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  // The client marks the moment it starts preloading the game (main.ts): requests before it are home's.
  await cdp.send('Runtime.enable');
  await page.addInitScript(() => {
    // Told at once (a PerformanceObserver would hear of the mark after the preload's requests).
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      if (name === 'sovereign:preload') console.debug('bench:preload');
      return mark(name, options);
    };
  });
  const pending = new Map<string, Partial<Delivered>>();
  const responses: Delivered[] = [];
  let homeDone = false;
  cdp.on('Network.requestWillBeSent', (e) => {
    pending.set(e.requestId, {
      url: e.request.url,
      type: e.type ?? 'Other',
      acceptEncoding: e.request.headers['Accept-Encoding'] ?? e.request.headers['accept-encoding'] ?? '',
      home: !homeDone,
    });
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const p = pending.get(e.requestId);
    const ae = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding')?.[1];
    if (p && ae) p.acceptEncoding = ae;
  });
  cdp.on('Network.responseReceived', (e) => {
    const p = pending.get(e.requestId);
    if (!p) return;
    p.status = e.response.status;
    p.headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
  });
  cdp.on('Network.loadingFinished', (e) => {
    const p = pending.get(e.requestId);
    if (!p) return;
    pending.delete(e.requestId);
    responses.push({ ...(p as Delivered), bytes: e.encodedDataLength });
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.args[0]?.value === 'bench:preload') homeDone = true;
  });
  let lastActivity = Date.now();
  for (const ev of ['Network.requestWillBeSent', 'Network.loadingFinished'] as const)
    cdp.on(ev, () => {
      lastActivity = Date.now();
    });
  const quiet = async (ms = 500) => {
    while (Date.now() - lastActivity < ms || pending.size > 0) await new Promise((r) => setTimeout(r, 50));
  };

  const t0 = performance.now();
  await page.goto(url);
  await page.waitForSelector('#quick-play', { state: 'visible' });
  await page.waitForLoadState('load');
  // Usable: the page has loaded and the quick-play powers arrived from the server.
  await page.waitForFunction(() => (document.querySelectorAll('#quick-nation option').length ?? 0) > 1);
  homeDone = true;
  const homeMs = performance.now() - t0;
  await page.fill('#name', 'Bench');
  if (typingMs > 0) await page.waitForTimeout(typingMs);
  const clicked = performance.now();
  await page.locator('#quick-play').click();
  await page.waitForFunction(() => (window.__sovereignMap?.drawnCountries() ?? 0) > 0, undefined, {
    timeout: 60_000,
    polling: 10,
  });
  const playToMapMs = performance.now() - clicked;
  await quiet();
  await context.close();
  const sum = (rs: Delivered[]) => rs.reduce((a, r) => a + r.bytes, 0);
  const home = responses.filter((r) => r.home);
  return {
    responses,
    homeBytes: sum(home),
    homeScriptBytes: sum(home.filter((r) => r.type === 'Script' || r.type === 'Stylesheet')),
    totalBytes: sum(responses),
    playToMapMs,
    homeMs,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? ((s[Math.floor((s.length - 1) / 2)] ?? 0) + (s[Math.ceil((s.length - 1) / 2)] ?? 0)) / 2
    : 0;
};
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Number(opt('runs') ?? 3);
  const typingMs = Number(opt('typing') ?? 0);
  const accept = opt('accept');
  const json = args.includes('--json');
  const given = opt('url');
  const server = given
    ? null
    : await startServer(
        40000 + Math.floor(Math.random() * 10000),
        mkdtempSync(join(tmpdir(), 'bench-client-')),
      );
  const url = given ?? server?.url ?? '';
  const browser = await launch();
  try {
    const results: DeliveryRun[] = [];
    for (let i = 0; i < runs; i++) results.push(await measureQuickPlay(browser, url, typingMs, accept));
    const summary = {
      url,
      runs,
      typingMs,
      chromium: browser.version(),
      homeBytes: median(results.map((r) => r.homeBytes)),
      homeScriptBytes: median(results.map((r) => r.homeScriptBytes)),
      totalBytes: median(results.map((r) => r.totalBytes)),
      playToMapMs: Math.round(median(results.map((r) => r.playToMapMs))),
      playToMapMsEach: results.map((r) => Math.round(r.playToMapMs)),
      homeMs: Math.round(median(results.map((r) => r.homeMs))),
      responses: (results[0]?.responses ?? []).map((r) => ({
        path: new URL(r.url).pathname,
        type: r.type,
        status: r.status,
        bytes: r.bytes,
        encoding: r.headers['content-encoding'] ?? '',
        cache: r.headers['cache-control'] ?? '',
        home: r.home,
      })),
      acceptEncoding: results[0]?.responses[0]?.acceptEncoding ?? '',
    };
    if (json) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    console.log(
      `Chromium ${summary.chromium}, empty cache, ${url}, ${runs} run(s), medians; typing ${typingMs} ms`,
    );
    console.log(`Accept-Encoding sent: ${summary.acceptEncoding}`);
    console.log(
      `home page (requested before usable): ${kb(summary.homeBytes)} on the wire, of which JS+CSS ${kb(summary.homeScriptBytes)}; usable after ${summary.homeMs} ms`,
    );
    console.log(`first load through quick play (to the map drawn): ${kb(summary.totalBytes)} on the wire`);
    console.log(
      `Play now → map drawn: ${summary.playToMapMs} ms (each run: ${summary.playToMapMsEach.join(', ')})`,
    );
    console.log('\nresponses of the first run:');
    for (const r of summary.responses)
      console.log(
        `${String(r.bytes).padStart(9)}  ${r.home ? 'home' : 'play'}  ${r.status} ${r.type.padEnd(10)} ${(r.encoding || '-').padEnd(5)} ${(r.cache || '-').padEnd(36)} ${r.path}`,
      );
  } finally {
    await browser.close();
    if (server) await stopServer(server, 'SIGTERM');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
