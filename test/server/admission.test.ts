/**
 * Team admission (issue 16, items 3, 10 and 11), with a real server and real SDK clients: joining a
 * nation that already has a player waits for its team (or the facilitator) to let the newcomer in,
 * and until then the newcomer receives nothing of the team; the facilitator can lock the game; a
 * removed member cannot come back by joining again; names must be visible, without direction tricks,
 * and unique; chat must be visible text; membership does not grow with every passing client.
 */
import { Client } from '@colyseus/sdk';
import { describe, expect, it } from 'vitest';
import { JOIN_DENIED_CLOSE_CODE, KICKED_CLOSE_CODE } from '../../shared/protocol/schemas.ts';
import type { JoinRequest, WaitingMessage } from '../../shared/protocol/serverMessages.ts';
import {
  code,
  createGame,
  join,
  joinTeam,
  NO_TIMERS,
  type Player,
  roomState as state,
  useServer,
  waitFor,
  welcome,
} from './harness.ts';

const server = useServer();

/** Joins and returns the client with whatever it received first ('welcome' or 'waiting'). */
async function ask(c: string, options: Record<string, unknown>) {
  const room = await new Client(server.url).joinById(c, options);
  const messages: { type: string; message: unknown }[] = [];
  room.onMessage('*', (type, message) => messages.push({ type: String(type), message }));
  room.reconnection.enabled = false;
  let closed: number | null = null;
  room.onLeave((code) => {
    closed = code;
  });
  await waitFor('welcome or waiting', () =>
    messages.some((m) => m.type === 'welcome' || m.type === 'waiting'),
  );
  return { room, messages, closed: () => closed };
}

const requestsOf = (p: Player) => p.last<{ requests: JoinRequest[] }>('joinRequests')?.requests ?? [];

describe('joining a nation that has a player', () => {
  it("waits for the team's answer, receives nothing of the team until then, and is let in or turned away", async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    const chen = await join(server.url, c, { name: 'Chen', nation: 'CN' });
    const other = await join(server.url, c, { name: 'Ann', nation: 'US' });
    expect((await chen.request('chat', { channel: 'team', text: 'CN-TEAM-SECRET' })).type).toBe('ok');
    expect((await chen.request('draft', { orders: { aidRegion: 'CN-DRAFT-SECRET' } })).type).toBe('ok');
    expect((await fac.request('chat', { channel: 'CN', text: 'FAC-WHISPER-SECRET' })).type).toBe('ok');

    // Same seat, a new person: a request, not a seat.
    const mallory = await ask(c, { name: 'Mallory', nation: 'CN' });
    expect(mallory.messages.map((m) => m.type)).toContain('waiting');
    expect(mallory.messages.find((m) => m.type === 'waiting')?.message).toEqual({
      code: c,
      nation: 'CN',
      name: 'Mallory',
    } satisfies WaitingMessage);
    // CN's player and the facilitator see the request; another nation's player does not.
    await waitFor('the request at CN', () => requestsOf(chen).some((r) => r.name === 'Mallory'));
    await waitFor('the request at the facilitator', () => requestsOf(fac).some((r) => r.name === 'Mallory'));
    expect(requestsOf(other)).toEqual([]);
    // A waiting client may do nothing.
    mallory.room.send('submit', { orders: {} });
    mallory.room.send('retract', {});
    await waitFor('refusals', () => mallory.messages.filter((m) => m.type === 'error').length >= 2);
    // Another nation's player cannot answer CN's request, and learns nothing from trying.
    const sessionId = mallory.room.sessionId;
    const foreign = await other.request('admit', { sessionId, accept: true });
    expect(foreign.type).toBe('error');
    const none = await other.request('admit', { sessionId: 'no-such-session', accept: true });
    expect(JSON.stringify(foreign.message.problems)).toBe(JSON.stringify(none.message.problems));
    expect(mallory.messages.some((m) => m.type === 'welcome')).toBe(false);
    // Until let in, nothing private reached it.
    const transcript = JSON.stringify(mallory.messages);
    for (const secret of ['CN-TEAM-SECRET', 'CN-DRAFT-SECRET', 'FAC-WHISPER-SECRET'])
      expect(transcript).not.toContain(secret);
    for (const type of ['team', 'chatHistory', 'view', 'reports', 'joinRequests'])
      expect(mallory.messages.map((m) => m.type)).not.toContain(type);

    // CN's player turns it away: the connection closes with JOIN_DENIED_CLOSE_CODE and no seat is made.
    expect((await chen.request('admit', { sessionId, accept: false })).type).toBe('ok');
    await waitFor('closed', () => mallory.closed() !== null);
    expect(mallory.closed()).toBe(JOIN_DENIED_CLOSE_CODE);
    await waitFor('the request gone', () => requestsOf(fac).length === 0);
    expect([...(state(fac).seats.get('CN')!.players as unknown as string[])]).toEqual(['Chen']);

    // Let in by the facilitator: a seat, a token, and now the team's secrets.
    const lena = await joinTeam(server.url, c, { name: 'Lena', nation: 'CN' }, fac);
    expect(welcome(lena).nation).toBe('CN');
    await waitFor('the team chat', () => lena.transcript().includes('CN-TEAM-SECRET'));
    expect(lena.transcript()).toContain('CN-DRAFT-SECRET');
    // Back with its token, it needs nobody's answer.
    await lena.room.leave();
    const back = await join(server.url, c, { seatToken: welcome(lena).seatToken, name: 'x' });
    expect(welcome(back).name).toBe('Lena');
    // A request whose client leaves disappears.
    const gone = await ask(c, { name: 'Quitter', nation: 'US' });
    await waitFor('the request at US', () => requestsOf(other).some((r) => r.name === 'Quitter'));
    await gone.room.leave();
    await waitFor('the request withdrawn', () => requestsOf(other).length === 0);
    for (const p of [fac, chen, other, back]) await p.room.leave();
  });

  it('only the creator is the facilitator; a locked game admits nobody new; a removed member stays out', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    await expect(join(server.url, c, { name: 'Boss', role: 'facilitator' })).rejects.toThrow(/creator/);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    const troll = await join(server.url, c, { name: 'Troll', nation: 'CN' });

    // Removed: barred by token, by name (any case), and its nation asks the facilitator.
    const kicked = new Promise<number>((r) => troll.room.onLeave((code) => r(code)));
    const trollId = welcome(troll).sessionId;
    expect((await fac.request('command', { type: 'Kick', sessionId: trollId })).type).toBe('ok');
    expect(await kicked).toBe(KICKED_CLOSE_CODE);
    await expect(join(server.url, c, { seatToken: welcome(troll).seatToken, name: 'x' })).rejects.toThrow(
      /removed/,
    );
    await expect(join(server.url, c, { name: 'troll', nation: 'EU' })).rejects.toThrow(/removed/);
    await expect(join(server.url, c, { name: 'TROLL', role: 'spectator' })).rejects.toThrow(/removed/);
    const again = await ask(c, { name: 'Troll2', nation: 'CN' });
    expect(again.messages.map((m) => m.type)).toContain('waiting');
    await waitFor('the request at the facilitator', () => requestsOf(fac).some((r) => r.name === 'Troll2'));
    await again.room.leave();

    // Locked: no new player or spectator; a seat token still brings its member back.
    expect((await fac.request('command', { type: 'Lock', locked: true })).message.detail).toBe('locked');
    await waitFor('locked in the room state', () => state(fac).locked === true);
    await expect(join(server.url, c, { name: 'Eve', nation: 'EU' })).rejects.toThrow(/locked/);
    await expect(join(server.url, c, { name: 'Watcher', role: 'spectator' })).rejects.toThrow(/locked/);
    await ann.room.leave();
    const annBack = await join(server.url, c, { seatToken: welcome(ann).seatToken, name: 'x' });
    expect(welcome(annBack).nation).toBe('US');
    expect((await annBack.request('command', { type: 'Lock', locked: false })).type).toBe('error');
    expect((await fac.request('command', { type: 'Lock', locked: false })).message.detail).toBe('unlocked');
    const eve = await join(server.url, c, { name: 'Eve', nation: 'EU' });
    expect(welcome(eve).nation).toBe('EU');
    for (const p of [fac, annBack, eve]) await p.room.leave();
  });
});

