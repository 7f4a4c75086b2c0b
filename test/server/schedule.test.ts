/**
 * Scheduled injects (issue 19, part 5) on a real server: set in the lobby and during the game, each
 * card arrives when its round begins (a deck card, a written card, a headline of one's own), is saved
 * with the game (a restart keeps the schedule), and the game replays exactly; refusals name the entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/report/replay.ts';
import { ReplayFileSchema } from '../../shared/replay/replayFile.ts';
import { rerunReplay } from '../../shared/replay/rerunReplay.ts';
import {
  code as codeOf,
  createGame,
  join,
  NO_TIMERS,
  type Player,
  type ServerProcess,
  startServer,
  roomState as state,
  stopServer,
  testPort,
  waitFor,
} from './harness.ts';
import { get, ok, playRound, token } from './powerTools.ts';

const PORT = testPort();
let server: ServerProcess;
beforeAll(async () => {
  server = await startServer(PORT);
}, 60_000);
afterAll(async () => {
  if (server) await stopServer(server, 'SIGTERM');
});

const headline = (id: string, title: string) => ({
  id,
  title,
  text: 'A headline of the facilitator’s own.',
  anchor: 'Written by the test.',
  source: 'facilitator',
  effects: [],
});

/** The rounds in which a client received each injected card (by id). */
const arrivals = (p: Player) =>
  p.messages
    .filter((m) => m.type === 'report' && (m.message as { kind: string }).kind === 'inject')
    .map((m) => {
      const r = m.message as { round: number; events: { type: string; params: { card: string } }[] };
      return `${r.events.find((e) => e.type === 'EventCardInjected')?.params.card}@${r.round}`;
    });

describe('scheduled injects', () => {
  it('arrive in their rounds, survive a restart and replay exactly', { timeout: 120_000 }, async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 3, timers: NO_TIMERS });
    const c = codeOf(fac);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    const deck = (await (await fetch(`${server.url}/api/scenarios/three-powers`)).json()) as {
      events: { id: string }[];
    };
    const deckCard = deck.events.at(-1)!.id;

    // Refusals name the entry and the field.
    const bad = await fac.request('command', {
      type: 'ScheduleInjects',
      injects: [
        { round: 9, cardId: deckCard },
        { round: 2, cardId: 'no-such-card' },
      ],
    });
    expect(bad.type).toBe('error');
    expect(JSON.stringify(bad.message)).toContain('injects.0.round');
    expect(JSON.stringify(bad.message)).toContain('injects.1.cardId');
    expect((await ann.request('command', { type: 'ScheduleInjects', injects: [] })).type).toBe('error');

    // In the lobby: a deck card for round 1, a headline for round 2.
    await ok(fac, 'command', {
      type: 'ScheduleInjects',
      injects: [
        { round: 1, cardId: deckCard },
        { round: 2, card: headline('head-2', 'Summit announced') },
      ],
    });
    await ok(fac, 'command', { type: 'Start' });
    await waitFor('round 1’s card', () => arrivals(ann).includes(`${deckCard}@1`));
    expect(arrivals(ann)).toEqual([`${deckCard}@1`]);

    // During round 1: the schedule is replaced for the rounds to come (round 1 cannot be one now).
    const now = await fac.request('command', {
      type: 'ScheduleInjects',
      injects: [{ round: 1, card: headline('x', 'Too late') }],
    });
    expect(JSON.stringify(now.message)).toContain('injects.0.round');
    await ok(fac, 'command', {
      type: 'ScheduleInjects',
      injects: [
        { round: 2, card: headline('head-2', 'Summit announced') },
        { round: 3, card: headline('head-3', 'Election results') },
      ],
    });

    // A restart keeps the schedule.
    const facToken = token(fac);
    const annToken = token(ann);
    await stopServer(server);
    server = await startServer(PORT, server.dataDir);
    const fac2 = await join(server.url, c, { name: 'x', seatToken: facToken });
    const ann2 = await join(server.url, c, { name: 'x', seatToken: annToken });
    await waitFor('round 1 after the restart', () => state(fac2).round === 1);

    await playRound(fac2, [{ p: ann2, nation: 'US', safety: 1 }]);
    await waitFor('round 2’s card', () => arrivals(ann2).includes('head-2@2'));
    await playRound(fac2, [{ p: ann2, nation: 'US', safety: 1 }]);
    await waitFor('round 3’s card', () => arrivals(ann2).includes('head-3@3'));
    expect(arrivals(ann2)).toEqual(['head-2@2', 'head-3@3']);
    await playRound(fac2, [{ p: ann2, nation: 'US', safety: 1 }]);

    const file = ReplayFileSchema.parse(
      JSON.parse((await get(server.url, `/api/games/${c}/replay.json`)).text),
    );
    expect(file.steps.map((s) => s.injects.length)).toEqual([1, 1, 1]);
    expect(rerunReplay(file, { hash: sha256 }).divergences).toEqual([]);
    for (const p of [fac2, ann2]) await p.room.leave();
  });
});
