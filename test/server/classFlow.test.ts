/**
 * A class runs a whole game (issue 11), with real SDK clients against the real server: round
 * history for late joiners, reloads and reconnections (`reports`), report kinds, a seat handed to a
 * bot and asked back, the clock of an untimed phase, and chat in the lobby.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GameSession } from '../../server/game/GameSession.ts';
import { readScenario } from '../../server/scenarioFiles.ts';
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts';
import type { SessionSnapshot } from '../../server/storage/Storage.ts';
import { CreateOptionsSchema } from '../../shared/protocol/schemas.ts';
import type {
  PastReportsMessage,
  RoundReportMessage,
  TeamOrdersMessage,
} from '../../shared/protocol/serverMessages.ts';
import {
  code,
  createGame,
  join,
  joinTeam,
  NO_TIMERS,
  type Player,
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

/** The live reports a client received, in order. */
const liveReports = (p: Player) =>
  p.messages.filter((m) => m.type === 'report').map((m) => m.message as RoundReportMessage);
/** The past reports of the client's last `reports` message. */
const pastReports = (p: Player) => p.last<PastReportsMessage>('reports')!.reports;
/** A report without its bots' explanations (past reports have none). */
const withoutBots = (r: RoundReportMessage) => ({ round: r.round, kind: r.kind, events: r.events });
/** The US's proposals to China in these reports. */
const treatyProposals = (reports: RoundReportMessage[]) =>
  reports
    .flatMap((r) => r.events)
    .filter((e) => e.type === 'TreatyProposed' && e.params.from === 'US' && e.params.to === 'CN');

const CARD = {
  id: 'class-crisis',
  title: 'A crisis for the class',
  text: 'Shipping of chips is disrupted.',
  anchor: 'A facilitator scenario, 2026.',
  source: 'facilitator',
  effects: [{ type: 'AdjustStack', layer: 'fabrication', nations: ['@holder:fabrication'], factor: 0.8 }],
};

