/**
 * The plain JSON API for bots in any language (issue 18, part 4), against the real server: the
 * Python bot of examples/ (standard library only) plays a whole game; HTTP refusals are the
 * WebSocket ones word for word; `startWhen` starts a game once enough seats are taken; an HTTP seat
 * reads nothing its nation may not see (view, text view, reports, chat, long poll); unknown tokens
 * and codes count against the address's guessing limit, and a token is held to 20 requests a second.
 */
import { spawn } from 'node:child_process';
import { join as pathJoin } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GameView } from '../../shared/engine/index.ts';
import {
  code,
  createGame,
  join,
  NO_TIMERS,
  spend,
  roomState as state,
  useServer,
  view,
  waitFor,
} from './harness.ts';

const server = useServer();

const root = pathJoin(import.meta.dirname, '..', '..');

/** One JSON API call: status and body. */
async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body: body as Record<string, unknown> & { problems?: unknown } };
}

describe('examples/python_bot.py', () => {
  it('plays a whole game over HTTP with the standard library only, and exits 0', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 2, timers: NO_TIMERS });
    const child = spawn(
      '/usr/bin/python3',
      ['examples/python_bot.py', '--url', server.url, '--code', code(fac), '--nation', 'CN'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    let exitCode: number | null | undefined;
    child.on('exit', (c) => {
      exitCode = c;
    });
    await waitFor(
      'the Python bot to take CN',
      () => (state(fac).seats.get('CN')?.connected as number) > 0,
      15_000,
    );
    expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
    await waitFor('the Python bot to exit', () => exitCode !== undefined, 60_000).catch((e) => {
      throw new Error(`${(e as Error).message}\n${out}`);
    });
    expect(exitCode, out).toBe(0);
    expect(out).toMatch(/round 1: orders accepted/);
    expect(out).toMatch(/round 2: orders accepted/);
    expect(out).toMatch(/final ranking/);
    expect(out).not.toMatch(/refused/);
    const report = (await api(`/api/games/${code(fac)}/report.json`)).body as unknown as {
      orders: { round: number; nation: string; by: string }[];
    };
    expect(report.orders.filter((o) => o.by === 'PyBot').map((o) => [o.round, o.nation])).toEqual([
      [1, 'CN'],
      [2, 'CN'],
    ]);
    fac.room.leave(true);
  }, 90_000);
});

