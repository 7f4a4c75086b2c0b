/**
 * Browser-test support: Debian's Chromium driven by playwright-core, the built client served by a
 * real server process. Without Chromium the browser tests are skipped with a plain message, unless
 * SOVEREIGN_BROWSER_TESTS=required (as in CI), where a missing browser is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BROWSER_REQUIRED = process.env.SOVEREIGN_BROWSER_TESTS === 'required';
export const HAVE_BROWSER = existsSync(CHROMIUM);
const root = join(import.meta.dirname, '..', '..');

if (!HAVE_BROWSER && !BROWSER_REQUIRED) {
  console.warn(
    `\n*** Browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n`,
  );
}
if (!HAVE_BROWSER && BROWSER_REQUIRED) {
  throw new Error(`SOVEREIGN_BROWSER_TESTS=required but there is no Chromium at ${CHROMIUM}`);
}

/** Builds the client once if `npm run build` has not. */
export function ensureClientBuilt(): void {
  if (existsSync(join(root, 'dist', 'client', 'index.html'))) return;
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr}`);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page in its own context (its own localStorage: a separate person). */
export async function person(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  return page;
}

/**
 * Plays as a person would, acting on what the page shows next (no fixed sleeps), until the debrief:
 * closes the round report with `closeReport`, submits in the orders phase, says ready in the others.
 */
export async function playToDebrief(me: Page, closeReport: (me: Page) => Promise<void>): Promise<void> {
  for (let guard = 0; guard < 100; guard++) {
    const next = await me.waitForFunction(
      () => {
        if (document.querySelector('[data-screen="debrief"]')) return 'debrief';
        if (document.querySelector('[data-testid="round-report"][open]')) return 'report';
        const phase = document.querySelector('[data-testid="phase"]')?.getAttribute('data-phase');
        const submitted = document.querySelector('[data-testid="submit-state"]')?.textContent ?? '';
        if (phase === 'orders' && !submitted.startsWith('Submitted')) return 'orders';
        const ready = document.querySelector('#ready');
        if (
          (phase === 'briefing' || phase === 'negotiation') &&
          ready?.getAttribute('aria-pressed') === 'false'
        )
          return 'ready';
        return false;
      },
      undefined,
      { timeout: 20_000 },
    );
    const what = await next.jsonValue();
    if (what === 'debrief') return;
    // The page may move on between reading it and clicking (the bots are quick): then read it again.
    const act = (selector: string) =>
      me
        .locator(selector)
        .click({ timeout: 2_000 })
        .catch(() => undefined);
    if (what === 'report') await closeReport(me);
    else if (what === 'orders') await act('#submit-orders');
    else await act('#ready');
  }
}

/** Saves a screenshot to docs/screenshots when SOVEREIGN_SCREENSHOTS=1 (npm run screenshots). */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SOVEREIGN_SCREENSHOTS !== '1') return;
  const dir = join(root, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** How many distinct colours a canvas region shows: a blank canvas shows one. */
export async function canvasColours(page: Page): Promise<{ colours: number; opaque: number }> {
  const png = await page.locator('[data-testid="map"] canvas').first().screenshot();
  return page.evaluate(
    async (bytes) => {
      const blob = new Blob([new Uint8Array(bytes)], { type: 'image/png' });
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) return { colours: 0, opaque: 0 };
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const seen = new Set<number>();
      let opaque = 0;
      for (let i = 0; i < data.length; i += 16) {
        seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
        if ((data[i + 3] ?? 0) > 0) opaque++;
      }
      return { colours: seen.size, opaque };
    },
    [...png],
  );
}

/** A hash of the map canvas pixels, to see that the map changed. */
export async function mapSignature(page: Page): Promise<string> {
  const png = await page.locator('[data-testid="map"] canvas').first().screenshot();
  let h = 0;
  for (const b of png) h = (h * 31 + b) >>> 0;
  return `${png.length}:${h}`;
}
