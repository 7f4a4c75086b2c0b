/**
 * Every screen in every language at a school Chromebook's 1366×768: home, lobby, orders, the round
 * report, the facilitator's console, the projector and the debrief, in English, Japanese, Spanish
 * and French. Nothing sticks out of the page, and no button, tab, label or heading has its text cut.
 * One game holds several languages at once: each client writes the same events in its own. The
 * picker switches the language in place (the game goes on) and a reload remembers it.
 * Screenshots go to SOVEREIGN_SHOTS_DIR (or docs/screenshots/languages with npm run screenshots).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer, stopServer, testPort } from '../server/harness.ts';
import { ensureClientBuilt, HAVE_BROWSER, launch } from './browser.ts';

const PORT = testPort();
const LANGS = ['en', 'ja', 'es', 'fr'] as const;
type Lang = (typeof LANGS)[number];
const SHOTS =
  process.env.SOVEREIGN_SCREENSHOTS === '1'
    ? join(import.meta.dirname, '..', '..', 'docs', 'screenshots', 'languages')
    : process.env.SOVEREIGN_SHOTS_DIR;
/** A word each language's home screen shows (the quick-play button), to see the switch happen. */
const PLAY_NOW: Record<Lang, string> = {
  en: 'Play now',
  ja: 'プレイする',
  es: 'Jugar ahora',
  fr: 'Jouer maintenant',
};

let server: ServerProcess;
let browser: Browser;
const problems: string[] = [];

/** What overflows at the current size: the page sideways, and text cut inside its box. */
async function overflow(page: Page): Promise<string[]> {
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))),
  );
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth)
      out.push(`page scrolls sideways (${doc.scrollWidth} > ${window.innerWidth})`);
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''} “${(e.textContent ?? '').trim().slice(0, 40)}”`;
    const textual = document.querySelectorAll(
      'button, [role="tab"], label, th, h1, h2, h3, legend, summary, .phase-bar > *, select, .tabs *',
    );
    for (const e of textual) {
      // Screen-reader-only text is clipped on purpose.
      if (!visible(e) || !(e.textContent ?? '').trim() || e.closest('.sr-only')) continue;
      const s = getComputedStyle(e);
      const clips = s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis';
      if (clips && e.scrollWidth > e.clientWidth + 1) out.push(`cut: ${name(e)}`);
      const r = e.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 || r.left < -1) out.push(`off-screen: ${name(e)}`);
    }
    return out.slice(0, 8);
  });
}

async function check(page: Page, screen: string, lang: Lang) {
  expect(await page.evaluate(() => document.documentElement.lang), `${screen} <html lang>`).toBe(lang);
  for (const p of await overflow(page)) problems.push(`${screen} in ${lang}: ${p}`);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${screen}-${lang}.png`) });
}

/** Switches with the picker on the page (home screen or phase bar). */
async function pick(page: Page, lang: Lang) {
  await page.locator('[data-testid="language"]').first().selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Each language in turn through the picker, checking the screen in each, ending in `last`. */
async function everyLanguage(page: Page, screen: string, last: Lang) {
  for (const lang of [...LANGS.filter((l) => l !== last), last]) {
    await pick(page, lang);
    await check(page, screen, lang);
  }
}

/** A person whose browser remembers `lang`. */
async function person(url: string, lang: Lang): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript((l) => {
    if (!localStorage.getItem('sovereign.lang')) localStorage.setItem('sovereign.lang', l);
  }, lang);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  return page;
}

const waitPhase = (page: Page, want: string) =>
  page.waitForSelector(`[data-testid="phase"][data-phase="${want}"]`, { timeout: 20_000 });