describe('round history', () => {
  it('reaches a late joiner, a reload and a reconnection, cut for each viewer, injected cards included', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 3, timers: NO_TIMERS });
    const c = code(fac);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    const chen = await join(server.url, c, { name: 'Chen', nation: 'CN' });
    const screen = await join(server.url, c, { name: 'Projector', role: 'spectator' });
    // A client that joins before anything happened gets an empty list, before its view.
    for (const p of [fac, ann, chen, screen]) {
      await waitFor('reports', () => p.last('reports'));
      const types = p.messages.map((m) => m.type);
      expect(types.indexOf('reports')).toBeLessThan(types.indexOf('view'));
      expect(pastReports(p)).toEqual([]);
    }
    await fac.request('command', { type: 'Start' });

    for (const round of [1, 2]) {
      await waitFor(`round ${round}`, () => state(fac).round === round);
      if (round === 2) {
        const news = screen.next<RoundReportMessage>('report');
        expect((await fac.request('command', { type: 'InjectEvent', card: CARD })).type).toBe('ok');
        const injected = await news;
        expect(injected.kind).toBe('inject');
        expect(injected.round).toBe(2);
        expect(injected.bots).toEqual([]);
      }
      await readyUntil(fac, [ann, chen], 'orders');
      const report = screen.next<RoundReportMessage>('report');
      const usBudget = view(ann).nations.US!.budget;
      const cnBudget = view(chen).nations.CN!.budget;
      // The US proposes a forum to China in round 1: a private event of the two.
      const treaties = round === 1 ? { propose: [{ type: 'AiForum', to: 'CN' }] } : undefined;
      expect((await ann.request('submit', { orders: { budget: spend(usBudget), treaties } })).type).toBe(
        'ok',
      );
      expect((await chen.request('submit', { orders: { budget: spend(cnBudget) } })).type).toBe('ok');
      const r = await report;
      expect(r.round).toBe(round);
      expect(r.kind).toBe('round');
    }
    await waitFor('round 3', () => state(fac).round === 3);
    expect(liveReports(screen).map((r) => [r.kind, r.round])).toEqual([
      ['round', 1],
      ['inject', 2],
      ['round', 2],
    ]);
    // The proposal reached its two parties and the facilitator, live.
    for (const p of [fac, ann, chen]) expect(treatyProposals(liveReports(p))).toHaveLength(1);
    expect(treatyProposals(liveReports(screen))).toEqual([]);

    // Late joiners: a projector, a second US player, the EU's player, and the facilitator reloading.
    const lateScreen = await join(server.url, c, { name: 'Late projector', role: 'spectator' });
    const bo = await joinTeam(server.url, c, { name: 'Bo', nation: 'US' }, ann);
    const eve = await join(server.url, c, { name: 'Eve', nation: 'EU' });
    const facAgain = await join(server.url, c, { seatToken: welcome(fac).seatToken, name: 'x' });
    const pairs: [Player, Player][] = [
      [lateScreen, screen],
      [bo, ann],
      [facAgain, fac],
    ];
    for (const [late, there] of pairs) {
      await waitFor('reports', () => late.last('reports'));
      expect(pastReports(late)).toEqual(
        liveReports(there)
          .map(withoutBots)
          .map((r) => ({ ...r, bots: [] })),
      );
      const types = late.messages.map((m) => m.type);
      expect(types.indexOf('reports')).toBeLessThan(types.indexOf('view'));
    }
    expect(pastReports(bo).map((r) => r.kind)).toEqual(['round', 'inject', 'round']);
    expect(treatyProposals(pastReports(bo))).toHaveLength(1);
    expect(treatyProposals(pastReports(facAgain))).toHaveLength(1);
    // Nobody outside the US and China reads the proposal between them.
    await waitFor('reports', () => eve.last('reports'));
    for (const outsider of [lateScreen, eve]) expect(treatyProposals(pastReports(outsider))).toEqual([]);
    expect(lateScreen.transcript()).not.toContain('TreatyProposed');
    // The EU's player sees the public events, and the EU's own (a bot played it until now).
    const publicOnly = (reports: RoundReportMessage[]) =>
      reports.map((r) => ({ ...r, events: r.events.filter((e) => !e.audience) }));
    expect(publicOnly(pastReports(eve))).toEqual(pastReports(lateScreen));
    expect(
      pastReports(eve)
        .flatMap((r) => r.events)
        .every((e) => !e.audience || e.audience.includes('EU')),
    ).toBe(true);
    expect(pastReports(lateScreen).every((r) => r.events.length > 0)).toBe(true);

    // A dropped connection comes back and gets the same list again (to replace its own).
    ann.room.reconnection.enabled = true;
    ann.room.reconnection.minUptime = 0;
    const before = ann.messages.filter((m) => m.type === 'reports').length;
    const back = new Promise<void>((resolve) => ann.room.onReconnect(() => resolve()));
    (ann.room.connection as unknown as { transport: { ws: WebSocket } }).transport.ws.close(4010);
    await back;
    await waitFor('reports again', () => ann.messages.filter((m) => m.type === 'reports').length > before);
    expect(pastReports(ann)).toEqual(pastReports(bo));
    expect(ann.messages.filter((m) => m.type === 'inflate-error')).toEqual([]);

    // The facilitator ends the game: the last report is the end, and a reload lists it.
    const end = screen.next<RoundReportMessage>('report');
    expect((await fac.request('command', { type: 'EndGame' })).type).toBe('ok');
    expect((await end).kind).toBe('end');
    const afterEnd = await join(server.url, c, { name: 'After', role: 'spectator' });
    await waitFor('reports', () => afterEnd.last('reports'));
    expect(pastReports(afterEnd).map((r) => [r.kind, r.round])).toEqual([
      ['round', 1],
      ['inject', 2],
      ['round', 2],
      ['end', 3],
    ]);
    expect(
      pastReports(afterEnd)
        .at(-1)
        ?.events.some((e) => e.type === 'GameEnded'),
    ).toBe(true);
    for (const p of [fac, ann, chen, screen, lateScreen, bo, eve, facAgain, afterEnd]) await p.room.leave();
  });
});

