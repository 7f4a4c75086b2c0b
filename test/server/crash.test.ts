/**
 * Crash drills: a three-round game with real SDK clients on a real server process, killed (SIGKILL)
 * at seeded random moments and restarted on the same database. Every acknowledged order and
 * readiness must survive, every client gets its seat back with its seat token, and the game must
 * end exactly as the same game (same seed, same orders) played without interruption. Also a
 * graceful stop (SIGTERM) mid-round.
 *
 * The kill schedule is drawn with fast-check from CRASH_SEED (default below); a failure message
 * names the seed and the schedule, so a run can be replayed with `CRASH_SEED=<seed>`.
 */
import { rmSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GameView } from '../../shared/engine/index.ts';
import type { TeamOrdersMessage, WelcomeMessage } from '../../shared/protocol/serverMessages.ts';
import {
  createGame,
  join,
  type Player,
  type ServerProcess,
  spend,
  startServer,
  stopServer,
  testPort,
  view,
  waitFor,
  welcome,
} from './harness.ts';

const PORT = testPort();
const CRASH_SEED = Number(process.env.CRASH_SEED ?? 3);
const GAME_SEED = 777_001;
const GAME = {
  scenario: 'three-powers',
  rounds: 3,
  timers: { briefing: 0, negotiation: 0, orders: 0 },
  bots: true,
  private: true,
  seed: GAME_SEED,
};
const HUMANS = ['US', 'CN'] as const;
type Human = (typeof HUMANS)[number];
const PHASES = ['briefing', 'negotiation', 'orders', 'ended'];

let server: ServerProcess;

