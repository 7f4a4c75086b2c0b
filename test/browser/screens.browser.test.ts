/**
 * Every screen a class brings, at the five sizes of a class's devices: a phone (390×844), a tablet
 * both ways (768×1024, 1024×768), a school Chromebook (1366×768) and a projector (1920×1080). For
 * home, lobby, orders, the round report, the console, the projector and the debrief: the page never
 * scrolls sideways, the phase tabs are the topmost element at their centre (nothing covers them),
 * and the map canvas follows its container after every resize and rotation. Then the map: a round's
 * resolution animates the markets that changed leader, and the scene stops rendering when idle.
 * Screenshots at the five sizes go to docs/screenshots/sizes with `npm run screenshots`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer, stopServer, testPort } from '../server/harness.ts';
import { ensureClientBuilt, HAVE_BROWSER, launch } from './browser.ts';

const PORT = testPort();
export const SIZES = [
  [390, 844],
  [768, 1024],
  [1024, 768],
  [1366, 768],
  [1920, 1080],
] as const;
let server: ServerProcess;
let browser: Browser;
const DOCS = process.env.SOVEREIGN_SCREENSHOTS === '1';
/** The screens kept in docs/screenshots/sizes (all of them go to SOVEREIGN_SHOTS_DIR). */
const DOC_SHOTS = ['orders', 'report', 'projector'];
const SHOTS = DOCS
  ? join(import.meta.dirname, '..', '..', 'docs', 'screenshots', 'sizes')
  : process.env.SOVEREIGN_SHOTS_DIR;

interface Fit {
  scrollWidth: number;
  innerWidth: number;
  wide: string[];
  /** The tabs' centre is covered by something else (its description), or null. */
  tabsCovered: string | null;
  /** Canvas and container widths and heights, or null without a map. */
  canvas: { cw: number; ch: number; hw: number; hh: number } | null;
}

/** Measures what the issue asks at the current size, after the layout settled. */
async function measure(page: Page): Promise<Fit> {
  // Two frames for ResizeObserver and the canvas to follow.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))),
  );
  return page.evaluate(() => {
    const tabs = document.querySelector('.tabs [role="tab"]');
    let tabsCovered: string | null = null;
    if (tabs) {
      const r = tabs.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!top || !(top === tabs || tabs.contains(top)))
        tabsCovered = top ? `${top.tagName}.${top.className}` : 'nothing (off-screen)';
    }
    const host = document.querySelector('[data-testid="map"]') as HTMLElement | null;
    const canvas = host?.querySelector('canvas');
    // The deepest elements that stick out on the right, to say what is too wide.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && e.children.length === 0)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return {
      wide,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      tabsCovered,
      canvas:
        host && canvas && host.offsetParent !== null
          ? {
              cw: canvas.getBoundingClientRect().width,
              ch: canvas.getBoundingClientRect().height,
              hw: host.clientWidth,
              hh: host.clientHeight,
            }
          : null,
    };
  });
}

/** Critical and serious axe violations, as "rule: target" lines. */
async function axe(page: Page): Promise<string[]> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const problems: string[] = [];
const widths: Record<string, string[]> = {};

/** Every size in turn (the two tablet sizes are a rotation), then back from the projector to a Chromebook. */
async function everySize(page: Page, name: string, opts: { tabs?: boolean; map?: boolean; axe?: boolean }) {
  const sequence = [...SIZES, [1366, 768] as const];
  for (const [i, [width, height]] of sequence.entries()) {
    await page.setViewportSize({ width, height });
    const fit = await measure(page);
    const where = `${name} at ${width}×${height}${i === SIZES.length ? ' (shrunk from 1920)' : ''}`;
    widths[name] = [...(widths[name] ?? []), `${width}:${fit.scrollWidth}`];
    if (fit.scrollWidth > fit.innerWidth)
      problems.push(`${where}: scrollWidth ${fit.scrollWidth} (${fit.wide.join(', ')})`);
    if (opts.tabs && fit.tabsCovered) problems.push(`${where}: tabs covered by ${fit.tabsCovered}`);
    if (opts.map) {
      if (!fit.canvas) problems.push(`${where}: no visible map`);
      else if (Math.abs(fit.canvas.cw - fit.canvas.hw) > 1 || Math.abs(fit.canvas.ch - fit.canvas.hh) > 1)
        problems.push(
          `${where}: canvas ${fit.canvas.cw}×${fit.canvas.ch} in ${fit.canvas.hw}×${fit.canvas.hh}`,
        );
    }
    if (SHOTS && i < SIZES.length && (!DOCS || DOC_SHOTS.includes(name)))
      await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
    if (opts.axe !== false && (width === 390 || width === 1366) && i < SIZES.length)
      for (const v of await axe(page)) problems.push(`${where}: axe ${v}`);
  }
}

