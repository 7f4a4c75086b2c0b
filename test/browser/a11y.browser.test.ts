/**
 * Accessibility beyond axe's rules (axe itself runs on every screen in screens.browser.test.ts):
 * the map has a role, a name and a description, and a table of the same facts that sorts from the
 * keyboard; phase changes are announced in a polite live region; a budget line's explanation opens
 * with a tap; the map pans with the arrow keys; each debrief chart has its data table.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer, stopServer, testPort } from '../server/harness.ts';
import { ensureClientBuilt, HAVE_BROWSER, launch, playToDebrief } from './browser.ts';

const PORT = testPort();
let server: ServerProcess;
let browser: Browser;

async function axeSerious(page: Page): Promise<string[]> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!HAVE_BROWSER)('accessible', () => {
  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServer(PORT);
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server, 'SIGTERM');
  });

  it('map table, live region, tap tooltips, keyboard pan and chart tables', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const me = await context.newPage();
    me.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await me.goto(server.url);
    expect(await me.locator('h1').count()).toBe(1);
    await me.fill('#name', 'Solo');
    await me.locator('#quick-play').click();
    await me.waitForSelector('[data-testid="phase"]');
    await me.waitForFunction(() => (window.__sovereignMap?.drawnCountries() ?? 0) > 200, undefined, {
      timeout: 20_000,
    });

    // The phase is announced politely.
    const live = me.locator('[data-testid="announce"]');
    expect(await live.getAttribute('role')).toBe('status');
    await expect.poll(() => live.textContent()).toMatch(/Round 1 of \d+: Briefing/);

    // The map: an image with a name and a description that says who leads where.
    const map = me.locator('[data-testid="map"]');
    expect(await map.getAttribute('role')).toBe('img');
    expect(await map.getAttribute('aria-label')).toMatch(/World map/);
    const described = await map.getAttribute('aria-describedby');
    expect(await me.locator(`#${described}`).textContent()).toMatch(/United States in \d+/);

    // The arrow keys pan: the map renders again, then sleeps.
    await map.focus();
    await me.keyboard.press('+');
    const frames = await me.evaluate(() => window.__sovereignMap?.renderedFrames() ?? 0);
    await me.keyboard.press('ArrowLeft');
    await expect
      .poll(() => me.evaluate(() => window.__sovereignMap?.renderedFrames() ?? 0))
      .toBeGreaterThan(frames);
    await expect.poll(() => me.evaluate(() => window.__sovereignMap?.awake())).toBe(false);

    // The map as a table, from the keyboard: open it, sort by country, then by share.
    await me.locator('[data-testid="map-table"] summary').focus();
    await me.keyboard.press('Enter');
    const rows = me.locator('[data-testid="map-table"] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(150);
    await me.locator('[data-testid="map-table"] button[data-sort="name"]').focus();
    await me.keyboard.press('Enter');
    expect(await me.locator('th[aria-sort="ascending"] [data-sort="name"]').count()).toBe(1);
    const names = await me.locator('[data-testid="map-table"] tbody th').allTextContents();
    expect(names.slice(0, 5)).toEqual([...names.slice(0, 5)].sort((a, b) => a.localeCompare(b)));
    // The focus stays on the header after the table is redrawn.
    expect(await me.evaluate(() => (document.activeElement as HTMLElement).dataset.sort)).toBe('name');
    await me.keyboard.press('Tab');
    await me.keyboard.press('Enter');
    expect(await me.locator('th[aria-sort] [data-sort="leader"]').count()).toBe(1);

    // On a phone the map folds away; the tabs stay reachable.
    await me.locator('[data-testid="map-toggle"]').tap();
    expect(await map.isVisible()).toBe(false);
    expect(await me.locator('[data-testid="map-toggle"]').getAttribute('aria-expanded')).toBe('false');

    // A budget line's explanation opens with a tap, without opening the keyboard on its field.
    await me.locator('[data-tab="orders"]').tap();
    const tip = me.locator('[data-tooltip="budget.compute"]');
    await tip.tap();
    await expect.poll(() => me.locator('[data-tip-text="budget.compute"]').isVisible()).toBe(true);
    expect(await me.evaluate(() => document.activeElement?.id)).not.toBe('o-budget-compute');
    expect(await axeSerious(me)).toEqual([]);

    // To the debrief: every chart has a table of its figures.
    await playToDebrief(me, (page) => page.keyboard.press('Escape'));
    const charts = await me.locator('[data-chart]').count();
    expect(charts).toBeGreaterThan(3);
    expect(await me.locator('[data-chart-table]').count()).toBe(charts);
    await me.locator('[data-chart-table="trust"] summary').click();
    expect(await me.locator('[data-chart-table="trust"] tbody tr').count()).toBeGreaterThan(1);
    expect(await axeSerious(me)).toEqual([]);
    await context.close();
  }, 240_000);
});
