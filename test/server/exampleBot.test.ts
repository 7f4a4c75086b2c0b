/**
 * The example bot of docs/PROTOCOL.md plays a whole game against the real server: it joins a game a
 * facilitator created, submits orders each round and exits 0 when the game ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGameServer, type GameServer } from '../../server/createGameServer.ts';

let game: GameServer;
let dataDir: string;
let url: string;
let bot: ChildProcess | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sov-examplebot-'));
  const port = 2700 + Math.floor(Math.random() * 800);
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
