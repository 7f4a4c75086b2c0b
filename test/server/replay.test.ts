/**
 * The replay file (issue 19, part 3): a finished game played on a real server (with a deck card and a
 * written card injected, and one game ended early by the facilitator) is downloaded as a replay and
 * checked by `npm run replay`, which plays it again through the engine and finds it byte for byte;
 * a tampered order makes it say where the replay diverges.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../server/report/replay.ts';
import { type ReplayFile, ReplayFileSchema } from '../../shared/replay/replayFile.ts';
import { rerunReplay } from '../../shared/replay/rerunReplay.ts';
import { roomState as state, useServer, waitFor } from './harness.ts';
import { get, ok, playRound, threePowers, token } from './powerTools.ts';

const root = join(import.meta.dirname, '..', '..');
const server = useServer();

const dir = mkdtempSync(join(tmpdir(), 'sovereign-replay-'));
/** Runs `npm run replay` on a replay (as its script, with this Node). */
function verify(file: unknown, name: string) {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(file));
  const r = spawnSync(process.execPath, ['scripts/replay.ts', path], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const CARD = {
  id: 'replay-test-card',
  title: 'A test of the replay',
  text: 'Fabs slow down.',
  anchor: 'Written by the test.',
  source: 'facilitator',
  effects: [{ type: 'AdjustStack', layer: 'fabrication', nations: ['@holder:fabrication'], factor: 0.9 }],
};

describe('replays', () => {
  it('reproduce a finished game byte for byte, and say where a tampered one diverges', async () => {
    const { fac, ann, chen, code } = await threePowers(server.url, { rounds: 2 });
    const players = [
      { p: ann, nation: 'US', safety: 3.5 },
      { p: chen, nation: 'CN', safety: 2.5 },
    ];
    const deck = (await (await fetch(`${server.url}/api/scenarios/three-powers`)).json()) as {
      events: { id: string }[];
    };
    await ok(fac, 'command', { type: 'InjectEvent', cardId: deck.events.at(-1)!.id });
    await playRound(fac, players);
    await ok(fac, 'command', { type: 'InjectEvent', card: CARD });
    // Before the end only the facilitator may read the replay.
    expect((await get(server.url, `/api/games/${code}/replay.json?token=${token(ann)}`)).status).toBe(403);
    expect((await get(server.url, `/api/games/${code}/replay.json?token=${token(fac)}`)).status).toBe(200);
    await playRound(fac, players);
    const res = await get(server.url, `/api/games/${code}/replay.json`);
    expect(res.status).toBe(200);
    const file = ReplayFileSchema.parse(JSON.parse(res.text));
    expect(file.steps.map((s) => s.round)).toEqual([1, 2]);
    expect(file.steps[0]!.injects).toHaveLength(1);
    expect(file.steps[1]!.injects[0]!.card).toMatchObject({ id: CARD.id });
    expect(file.steps[0]!.by).toMatchObject({ US: 'Ann', CN: 'Chen', EU: 'bot' });
    expect(rerunReplay(file, { hash: sha256 }).divergences).toEqual([]);

    const good = verify(file, 'good.json');
    expect(good.out).toContain('reproduced byte for byte');
    expect(good.status).toBe(0);

    // An order changed after the fact: the replay no longer matches its record, from round 2 on.
    const tampered = structuredClone(file) as ReplayFile;
    (tampered.steps[1]!.orders.CN as { budget: { safety: number } }).budget.safety = 9.5;
    const bad = verify(tampered, 'tampered.json');
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('DIVERGES');
    expect(bad.out).toMatch(/round 2: event \d+ of \d+ differs/);

    // Not a replay at all: the field at fault is named.
    const notReplay = verify({ ...file, version: 7 }, 'wrong.json');
    expect(notReplay.status).toBe(2);
    expect(notReplay.out).toContain('version');
    for (const p of [fac, ann, chen]) await p.room.leave();
  });

  it('reproduce a game the facilitator ended early', async () => {
    const { fac, ann, chen, code } = await threePowers(server.url, { rounds: 4 });
    await playRound(fac, [
      { p: ann, nation: 'US', safety: 1 },
      { p: chen, nation: 'CN', safety: 1 },
    ]);
    await ok(fac, 'command', { type: 'EndGame' });
    await waitFor('the end', () => state(fac).phase === 'ended');
    const file = ReplayFileSchema.parse(
      JSON.parse((await get(server.url, `/api/games/${code}/replay.json`)).text),
    );
    expect(file.steps.map((s) => s.concluded)).toEqual([false, true]);
    const r = verify(file, 'early.json');
    expect(r.out).toContain('reproduced byte for byte');
    expect(r.status).toBe(0);
    for (const p of [fac, ann, chen]) await p.room.leave();
  });
});
