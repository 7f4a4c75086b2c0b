/**
 * The game in a real browser (Debian's Chromium through playwright-core) against the real server
 * serving the built client: a classroom game with a facilitator, two players and a projector, and
 * quick play against bots to the debrief.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer, stopServer, testPort } from '../server/harness.ts';
import {
  canvasColours,
  ensureClientBuilt,
  HAVE_BROWSER,
  launch,
  mapSignature,
  person,
  playToDebrief,
  shot,
} from './browser.ts';

const PORT = testPort();
let server: ServerProcess;
let browser: Browser;

const phase = (page: Page) => page.locator('[data-testid="phase"]').getAttribute('data-phase');

async function waitPhase(page: Page, want: string) {
  await page.waitForSelector(`[data-testid="phase"][data-phase="${want}"]`, { timeout: 15_000 });
}

async function ready(page: Page) {
  await page.locator('#ready').click();
}

describe.skipIf(!HAVE_BROWSER)('in the browser', () => {
  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServer(PORT);
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server, 'SIGTERM');
  });

  it('a facilitator runs a class: players join by code, submit, the round resolves and the map changes', async () => {
    const fac = await person(browser, server.url);
    const facConsole: string[] = [];
    fac.on('console', (m) => facConsole.push(`${m.type()}: ${m.text()}`));
    await fac.fill('#name', 'Ms Diallo');
    await shot(fac, 'home');
    await fac.selectOption('#scenario', 'three-powers');
    for (const id of ['#t-briefing', '#t-negotiation', '#t-orders']) await fac.fill(id, '0');
    await fac.locator('#create').click();
    await fac.waitForSelector('.join-code').catch(async (e: Error) => {
      const said = await fac.locator('.status').first().textContent();
      throw new Error(`${e.message}\npage says: ${said}\nconsole: ${facConsole.join('\n')}`);
    });
    const code = (await fac.locator('.join-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{5}$/);

    const joinAs = async (name: string, nation: string) => {
      const p = await person(browser, server.url);
      await p.fill('#name', name);
      await p.fill('#code', code.toLowerCase());
      await p.locator('#join-code').click();
      await p.locator(`.nation-pick button[data-nation="${nation}"]`).click();
      await p.waitForSelector('[data-screen="lobby"]');
      return p;
    };
    const ann = await joinAs('Ann', 'US');
    const chen = await joinAs('Chen', 'CN');
    const screen = await person(browser, server.url);
    await screen.fill('#name', 'Projector');
    await screen.fill('#code', code);
    await screen.locator('#join-code').click();
    await screen.locator('[data-role="spectator"]').click();
    await screen.waitForSelector('[data-screen="lobby"]');
    await expect.poll(() => fac.locator('.seats li[data-nation="US"]').textContent()).toContain('Ann');
    await shot(ann, 'lobby');
    await shot(fac, 'join');

    await fac.locator('#start').click();
    for (const p of [fac, ann, chen, screen]) await waitPhase(p, 'briefing');
    // The map drew: many colours, not a blank canvas, and every country was baked.
    await screen.waitForFunction(() => (window.__sovereignMap?.drawnCountries() ?? 0) > 200);
    const drawn = await canvasColours(screen);
    expect(drawn.colours).toBeGreaterThan(20);
    const before = await mapSignature(screen);

    for (const want of ['negotiation', 'orders']) {
      await ready(ann);
      await ready(chen);
      await waitPhase(fac, want);
    }
    // A bad order (more than the budget, sent past the form's own checks) gets the server's error by its field.
    await ann.evaluate(() =>
      (window as unknown as { __sovereign: { send(t: string, m: unknown): void } }).__sovereign.send(
        'submit',
        {
          orders: { budget: { compute: 99999 } },
        },
      ),
    );
    await expect.poll(() => ann.locator('[data-error-for="budget"]').textContent()).toMatch(/budget/i);
    // The orders form is filled with the suggested split: submit it.
    await ann.fill('#o-budget-safety', '1');
    await shot(ann, 'orders');
    await ann.locator('#submit-orders').click();
    await expect.poll(() => ann.locator('[data-error-for="budget"]').textContent()).toBe('');
    await chen.selectOption('#o-release', 'open');
    await chen.locator('#submit-orders').click();

    // The round resolves: round 2, a round report, and the map repainted.
    await expect
      .poll(() => screen.locator('[data-testid="round"]').textContent(), { timeout: 15_000 })
      .toContain('2');
    // The projector shows the round's report beside the map, never over it.
    await screen.waitForSelector('[data-testid="round-summary"]:not([hidden])');
    expect(await screen.locator('dialog[open]').count()).toBe(0);
    // Every other screen gets the report as a dialog, closed with Esc.
    for (const p of [fac, ann, chen]) {
      await p.waitForSelector('[data-testid="round-report"][open]');
      await p.keyboard.press('Escape');
      await expect.poll(() => p.locator('[data-testid="round-report"][open]').count()).toBe(0);
    }
    await expect.poll(() => mapSignature(screen), { timeout: 10_000 }).not.toBe(before);
    await shot(screen, 'projector');

    // Hover and click a country: its name and AI stacks.
    const pos = await screen.evaluate(() => window.__sovereignMap?.countryScreenPosition('BR') ?? null);
    expect(pos).not.toBeNull();
    await screen.mouse.click(pos!.x, pos!.y);
    await expect.poll(() => screen.locator('[data-testid="detail-name"]').textContent()).toBe('Brazil');

    // The facilitator pauses and resumes from the console.
    await fac.locator('[data-tab="console"]').click();
    await shot(fac, 'console');
    await fac.locator('#c-pause').click();
    await expect.poll(() => screen.locator('[data-testid="timer"]').textContent()).toMatch(/Paused/);
    await fac.locator('#c-resume').click();
    await expect.poll(() => screen.locator('[data-testid="timer"]').textContent()).not.toMatch(/Paused/);

    // The projector shows nothing private: no orders form, no secret objectives, no team messages.
    await ann.locator('[data-tab="chat"]').click();
    await ann.locator('[data-channel="team"]').click();
    await ann.fill('.chat-input', 'team secret: embargo them next round');
    await ann.locator('.chat-form button').click();
    await expect.poll(() => ann.locator('.chat-log').textContent()).toContain('team secret');
    // Markup in chat is shown as text, never run or rendered.
    const markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';
    await chen.locator('[data-tab="chat"]').click();
    await chen.locator('[data-channel="public"]').click();
    await chen.fill('.chat-input', markup);
    await chen.locator('.chat-form button').click();
    await fac.locator('[data-tab="chat"]').click();
    await fac.locator('[data-channel="public"]').click();
    await expect.poll(() => fac.locator('.chat-log').textContent()).toContain(markup);
    for (const p of [fac, chen]) {
      expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await p.locator('.chat-log img, .chat-log script, .chat-log b').count()).toBe(0);
    }
    const projectorText = (await screen.locator('body').textContent()) ?? '';
    expect(projectorText).not.toContain('team secret');
    expect(await screen.locator('#submit-orders').count()).toBe(0);
    const privateState = await screen.evaluate(() => {
      const s = (
        window as unknown as {
          __sovereign: {
            state(): {
              view: { nations: Record<string, { secretObjective: string | null }>; seed: number | null };
              team: unknown;
            };
          };
        }
      ).__sovereign.state();
      return {
        secrets: Object.values(s.view.nations).map((n) => n.secretObjective),
        seed: s.view.seed,
        team: s.team,
      };
    });
    expect(privateState.secrets.every((x) => x === null)).toBe(true);
    expect(privateState.seed).toBeNull();
    expect(privateState.team).toBeNull();
    expect(await phase(screen)).toBe('briefing');
    for (const p of [fac, ann, chen, screen]) await p.context().close();
  }, 120_000);

  it('after the server is killed and restarted, the page gets its seat back by itself', async () => {
    const me = await person(browser, server.url);
    await me.fill('#name', 'Steady');
    await me.locator('#quick-play').click();
    await me.waitForSelector('[data-testid="phase"]');
    type Hook = {
      __sovereign: { state(): { connection: string; welcome: { code: string; nation: string } | null } };
    };
    const before = await me.evaluate(() => (window as unknown as Hook).__sovereign.state().welcome);
    expect(before?.nation).toBe('US');
    await stopServer(server, 'SIGKILL');
    await expect
      .poll(() => me.evaluate(() => (window as unknown as Hook).__sovereign.state().connection), {
        timeout: 20_000,
      })
      .not.toBe('connected');
    expect(await me.locator('.banner').isVisible()).toBe(true);
    server = await startServer(PORT, server.dataDir);
    await expect
      .poll(() => me.evaluate(() => (window as unknown as Hook).__sovereign.state().connection), {
        timeout: 60_000,
      })
      .toBe('connected');
    const after = await me.evaluate(() => (window as unknown as Hook).__sovereign.state().welcome);
    expect(after).toMatchObject({ code: before!.code, nation: 'US' });
    await me.waitForSelector('[data-testid="phase"]');
    expect(await me.locator('.banner').isVisible()).toBe(false);
    await me.context().close();
  }, 120_000);

  it('quick play against bots reaches the debrief in one click', async () => {
    const me = await person(browser, server.url);
    await me.fill('#name', 'Solo');
    await me.locator('#quick-play').click();
    await me.waitForSelector('[data-testid="phase"]');
    // Play as a person would until the debrief, closing each round's report with its button.
    await playToDebrief(me, (page) =>
      page
        .locator('[data-testid="report-continue"]')
        .click({ timeout: 2_000 })
        .catch(() => undefined),
    );
    await me.waitForSelector('[data-screen="debrief"]', { timeout: 15_000 });
    await expect.poll(() => me.locator('[data-testid="final-ranking"] tbody tr').count()).toBe(3);
    expect(await me.locator('canvas[data-chart]').count()).toBe(5);
    expect(await me.locator('.final li.secret').count()).toBeGreaterThan(0);
    // The bots explained their play, round by round.
    expect(await me.locator('.debrief').textContent()).toMatch(
      /(champion|hawk|builder|maximiser|middle power):/i,
    );
    await shot(me, 'debrief');
    await me.context().close();
  }, 120_000);
});