describe('names and chat text', () => {
  it('refuses invisible, direction-changing and duplicate names, and invisible or control characters in chat', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    for (const name of ['\u200b\u200b', '\u200e', 'Ann\u202egnp.exe', 'a\u2066b', 'x\u0000y', '\ufeff'])
      await expect(join(server.url, c, { name, role: 'spectator' }), JSON.stringify(name)).rejects.toThrow(
        /name/,
      );
    // Duplicates, whatever the case or width, the facilitator's included.
    for (const name of ['ann', 'ANN', 'Ａｎｎ', 'facilitator'])
      await expect(join(server.url, c, { name, role: 'spectator' }), name).rejects.toThrow(/already used/);
    // A name with an emoji sequence is fine.
    const family = await join(server.url, c, { name: 'Fam 👩‍👩‍👧', role: 'spectator' });
    expect(welcome(family).name).toBe('Fam 👩‍👩‍👧');
    // The title of a new game follows the same rule.
    await expect(
      new Client(server.url).create('game', { name: 'T', game: { title: '\u200b\u200b\u200b' } }),
    ).rejects.toThrow(/title/);
    for (const text of ['\u200b\u200b', 'a\u0000b', 'x\u202ey', '\u2060'])
      expect((await ann.request('chat', { channel: 'public', text })).type, JSON.stringify(text)).toBe(
        'error',
      );
    expect((await ann.request('chat', { channel: 'public', text: 'two\nlines' })).type).toBe('ok');
    for (const p of [fac, ann, family]) await p.room.leave();
  });
});

describe('membership', () => {
  it('does not grow the public listing and a new client’s first state with every passing client', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    const listing = async () => (await (await fetch(`${server.url}/api/games/${c}`)).text()).length;
    const firstState = async (name: string) => {
      const p = await join(server.url, c, { name, role: 'spectator' });
      await waitFor('the state', () => state(p).code === c);
      const bytes = JSON.stringify(p.room.state.toJSON()).length;
      await p.room.leave();
      return bytes;
    };
    const before = { listing: await listing(), state: await firstState('Probe0') };
    // Forty passers-by: twenty ask to join the US and leave, twenty watch and leave.
    for (let i = 0; i < 20; i++) {
      const p = await ask(c, { name: `Passer${i}`, nation: 'US' });
      await p.room.leave();
      const s = await join(server.url, c, { name: `Watcher${i}`, role: 'spectator' });
      await s.room.leave();
    }
    const after = { listing: await listing(), state: await firstState('Probe1') };
    console.log(
      `membership: listing ${before.listing} → ${after.listing} B, first state ${before.state} → ${after.state} B`,
    );
    expect(after.listing).toBeLessThanOrEqual(before.listing + 16);
    expect(after.state).toBeLessThanOrEqual(before.state + 16);
    // The spectators counted are those watching now.
    await waitFor('no spectator left', () => state(fac).spectators === 0, 5000);
    for (const p of [fac, ann]) await p.room.leave();
  });
});
