/**
 * A restart in the middle of a round (issue 16, items 4 and 13), with a real server killed by SIGKILL
 * and restarted on the same database: the first nation back does not move the game on while the
 * others are still on their way (their deadline is 600 s away), and a team's acknowledged draft is
 * there after the restart.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { TeamOrdersMessage } from '../../shared/protocol/serverMessages.ts';
import {
  code,
  createGame,
  join,
  type ServerProcess,
  startServer,
  roomState as state,
  stopServer,
  testPort,
  waitFor,
  welcome,
} from './harness.ts';

const PORT = testPort();
let server: ServerProcess | null = null;
afterAll(async () => {
  if (server) await stopServer(server, 'SIGTERM');
});

describe('after a restart', () => {
  it('counts seated nations as present, so the first back does not move the game on, and keeps drafts', async () => {
    server = await startServer(PORT);
    const long = { briefing: 600, negotiation: 600, orders: 600 };
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: long });
    const c = code(fac);
    const us = await join(server.url, c, { name: 'Ann', nation: 'US' });
    const cn = await join(server.url, c, { name: 'Chen', nation: 'CN' });
    const eu = await join(server.url, c, { name: 'Eve', nation: 'EU' });
    expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
    await waitFor('briefing', () => state(fac).phase === 'briefing');
    // An acknowledged draft.
    const draft = { budget: { compute: 7.77123 }, aidRegion: 'DRAFT-BEFORE-THE-CRASH' };
    expect((await us.request('draft', { orders: draft })).type).toBe('ok');

    await stopServer(server, 'SIGKILL');
    server = await startServer(PORT, server.dataDir);
    // Only the facilitator and the US come back at first.
    const fac2 = await join(server.url, c, { seatToken: welcome(fac).seatToken, name: 'x' });
    const us2 = await join(server.url, c, { seatToken: welcome(us).seatToken, name: 'x' });
    const team = await waitFor('team', () => us2.last<TeamOrdersMessage>('team'));
    expect(team.draft).toEqual(draft);
    expect(team.draftBy).toBe('Ann');
    expect(state(fac2).phase).toBe('briefing');
    expect((await us2.request('ready', { ready: true })).type).toBe('ok');
    // The readiness is in the room state; the phase has not moved (CN and EU count as present).
    await waitFor('US ready', () => state(fac2).seats.get('US')?.ready === true);
    expect(state(fac2).phase).toBe('briefing');
    expect(state(fac2).round).toBe(1);
    expect(state(fac2).deadline as number).toBeGreaterThan(Date.now() + 500_000);
    // Once the others are back and ready, the briefing ends as usual.
    const cn2 = await join(server.url, c, { seatToken: welcome(cn).seatToken, name: 'x' });
    const eu2 = await join(server.url, c, { seatToken: welcome(eu).seatToken, name: 'x' });
    for (const p of [cn2, eu2]) expect((await p.request('ready', { ready: true })).type).toBe('ok');
    await waitFor('negotiation', () => state(fac2).phase === 'negotiation');
    for (const p of [fac2, us2, cn2, eu2]) await p.room.leave();
  });
});