beforeAll(async () => {
  server = await startServer(PORT);
});
afterAll(async () => {
  if (server && running(server)) await stopServer(server, 'SIGKILL');
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

// ---- small helpers ----

/** The harness's stopServer waits for an exit that already happened if the process died of a signal. */
const running = (s: ServerProcess) => s.child.exitCode === null && s.child.signalCode === null;

type Report = {
  game: { status: string; round: number };
  history: unknown[];
  ranking: unknown[];
  rounds: { round: number; events: unknown[] }[];
  orders: { round: number; nation: string; by: string; orders: unknown }[];
};

const roomState = (p: Player) =>
  p.room.state as unknown as {
    code: string;
    phase: string;
    round: number;
    seats: Map<string, { submitted: boolean; ready: boolean; bot: boolean }>;
  };
const seat = (p: Player, nation: string) => roomState(p).seats.get(nation);
/** Where a game is, as one comparable number: round, then phase. */
const progress = (round: number, phase: string) => round * 10 + PHASES.indexOf(phase);

/** A human's deterministic orders for the round its view shows: fixed shares of its budget, in cents. */
function ordersFor(nation: Human, v: GameView) {
  const budget = v.nations[nation]!.budget;
  const shares =
    nation === 'US'
      ? { compute: 0.35, training: 0.3, chips: 0.1, talent: 0.1, safety: 0.1, aid: 0.05 }
      : { compute: 0.25, training: 0.25, chips: 0.2, talent: 0.1, safety: 0.1, aid: 0.05 };
  const answer = v.proposals.filter((p) => p.to === nation).map((p) => ({ id: p.id, accept: true }));
  const propose = nation === 'US' && v.round === 1 ? [{ type: 'AiForum', to: 'CN' }] : [];
  return {
    budget: spend(budget, shares),
    release: nation === 'US' ? 'closed' : 'open',
    ...(answer.length || propose.length
      ? { treaties: { ...(answer.length ? { answer } : {}), ...(propose.length ? { propose } : {}) } }
      : {}),
  };
}

async function report(code: string, token: string): Promise<Report> {
  const res = await fetch(`${server.url}/api/games/${code}/report.json?token=${token}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
}

/** The orders that counted: the last row per round and nation (a resubmission replaces). */
function effectiveOrders(r: Report) {
  const last = new Map<string, unknown>();
  for (const o of r.orders) last.set(`${o.round}:${o.nation}`, o.orders);
  return Object.fromEntries([...last.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

async function leaveAll(t: Table) {
  for (const p of [t.fac, ...Object.values(t.players)]) if (p.room.connection.isOpen) await p.room.leave();
}

/** The three clients of a game: the facilitator (no nation) and one player for each human nation. */
interface Table {
  code: string;
  fac: Player;
  players: Record<Human, Player>;
  tokens: { fac: string; US: string; CN: string };
  first: Record<'fac' | Human, WelcomeMessage>;
}

async function openTable(): Promise<Table> {
  const fac = await createGame(server.url, GAME);
  const code = welcome(fac).code;
  const us = await join(server.url, code, { name: 'Ann', nation: 'US' });
  const cn = await join(server.url, code, { name: 'Chen', nation: 'CN' });
  expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
  await waitFor('briefing', () => roomState(fac).phase === 'briefing');
  expect(seat(fac, 'EU')?.bot).toBe(true);
  return {
    code,
    fac,
    players: { US: us, CN: cn },
    tokens: { fac: welcome(fac).seatToken, US: welcome(us).seatToken, CN: welcome(cn).seatToken },
    first: { fac: welcome(fac), US: welcome(us), CN: welcome(cn) },
  };
}

/** Everything the clients were told was accepted, to check after each restart and at the end. */
interface Acked {
  /** Orders acknowledged, by `round:nation` (the last acknowledged counts). */
  orders: Map<string, unknown>;
  /** Furthest point the game was seen at (round and phase). */
  progress: number;
  /** Readiness acknowledged: `round:phase:nation`. */
  ready: Set<string>;
}

/** Ends the server (SIGKILL unless told), starts it again on the same data and brings everyone back. */
async function restart(
  t: Table,
  acked: Acked,
  signal: NodeJS.Signals = 'SIGKILL',
  whileDown: () => void = () => {},
): Promise<'restored' | 'ended'> {
  await stopServer(server, signal);
  whileDown();
  server = await startServer(server.port, server.dataDir);
  // The server listens (and /health answers) before it restores saved games: wait for the start-up line.
  await waitFor('start-up line', () => /Sovereign on /.test(server.output()), 20_000);
  if (!server.output().includes(t.code)) {
    // Not restored: only acceptable if the game had ended before the kill was final.
    const r = await report(t.code, t.tokens.fac);
    expect(r.game.status, `game ${t.code} was not restored and has not ended`).toBe('ended');
    return 'ended';
  }
  const [fac, us, cn] = await Promise.all(
    [t.tokens.fac, t.tokens.US, t.tokens.CN].map((seatToken) =>
      join(server.url, t.code, { seatToken, name: 'someone else' }),
    ),
  );
  t.fac = fac!;
  t.players = { US: us!, CN: cn! };
  // Seats back with the same tokens, roles, nations and names.
  for (const [key, p] of [
    ['fac', fac!],
    ['US', us!],
    ['CN', cn!],
  ] as const) {
    expect(welcome(p)).toEqual({ ...t.first[key], sessionId: welcome(p).sessionId });
  }
  await waitFor('synced state', () => roomState(fac!).code === t.code && seat(fac!, 'CN') !== undefined);
  for (const n of HUMANS) await waitFor(`${n} team`, () => t.players[n].last('team'));
  const st = roomState(fac!);
  // Nothing acknowledged is lost: the game is at least where it was seen...
  expect(progress(st.round, st.phase)).toBeGreaterThanOrEqual(acked.progress);
  expect(seat(fac!, 'EU')?.bot).toBe(true);
  for (const n of HUMANS) expect(seat(fac!, n)?.bot).toBe(false);
  for (const n of HUMANS) {
    // ...every order acknowledged for the round being played is there (team message and seat)...
    const mine = acked.orders.get(`${st.round}:${n}`);
    const team = t.players[n].last<TeamOrdersMessage>('team')!;
    expect(team.round).toBe(st.round);
    if (mine !== undefined) {
      expect(team.submitted, `${n}'s acknowledged orders of round ${st.round}`).toEqual(mine);
      expect(seat(fac!, n)?.submitted).toBe(true);
    }
    // ...and every readiness acknowledged in the phase being played.
    if (acked.ready.has(`${st.round}:${st.phase}:${n}`)) expect(seat(fac!, n)?.ready).toBe(true);
  }
  return 'restored';
}

/** A moment at which the drill may end the server. */
type Moment =
  | { kind: 'ready-ack'; round: number; phase: string; nation: Human }
  | { kind: 'orders-open'; round: number }
  | { kind: 'ack'; round: number }
  | { kind: 'last-sent'; round: number; delayMs: number };

/**
 * Plays the game to its end with deterministic orders; `kill` is asked at each moment whether to
 * end the server there (it restarts it and returns what became of the game).
 */
async function play(t: Table, acked: Acked, kill: (m: Moment) => Promise<'no' | 'restored' | 'ended'>) {
  const seen = () => {
    const st = roomState(t.fac);
    acked.progress = Math.max(acked.progress, progress(st.round, st.phase));
  };
  outer: for (;;) {
    const { phase, round } = roomState(t.fac);
    seen();
    if (phase === 'ended') return 'played';
    if (phase === 'briefing' || phase === 'negotiation') {
      for (const n of HUMANS) {
        if (seat(t.fac, n)?.ready) continue;
        const reply = await t.players[n].request('ready', { ready: true });
        expect(reply.type, JSON.stringify(reply.message)).toBe('ok');
        acked.ready.add(`${round}:${phase}:${n}`);
        const k = await kill({ kind: 'ready-ack', round, phase, nation: n });
        if (k === 'ended') return 'ended';
        if (k === 'restored') continue outer;
      }
      await waitFor(`leaving ${phase} of round ${round}`, () => {
        const st = roomState(t.fac);
        return st.phase !== phase || st.round !== round;
      });
      continue;
    }
    // The orders phase.
    const open = await kill({ kind: 'orders-open', round });
    if (open === 'ended') return 'ended';
    if (open === 'restored') continue;
    await waitFor('the EU bot has submitted', () => seat(t.fac, 'EU')?.submitted);
    for (const n of HUMANS) {
      const p = t.players[n];
      if (seat(t.fac, n)?.submitted && p.last<TeamOrdersMessage>('team')?.submitted) continue;
      const v = await waitFor(`${n}'s view of round ${round}`, () => view(p)?.round === round && view(p));
      const orders = ordersFor(n, v);
      if (n === 'CN') {
        // The last order of the round: the round resolves as soon as the server stores it.
        const reply = p.request('submit', { orders });
        reply.catch(() => undefined); // no reply if the server dies first
        const k = await kill({ kind: 'last-sent', round, delayMs: 0 });
        if (k === 'ended') return 'ended';
        if (k === 'restored') continue outer;
        const r = await reply;
        expect(r.type, JSON.stringify(r.message)).toBe('ok');
        acked.orders.set(`${round}:${n}`, orders);
      } else {
        const r = await p.request('submit', { orders });
        expect(r.type, JSON.stringify(r.message)).toBe('ok');
        acked.orders.set(`${round}:${n}`, orders);
        const k = await kill({ kind: 'ack', round });
        if (k === 'ended') return 'ended';
        if (k === 'restored') continue outer;
      }
    }
    const resolved = () => {
      const st = roomState(t.fac);
      return st.round !== round || st.phase === 'ended';
    };
    // The round must resolve by itself once every nation's orders are stored (the server's clock checks
    // readiness every second). No time is asserted: waiting on the state alone, the drill fails with the
    // seats' submission flags if it never happens.
    await waitFor("the round to resolve by itself with every nation's orders stored", () => {
      if (resolved()) return true;
      return false;
    }).catch((e: Error) => {
      const seats = Object.fromEntries(
        [...roomState(t.fac).seats.entries()].map(([n, s]) => [n, s.submitted]),
      );
      throw new Error(`${e.message}: round ${round}, submitted ${JSON.stringify(seats)}`);
    });
  }
}

/** The kill schedule: each required moment once, in a seeded random round, plus one readiness kill. */
function schedule(seed: number) {
  const [draw] = fc.sample(
    fc.record({
      rounds: fc.shuffledSubarray([1, 2, 3], { minLength: 3, maxLength: 3 }),
      delayMs: fc.integer({ min: 0, max: 15 }),
      ready: fc.record({
        round: fc.integer({ min: 1, max: 3 }),
        phase: fc.constantFrom('briefing', 'negotiation'),
        nation: fc.constantFrom<Human>('US', 'CN'),
      }),
    }),
    { seed, numRuns: 1 },
  );
  const [a, b, c] = draw!.rounds;
  return [
    { kind: 'orders-open', round: a! },
    { kind: 'ack', round: b! },
    { kind: 'last-sent', round: c!, delayMs: draw!.delayMs },
    { kind: 'ready-ack', ...draw!.ready },
  ] as Moment[];
}

const sameMoment = (a: Moment, b: Moment) =>
  a.kind === b.kind &&
  a.round === b.round &&
  (a.kind !== 'ready-ack' || (b.kind === 'ready-ack' && a.phase === b.phase && a.nation === b.nation));

describe('crash drills', () => {
  it('a game killed at seeded moments ends exactly as the same game played without interruption', async () => {
    const started = Date.now();
    // The reference: the same game on the same server, uninterrupted.
    const ref = await openTable();
    const refAcked: Acked = { orders: new Map(), progress: 0, ready: new Set() };
    expect(await play(ref, refAcked, async () => 'no')).toBe('played');
    const refReport = await report(ref.code, ref.tokens.fac);
    const refView = view(ref.fac);
    expect(refReport.game.status).toBe('ended');
    expect(refReport.history).toHaveLength(4);
    await leaveAll(ref);

    // The drill.
    const plan = schedule(CRASH_SEED);
    const context = `CRASH_SEED=${CRASH_SEED}, schedule ${JSON.stringify(plan)}`;
    const t = await openTable();
    const acked: Acked = { orders: new Map(), progress: 0, ready: new Set() };
    const fired: string[] = [];
    const log: string[] = [];
    const drill = play(t, acked, async (m) => {
      const planned = plan.find((p) => sameMoment(p, m));
      if (!planned || fired.includes(JSON.stringify(planned))) return 'no';
      fired.push(JSON.stringify(planned));
      if (planned.kind === 'last-sent' && planned.delayMs)
        await new Promise((r) => setTimeout(r, planned.delayMs));
      const before = view(t.fac);
      const st = roomState(t.fac);
      const at = { round: st.round, phase: st.phase };
      const result = await restart(t, acked);
      const now = roomState(t.fac);
      log.push(
        `${planned.kind}@${at.round}/${at.phase} → ${result === 'ended' ? 'ended' : `${now.round}/${now.phase}`}`,
      );
      if (result === 'restored' && planned.kind !== 'last-sent') {
        // Killed at a quiet moment: the restored game is the game as it was.
        expect(view(t.fac), `${context}: the state after a kill at ${JSON.stringify(m)}`).toEqual(before);
        if (planned.kind !== 'ready-ack') expect({ round: now.round, phase: now.phase }).toEqual(at);
      }
      return result;
    });
    const outcome = await drill.catch((e: Error) => {
      throw new Error(`${context}; kills so far: ${log.join(', ')}: ${e.message}`, { cause: e });
    });
    expect(fired, context).toHaveLength(plan.length);

    // The end: same history, ranking, events, orders and final state as the reference.
    const r = await report(t.code, t.tokens.fac);
    expect(r.game.status).toBe('ended');
    expect(r.history, context).toEqual(refReport.history);
    expect(r.ranking, context).toEqual(refReport.ranking);
    expect(r.rounds, context).toEqual(refReport.rounds);
    expect(effectiveOrders(r), context).toEqual(effectiveOrders(refReport));
    // Every acknowledged order is in the report as the orders that counted.
    const counted = effectiveOrders(r);
    for (const [key, orders] of acked.orders) expect(counted[key], `${context}: ${key}`).toEqual(orders);
    if (outcome === 'played') expect(view(t.fac), context).toEqual(refView);
    await leaveAll(t);
    console.log(`crash drills: ${context}, kills: ${log.join(', ')}; ${Date.now() - started} ms`);
  });

  it('a crash after the last order of a round is stored but before the round is: the round still resolves', async () => {
    // SIGKILL can land between the write of the last order and the write of the resolved round
    // (GameSession.submit → record → storage.addOrder, then resolveNow → storage.addRound). The
    // database is then left with every order of the round and the round unresolved. Reproduced
    // exactly: kill after the US order is acknowledged, then write CN's order row as addOrder does.
    const t = await openTable();
    const acked: Acked = { orders: new Map(), progress: 0, ready: new Set() };
    let cnOrders: unknown;
    await play(t, acked, async (m) => {
      if (m.kind !== 'ack' || m.round !== 1) return 'no';
      cnOrders = ordersFor('CN', view(t.players.CN));
      acked.orders.set('1:CN', cnOrders);
      return restart(t, acked, 'SIGKILL', () => {
        const db = new DatabaseSync(pathJoin(server.dataDir, 'sovereign.sqlite'));
        db.prepare(
          'INSERT INTO orders (code, round, nation, orders, by_name, at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(t.code, 1, 'CN', JSON.stringify(cnOrders), 'Chen', Date.now());
        db.close();
      });
    });
    const r = await report(t.code, t.tokens.fac);
    expect(r.game.status).toBe('ended');
    expect(effectiveOrders(r)['1:CN']).toEqual(cnOrders);
    await leaveAll(t);
  });

  it('a graceful stop (SIGTERM) mid-round exits with 0, tells the clients and restores the game with its orders', async () => {
    const t = await openTable();
    const acked: Acked = { orders: new Map(), progress: 0, ready: new Set() };
    const closeCodes: number[] = [];
    let exitCode: number | null = null;
    const outcome = await play(t, acked, async (m) => {
      if (m.kind !== 'ack' || m.round !== 2) return 'no';
      for (const p of [t.fac, ...Object.values(t.players)]) p.room.onLeave((c) => closeCodes.push(c));
      const child = server.child;
      const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      const result = await restart(t, acked, 'SIGTERM');
      exitCode = await exited;
      // Restored in the orders phase of round 2 with the US orders.
      expect(roomState(t.fac).round).toBe(2);
      expect(roomState(t.fac).phase).toBe('orders');
      expect(t.players.US.last<TeamOrdersMessage>('team')?.submitted).toEqual(acked.orders.get('2:US'));
      return result;
    });
    expect(outcome).toBe('played');
    expect(exitCode).toBe(0);
    expect(closeCodes).toEqual([4001, 4001, 4001]);
    const r = await report(t.code, t.tokens.fac);
    for (const [key, orders] of acked.orders) expect(effectiveOrders(r)[key]).toEqual(orders);
    await leaveAll(t);
  });
});
