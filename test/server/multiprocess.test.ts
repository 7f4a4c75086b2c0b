/**
 * Several server processes: two real servers sharing a real Redis (presence, matchmaking) and a real
 * PostgreSQL (games). A game created through one process is found and joined through the other;
 * when the process holding it is killed (SIGKILL), the survivor takes it over from the database and
 * the players rejoin with their seat tokens; nothing acknowledged is lost, and the game ends exactly
 * as the engine plays the stored orders.
 *
 * Needs Debian's redis-server, postgresql and nginx (`.ci/run` installs them and sets
 * SOVEREIGN_SERVICE_TESTS=required, so in CI a missing server fails the test instead of skipping it).
 */
import { readFileSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { createGame as newGame, type Orders, parseOrders, resolveRound } from '../../shared/engine/index.ts';
import type { TeamOrdersMessage } from '../../shared/protocol/serverMessages.ts';
import {
  createGame,
  join,
  NO_TIMERS,
  type Player,
  type ServerProcess,
  spend,
  startServer,
  roomState as state,
  stopServer,
  view,
  waitFor,
  welcome,
} from './harness.ts';
import {
  freePort,
  type Service,
  servicesAvailable,
  startNginx,
  startPostgres,
  startRedis,
} from './services.ts';

const available = servicesAvailable();
const required = process.env.SOVEREIGN_SERVICE_TESTS === 'required';
if (!available.ok && !required)
  console.warn(`multi-process tests skipped: ${available.missing.join(', ')} not installed (see .ci/run)`);

const SEED = 424242;
const ROUNDS = 3;

let redis: Service | undefined;
let postgres: Service | undefined;
const servers: ServerProcess[] = [];

async function startProcess(): Promise<ServerProcess> {
  const port = await freePort();
  const server = await startServer(port, undefined, {
    DATABASE_URL: postgres!.url,
    REDIS_URL: redis!.url,
    PUBLIC_ADDRESS: `localhost:${port}`,
    // Short for the test: a process silent for 3 s is taken as stopped; survivors look every 0.5 s.
    PROCESS_STALE_MS: '3000',
    CLAIM_EVERY_MS: '500',
  });
  servers.push(server);
  return server;
}

const liveGames = async (s: ServerProcess) =>
  ((await (await fetch(`${s.url}/health`)).json()) as { games: number }).games;

describe.skipIf(!available.ok && !required)('two server processes on Redis and PostgreSQL', () => {
  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await stopServer(s, 'SIGTERM');
    await redis?.stop();
    await postgres?.stop();
  }, 60_000);

  it('a game is found and joined through either process and survives the death of its process', async () => {
    const a = await startProcess();
    const b = await startProcess();

    // Created through A; the matchmaker may place the room on either process.
    const fac = await createGame(a.url, {
      scenario: 'three-powers',
      rounds: ROUNDS,
      timers: NO_TIMERS,
      seed: SEED,
    });
    const code = welcome(fac).code;
    const holder = (await liveGames(a)) === 1 ? a : b;
    const other = holder === a ? b : a;
    expect(await liveGames(other)).toBe(0);

    // Found through both processes, joined through both.
    for (const s of [a, b]) {
      const summary = await (await fetch(`${s.url}/api/games/${code}`)).json();
      expect(summary.code).toBe(code);
      const list = (await (await fetch(`${s.url}/api/games`)).json()) as { code: string }[];
      expect(list.map((g) => g.code)).toContain(code);
    }
    const ann = await join(other.url, code, { name: 'Ann', nation: 'US' });
    const chen = await join(holder.url, code, { name: 'Chen', nation: 'CN' });
    await waitFor(
      'both seated',
      () =>
        view(fac) && (state(fac).seats as Map<string, { players: string[] }>).get('CN')?.players.length === 1,
    );

    const acked = new Map<string, unknown>();
    const submit = async (p: Player, nation: string, round: number) => {
      const orders = {
        budget: spend(view(p).nations[nation]!.budget),
        release: round % 2 ? 'open' : 'closed',
      };
      const reply = await p.request('submit', { orders });
      expect(reply.type).toBe('ok');
      acked.set(`${round}:${nation}`, orders);
    };
    const toOrders = async (ps: Player[], f: Player) => {
      while (state(f).phase !== 'orders') {
        const before = state(f).phase;
        for (const p of ps) await p.request('ready', { ready: true });
        await waitFor(`leaving ${before}`, () => state(f).phase !== before);
      }
    };

    expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
    await waitFor('briefing', () => state(fac).phase === 'briefing');
    await toOrders([ann, chen], fac);
    await submit(ann, 'US', 1);
    const report1 = chen.next<{ round: number }>('report');
    await submit(chen, 'CN', 1);
    expect((await report1).round).toBe(1);
    await waitFor('round 2', () => state(fac).round === 2);
    await toOrders([ann, chen], fac);
    await submit(ann, 'US', 2);

    // The process holding the game dies right after acknowledging Ann's order.
    await stopServer(holder, 'SIGKILL');
    const started = Date.now();

    // Everyone rejoins through the survivor with their seat tokens, once it has taken the game over.
    const rejoin = async (p: Player) => {
      for (;;) {
        try {
          return await join(other.url, code, { seatToken: welcome(p).seatToken, name: 'ignored' });
        } catch (e) {
          if (Date.now() - started > 30_000) throw e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    };
    const fac2 = await rejoin(fac);
    const took = Date.now() - started;
    const ann2 = await rejoin(ann);
    const chen2 = await rejoin(chen);
    expect(await liveGames(other)).toBe(1);
    expect(welcome(ann2).nation).toBe('US');
    expect(welcome(chen2).nation).toBe('CN');
    expect(state(fac2).round).toBe(2);
    expect(state(fac2).phase).toBe('orders');
    // Ann's acknowledged order is still there.
    const team = await waitFor('team', () => ann2.last<TeamOrdersMessage>('team'));
    expect(team.submitted).toEqual(acked.get('2:US'));

    // The game goes on to its end on the survivor.
    await submit(chen2, 'CN', 2);
    await waitFor('round 3', () => state(fac2).round === 3 && state(fac2).phase === 'briefing');
    await toOrders([ann2, chen2], fac2);
    await submit(ann2, 'US', 3);
    await submit(chen2, 'CN', 3);
    await waitFor('the end', () => state(fac2).phase === 'ended');

    // The report (from PostgreSQL) has every acknowledged order once, and replaying the stored orders
    // with the engine from the same seed gives the same history: nothing lost, nothing doubled.
    const token = welcome(fac).seatToken;
    const report = await (await fetch(`${other.url}/api/games/${code}/report.json?token=${token}`)).json();
    const effective = new Map<string, unknown>();
    for (const o of report.orders as { round: number; nation: string; orders: unknown }[])
      if (o.orders) effective.set(`${o.round}:${o.nation}`, o.orders);
      else effective.delete(`${o.round}:${o.nation}`);
    for (const [key, orders] of acked) expect(effective.get(key), key).toEqual(orders);
    let replay = newGame(readScenario('three-powers'), { seed: SEED, rounds: ROUNDS });
    for (let round = 1; round <= ROUNDS; round++) {
      const orders: Record<string, Orders> = {};
      for (const nation of ['US', 'CN', 'EU']) {
        const input = effective.get(`${round}:${nation}`);
        if (!input) continue;
        const parsed = parseOrders(replay, nation, input);
        if (parsed.ok) orders[nation] = parsed.value;
      }
      replay = resolveRound(replay, orders).state;
    }
    expect(report.history).toEqual(replay.history);
    expect(report.history).toHaveLength(ROUNDS + 1);
    console.log(
      `multi-process: game ${code} on port ${holder.port} killed; the survivor on ${other.port} took it over and the facilitator was back in ${took} ms`,
    );
    for (const p of [fac2, ann2, chen2]) await p.room.leave();
    await stopServer(other, 'SIGTERM');
  }, 120_000);

  it('behind nginx with the configuration of docs/DEPLOY.md, clients reach games on both processes through one address', async () => {
    const [p1, p2, proxyPort] = [await freePort(), await freePort(), await freePort()];
    const env = (prefix: string) => ({
      DATABASE_URL: postgres!.url,
      REDIS_URL: redis!.url,
      PUBLIC_ADDRESS: `127.0.0.1:${proxyPort}/${prefix}`,
      TRUST_PROXY: '1',
    });
    const one = await startServer(p1, undefined, env('p1'));
    const two = await startServer(p2, undefined, env('p2'));
    servers.push(one, two);
    const proxy = await startNginx(
      (port) =>
        readFileSync(
          pathJoin(import.meta.dirname, '..', '..', 'docs', 'deploy', 'sovereign.nginx.conf'),
          'utf8',
        )
          .replace('listen 80;', `listen 127.0.0.1:${port};`)
          .replaceAll('127.0.0.1:2567', `127.0.0.1:${p1}`)
          .replaceAll('127.0.0.1:2568', `127.0.0.1:${p2}`),
      proxyPort,
    );
    try {
      // Games through the proxy until both processes hold one (the matchmaker places each).
      const games: { fac: Player; player: Player }[] = [];
      while (games.length < 8 && ((await liveGames(one)) === 0 || (await liveGames(two)) === 0)) {
        const fac = await createGame(proxy.url, {
          scenario: 'three-powers',
          title: `Class ${games.length + 1}`,
          timers: NO_TIMERS,
        });
        const player = await join(proxy.url, welcome(fac).code, { name: 'Ann', nation: 'US' });
        games.push({ fac, player });
      }
      expect(await liveGames(one)).toBeGreaterThan(0);
      expect(await liveGames(two)).toBeGreaterThan(0);
      for (const { fac, player } of games) {
        // Both directions work over the proxied WebSocket: a chat line from the player reaches the facilitator.
        expect(
          (await player.request('chat', { channel: 'public', text: `hello ${welcome(fac).code}` })).type,
        ).toBe('ok');
        await waitFor('the line', () => fac.transcript().includes(`hello ${welcome(fac).code}`));
        expect(welcome(player).nation).toBe('US');
      }
      const list = (await (await fetch(`${proxy.url}/api/games`)).json()) as { title: string }[];
      expect(list.map((g) => g.title).sort()).toEqual(games.map((_, i) => `Class ${i + 1}`).sort());
      for (const { fac, player } of games) {
        await player.room.leave();
        await fac.room.leave();
      }
    } finally {
      await proxy.stop();
    }
  }, 120_000);
});
