/**
 * Test harness: the real server as a child process (so a test can kill and restart it on the same
 * database) and real @colyseus/sdk clients that record every message they receive.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll } from 'vitest';
import type { GameView } from '../../shared/engine/index.ts';
import type { WelcomeMessage } from '../../shared/protocol/serverMessages.ts';
import {
  DEFLATED_TYPES,
  type DeflatedMessage,
  type DeflatedType,
  Inflater,
  unpackView,
  type WireView,
} from '../../shared/protocol/wire.ts';

const root = pathJoin(import.meta.dirname, '..', '..');

export interface ServerProcess {
  port: number;
  dataDir: string;
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts a program with its stdout and stderr collected, for error messages. */
export function spawnLogged(cmd: string, args: string[], options: SpawnOptions = {}) {
  const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  return { child, output: () => out };
}

/** Starts `node server/main.ts` on a port and data folder and waits for /health. */
/**
 * A port for a test's server: each vitest worker draws from its own range (VITEST_POOL_ID), so two
 * test files running at once never start servers on the same port (a clash made one file's clients
 * talk to the other file's server, then fail when it stopped). Ports a test derives (PORT + 1001 …)
 * stay inside its worker's range.
 */
export function testPort(): number {
  const pool = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 1) || 1;
  return 10_000 + (pool % 16) * 3_000 + Math.floor(Math.random() * 800);
}