describe.skipIf(!HAVE_BROWSER)('every screen in every language at 1366×768', () => {
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

  it('home, lobby, orders, report, console, projector and debrief fit in en, ja, es and fr; one game, several languages', async () => {
    // Home: the picker switches in place; a reload remembers the choice.
    const fac = await person(server.url, 'en');
    await fac.fill('#name', 'Mme Diallo');
    for (const lang of LANGS) {
      await pick(fac, lang);
      await expect.poll(() => fac.locator('#quick-play').textContent()).toBe(PLAY_NOW[lang]);
      await check(fac, 'home', lang);
    }
    await fac.reload();
    await expect.poll(() => fac.locator('#quick-play').textContent()).toBe(PLAY_NOW.fr);
    expect(await fac.evaluate(() => document.documentElement.lang)).toBe('fr');

    await fac.fill('#name', 'Mme Diallo');
    await fac.selectOption('#scenario', 'sovereign-ai-2026');
    for (const id of ['#t-briefing', '#t-negotiation', '#t-orders']) await fac.fill(id, '0');
    await fac.locator('#create').click();
    await fac.waitForSelector('.join-code');
    const code = ((await fac.locator('.join-code').first().textContent()) ?? '').trim().slice(0, 5);

    // A Japanese player, a Spanish projector and an English player in the French facilitator's game.
    const join = async (lang: Lang, name: string, how: string) => {
      const p = await person(server.url, lang);
      await p.fill('#name', name);
      await p.fill('#code', code);
      await p.locator('#join-code').click();
      await p.locator(how).click();
      await p.waitForSelector('[data-screen="lobby"]');
      return p;
    };
    const aiko = await join('ja', 'Aiko', '.nation-pick button[data-nation="JP"]');
    const screen = await join('es', 'Proyector', '[data-role="spectator"]');
    const ben = await join('en', 'Ben', '.nation-pick button[data-nation="US"]');
    await check(fac, 'lobby', 'fr');
    await check(aiko, 'lobby-player', 'ja');
    await check(screen, 'lobby-projector', 'es');
    await check(ben, 'lobby-player', 'en');
    // The briefing comes from the scenario's translation, the power's name too.
    await expect.poll(() => aiko.locator('main[data-screen="lobby"]').textContent()).toContain('日本');

    await fac.locator('#start').click();
    for (const p of [fac, aiko, screen, ben]) await waitPhase(p, 'briefing');
    for (const want of ['negotiation', 'orders']) {
      for (const p of [aiko, ben]) if (await p.locator('#ready').count()) await p.locator('#ready').click();
      await waitPhase(aiko, want);
    }
    await everyLanguage(aiko, 'orders', 'ja');
    // Switching rewrites the panels in place, the form keeps what was entered.
    const first = aiko.locator('.side input[type="number"]').first();
    await first.fill('1.5');
    await pick(aiko, 'fr');
    await expect.poll(() => aiko.locator('.side h2').first().textContent()).toBe('Ordres');
    await expect.poll(() => aiko.locator('.map-panel .modes').textContent()).toContain('Confiance');
    expect(await aiko.locator('.side input[type="number"]').first().inputValue()).toBe('1.5');
    await pick(aiko, 'ja');

    await ben.locator('#submit-orders').click();
    await aiko.locator('#submit-orders').click();
    await aiko.waitForSelector('[data-testid="round-report"][open]', { timeout: 30_000 });
    await ben.waitForSelector('[data-testid="round-report"][open]', { timeout: 30_000 });
    await everyLanguage(aiko, 'report', 'ja');
    await pick(aiko, 'fr');
    await expect.poll(() => aiko.locator('#report-title').textContent()).toBe("Tour 1 : ce qui s'est passé");
    await pick(aiko, 'ja');
    // The same round, written by each client in its own language.
    const reportText = (p: Page) => p.locator('[data-testid="round-report"]').innerText();
    expect(await reportText(aiko)).toMatch(/[ぁ-んァ-ン]/);
    expect(await reportText(ben)).toMatch(/Your score/);
    await aiko.keyboard.press('Escape');
    await ben.keyboard.press('Escape');
    await aiko.locator('[data-tab="news"]').click();
    await ben.locator('[data-tab="news"]').click();
    const news = (p: Page) =>
      p
        .locator('[data-tab="news"]')
        .first()
        .evaluate(() => document.querySelector('.side')?.textContent ?? '');
    expect(await news(aiko)).toMatch(/ラウンド/);
    expect(await news(ben)).toMatch(/round/i);
    await check(aiko, 'news', 'ja');

    await fac.waitForSelector('[data-testid="round-report"][open]');
    await fac.keyboard.press('Escape');
    await fac.locator('[data-tab="console"]').click();
    await everyLanguage(fac, 'console', 'fr');
    await everyLanguage(screen, 'projector', 'es');

    await fac.locator('#c-end').click();
    await fac.locator('#c-end-confirm').click();
    for (const p of [aiko, fac, screen, ben])
      await p.waitForSelector('[data-screen="debrief"]', { timeout: 20_000 });
    await check(aiko, 'debrief', 'ja');
    await check(fac, 'debrief', 'fr');
    await check(screen, 'debrief', 'es');
    await check(ben, 'debrief', 'en');

    expect(problems).toEqual([]);
    for (const p of [fac, aiko, screen, ben]) await p.context().close();
  }, 400_000);
});
