/**
 * Branching (issue 19, part 2) on a real server: from a round of a running game, and of a finished
 * one, a new game (new code) starts exactly as that round began (the stored engine state, byte for
 * byte), optionally with more rounds and another deck; the two futures are played apart and each
 * replays exactly; refusals name their field.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../server/report/replay.ts';
import { ReplayFileSchema } from '../../shared/replay/replayFile.ts';
import { rerunReplay } from '../../shared/replay/rerunReplay.ts';
import {
  code as codeOf,
  createGame,
  join as joinGame,
  roomState as state,
  useServer,
  view,
  waitFor,
} from './harness.ts';
import { get, ok, playRound, threePowers, token } from './powerTools.ts';

const server = useServer();

/** The engine state stored for a game now (text without the scenario), and a field of it. */
function stored(code: string): string {
  const db = new DatabaseSync(join(server.dataDir, 'sovereign.sqlite'), { readOnly: true });
  try {
    return String(
      (db.prepare('SELECT state FROM games WHERE code = ?').get(code) as { state: string }).state,
    );
  } finally {
    db.close();
  }
}

async function refused(game: Record<string, unknown>): Promise<string> {
  try {
    const p = await createGame(server.url, game);
    await p.room.leave();
    return 'created';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('branch', () => {
  it('starts a new game from the exact start of a round, and the two futures go apart', {
    timeout: 120_000,
  }, async () => {
    const { fac, ann, chen, code } = await threePowers(server.url, { rounds: 3 });
    const players = (a: typeof ann, c: typeof chen, safety: number) => [
      { p: a, nation: 'US', safety },
      { p: c, nation: 'CN', safety },
    ];
    await playRound(fac, players(ann, chen, 1));
    const atRound2 = stored(code);
    await playRound(fac, players(ann, chen, 2));
    expect(view(fac).round).toBe(3);

    // Refusals name the field at fault.
    const base = { scenario: 'three-powers', timers: { briefing: 0, negotiation: 0, orders: 0 } };
    expect(await refused({ ...base, branch: { code, round: 2, token: token(ann) } })).toContain(
      'game.branch.token',
    );
    expect(await refused({ ...base, branch: { code, round: 5, token: token(fac) } })).toContain(
      'game.branch.round',
    );
    expect(
      await refused({ ...base, branch: { code, round: 2, token: token(fac), deck: ['no-such-card'] } }),
    ).toContain('game.branch.deck.0');
    expect(await refused({ ...base, branch: { code: 'ZZZZZ', round: 1, token: token(fac) } })).toContain(
      'game.branch.code',
    );

    // From the start of round 2 of the running game: the stored state, byte for byte.
    const bfac = await createGame(server.url, { ...base, branch: { code, round: 2, token: token(fac) } });
    const b = codeOf(bfac);
    expect(b).not.toBe(code);
    expect(stored(b)).toBe(atRound2);
    await waitFor('the branch’s view', () => view(bfac)?.round === 2);

    // With more rounds and another deck.
    const deck = (await (await fetch(`${server.url}/api/scenarios/three-powers`)).json()) as {
      events: { id: string }[];
    };
    const cards = deck.events.slice(0, 3).map((c) => c.id);
    const cfac = await createGame(server.url, {
      ...base,
      rounds: 5,
      branch: { code, round: 2, token: token(fac), deck: cards },
    });
    const changed = JSON.parse(stored(codeOf(cfac))) as { rounds: number; deck: string[]; round: number };
    expect(changed).toMatchObject({ rounds: 5, deck: cards, round: 2 });
    await cfac.room.leave();

    // The branch is played by other people, to its own end; the source game goes on apart.
    const bann = await joinGame(server.url, b, { name: 'Ana', nation: 'US' });
    const bchen = await joinGame(server.url, b, { name: 'Chang', nation: 'CN' });
    await ok(bfac, 'command', { type: 'Start' });
    await waitFor('the branch’s briefing', () => state(bfac).phase === 'briefing' && state(bfac).round === 2);
    await playRound(bfac, players(bann, bchen, 7));
    await playRound(bfac, players(bann, bchen, 8));
    expect(view(bfac).status).toBe('ended');
    await playRound(fac, players(ann, chen, 3));
    expect(view(fac).status).toBe('ended');
    expect(view(fac).history.at(-1)).not.toEqual(view(bfac).history.at(-1));

    // Each replays exactly (the branch's replay starts from its start state).
    for (const c of [code, b]) {
      const file = ReplayFileSchema.parse(
        JSON.parse((await get(server.url, `/api/games/${c}/replay.json`)).text),
      );
      expect(file.start === null).toBe(c === code);
      expect(rerunReplay(file, { hash: sha256 }).divergences).toEqual([]);
    }

    // From a finished game too.
    const dfac = await createGame(server.url, { ...base, branch: { code, round: 3, token: token(fac) } });
    await waitFor(
      'a branch of the finished game',
      () => view(dfac)?.round === 3 && view(dfac)?.status === 'running',
    );
    for (const p of [fac, ann, chen, bfac, bann, bchen, dfac]) await p.room.leave();
  });
});