export async function startServer(
  port: number,
  dataDir = mkdtempSync(pathJoin(tmpdir(), 'sovereign-test-')),
  env: Record<string, string> = {},
) {
  const { child, output } = spawnLogged(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', 'server/main.ts'],
    {
      cwd: root,
      // Tests create many games from one address: the per-address creation limit is lifted unless a
      // test sets it.
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, CREATES_PER_ADDRESS: '100000', ...env },
    },
  );
  const url = `http://localhost:${port}`;
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {}
    if (Date.now() - start > 20_000) throw new Error(`server did not start: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, dataDir, url, child, output } satisfies ServerProcess;
}

/**
 * The file's server: started in beforeAll on a testPort() (its `port` is known at once), stopped with
 * SIGTERM in afterAll. The returned object is filled in when the server has started.
 */
export function useServer(env: Record<string, string> = {}): ServerProcess {
  const server = { port: testPort() } as ServerProcess;
  beforeAll(async () => {
    Object.assign(server, await startServer(server.port, undefined, env));
  }, 60_000);
  afterAll(async () => {
    if (server.child) await stopServer(server, 'SIGTERM');
  });
  return server;
}

/** Stops the server: SIGKILL by default, as a crash would. */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGKILL') {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill(signal);
  await exited;
}

/** A connected client and everything it received, in order. */
export interface Player {
  room: Room;
  /**
   * Every message received; the deflated ones (`view`, `report`, `reports`) inflated, with the length
   * of their dictionary.
   */
  messages: { type: string; message: unknown; dictionary?: number }[];
  /** The last message of a type. */
  last<T = Record<string, unknown>>(type: string): T | undefined;
  /** Waits for the next message of a type after the ones already seen. */
  next<T = Record<string, unknown>>(type: string, timeoutMs?: number): Promise<T>;
  /** Sends and waits for the reply to it ('ok' or 'error' naming that message). */
  request(
    type: string,
    message: unknown,
  ): Promise<{ type: 'ok' | 'error'; message: Record<string, unknown> }>;
  /** Everything received, as one string (for leak checks). */
  transcript(): string;
}

const isDeflated = (t: string): t is DeflatedType => (DEFLATED_TYPES as readonly string[]).includes(t);

function record(room: Room): Player {
  const messages: Player['messages'] = [];
  // Views and reports arrive deflated: they are kept inflated (the WireView, the report, the past
  // reports), as a client reads them. An inflation failure is kept as an 'inflate-error' message for
  // tests to see.
  const inflater = new Inflater();
  room.onMessage('*', (type, message) => {
    const t = String(type);
    if (isDeflated(t)) {
      try {
        const deflated = message as DeflatedMessage;
        messages.push({ type: t, message: inflater.message(t, deflated), dictionary: deflated.dictionary });
      } catch (e) {
        messages.push({ type: 'inflate-error', message: { type: t, error: (e as Error).message } });
      }
    } else messages.push({ type: t, message });
  });
  // Tests reconnect explicitly with seat tokens; no automatic retries after a server kill.
  room.reconnection.enabled = false;
  const player: Player = {
    room,
    messages,
    last: <T>(type: string) => messages.findLast((m) => m.type === type)?.message as T | undefined,
    next: async <T>(type: string, timeoutMs = 30_000) => {
      const seen = messages.length;
      const found = await waitFor(
        `message '${type}'`,
        () => messages.slice(seen).find((m) => m.type === type),
        timeoutMs,
      );
      return found.message as T;
    },
    request: async (type, message) => {
      const seen = messages.length;
      room.send(type, message);
      const reply = await waitFor(`a reply to '${type}'`, () =>
        messages
          .slice(seen)
          .find(
            (m) =>
              (m.type === 'ok' || m.type === 'error') && (m.message as { message: string }).message === type,
          ),
      );
      return reply as { type: 'ok' | 'error'; message: Record<string, unknown> };
    },
    transcript: () => JSON.stringify(messages),
  };
  return player;
}

/** Creates a game as its facilitator. */
export async function createGame(
  url: string,
  game: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const room = await new Client(url).create('game', { name: 'Facilitator', game, ...extra });
  const p = record(room);
  await waitFor('welcome', () => p.last('welcome'));
  return p;
}

/** Joins a game by code. */
export async function join(url: string, code: string, options: Record<string, unknown>) {
  const room = await new Client(url).joinById(code, options);
  const p = record(room);
  await waitFor('welcome', () => p.last('welcome'));
  return p;
}

/**
 * Joins a nation's team: when the nation already has players the join waits (`waiting`) until
 * `approver` (a member of the nation, or the facilitator) admits it; otherwise it is a plain join.
 */
export async function joinTeam(
  url: string,
  code: string,
  options: Record<string, unknown>,
  approver: Player,
) {
  const room = await new Client(url).joinById(code, options);
  const p = record(room);
  const first = await waitFor('welcome or waiting', () =>
    p.messages.find((m) => m.type === 'welcome' || m.type === 'waiting'),
  );
  if (first.type === 'welcome') return p;
  await waitFor('the request to reach the approver', () =>
    approver.messages.some(
      (m) =>
        m.type === 'joinRequests' &&
        (m.message as { requests: { sessionId: string }[] }).requests.some(
          (r) => r.sessionId === room.sessionId,
        ),
    ),
  );
  const reply = await approver.request('admit', { sessionId: room.sessionId, accept: true });
  if (reply.type !== 'ok') throw new Error(`admit refused: ${JSON.stringify(reply.message)}`);
  await waitFor('welcome', () => p.last('welcome'));
  return p;
}

/** A spread of a nation's budget over the budget lines, within it. */
export function spend(
  budget: number,
  shares = { compute: 0.3, training: 0.3, chips: 0.1, talent: 0.1, safety: 0.1, aid: 0.05 },
) {
  return Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, Math.floor(budget * v * 100) / 100]));
}

/** The client's current view, rebuilt from every `view` message it received (as the browser does). */
export function gameView(p: Player): GameView | undefined {
  let view: GameView | null = null;
  for (const m of p.messages) if (m.type === 'view') view = unpackView(m.message as WireView, view);
  return view ?? undefined;
}

/** Timers off: phases move on when every human nation is ready or has submitted. */
export const NO_TIMERS = { briefing: 0, negotiation: 0, orders: 0 };
/** The client's `welcome` (its seat, token and game code). */
export const welcome = (p: Player) => p.last('welcome') as unknown as WelcomeMessage;
/** The code of the game the client is in. */
export const code = (p: Player) => welcome(p).code;
/** The client's current view (tests call it once the first view has arrived). */
export const view = (p: Player) => gameView(p) as GameView;
/** The synced room state (phase, round, seats…), as plain fields. */
export const roomState = (p: Player) =>
  p.room.state as Record<string, unknown> & { seats: Map<string, Record<string, unknown>> };
/** The synced seat of a nation. */
export const seat = (p: Player, nation: string) => roomState(p).seats.get(nation);

/** Every human nation says ready until the phase is `phase`. */
export async function readyUntil(fac: Player, players: Player[], phase: string) {
  while (roomState(fac).phase !== phase) {
    const before = roomState(fac).phase;
    for (const p of players) await p.request('ready', { ready: true });
    await waitFor(`leaving ${before}`, () => roomState(fac).phase !== before);
  }
}