describe('a seat handed to a bot', () => {
  it('refuses its humans, plays the bot’s orders, and goes back when asked and given', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 3, timers: NO_TIMERS });
    const c = code(fac);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    const chen = await join(server.url, c, { name: 'Chen', nation: 'CN' });
    const screen = await join(server.url, c, { name: 'Projector', role: 'spectator' });
    await fac.request('command', { type: 'Start' });
    await readyUntil(fac, [ann, chen], 'orders');
    const mine = { budget: { compute: 7.7654321 } };
    expect((await ann.request('submit', { orders: mine })).type).toBe('ok');

    // Handed over: the bot's orders replace the human submission at once.
    const handed = ann.next<{ text: string }>('notice');
    const team = ann.next<TeamOrdersMessage>('team');
    expect((await fac.request('command', { type: 'BotSeat', nation: 'US', on: true })).type).toBe('ok');
    expect((await handed).text).toMatch(/bot/);
    expect((await team).submittedBy).toBe('bot');
    await waitFor('US forced', () => seat(fac, 'US')?.forced === true && seat(fac, 'US')?.bot === true);
    expect(seat(fac, 'US')?.asking).toBe(false);
    for (const [type, message] of [
      ['submit', { orders: mine }],
      ['draft', { orders: mine }],
      ['retract', {}],
    ] as const) {
      const refused = await ann.request(type, message);
      expect(refused.type).toBe('error');
      expect(refused.message.problems).toEqual([
        {
          path: '',
          message: 'a bot plays US now: the facilitator handed the seat over; ask for it back (askSeat)',
        },
      ]);
    }
    expect(ann.last<TeamOrdersMessage>('team')?.submittedBy).toBe('bot');

    // Asking for the seat back: only a member of a handed-over seat may.
    const asked = fac.next<{ text: string }>('notice');
    expect((await ann.request('askSeat', {})).type).toBe('ok');
    expect((await asked).text).toBe('Ann asks to play US again');
    await waitFor('asking', () => seat(fac, 'US')?.asking === true);
    expect(screen.messages.filter((m) => m.type === 'notice')).toEqual([]);
    const notForced = await chen.request('askSeat', {});
    expect(notForced.type).toBe('error');
    expect(JSON.stringify(notForced.message.problems)).toMatch(/CN is not handed to a bot/);
    const spectator = await screen.request('askSeat', {});
    expect(spectator.type).toBe('error');
    expect(JSON.stringify(spectator.message.problems)).toMatch(/only a player with a nation/);
    const extra = await ann.request('askSeat', { please: true });
    expect(extra.type).toBe('error');

    // The round resolves with the bot's orders for the US.
    const report = chen.next<RoundReportMessage>('report');
    const cnBudget = view(chen).nations.CN!.budget;
    expect((await chen.request('submit', { orders: { budget: spend(cnBudget) } })).type).toBe('ok');
    const r = await report;
    expect(r.round).toBe(1);
    expect(r.bots.map((b) => b.nation)).toContain('US');
    await waitFor('round 2', () => state(fac).round === 2);
    // The facilitator's report (issue 16: during the game the public one holds no orders).
    const json = await (
      await fetch(`${server.url}/api/games/${c}/report.json?token=${welcome(fac).seatToken}`)
    ).json();
    const us1 = (json.orders as { round: number; nation: string; by: string; orders: unknown }[]).filter(
      (o) => o.round === 1 && o.nation === 'US',
    );
    expect(us1.at(-1)?.by).toBe('bot');
    expect(us1.at(-1)?.orders).not.toEqual(mine);

    // An injected card and the handover survive a restart, as do the reports so far.
    expect((await fac.request('command', { type: 'InjectEvent', card: CARD })).type).toBe('ok');
    const tokens = [fac, ann, chen].map((p) => welcome(p).seatToken);
    await stopServer(server, 'SIGKILL');
    server = await startServer(server.port, server.dataDir);
    const [fac2, ann2, chen2] = await Promise.all(
      tokens.map((seatToken) => join(server.url, c, { seatToken, name: 'x' })),
    );
    await waitFor('seats restored', () => seat(fac2!, 'US')?.forced === true);
    expect(seat(fac2!, 'US')?.asking).toBe(true);
    expect(seat(fac2!, 'US')?.bot).toBe(true);
    expect((await ann2!.request('submit', { orders: mine })).type).toBe('error');
    await waitFor('reports', () => ann2!.last('reports'));
    expect(pastReports(ann2!).map((r) => [r.kind, r.round])).toEqual([
      ['round', 1],
      ['inject', 2],
    ]);

    // Given back: the request is settled and the human plays again.
    const given = ann2!.next<{ text: string }>('notice');
    expect((await fac2!.request('command', { type: 'BotSeat', nation: 'US', on: false })).type).toBe('ok');
    expect((await given).text).toMatch(/gave your seat back/);
    await waitFor(
      'US human',
      () =>
        seat(fac2!, 'US')?.forced === false &&
        seat(fac2!, 'US')?.asking === false &&
        seat(fac2!, 'US')?.bot === false,
    );
    const usBudget = view(ann2!).nations.US!.budget;
    expect((await ann2!.request('submit', { orders: { budget: spend(usBudget) } })).type).toBe('ok');
    expect((await ann2!.request('askSeat', {})).type).toBe('error');

    // Handed over again before the orders phase: the human submission is taken back, and the bot
    // submits when the orders phase opens.
    const withdrawn = ann2!.next<TeamOrdersMessage>('team');
    expect((await fac2!.request('command', { type: 'BotSeat', nation: 'US', on: true })).type).toBe('ok');
    expect(await withdrawn).toMatchObject({ submitted: null, submittedBy: null });
    const botTurn = ann2!.next<TeamOrdersMessage>('team');
    await fac2!.request('command', { type: 'Advance' });
    await fac2!.request('command', { type: 'Advance' });
    expect((await botTurn).submittedBy).toBe('bot');
    expect(state(fac2!).round).toBe(2);
    // (The clients of the killed server are gone with it.)
    for (const p of [fac2!, ann2!, chen2!]) await p.room.leave();
  });
});

