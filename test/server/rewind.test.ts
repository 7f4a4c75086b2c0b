/**
 * Rewind (issue 19, part 1) on a real server: the facilitator takes the game back to the start of an
 * earlier round, and the engine state is then byte for byte the one stored when that round began;
 * every client's view and reports follow; the later orders stay in the log as rewound; the rewind
 * survives a restart, and the game played on from it replays exactly.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/report/replay.ts';
import { ReplayFileSchema } from '../../shared/replay/replayFile.ts';
import { rerunReplay } from '../../shared/replay/rerunReplay.ts';
import {
  join as joinGame,
  type ServerProcess,
  startServer,
  roomState as state,
  stopServer,
  testPort,
  view,
  waitFor,
} from './harness.ts';
import { get, ok, playRound, threePowers, token } from './powerTools.ts';

const PORT = testPort();
let server: ServerProcess;
beforeAll(async () => {
  server = await startServer(PORT);
}, 60_000);
afterAll(async () => {
  if (server) await stopServer(server, 'SIGTERM');
});

/** The engine state the server has stored for the game now (its text, without the scenario). */
function storedState(code: string): string {
  const db = new DatabaseSync(join(server.dataDir, 'sovereign.sqlite'), { readOnly: true });
  try {
    return String(
      (db.prepare('SELECT state FROM games WHERE code = ?').get(code) as { state: string }).state,
    );
  } finally {
    db.close();
  }
}
function count(code: string, sql: string): number {
  const db = new DatabaseSync(join(server.dataDir, 'sovereign.sqlite'), { readOnly: true });
  try {
    return Number((db.prepare(sql).get(code) as { n: number }).n);
  } finally {
    db.close();
  }
}

describe('rewind', () => {
  it('restores the exact state of an earlier round, for everyone, across a restart', {
    timeout: 120_000,
  }, async () => {
    const { fac, ann, chen, code } = await threePowers(server.url, { rounds: 3 });
    const atRound1 = storedState(code);
    const players = (safety: number) => [
      { p: ann, nation: 'US', safety },
      { p: chen, nation: 'CN', safety },
    ];
    await playRound(fac, players(1));
    const atRound2 = storedState(code);
    // A card injected in round 2: discarded by the rewind with the round.
    await ok(fac, 'command', {
      type: 'InjectEvent',
      card: {
        id: 'rewound-card',
        title: 'A card that will be rewound',
        text: 'Fabs slow down.',
        anchor: 'Written by the test.',
        source: 'facilitator',
        effects: [
          { type: 'AdjustStack', layer: 'fabrication', nations: ['@holder:fabrication'], factor: 0.9 },
        ],
      },
    });
    await playRound(fac, players(2));
    expect(view(fac).round).toBe(3);
    expect(storedState(code)).not.toBe(atRound2);

    // Refusals: a player may not, and a round to come is no rewind.
    expect((await ann.request('command', { type: 'Rewind', round: 1 })).type).toBe('error');
    const late = await fac.request('command', { type: 'Rewind', round: 4 });
    expect(late.type).toBe('error');
    expect(JSON.stringify(late.message)).toContain('round');

    const reports = ann.next<{ reports: { round: number }[] }>('reports');
    await ok(fac, 'command', { type: 'Rewind', round: 2 });
    // The engine state is the one stored when round 2 began, byte for byte.
    expect(storedState(code)).toBe(atRound2);
    await waitFor('round 2 again', () => state(fac).round === 2 && state(fac).phase === 'briefing');
    // Every screen follows: the views and the past reports are those of the start of round 2.
    expect((await reports).reports.every((r) => r.round < 2)).toBe(true);
    await waitFor('the players’ views', () => view(ann).round === 2 && view(chen).round === 2);
    expect(view(ann).history.map((h) => h.round)).toEqual([0, 1]);
    expect(JSON.stringify(ann.messages.filter((m) => m.type === 'notice').at(-1))).toContain('round 2');
    // Round 2's orders are in the log, as rewound.
    expect(count(code, 'SELECT COUNT(*) AS n FROM orders WHERE code = ? AND rewound = 1')).toBeGreaterThan(0);
    expect(count(code, 'SELECT COUNT(*) AS n FROM rewinds WHERE code = ?')).toBe(1);

    // Restart-safe: the server dies and comes back with the game at the start of round 2.
    const facToken = token(fac);
    await stopServer(server);
    server = await startServer(PORT, server.dataDir);
    const fac2 = await joinGame(server.url, code, { name: 'x', seatToken: facToken });
    const ann2 = await joinGame(server.url, code, { name: 'x', seatToken: token(ann) });
    const chen2 = await joinGame(server.url, code, { name: 'x', seatToken: token(chen) });
    await waitFor('views after the restart', () => view(fac2)?.round === 2);
    expect(storedState(code)).toBe(atRound2);

    // Back to the very start: the state the game began with.
    await ok(fac2, 'command', { type: 'Rewind', round: 1 });
    expect(storedState(code)).toBe(atRound1);
    await waitFor('round 1 again', () => state(fac2).round === 1);

    // Played on from there, the game is its new history: its replay reproduces it exactly.
    const again = (safety: number) => [
      { p: ann2, nation: 'US', safety },
      { p: chen2, nation: 'CN', safety },
    ];
    for (const s of [4, 5, 6]) await playRound(fac2, again(s));
    const file = ReplayFileSchema.parse(
      JSON.parse((await get(server.url, `/api/games/${code}/replay.json`)).text),
    );
    expect(file.steps.map((s) => s.round)).toEqual([1, 2, 3]);
    expect(rerunReplay(file, { hash: sha256 }).divergences).toEqual([]);
    // The after-action report says what was undone.
    const aar = await get(server.url, `/api/games/${code}/report.html`);
    expect(aar.text).toContain('took the game back to the start of round 2');
    expect(aar.text).toContain('took the game back to the start of round 1');
    for (const p of [fac2, ann2, chen2]) await p.room.leave();
  });
});
