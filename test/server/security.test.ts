/**
 * The HTTP side of issue 16, against real servers over plain HTTP and real SDK clients: the body cap
 * in front of every route, names checked before a game is created, the per-address creation limit,
 * lobbies nobody attends closed, the facilitator's seat kept for the creator, the guessing limit on
 * every route that takes a code or a token, the security headers and a same-origin CORS policy, and
 * no blind joins into a random public game.
 */
import { request as httpRequest } from 'node:http';
import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  code,
  createGame,
  join,
  NO_TIMERS,
  type ServerProcess,
  startServer,
  stopServer,
  testPort,
  welcome,
} from './harness.ts';

const PORT = testPort();
let server: ServerProcess;
/** A second server with a small creation limit, short-lived lobbies and one allowed origin. */
let strict: ServerProcess;
const ALLOWED = 'https://class.example.org';
beforeAll(async () => {
  [server, strict] = await Promise.all([
    startServer(PORT),
    startServer(PORT + 1000, undefined, {
      CREATES_PER_ADDRESS: '4',
      LOBBY_IDLE_SECONDS: '5',
      CORS_ORIGINS: ALLOWED,
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([server, strict].filter(Boolean).map((s) => stopServer(s, 'SIGTERM')));
});

/** A raw HTTP request: status, headers and body (the body may be declared bigger than it is). */
function raw(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += String(d);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    // A declared length longer than what is sent: the server must answer without waiting for the rest.
    if (
      !options.headers?.['content-length'] ||
      Number(options.headers['content-length']) <= (options.body?.length ?? 0)
    )
      req.end();
  });
}

const createHttp = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/matchmake/create/game`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('request bodies', () => {
  it('refuses a body over the cap before reading it, and a body of undeclared length', async () => {
    // 200 MB announced, 10 bytes sent: refused at once (the old server read it all, freezing every game).
    const huge = await raw(server.url, {
      method: 'POST',
      path: '/matchmake/create/game',
      headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) },
      body: '{"name":"x',
    });
    expect(huge.status).toBe(413);
    const chunked = await raw(server.url, {
      method: 'POST',
      path: '/matchmake/joinById/ABCDE',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: '{}',
    });
    expect(chunked.status).toBe(411);
    // Every route, not only matchmaking.
    const api = await raw(server.url, {
      method: 'POST',
      path: '/api/games',
      headers: { 'content-length': String(1024 * 1024) },
      body: 'x',
    });
    expect(api.status).toBe(413);
    // A 1 MB name no longer reaches the game: refused by size.
    const big = await createHttp(server.url, { name: 'n'.repeat(1024 * 1024), game: {} });
    expect(big.status).toBe(413);
    expect((await fetch(`${server.url}/health`)).ok).toBe(true);
  });

  it('checks the creator’s name before a game is made, so a refused create leaves no game behind', async () => {
    const before = (await (await fetch(`${server.url}/health`)).json()).games as number;
    const res = await createHttp(server.url, { name: 'n'.repeat(100), game: { title: 'No name check' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await res.json())).toMatch(/name/);
    await expect(new Client(server.url).create('game', { name: '\u200b', game: {} })).rejects.toThrow(/name/);
    const listed = (await (await fetch(`${server.url}/api/games`)).json()) as { title: string }[];
    expect(listed.map((g) => g.title)).not.toContain('No name check');
    expect((await (await fetch(`${server.url}/health`)).json()).games).toBe(before);
  });
});

describe('joins without a code', () => {
  it('refuses join and joinOrCreate: nobody is put into a random public game', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    await expect(new Client(server.url).join('game', { name: 'Blind' })).rejects.toThrow(/joinById/);
    await expect(new Client(server.url).joinOrCreate('game', { name: 'Blind2' })).rejects.toThrow(/joinById/);
    const res = await fetch(`${server.url}/matchmake/join/game`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Blind3' }),
    });
    expect(res.status).toBe(403);
    await fac.room.leave();
  });
});

describe('creating games', () => {
  it('limits creations per address, closes lobbies nobody attends, and keeps the facilitator seat for the creator', async () => {
    // Created over HTTP, never attended by its creator: a stranger who joins is a player, not its facilitator.
    const reserved = await createHttp(strict.url, { name: 'Ghost', game: { scenario: 'three-powers' } });
    expect(reserved.status).toBe(200);
    const ghostCode = ((await reserved.json()) as { roomId: string }).roomId;
    const stranger = await join(strict.url, ghostCode, { name: 'Stranger' });
    expect(welcome(stranger).role).toBe('player');
    await expect(join(strict.url, ghostCode, { name: 'Boss', role: 'facilitator' })).rejects.toThrow(
      /creator/,
    );
    await stranger.room.leave();
    // Nobody connected: the lobby closes after LOBBY_IDLE_SECONDS (5 here), and is not listed any more.
    const listed = async () =>
      ((await (await fetch(`${strict.url}/api/games`)).json()) as { code: string }[]).map((g) => g.code);
    expect(await listed()).toContain(ghostCode);
    for (const start = Date.now(); (await listed()).includes(ghostCode); ) {
      if (Date.now() - start > 20_000) throw new Error('the unattended lobby was never closed');
      await new Promise((r) => setTimeout(r, 250));
    }
    // A creator who stays keeps its game.
    const kept = await createGame(strict.url, { scenario: 'three-powers' });
    // Four creations in the window (two already), then 429.
    for (const name of ['Third', 'Fourth'])
      expect((await createHttp(strict.url, { name, game: {} })).status).toBe(200);
    const refused = await createHttp(strict.url, { name: 'Fifth', game: {} });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatch(/too many games/);
    // Uploading a scenario stores it too: it counts toward the same limit, so a flood cannot grow the table.
    const upload = await fetch(`${strict.url}/api/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(upload.status).toBe(429);
    expect((await upload.json()).error).toMatch(/too many games or scenarios/);
    expect((await fetch(`${strict.url}/api/games/${code(kept)}`)).status).toBe(200);
    await kept.room.leave();
  });
});

