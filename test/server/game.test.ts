/**
 * The game server for real: a server process, SDK clients, SQLite on disk. Each test plays its own
 * game on one shared server; the restart test kills and restarts that server on the same database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GameView } from '../../shared/engine/index.ts';
import type { TeamOrdersMessage, WelcomeMessage } from '../../shared/protocol/serverMessages.ts';
import {
  code,
  createGame,
  join,
  joinTeam,
  NO_TIMERS,
  readyUntil,
  type ServerProcess,
  seat,
  spend,
  startServer,
  roomState as state,
  stopServer,
  testPort,
  view,
  waitFor,
  welcome,
} from './harness.ts';

const PORT = testPort();
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer(PORT);
});
afterAll(async () => {
  if (server) await stopServer(server, 'SIGTERM');
});

describe('a whole game with three clients and a team of two', () => {
  it('plays two rounds to the end, keeping every nation-private message inside its team', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 2, timers: NO_TIMERS });
    const c = code(fac);
    expect(c).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{5}$/);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    const bo = await joinTeam(server.url, c, { name: 'Bo', nation: 'US' }, ann);
    const chen = await join(server.url, c, { name: 'Chen', nation: 'CN' });
    const screen = await join(server.url, c, { name: 'Projector', role: 'spectator' });
    expect(welcome(ann).nation).toBe('US');
    expect(welcome(screen).role).toBe('spectator');
    await waitFor('seats', () => (seat(fac, 'US')?.players as string[] | undefined)?.length === 2);

    // The team shares its draft; nobody else sees it.
    const teamUpdate = bo.next<TeamOrdersMessage>('team');
    expect((await ann.request('draft', { orders: { budget: { compute: 13.3771977 } } })).type).toBe('ok');
    const shared = await teamUpdate;
    expect(shared.draft?.budget?.compute).toBe(13.3771977);
    expect(shared.draftBy).toBe('Ann');

    // Team chat, a bilateral channel with the EU, and a public line.
    expect((await ann.request('chat', { channel: 'team', text: 'US-TEAM-MARKER' })).type).toBe('ok');
    expect((await bo.request('chat', { channel: 'EU', text: 'US-EU-MARKER' })).type).toBe('ok');
    expect((await chen.request('chat', { channel: 'public', text: 'hello all' })).type).toBe('ok');
    await waitFor(
      'chat delivered',
      () => bo.transcript().includes('US-TEAM-MARKER') && fac.transcript().includes('US-EU-MARKER'),
    );

    expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
    await waitFor('briefing', () => state(fac).phase === 'briefing');
    expect(seat(fac, 'EU')?.bot).toBe(true);
    expect(seat(fac, 'US')?.bot).toBe(false);

    for (const round of [1, 2]) {
      await readyUntil(fac, [ann, chen], 'orders');
      await waitFor('bot submitted', () => seat(fac, 'EU')?.submitted === true);
      const usBudget = view(ann).nations.US!.budget;
      const cnBudget = view(chen).nations.CN!.budget;
      const usOrders = { budget: { ...spend(usBudget), safety: 4.3217913 }, release: 'closed' };
      expect((await ann.request('submit', { orders: usOrders })).type).toBe('ok');
      await waitFor('US submitted', () => seat(fac, 'US')?.submitted === true);
      const report = chen.next<{
        round: number;
        events: { type: string }[];
        bots: { nation: string; explanation: string }[];
      }>('report');
      expect(
        (await chen.request('submit', { orders: { budget: spend(cnBudget), release: 'open' } })).type,
      ).toBe('ok');
      const r = await report;
      expect(r.round).toBe(round);
      expect(r.events.length).toBeGreaterThan(10);
      // The EU bot explains its orders after the round.
      expect(r.bots.map((b) => b.nation)).toEqual(['EU']);
      expect(r.bots[0]!.explanation.length).toBeGreaterThan(30);
      // The synced room state follows the report by a patch: wait for it before the next round.
      await waitFor('the next round', () => state(fac).round === round + 1 || state(fac).phase === 'ended');
    }
    await waitFor('the end', () => state(fac).phase === 'ended');
    await waitFor('final view', () => view(chen).status === 'ended');
    // At the end secrets are revealed to all.
    expect(view(chen).nations.US!.secretObjective).toEqual(expect.any(String));
    expect(view(chen).seed).toEqual(expect.any(Number));

    // What each client actually received.
    const secretOfUS = view(fac).nations.US!.secretObjective!;
    for (const outsider of [chen, screen]) {
      const t = outsider.transcript();
      expect(t).not.toContain('13.3771977');
      expect(t).not.toContain('4.3217913');
      expect(t).not.toContain('US-TEAM-MARKER');
      expect(t).not.toContain('"rng"');
      expect(t).not.toContain('"deck"');
      // Before the end, no view showed the US secret objective or the seed.
      const views = outsider.messages.filter((m) => m.type === 'view').map((m) => m.message as GameView);
      for (const v of views.filter((v) => v.status !== 'ended')) {
        expect(v.nations.US!.secretObjective).toBeNull();
        expect(v.seed).toBeNull();
      }
      // (Two nations may draw the same secret objective: then the outsider's own is that text.)
      const own = outsider === chen ? view(fac).nations.CN!.secretObjective : null;
      if (own !== secretOfUS)
        expect(JSON.stringify(views.filter((v) => v.status !== 'ended'))).not.toContain(`"${secretOfUS}"`);
    }
    expect(chen.transcript()).not.toContain('US-EU-MARKER');
    expect(screen.transcript()).not.toContain('US-EU-MARKER');
    expect(screen.transcript()).toContain('hello all');
    expect(bo.transcript()).toContain('4.3217913');
    expect(fac.transcript()).toContain('US-TEAM-MARKER');

    // The report: quantities per round for everyone, chat for the facilitator only.
    const pub = await (await fetch(`${server.url}/api/games/${c}/report.json`)).json();
    expect(pub.history).toHaveLength(3);
    expect(pub.orders.filter((o: { nation: string }) => o.nation === 'US')).toHaveLength(2);
    expect(JSON.stringify(pub.chat)).not.toContain('US-TEAM-MARKER');
    const token = (fac.last('welcome') as unknown as WelcomeMessage).seatToken;
    const full = await (await fetch(`${server.url}/api/games/${c}/report.json?token=${token}`)).json();
    expect(JSON.stringify(full.chat)).toContain('US-TEAM-MARKER');
    const csv = await (await fetch(`${server.url}/api/games/${c}/report.csv`)).text();
    expect(csv.split('\n')[0]).toBe(
      'round,nation,softPower,compute,capability,trust,sovereignty,economy,budget,score',
    );
    expect(csv.trim().split('\n')).toHaveLength(1 + 3 * 3);
    // A player's token gives what that nation may see (issue 16: it used to be refused with 403; a
    // token of no seat still is, see security.test.ts).
    const annReport = await (
      await fetch(`${server.url}/api/games/${c}/report.json?token=${welcome(ann).seatToken}`)
    ).json();
    expect(JSON.stringify(annReport.chat)).toContain('US-TEAM-MARKER');
    const liveGames = async () => (await (await fetch(`${server.url}/health`)).json()).games as number;
    const before = await liveGames();
    for (const p of [fac, ann, bo, chen, screen]) await p.room.leave();

    // Once its last client has left, the ended game frees its room; its report is still served.
    let live = before;
    for (let i = 0; i < 40 && live === before; i++) {
      await new Promise((r) => setTimeout(r, 100));
      live = await liveGames();
    }
    expect(live).toBe(before - 1);
    const after = await (await fetch(`${server.url}/api/games/${c}/report.json`)).json();
    expect(after.history).toHaveLength(3);
  });
});

describe('bad input', () => {
  it('answers every kind of bad message with an error naming the field, and changes nothing', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    await fac.request('command', { type: 'Start' });
    await readyUntil(fac, [ann], 'orders');
    const budget = view(ann).nations.US!.budget;
    const cases: [string, unknown, string, RegExp][] = [
      ['bogus', {}, '', /unknown message type 'bogus'/],
      ['submit', { orders: { budget: { compute: 'lots' } } }, 'orders.budget.compute', /number/],
      ['submit', { orders: { budget: { compute: -1 } } }, 'orders.budget.compute', /negative/],
      ['submit', { orders: { budget: { compute: budget + 1 } } }, 'budget', /budget/],
      ['submit', { orders: { release: 'sometimes' } }, 'orders.release', /./],
      [
        'submit',
        { orders: { exportControls: [{ target: 'XX', chips: 'embargo' }] } },
        'exportControls.0.target',
        /XX/,
      ],
      ['submit', { orders: {}, extra: 1 }, '', /extra/],
      ['draft', { orders: { wings: 2 } }, 'orders', /wings/],
      ['chat', { channel: 'public', text: '   ' }, 'text', /empty/],
      ['chat', { channel: 'public', text: 'x'.repeat(501) }, 'text', /500/],
      ['chat', { channel: 'ZZ', text: 'hi' }, 'channel', /ZZ/],
      ['chat', { channel: 'US', text: 'hi' }, 'channel', /team/],
      ['ready', { ready: 'yes' }, 'ready', /boolean/],
      ['command', { type: 'Pause' }, 'type', /only the facilitator/],
      ['command', { type: 'EndGame' }, 'type', /only the facilitator/],
      ['command', { type: 'Explode' }, 'type', /./],
      ['retract', {}, '', /no submission/],
    ];
    for (const [type, message, path, reason] of cases) {
      const reply = await ann.request(type, message);
      expect(reply.type, `${type} ${JSON.stringify(message)}`).toBe('error');
      const problems = reply.message.problems as { path: string; message: string }[];
      expect(
        problems.some((p) => p.path === path && reason.test(p.message)),
        `${type} ${JSON.stringify(message)} → ${JSON.stringify(problems)}`,
      ).toBe(true);
    }
    // Still connected, nothing submitted, still in the orders phase of round 1.
    expect(ann.room.connection.isOpen).toBe(true);
    expect(seat(fac, 'US')?.submitted).toBe(false);
    expect(state(fac).round).toBe(1);
    expect(state(fac).phase).toBe('orders');
    // A facilitator command with a bad field is refused too.
    const bad = await fac.request('command', { type: 'AddTime', seconds: 'soon' });
    expect(bad.type).toBe('error');
    expect((bad.message.problems as { path: string }[])[0]?.path).toBe('seconds');
    const badCard = await fac.request('command', { type: 'InjectEvent', cardId: 'no-such-card' });
    expect(badCard.type).toBe('error');
    expect(JSON.stringify(badCard.message.problems)).toMatch(/no card 'no-such-card'/);
    // And a bad join is refused with the field named.
    await expect(join(server.url, code(fac), { name: 'Zed', nation: 'XX' })).rejects.toThrow(/nation/);
    await expect(join(server.url, code(fac), { name: '' })).rejects.toThrow(/name/);
    await expect(join(server.url, code(fac), { name: 'Eve', role: 'facilitator' })).rejects.toThrow(
      /facilitator/,
    );
    // An unknown option is named by its path, in a join as in a create.
    await expect(join(server.url, code(fac), { name: 'Kim', colour: 'red' })).rejects.toThrow(
      /^colour: is not a known option$/,
    );
    await expect(createGame(server.url, { scenario: 'three-powers', colour: 'red' })).rejects.toThrow(
      /^game\.colour: is not a known option$/,
    );
    for (const p of [fac, ann]) await p.room.leave();
  });
});

describe('flooding', () => {
  it('limits chat to 5 lines in 5 seconds and disconnects a client flooding messages, leaving the others', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers' });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    const replies = [];
    for (let i = 0; i < 6; i++)
      replies.push((await ann.request('chat', { channel: 'public', text: `line ${i}` })).type);
    expect(replies).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'error']);
    const flooder = await join(server.url, code(fac), { name: 'Flood', nation: 'CN' });
    const closed = new Promise<number>((resolve) => flooder.room.onLeave((c) => resolve(c)));
    for (let i = 0; i < 200; i++) flooder.room.send('draft', { orders: {} });
    expect(await closed).not.toBe(1000);
    expect(ann.room.connection.isOpen).toBe(true);
    expect((await ann.request('draft', { orders: {} })).type).toBe('ok');
    for (const p of [fac, ann]) await p.room.leave();
  });
});

describe('join codes', () => {
  it('refuses an address that guesses too many unknown codes, while known codes still work', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers' });
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await fetch(`${server.url}/api/games/ZZZ${String(i).padStart(2, '0')}`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    await expect(join(server.url, 'QQQQQ', { name: 'Guess' })).rejects.toThrow(/too many/);
    // The right code still works from the same address.
    expect((await fetch(`${server.url}/api/games/${code(fac)}`)).status).toBe(200);
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    expect(welcome(ann).nation).toBe('US');
    for (const p of [fac, ann]) await p.room.leave();
  });
});

describe('the facilitator', () => {
  it('pauses, resumes, adds time, injects a card, hands a seat to a bot and ends the game', async () => {
    const fac = await createGame(server.url, {
      scenario: 'three-powers',
      timers: { briefing: 100, negotiation: 100, orders: 100 },
    });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    await fac.request('command', { type: 'Start' });
    await waitFor('briefing', () => state(fac).phase === 'briefing');
    const deadline = state(fac).deadline as number;
    expect(deadline - Date.now()).toBeGreaterThan(90_000);
    await fac.request('command', { type: 'AddTime', seconds: 60 });
    await waitFor('more time', () => (state(fac).deadline as number) - deadline === 60_000);
    await fac.request('command', { type: 'Pause' });
    await waitFor('paused', () => state(fac).paused === true);
    expect(state(fac).remaining as number).toBeGreaterThan(150_000);
    await fac.request('command', { type: 'Resume' });
    await waitFor(
      'resumed',
      () => state(fac).paused === false && (state(fac).deadline as number) > Date.now(),
    );
    const news = ann.next<{ events: { type: string; params: Record<string, unknown> }[] }>('report');
    const injected = await fac.request('command', {
      type: 'InjectEvent',
      card: {
        id: 'strait-crisis',
        title: 'Crisis in the Strait',
        text: 'Shipping of chips is disrupted.',
        anchor: 'A facilitator scenario, 2026.',
        source: 'facilitator',
        effects: [
          { type: 'AdjustStack', layer: 'fabrication', nations: ['@holder:fabrication'], factor: 0.8 },
        ],
      },
    });
    expect(injected.type).toBe('ok');
    expect((await news).events[0]?.params.card).toBe('strait-crisis');
    // Mute and kick, by session id.
    const troll = await join(server.url, code(fac), { name: 'Troll', nation: 'CN' });
    // The facilitator finds the client's session id in the synced state.
    const clients = state(fac).clients as unknown as Map<string, { name: string }>;
    const trollId = await waitFor(
      'troll listed',
      () => [...clients.entries()].find(([, c]) => c.name === 'Troll')?.[0],
    );
    expect(trollId).toBe(welcome(troll).sessionId);
    expect((await fac.request('command', { type: 'Mute', sessionId: trollId, muted: true })).type).toBe('ok');
    const muted = await troll.request('chat', { channel: 'public', text: 'spam' });
    expect(JSON.stringify(muted.message.problems)).toMatch(/muted/);
    const gone = new Promise<number>((resolve) => troll.room.onLeave((c) => resolve(c)));
    expect((await fac.request('command', { type: 'Kick', sessionId: trollId })).type).toBe('ok');
    expect(await gone).toBe(4900);
    const trollToken = welcome(troll).seatToken;
    await expect(join(server.url, code(fac), { seatToken: trollToken, name: 'Troll' })).rejects.toThrow(
      /removed/,
    );
    expect((await fac.request('command', { type: 'Kick', sessionId: 'nobody' })).type).toBe('error');

    await fac.request('command', { type: 'BotSeat', nation: 'US', on: true });
    await waitFor('US bot', () => seat(fac, 'US')?.bot === true);
    await fac.request('command', { type: 'Advance' });
    await fac.request('command', { type: 'Advance' });
    await waitFor('orders', () => state(fac).phase === 'orders');
    await waitFor('bot orders', () => seat(fac, 'US')?.submitted === true);
    const end = ann.next<{ events: { type: string }[] }>('report');
    await fac.request('command', { type: 'EndGame' });
    expect((await end).events.some((e) => e.type === 'GameEnded')).toBe(true);
    await waitFor('ended', () => state(fac).phase === 'ended');
    const again = await fac.request('command', { type: 'EndGame' });
    expect(again.type).toBe('error');
    for (const p of [fac, ann]) await p.room.leave();
  });
});

describe('seats', () => {
  it('a player refreshing mid-round gets the same seat and its submitted orders back', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    const chen = await join(server.url, code(fac), { name: 'Chen', nation: 'CN' });
    await fac.request('command', { type: 'Start' });
    await readyUntil(fac, [ann, chen], 'orders');
    const orders = { budget: { compute: 7.5, safety: 2.25 } };
    expect((await ann.request('submit', { orders })).type).toBe('ok');
    const token = welcome(ann).seatToken;
    await ann.room.leave();
    const back = await join(server.url, code(fac), { seatToken: token, name: 'ignored' });
    expect(welcome(back).nation).toBe('US');
    expect(welcome(back).name).toBe('Ann');
    const team = await waitFor('team', () => back.last<TeamOrdersMessage>('team'));
    expect(team.submitted).toEqual(orders);
    expect(Array.from((seat(fac, 'US')?.players ?? []) as Iterable<string>)).toEqual(['Ann']);
    for (const p of [fac, back, chen]) await p.room.leave();
  });

  it('a connection that drops and reconnects by itself reads every later view and report', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 3, timers: NO_TIMERS });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    const chen = await join(server.url, code(fac), { name: 'Chen', nation: 'CN' });
    ann.room.reconnection.enabled = true;
    ann.room.reconnection.minUptime = 0;
    await fac.request('command', { type: 'Start' });
    const playRound = async (round: number) => {
      // The room state's patch may come a moment after the last round's report.
      await waitFor(`round ${round}`, () => state(fac).round === round);
      await readyUntil(fac, [ann, chen], 'orders');
      const report = ann.next<{ round: number }>('report');
      for (const p of [ann, chen])
        expect((await p.request('submit', { orders: { budget: { compute: 1 } } })).type).toBe('ok');
      expect((await report).round).toBe(round);
    };
    await playRound(1);
    const sessionId = ann.room.sessionId;
    const viewsBefore = ann.messages.filter((m) => m.type === 'view').length;
    // Drop the socket as a network would (4010: the client may reconnect); the SDK reconnects with the
    // same session, and the server restarts its chains: the catch-up view is not primed.
    const dropped = new Promise<void>((resolve) => ann.room.onDrop(() => resolve()));
    const back = new Promise<void>((resolve) => ann.room.onReconnect(() => resolve()));
    (ann.room.connection as unknown as { transport: { ws: WebSocket } }).transport.ws.close(4010);
    await dropped;
    await back;
    expect(ann.room.sessionId).toBe(sessionId);
    await waitFor(
      'the catch-up view',
      () => ann.messages.filter((m) => m.type === 'view').length > viewsBefore,
    );
    await playRound(2);
    await playRound(3);
    expect(ann.messages.filter((m) => m.type === 'inflate-error')).toEqual([]);
    // Views before the drop were primed after the first; the catch-up one was not; later ones are again.
    const primed = ann.messages.filter((m) => m.type === 'view').map((m) => m.dictionary! > 0);
    expect(primed.slice(0, viewsBefore)).toEqual([false, ...Array(viewsBefore - 1).fill(true)]);
    expect(primed[viewsBefore]).toBe(false);
    expect(primed.slice(viewsBefore + 1)).toEqual(Array(primed.length - viewsBefore - 1).fill(true));
    expect(primed.length - viewsBefore).toBeGreaterThanOrEqual(3);
    expect(view(ann).round).toBe(4);
    expect(view(ann).status).toBe('ended');
    expect(view(ann).nations.US!.secretObjective).toEqual(expect.any(String));
    expect(view(ann).history.length).toBe(4);
    for (const p of [fac, ann, chen]) await p.room.leave();
  });

  it('a bot takes over an abandoned seat and the human takes it back', async () => {
    const fac = await createGame(server.url, {
      scenario: 'three-powers',
      timers: NO_TIMERS,
      graceSeconds: 1,
    });
    const chen = await join(server.url, code(fac), { name: 'Chen', nation: 'CN' });
    await fac.request('command', { type: 'Start' });
    expect(seat(fac, 'CN')?.bot).toBe(false);
    const token = (chen.last('welcome') as unknown as WelcomeMessage).seatToken;
    await chen.room.leave();
    await waitFor('a bot on CN', () => seat(fac, 'CN')?.bot === true, 8000);
    const back = await join(server.url, code(fac), { seatToken: token, name: 'Chen' });
    await waitFor('CN human again', () => seat(fac, 'CN')?.bot === false);
    expect(welcome(back).nation).toBe('CN');
    for (const p of [fac, back]) await p.room.leave();
  });

  it('a nation without teams refuses a second player', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', teams: false });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    await expect(join(server.url, code(fac), { name: 'Bo', nation: 'US' })).rejects.toThrow(/taken/);
    const games = await (await fetch(`${server.url}/api/games`)).json();
    expect(games.map((g: { code: string }) => g.code)).toContain(code(fac));
    for (const p of [fac, ann]) await p.room.leave();
  });
});

describe('persistence', () => {
  it('a killed server restarts on the same database and the game goes on with every submitted order', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS, private: true });
    const c = code(fac);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    const chen = await join(server.url, c, { name: 'Chen', nation: 'CN' });
    await fac.request('command', { type: 'Start' });
    await readyUntil(fac, [ann, chen], 'orders');
    const orders = { budget: { compute: 11, training: 9.5, safety: 3 }, release: 'open' };
    expect((await ann.request('submit', { orders })).type).toBe('ok');
    await ann.request('chat', { channel: 'team', text: 'before the crash' });
    const tokens = [fac, ann, chen].map((p) => (p.last('welcome') as unknown as WelcomeMessage).seatToken);
    const games = await (await fetch(`${server.url}/api/games`)).json();
    expect(games.map((g: { code: string }) => g.code)).not.toContain(c);

    await stopServer(server, 'SIGKILL');
    server = await startServer(server.port, server.dataDir);
    expect(server.output()).toContain(c);

    const [fac2, ann2, chen2] = await Promise.all(
      tokens.map((seatToken) => join(server.url, c, { seatToken, name: 'x' })),
    );
    expect(state(fac2!).round).toBe(1);
    expect(state(fac2!).phase).toBe('orders');
    expect(seat(fac2!, 'US')?.submitted).toBe(true);
    const team = await waitFor('team', () => ann2!.last<TeamOrdersMessage>('team'));
    expect(team.submitted).toEqual(orders);
    expect(JSON.stringify(ann2!.last('chatHistory'))).toContain('before the crash');
    const report = ann2!.next<{ round: number }>('report');
    const budget = view(chen2!).nations.CN!.budget;
    expect((await chen2!.request('submit', { orders: { budget: spend(budget) } })).type).toBe('ok');
    expect((await report).round).toBe(1);
    await waitFor('round 2', () => state(fac2!).round === 2);
    // The US orders of round 1 were those submitted before the crash (the facilitator's report: during
    // the game the public one has no orders).
    const full = await (await fetch(`${server.url}/api/games/${c}/report.json?token=${tokens[0]}`)).json();
    expect(
      full.orders.find((o: { nation: string; round: number }) => o.nation === 'US' && o.round === 1).orders,
    ).toEqual(orders);
    for (const p of [fac2!, ann2!, chen2!]) await p.room.leave();
  });
});