async function person(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  return page;
}

/** Frames the map rendered and the page's CPU time (share of a core) over 2 s of idling. */
async function idleFigures(page: Page): Promise<{ frames: number; cpu: number }> {
  await expect
    .poll(() => page.evaluate(() => window.__sovereignMap?.awake()), { timeout: 15_000 })
    .toBe(false);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ??
      0) as number;
  const f0 = await page.evaluate(() => window.__sovereignMap?.renderedFrames() ?? 0);
  const t0 = await task();
  const w0 = Date.now();
  await page.waitForTimeout(2000);
  const f1 = await page.evaluate(() => window.__sovereignMap?.renderedFrames() ?? 0);
  const cpu = (await task()) - t0;
  await cdp.detach();
  return { frames: f1 - f0, cpu: Math.round((cpu / ((Date.now() - w0) / 1000)) * 1000) / 10 };
}

const waitPhase = (page: Page, want: string) =>
  page.waitForSelector(`[data-testid="phase"][data-phase="${want}"]`, { timeout: 20_000 });

describe.skipIf(!HAVE_BROWSER)('every screen at every size', () => {
  beforeAll(async () => {
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    ensureClientBuilt();
    server = await startServer(PORT);
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server, 'SIGTERM');
  });

  it('home, lobby, orders, report, console, projector and debrief fit a phone, tablets, a Chromebook and a projector', async () => {
    const fac = await person(server.url);
    await fac.fill('#name', 'Ms Diallo');
    await everySize(fac, 'home', {});
    await fac.selectOption('#scenario', 'sovereign-ai-2026');
    for (const id of ['#t-briefing', '#t-negotiation', '#t-orders']) await fac.fill(id, '0');
    await fac.locator('#create').click();
    await fac.waitForSelector('.join-code');
    const code = ((await fac.locator('.join-code').first().textContent()) ?? '').trim().slice(0, 5);

    const ann = await person(server.url);
    await ann.fill('#name', 'Ann');
    await ann.fill('#code', code);
    await ann.locator('#join-code').click();
    await ann.locator('.nation-pick button[data-nation="US"]').click();
    await ann.waitForSelector('[data-screen="lobby"]');
    const screen = await person(server.url);
    await screen.fill('#name', 'Projector');
    await screen.fill('#code', code);
    await screen.locator('#join-code').click();
    await screen.locator('[data-role="spectator"]').click();
    await screen.waitForSelector('[data-screen="lobby"]');
    await everySize(fac, 'lobby', {});
    await everySize(ann, 'lobby-player', {});

    await fac.locator('#start').click();
    for (const p of [fac, ann, screen]) await waitPhase(p, 'briefing');
    for (const want of ['negotiation', 'orders']) {
      await ann.locator('#ready').click();
      await waitPhase(ann, want);
    }
    await ann.waitForFunction(() => (window.__sovereignMap?.drawnCountries() ?? 0) > 200, undefined, {
      timeout: 20_000,
    });
    await everySize(ann, 'orders', { tabs: true, map: true });
    for (const tab of ['dashboard', 'chat', 'news']) {
      await ann.locator(`[data-tab="${tab}"]`).click();
      for (const v of await axe(ann)) problems.push(`${tab} tab: axe ${v}`);
    }
    await ann.locator('[data-tab="orders"]').click();
    await ann.setViewportSize({ width: 1366, height: 768 });

    // The map sleeps when idle: no frame rendered over 2 s, and little CPU.
    const idle = await idleFigures(ann);
    console.log(`idle before the resolution: ${JSON.stringify(idle)}`);
    expect(idle.frames).toBeLessThanOrEqual(1);
    // The arrow keys pan (the map wakes, renders, and sleeps again); labels appear with zoom.
    await ann.locator('[data-testid="map"]').focus();
    const labelsBefore = await ann.evaluate(() => window.__sovereignMap?.visibleLabels().length ?? 0);
    const framesBefore = await ann.evaluate(() => window.__sovereignMap?.renderedFrames() ?? 0);
    for (const key of ['+', '+', '+', 'ArrowRight', 'ArrowDown']) await ann.keyboard.press(key);
    await expect
      .poll(() => ann.evaluate(() => window.__sovereignMap?.renderedFrames() ?? 0))
      .toBeGreaterThan(framesBefore);
    await expect
      .poll(() => ann.evaluate(() => window.__sovereignMap?.visibleLabels().length ?? 0))
      .toBeGreaterThan(labelsBefore);
    await ann.keyboard.press('0');
    await expect.poll(() => ann.evaluate(() => window.__sovereignMap?.awake())).toBe(false);

    type Adoption = Record<string, Record<string, number>>;
    const adoptionOf = (page: Page) =>
      page.evaluate(
        () =>
          (
            window as unknown as { __sovereign: { state(): { view: { adoption: Adoption } } } }
          ).__sovereign.state().view.adoption,
      );
    const before = await adoptionOf(ann);
    await ann.locator('#submit-orders').click();
    await ann.waitForSelector('[data-testid="round-report"][open]', { timeout: 30_000 });
    // The markets whose leader changed are the ones animated, largest first.
    const after = await adoptionOf(ann);
    const lead = (shares: Record<string, number> | undefined) =>
      Object.entries(shares ?? {}).reduce<[string, number] | null>(
        (b, e) => (!b || e[1] > b[1] ? e : b),
        null,
      )?.[0];
    const changed = Object.keys(after).filter((m) => lead(before[m]) && lead(before[m]) !== lead(after[m]));
    const pulsed = await ann.evaluate(() => window.__sovereignMap?.pulsedMarkets() ?? []);
    console.log(`markets that changed leader: ${changed.length}; animated: ${pulsed.join(' ')}`);
    expect(new Set(pulsed)).toEqual(new Set(changed.length > 16 ? pulsed : changed));
    if (changed.length) expect(await ann.evaluate(() => window.__sovereignMap?.awake())).toBe(true);
    // Once played, the map goes back to sleep.
    await expect
      .poll(() => ann.evaluate(() => window.__sovereignMap?.awake()), { timeout: 15_000 })
      .toBe(false);
    const idleAfter = await idleFigures(ann);
    console.log(`idle after the resolution: ${JSON.stringify(idleAfter)}`);
    expect(idleAfter.frames).toBeLessThanOrEqual(1);
    await everySize(ann, 'report', {});
    await ann.keyboard.press('Escape');

    await fac.waitForSelector('[data-testid="round-report"][open]');
    await fac.keyboard.press('Escape');
    await fac.locator('[data-tab="console"]').click();
    await everySize(fac, 'console', { tabs: true, map: true });
    await everySize(screen, 'projector', { map: true });

    await fac.locator('#c-end').click();
    await fac.locator('#c-end-confirm').click();
    await ann.waitForSelector('[data-screen="debrief"]', { timeout: 20_000 });
    await everySize(ann, 'debrief', {});

    console.log(
      `scrollWidth per screen (viewport:scrollWidth):\n${Object.entries(widths)
        .map(([k, v]) => `  ${k}: ${v.join(' ')}`)
        .join('\n')}`,
    );
    expect(problems).toEqual([]);
    for (const p of [fac, ann, screen]) await p.context().close();
  }, 400_000);
});