describe('headers', () => {
  it('sends the security headers and no X-Powered-By, on pages, the API and matchmaking', async () => {
    for (const path of ['/', '/api/scenarios', '/api/games', '/health']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      expect(res.headers.get('content-security-policy'), path).toMatch(/default-src 'self'/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const mm = await createHttp(server.url, { name: 'Headers', game: {} });
    expect(mm.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers other origins without CORS permission unless the deployment allows them', async () => {
    const evil = 'https://evil.example';
    const preflight = await fetch(`${server.url}/matchmake/create/game`, {
      method: 'OPTIONS',
      headers: { origin: evil, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const post = await createHttp(server.url, { name: 'Cors', game: {} }, { origin: evil });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    const api = await fetch(`${server.url}/api/games`, { headers: { origin: evil } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
    // CORS_ORIGINS widens it to the origins named.
    const allowed = await fetch(`${strict.url}/matchmake/create/game`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const allowedApi = await fetch(`${strict.url}/api/games`, { headers: { origin: ALLOWED } });
    expect(allowedApi.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });
});

// Last: it blocks this address's unknown codes for a minute.
describe('guessing codes and tokens', () => {
  it('counts unknown codes on the report routes and unknown tokens against the same limit as joining', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    const statuses: number[] = [];
    // Ten wrong tokens on a real game, then unknown codes on both report formats.
    for (let i = 0; i < 10; i++)
      statuses.push((await fetch(`${server.url}/api/games/${c}/report.json?token=guess${i}xxxxxx`)).status);
    expect(statuses.every((s) => s === 403)).toBe(true);
    for (let i = 0; i < 25; i++)
      statuses.push(
        (
          await fetch(
            `${server.url}/api/games/ZZ${String(i).padStart(3, '0')}/report.${i % 2 ? 'csv' : 'json'}`,
          )
        ).status,
      );
    expect(statuses.slice(10, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    // Joining by an unknown code shares the limit; the right code still works.
    await expect(join(server.url, 'QQQQQ', { name: 'Guess' })).rejects.toThrow(/too many/);
    expect((await fetch(`${server.url}/api/games/${c}/report.json`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/games/${c}/report.csv`)).status).toBe(200);
    await fac.room.leave();
  });

  it('past the limit, refuses unknown tokens on a live game too', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    // This address is past its limit (the test above); the game is live, so its code passes.
    for (const path of ['report.json', 'replay.json', 'schedule.json'])
      expect((await fetch(`${server.url}/api/games/${c}/${path}?token=guessxxxxxxxx`)).status).toBe(429);
    // Without a token the spectator's report is still served.
    expect((await fetch(`${server.url}/api/games/${c}/report.json`)).status).toBe(200);
    await fac.room.leave();
  });
});