describe('the JSON API', () => {
  it('refuses like the WebSocket messages, word for word', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 3, timers: NO_TIMERS });
    const us = await join(server.url, code(fac), { name: 'Ws', nation: 'US' });
    const joined = await api(`/api/games/${code(fac)}/join`, { body: { name: 'Http', nation: 'CN' } });
    expect(joined.status).toBe(200);
    const token = joined.body.seatToken as string;
    // Join refusals are worded as create refusals, with paths.
    const badJoin = await api(`/api/games/${code(fac)}/join`, { body: { name: '', colour: 'red' } });
    expect(badJoin.status).toBe(400);
    expect(badJoin.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name' }),
        expect.objectContaining({ path: '' }),
      ]),
    );

    // Before Start: the same refusal.
    const early = await us.request('submit', { orders: {} });
    const earlyHttp = await api(`/api/games/${code(fac)}/seat/submit`, { body: { orders: {} }, token });
    expect(earlyHttp.status).toBe(400);
    expect(earlyHttp.body).toEqual({ message: 'submit', problems: early.message.problems });

    await fac.request('command', { type: 'Start' });
    await fac.request('command', { type: 'Advance' });
    await fac.request('command', { type: 'Advance' });
    await waitFor('the orders phase', () => state(us).phase === 'orders');
    const cases: [string, unknown][] = [
      ['submit', { orders: { budget: { compute: -1, foo: 2 }, bar: 1 } }],
      ['submit', {}],
      ['submit', { orders: { release: 'x', exportControls: [{ target: 'XX', chips: 'embargo' }] } }],
      [
        'submit',
        {
          orders: { exportControls: [{ target: 'ZZ' }], treaties: { answer: [{ id: 'P99', accept: true }] } },
        },
      ],
      ['submit', { orders: { budget: { compute: 100000 } } }],
      ['retract', {}],
      ['ready', { ready: true }],
      ['chat', { channel: 'public', text: '' }],
      ['chat', { channel: 'XX', text: 'hello' }],
      ['askSeat', {}],
      ['command', { type: 'Start' }],
      ['draft', { orders: { visa: 'closed' } }],
    ];
    for (const [type, payload] of cases) {
      const ws = await us.request(type, payload);
      const http = await api(`/api/games/${code(fac)}/seat/${type}`, { body: payload, token });
      expect(ws.type, `${type} ${JSON.stringify(payload)}`).toBe('error');
      expect(http.status, `${type} ${JSON.stringify(payload)}`).toBe(400);
      // A refusal may name the sender's own nation (US over WebSocket, CN over HTTP) or its budget.
      const same = (x: unknown) =>
        JSON.stringify(x)
          .replace(/\b(US|CN)\b/g, 'N')
          .replace(/budget of [\d.]+/g, 'budget of B');
      expect(same(http.body), `${type} ${JSON.stringify(payload)}`).toBe(
        same({ message: type, problems: ws.message.problems }),
      );
    }
    const unknown = await api(`/api/games/${code(fac)}/seat/nope`, { body: {}, token });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.problems)).toMatch(/unknown message type 'nope'/);

    // Accepted: submit and retract, and the game waits for the HTTP seat like a connected one.
    const seat = await api(`/api/games/${code(fac)}/seat`, { token });
    const budget = (seat.body.view as GameView).nations.CN!.budget;
    expect(
      (
        await api(`/api/games/${code(fac)}/seat/submit`, {
          body: { orders: { budget: spend(budget) } },
          token,
        })
      ).body,
    ).toEqual({ ok: true, message: 'submit' });
    expect((await api(`/api/games/${code(fac)}/seat/retract`, { body: {}, token })).body).toEqual({
      ok: true,
      message: 'retract',
    });
    await us.request('submit', { orders: { budget: spend(view(us).nations.US!.budget) } });
    // US has submitted; CN (HTTP, connected by its lease) has not: the round waits.
    const before = (await api(`/api/games/${code(fac)}/seat?view=0`, { token })).body.game as {
      key: string;
      round: number;
    };
    expect(before.round).toBe(1);
    const waiting = api(`/api/games/${code(fac)}/seat/wait?since=${before.key}&timeout=20`, { token });
    await api(`/api/games/${code(fac)}/seat/submit`, { body: { orders: { budget: spend(budget) } }, token });
    const woke = (await waiting).body as { changed: boolean; round: number; phase: string };
    expect(woke.changed).toBe(true);
    await waitFor('round 2', () => state(us).round === 2);
    const after = (await api(`/api/games/${code(fac)}/seat?view=0`, { token })).body.game as {
      round: number;
    };
    expect(after.round).toBe(2);
    const reports = (await api(`/api/games/${code(fac)}/seat/reports?from=0`, { token })).body as {
      total: number;
      reports: { round: number; kind: string }[];
    };
    expect(reports.reports.map((r) => [r.round, r.kind])).toEqual([[1, 'round']]);
    us.room.leave(true);
    fac.room.leave(true);
  }, 60_000);

  it('starts a game by itself once startWhen seats are taken', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS, startWhen: 2 });
    expect(state(fac).status).toBe('lobby');
    await api(`/api/games/${code(fac)}/join`, { body: { name: 'A' } });
    expect(state(fac).status).toBe('lobby');
    const b = await join(server.url, code(fac), { name: 'B' });
    await waitFor('the game to start', () => state(b).status === 'running');
    expect(state(fac).phase).toBe('briefing');
    b.room.leave(true);
    fac.room.leave(true);
  }, 30_000);

  it('shows an HTTP seat nothing its nation may not see', async () => {
    const fac = await createGame(server.url, {
      scenario: 'three-powers',
      rounds: 3,
      timers: NO_TIMERS,
      seed: 4242,
    });
    const us = await join(server.url, code(fac), { name: 'Usa', nation: 'US' });
    const cn = await join(server.url, code(fac), { name: 'Chn', nation: 'CN' });
    const eu = (await api(`/api/games/${code(fac)}/join`, { body: { name: 'Eur', nation: 'EU' } })).body;
    const token = eu.seatToken as string;
    await fac.request('command', { type: 'Start' });
    const secrets = {
      US: view(fac).nations.US!.secretObjective!,
      CN: view(fac).nations.CN!.secretObjective!,
    };
    const euSecret = view(fac).nations.EU!.secretObjective!;
    const scenario = (await api('/api/scenarios/three-powers')).body as unknown as {
      objectives: { id: string; title: string }[];
    };
    const title = (id: string) => scenario.objectives.find((o) => o.id === id)!.title;
    const marks = ['US-TEAM-SECRET-1', 'US-CN-SECRET-1', 'US-DRAFT-SECRET-1'];
    await us.request('chat', { channel: 'team', text: marks[0] });
    await us.request('chat', { channel: 'CN', text: marks[1] });
    await us.request('draft', { orders: { aidRegion: marks[2] } });
    await us.request('chat', { channel: 'public', text: 'PUBLIC-LINE-1' });
    await fac.request('command', { type: 'Advance' });
    await fac.request('command', { type: 'Advance' });
    // A proposal between US and CN: pending in round 2, seen by those two only.
    await us.request('submit', {
      orders: {
        budget: spend(view(us).nations.US!.budget),
        treaties: { propose: [{ type: 'AiForum', to: 'CN' }] },
      },
    });
    await cn.request('submit', { orders: { budget: spend(view(cn).nations.CN!.budget) } });
    await api(`/api/games/${code(fac)}/seat/submit`, { body: { orders: {} }, token });
    await waitFor('round 2', () => state(us).round === 2);
    expect(view(us).proposals.length).toBe(1);

    const g = `/api/games/${code(fac)}`;
    const seat = await api(`${g}/seat`, { token });
    const text = await api(`${g}/seat/text`, { token });
    const reports = await api(`${g}/seat/reports`, { token });
    const chat = await api(`${g}/seat/chat`, { token });
    const wait = await api(`${g}/seat/wait?since=x&timeout=0`, { token });
    const seen = JSON.stringify([seat.body, text.body, reports.body, chat.body, wait.body]);
    expect(text.status).toBe(200);
    expect(String(text.body)).toMatch(/## My objectives/);
    expect(String(text.body)).toContain(title(euSecret));
    expect(seen).toContain('PUBLIC-LINE-1');
    for (const m of marks) expect(seen).not.toContain(m);
    for (const [nation, secret] of Object.entries(secrets))
      if (secret !== euSecret) {
        expect(seen, `${nation}'s secret objective`).not.toContain(`"${secret}"`);
        expect(String(text.body), `${nation}'s secret objective`).not.toContain(title(secret));
      }
    const v = seat.body.view as GameView;
    expect(v.proposals).toEqual([]);
    expect(v.seed).toBeNull();
    expect(v.nations.US!.secretObjective).toBeNull();
    expect(seen).not.toMatch(/"rng"|"deck"/);
    expect(seat.body.team).toMatchObject({ nation: 'EU' });
    us.room.leave(true);
    cn.room.leave(true);
    fac.room.leave(true);
  }, 60_000);

  it('holds tokens to 20 requests a second and counts unknown tokens and codes as guesses', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const token = (await api(`/api/games/${code(fac)}/join`, { body: { name: 'Fast' } })).body
      .seatToken as string;
    const burst = await Promise.all(
      Array.from({ length: 100 }, () => api(`/api/games/${code(fac)}/seat?view=0`, { token })),
    );
    expect(burst.some((r) => r.status === 429)).toBe(true);
    expect(burst.some((r) => r.status === 200)).toBe(true);
    expect((await api(`/api/games/${code(fac)}/seat`, { token: 'not-a-token-at-all' })).status).toBe(403);
    let last = 0;
    for (let i = 0; i < 40; i++)
      last = (await api(`/api/games/ZZ${String(i).padStart(3, '0')}/seat`, { token: 'x' })).status;
    expect(last).toBe(429);
    fac.room.leave(true);
  }, 30_000);
});