describe('a game saved before seats could be asked back', () => {
  it('loads with no seat asking', () => {
    const storage = new SqliteStorage(':memory:');
    const scenario = readScenario('three-powers');
    const game = GameSession.create(storage, 'OLDGM', CreateOptionsSchema.parse({}), scenario, 7, Date.now());
    const { asking: _asking, ...old } = game.session;
    storage.updateGame('OLDGM', 'running', old as SessionSnapshot);
    expect(storage.getGame('OLDGM')?.session).not.toHaveProperty('asking');
    expect(GameSession.restore(storage, 'OLDGM', Date.now()).session.asking).toEqual([]);
  });
});

describe('the clock of a phase without a timer', () => {
  it('refuses AddTime, pauses without a time, and stays in the phase', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    await fac.request('command', { type: 'Start' });
    await waitFor('briefing', () => state(fac).phase === 'briefing');
    const refusal = [
      {
        path: 'seconds',
        message: 'this phase has no time limit (its timer is 0): use Next phase to move on',
      },
    ];
    const added = await fac.request('command', { type: 'AddTime', seconds: 60 });
    expect(added.type).toBe('error');
    expect(added.message.problems).toEqual(refusal);
    expect((await fac.request('command', { type: 'Pause' })).type).toBe('ok');
    await waitFor('paused', () => state(fac).paused === true);
    expect(state(fac).remaining).toBe(0);
    expect(state(fac).deadline).toBe(0);
    const whilePaused = await fac.request('command', { type: 'AddTime', seconds: 60 });
    expect(whilePaused.message.problems).toEqual(refusal);
    expect((await fac.request('command', { type: 'Resume' })).type).toBe('ok');
    await waitFor('resumed', () => state(fac).paused === false);
    expect(state(fac).deadline).toBe(0);
    expect(state(fac).remaining).toBe(0);
    expect(state(fac).phase).toBe('briefing');
    // Next phase still moves on.
    expect((await fac.request('command', { type: 'Advance' })).type).toBe('ok');
    await waitFor('negotiation', () => state(fac).phase === 'negotiation');
    for (const p of [fac, ann]) await p.room.leave();
  });
});

describe('lobby chat', () => {
  it('reaches everyone in the game, and the chat history of a later joiner', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers' });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    const chen = await join(server.url, code(fac), { name: 'Chen', nation: 'CN' });
    const screen = await join(server.url, code(fac), { name: 'Projector', role: 'spectator' });
    expect(state(fac).phase).toBe('lobby');
    const heard = [fac, chen, screen].map((p) => p.next<{ text: string; channel: string }>('chat'));
    expect((await ann.request('chat', { channel: 'public', text: 'hello from the lobby' })).type).toBe('ok');
    for (const line of await Promise.all(heard)) {
      expect(line.text).toBe('hello from the lobby');
      expect(line.channel).toBe('public');
    }
    const late = await join(server.url, code(fac), { name: 'Late', nation: 'EU' });
    const history = await waitFor('chat history', () => late.last<{ text: string }[]>('chatHistory'));
    expect(history.map((l) => l.text)).toContain('hello from the lobby');
    for (const p of [fac, ann, chen, screen, late]) await p.room.leave();
  });
});
