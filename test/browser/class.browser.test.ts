/**
 * A class runs a game, in a real browser against the real server: the lobby shows the address,
 * the code and a QR code of the join link; a student opens the link, finds the code filled in and
 * joins with Enter; lobby chat reaches the facilitator without losing what the facilitator is
 * typing; the ready toggle reads as a state; the console will not add time to an untimed phase,
 * and asks before resolving early or ending the game. Screenshots of the lobby at projector,
 * laptop and phone sizes go to /tmp/shots.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer, stopServer, testPort } from '../server/harness.ts';
import { ensureClientBuilt, HAVE_BROWSER, launch, person } from './browser.ts';

const PORT = testPort();
const SHOTS = '/tmp/shots';
let server: ServerProcess;
let browser: Browser;

type Hook = { __sovereign: { state(): { room: { phase: string; round: number } | null } } };
const roomOf = (page: Page) => page.evaluate(() => (window as unknown as Hook).__sovereign.state().room);

async function waitPhase(page: Page, want: string) {
  await page.waitForSelector(`[data-testid="phase"][data-phase="${want}"]`, { timeout: 15_000 });
}

/** The page does not scroll sideways. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function snap(page: Page, name: string, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe.skipIf(!HAVE_BROWSER)('a class in the browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureClientBuilt();
    server = await startServer(PORT);
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server, 'SIGTERM');
  });

  it('a class joins from the projected code and QR code, chats, and the console asks before acting', async () => {
    const fac = await person(browser, server.url);
    await fac.fill('#name', 'Ms Diallo');
    await fac.selectOption('#scenario', 'three-powers');
    for (const id of ['#t-briefing', '#t-negotiation', '#t-orders']) await fac.fill(id, '0');
    await fac.locator('#create').click();
    await fac.waitForSelector('.join-code');
    const code = (await fac.locator('.join-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{5}$/);

    // The address, the code and a QR code of the join link, which holds the code.
    const link = `${server.url}/?code=${code}`;
    expect(await fac.locator('[data-testid="join-address"]').textContent()).toBe(new URL(server.url).host);
    const qr = fac.locator('svg[data-testid="join-qr"]');
    expect(await qr.getAttribute('data-link')).toBe(link);
    expect(await qr.getAttribute('aria-label')).toContain(link);
    expect(await qr.getAttribute('role')).toBe('img');
    expect((await qr.locator('path').getAttribute('d'))?.length).toBeGreaterThan(100);
    // Big enough to scan from the back of the room on a projector.
    await fac.setViewportSize({ width: 1920, height: 1080 });
    expect((await qr.boundingBox())?.width).toBeGreaterThanOrEqual(300);

    // A student opens the link: the code is filled in and the name box has the focus.
    const ann = await person(browser, link);
    await expect.poll(() => ann.locator('#code').inputValue()).toBe(code);
    await expect.poll(() => ann.evaluate(() => document.activeElement?.id)).toBe('name');
    await snap(ann, 'home-from-link-phone-390', 390, 844);
    expect(await fitsWidth(ann)).toBe(true);
    await ann.keyboard.type('Ann');
    await ann.locator('#code').press('Enter');
    await ann.locator('.nation-pick button[data-nation="US"]').click();
    await ann.waitForSelector('[data-screen="lobby"]');

    // Another joins by typing the code and pressing Enter in the code box.
    const chen = await person(browser, server.url);
    await chen.fill('#name', 'Chen');
    await chen.fill('#code', code.toLowerCase());
    await chen.locator('#code').press('Enter');
    await chen.locator('.nation-pick button[data-nation="CN"]').click();
    await chen.waitForSelector('[data-screen="lobby"]');
    await expect.poll(() => fac.locator('.seats li[data-nation="CN"]').textContent()).toContain('Chen');

    // Lobby chat: Ann's line reaches the facilitator, whose half-typed message survives the redraw.
    await fac.locator('.lobby .chat-input').fill('half a thought');
    await ann.locator('.lobby .chat-input').fill('Hello from Ann');
    await ann.locator('.lobby .chat-input').press('Enter');
    await expect.poll(() => fac.locator('.lobby .chat-log').textContent()).toContain('Hello from Ann');
    expect(await fac.locator('.lobby .chat-input').inputValue()).toBe('half a thought');
    expect(await fac.evaluate(() => document.activeElement?.classList.contains('chat-input'))).toBe(true);
    await fac.locator('.lobby .chat-input').fill('');

    // The lobby on a projector, a laptop and a phone: never wider than the screen.
    for (const [name, w, hgt] of [
      ['lobby-projector-1920', 1920, 1080],
      ['lobby-laptop-1366', 1366, 768],
      ['lobby-phone-390', 390, 844],
    ] as const) {
      await snap(fac, name, w, hgt);
      expect(await fitsWidth(fac), name).toBe(true);
    }
    await snap(ann, 'lobby-student-phone-390', 390, 844);
    expect(await fitsWidth(ann)).toBe(true);
    await ann.setViewportSize({ width: 1366, height: 768 });
    await fac.setViewportSize({ width: 1366, height: 768 });

    await fac.locator('#start').click();
    for (const p of [fac, ann, chen]) await waitPhase(p, 'briefing');

    // The ready toggle reads as a state.
    const readyButton = ann.locator('#ready');
    expect(await readyButton.getAttribute('aria-pressed')).toBe('false');
    expect(await readyButton.textContent()).toMatch(/I'm ready/);
    await readyButton.click();
    await expect.poll(() => readyButton.getAttribute('aria-pressed')).toBe('true');
    expect(await readyButton.textContent()).toBe('Ready ✓ — click to undo');
    await ann.screenshot({
      path: `${SHOTS}/phasebar-ready-1366.png`,
      clip: { x: 0, y: 0, width: 1366, height: 120 },
    });
    // An untimed phase says so quietly, and pausing it says "Paused" alone.
    expect(await ann.locator('[data-testid="timer"]').textContent()).toBe('No time limit');

    await fac.locator('[data-tab="console"]').click();
    await fac.locator('#c-pause').click();
    await expect.poll(() => ann.locator('[data-testid="timer"]').textContent()).toBe('Paused');
    await fac.locator('#c-resume').click();
    await expect.poll(() => ann.locator('[data-testid="timer"]').textContent()).toBe('No time limit');

    // No time to add to a phase without a deadline.
    for (const id of ['#c-plus', '#c-minus']) {
      expect(await fac.locator(id).isDisabled()).toBe(true);
      expect(await fac.locator(id).getAttribute('title')).toBe('This phase has no time limit');
    }
    // The bot that plays the empty seat says so on the board.
    expect(await fac.locator('.console tr[data-nation="EU"]').textContent()).toContain(
      'nobody took this seat',
    );
    // The empty seat may go to an AI agent; this server has none configured, and says so plainly.
    expect(await fac.locator('#agent-US').count()).toBe(0);
    await fac.locator('#agent-EU').click();
    await expect
      .poll(() => fac.locator('.console [role="alert"]').first().textContent())
      .toMatch(/language-model agents are off on this server/);

    // Resolve now in the briefing warns first, naming the nations without orders (not the bot's).
    await fac.locator('#c-resolve').click();
    const warning = fac.locator('.confirm[data-confirm="resolve"]');
    expect(await warning.textContent()).toContain(
      'US, CN have sent no orders: their standing policies will apply. Resolve now?',
    );
    expect(await roomOf(fac)).toMatchObject({ phase: 'briefing', round: 1 });
    await fac.screenshot({ path: `${SHOTS}/console-resolve-confirm-1366.png` });
    await fac.locator('#c-resolve-confirm').click();
    await expect
      .poll(() => chen.locator('[data-testid="round"]').textContent(), { timeout: 15_000 })
      .toContain('2');
    // The round report opens over the map: put it away before using the console again.
    await fac.waitForSelector('[data-testid="round-report"][open]', { timeout: 10_000 }).catch(() => null);
    await fac.evaluate(() =>
      document.querySelector<HTMLDialogElement>('[data-testid="round-report"]')?.close(),
    );

    // Ending the game takes a second click; Cancel keeps it going.
    await fac.locator('#c-end').click();
    await fac.locator('#c-end-cancel').click();
    expect(await fac.locator('#c-end-confirm').count()).toBe(0);
    expect((await roomOf(fac))?.phase).not.toBe('ended');
    await fac.locator('#c-end').click();
    expect(await fac.locator('.confirm[data-confirm="end"]').textContent()).toContain('End the game now?');
    await fac.locator('#c-end-confirm').click();
    for (const p of [fac, ann, chen]) await p.waitForSelector('[data-screen="debrief"]', { timeout: 15_000 });
    for (const p of [fac, ann, chen]) await p.context().close();
  }, 180_000);
});
