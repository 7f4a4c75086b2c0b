/**
 * The example bots of docs/PROTOCOL.md play whole games against the real server: examples/bot.ts and
 * the minimal bot printed in §15 each join a game a facilitator created, submit orders each round and
 * exit 0 when the game ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGameServer, type GameServer } from '../../server/createGameServer.ts';
import { testPort } from './harness.ts';

let game: GameServer;
let dataDir: string;
let url: string;
let bot: ChildProcess | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sov-examplebot-'));
  const port = testPort();
  game = await createGameServer({ port, dataDir });
  url = `http://localhost:${port}`;
});

afterAll(async () => {
  if (bot && bot.exitCode === null) bot.kill();
  await game?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const until = async (what: string, check: () => boolean, ms: number) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('examples/bot.ts', () => {
  it('joins a game, plays every round and exits 0 at the end', async () => {
    const client = new Client(url);
    const room: Room = await client.create('game', {
      name: 'Facilitator',
      game: {
        scenario: 'three-powers',
        rounds: 2,
        timers: { briefing: 0, negotiation: 0, orders: 0 },
        bots: true,
      },
    });
    let code = '';
    const errors: unknown[] = [];
    room.onMessage('welcome', (w: { code: string; role: string }) => {
      expect(w.role).toBe('facilitator');
      code = w.code;
    });
    room.onMessage('error', (e: unknown) => errors.push(e));
    room.onMessage('*', () => {});
    await until('the welcome', () => code !== '', 5000);

    let stdout = '';
    let stderr = '';
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        'examples/bot.ts',
        '--url',
        url,
        '--code',
        code,
        '--nation',
        'US',
      ],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    bot = child;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));

    await until('the bot to take its seat', () => (room.state.seats?.get('US')?.connected ?? 0) > 0, 15_000);
    room.send('command', { type: 'Start' });

    let exitCode: number | null | undefined;
    void exited.then((c) => {
      exitCode = c;
    });
    await until('the bot to exit', () => exitCode !== undefined, 40_000).catch((e) => {
      throw new Error(
        `${(e as Error).message}\n--- bot stdout ---\n${stdout}\n--- bot stderr ---\n${stderr}`,
      );
    });
    expect(exitCode, `bot stderr:\n${stderr}\nstdout:\n${stdout}`).toBe(0);
    await until('the ended phase', () => room.state.phase === 'ended', 5000);
    expect(room.state.phase).toBe('ended');
    expect(room.state.status).toBe('ended');
    expect(stdout).toMatch(/round 1: orders accepted/);
    expect(stdout).toMatch(/round 2: orders accepted/);
    expect(stdout).toMatch(/final ranking/);
    expect(stdout).not.toMatch(/error from the server/);
    expect(errors).toEqual([]);
    await room.leave(true);
  }, 60_000);
});

describe('the minimal bot of docs/PROTOCOL.md §15', () => {
  it('runs as printed: joins, plays both rounds and exits 0', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const doc = readFileSync(join(root, 'docs', 'PROTOCOL.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## 15. A complete minimal bot'));
    const source = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(source, 'a ts code block in §15').toBeTruthy();
    // Beside the project's node_modules, so that its imports resolve as in a bot author's project.
    const file = join(root, 'test', `.tmp-minibot-${process.pid}.ts`);
    writeFileSync(file, source!);
    try {
      const room: Room = await new Client(url).create('game', {
        name: 'Facilitator',
        game: { scenario: 'three-powers', rounds: 2, timers: { briefing: 0, negotiation: 0, orders: 0 } },
      });
      let code = '';
      room.onMessage('welcome', (w: { code: string }) => {
        code = w.code;
      });
      room.onMessage('*', () => {});
      await until('the welcome', () => code !== '', 5000);
      let out = '';
      const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', file, url, code], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      bot = child;
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
      const seated = () => [...(room.state.seats?.values() ?? [])].some((s) => s.players.includes('MiniBot'));
      await until('the minimal bot to take a seat', seated, 15_000);
      room.send('command', { type: 'Start' });
      await until('the minimal bot to exit', () => exitCode !== undefined, 40_000).catch((e) => {
        throw new Error(`${(e as Error).message}\n--- output ---\n${out}`);
      });
      expect(exitCode, out).toBe(0);
      expect(out).not.toMatch(/refused/);
      expect(room.state.phase).toBe('ended');
      // It played: its nation submitted orders in both rounds (the report lists no OrdersMissing for it).
      const report = (await (await fetch(`${url}/api/games/${code}/report.json`)).json()) as {
        orders: { round: number; nation: string; by: string }[];
      };
      expect(report.orders.filter((o) => o.by === 'MiniBot').map((o) => o.round)).toEqual([1, 2]);
      await room.leave(true);
    } finally {
      rmSync(file, { force: true });
    }
  }, 60_000);
});
