/**
 * What a hostile student tries from inside a game (issue 16, items 7, 8, 9, 14 and 15), with a real
 * server and real SDK clients: bots' explanations that named private proposals, a refusal that told
 * a third nation a proposal exists, spreadsheet formulas in the CSV report, a stack trace in the log
 * for every malformed frame, and heavy valid-sized messages that slowed everyone.
 */
import { describe, expect, it } from 'vitest';
import type { GameView } from '../../shared/engine/index.ts';
import { TOO_MANY_BYTES_CLOSE_CODE } from '../../shared/protocol/schemas.ts';
import type { BotExplanation } from '../../shared/protocol/serverMessages.ts';
import {
  code,
  createGame,
  join,
  NO_TIMERS,
  type Player,
  spend,
  roomState as state,
  useServer,
  view,
  waitFor,
  welcome,
} from './harness.ts';

const server = useServer();

const reportsOf = (p: Player) =>
  p.messages
    .filter((m) => m.type === 'report')
    .map(
      (m) =>
        m.message as { bots: BotExplanation[]; events: { type: string; params: Record<string, unknown> }[] },
    );

describe("bots' explanations", () => {
  it('name no treaty proposal to the players; the facilitator reads the proposals the bots really made', async () => {
    const fac = await createGame(server.url, { scenario: 'sovereign-ai-2026', timers: NO_TIMERS, seed: 42 });
    const ann = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    const screen = await join(server.url, code(fac), { name: 'Screen', role: 'spectator' });
    expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
    // The bots submit (and propose) when the orders phase opens.
    for (const phase of ['negotiation', 'orders']) {
      expect((await fac.request('command', { type: 'Advance' })).type).toBe('ok');
      await waitFor(phase, () => state(fac).phase === phase);
    }
    const done = ann.next('report');
    expect(
      (await ann.request('submit', { orders: { budget: spend(view(fac)?.nations.US?.budget ?? 0) } })).type,
    ).toBe('ok');
    expect((await fac.request('command', { type: 'ForceResolve' })).type).toBe('ok');
    await done;
    await waitFor("the facilitator's report", () => reportsOf(fac).length > 0);
    const full = reportsOf(fac)[0]!;
    // The bots proposed treaties this round (the facilitator sees the events)...
    const proposed = full.events.filter((e) => e.type === 'TreatyProposed');
    expect(proposed.length).toBeGreaterThan(0);
    // ...and the facilitator's explanations list exactly those, per bot.
    for (const b of full.bots) {
      const mine = proposed.filter((e) => e.params.from === b.nation);
      if (mine.length) expect(b.explanation, b.nation).toContain('Proposed (private)');
      else expect(b.explanation, b.nation).not.toContain('Proposed (private)');
    }
    // A player and a spectator read the explanations without any proposal or partner.
    for (const p of [ann, screen]) {
      const bots = reportsOf(p)[0]!.bots;
      expect(bots.length).toBe(full.bots.length);
      for (const b of bots) expect(b.explanation, b.explanation).not.toMatch(/propos|offered|sought a chip/i);
    }
    for (const p of [fac, ann, screen]) await p.room.leave();
  });
});

describe('answering a proposal', () => {
  it('refuses a third nation the same way whether the proposal exists or not', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    const [us, cn, eu] = [
      await join(server.url, c, { name: 'Ann', nation: 'US' }),
      await join(server.url, c, { name: 'Chen', nation: 'CN' }),
      await join(server.url, c, { name: 'Eve', nation: 'EU' }),
    ];
    expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
    const budget = (p: Player) => view(fac).nations[welcome(p).nation!]!.budget;
    const report = us.next('report');
    expect(
      (
        await us.request('submit', {
          orders: { budget: spend(budget(us)), treaties: { propose: [{ type: 'AiForum', to: 'CN' }] } },
        })
      ).type,
    ).toBe('ok');
    for (const p of [cn, eu])
      expect((await p.request('submit', { orders: { budget: spend(budget(p)) } })).type).toBe('ok');
    expect((await fac.request('command', { type: 'ForceResolve' })).type).toBe('ok');
    await report;
    await waitFor('round 2', () => (view(fac) as GameView | undefined)?.round === 2);
    const id = view(fac).proposals.find((p) => p.from === 'US' && p.to === 'CN')!.id;
    const answer = async (proposal: string) => {
      const reply = await eu.request('submit', {
        orders: { budget: spend(budget(eu)), treaties: { answer: [{ id: proposal, accept: true }] } },
      });
      expect(reply.type).toBe('error');
      return JSON.stringify(reply.message.problems).replaceAll(proposal, '<id>');
    };
    expect(await answer(id)).toBe(await answer('P999'));
    for (const p of [fac, us, cn, eu]) await p.room.leave();
  });
});

describe('the CSV report', () => {
  it('writes text a spreadsheet would run as a formula with a leading apostrophe', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    const ann = await join(server.url, c, { name: '-Ann', nation: 'US' });
    for (const text of ['=HYPERLINK("http://evil.example","x")', '+1+1', '@SUM(1)', '-2+3'])
      expect((await ann.request('chat', { channel: 'public', text })).type).toBe('ok');
    const csv = await (await fetch(`${server.url}/api/games/${c}/report.csv?table=chat`)).text();
    const rows = csv.trim().split('\n').slice(1);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      // No cell starts with a formula character, quoted or not.
      expect(row, row).not.toMatch(/(^|,)"?[=+\-@]/);
      expect(row).toContain("'-Ann");
    }
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    for (const p of [fac, ann]) await p.room.leave();
  });
});

describe('malformed frames', () => {
  it('log one line each at most, rate limited, and never a stack trace', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    const before = server.output().length;
    const frames = 40;
    for (let i = 0; i < frames; i++) {
      const p = await join(server.url, c, { name: `Bad${i}`, role: 'spectator' });
      const closed = new Promise((r) => p.room.onLeave(r));
      // ROOM_DATA (13), the type 'chat' as a msgpack string, then a truncated msgpack array.
      p.room.connection.send(new Uint8Array([13, 0xa4, 0x63, 0x68, 0x61, 0x74, 0x92, 0x01]));
      await closed;
    }
    // The game goes on.
    expect((await fac.request('chat', { channel: 'public', text: 'still here' })).type).toBe('ok');
    const log = server.output().slice(before);
    const lines = log.split('\n').filter(Boolean);
    console.log(`malformed frames: ${frames} frames, ${lines.length} log lines, ${log.length} bytes`);
    expect(log).not.toMatch(/\n\s+at /);
    expect(lines.length).toBeLessThanOrEqual(21);
    await fac.room.leave();
  });
});

describe('heavy messages', () => {
  it('close a client that sends too many bytes per second, within the message limit, and the game goes on', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', timers: NO_TIMERS });
    const c = code(fac);
    const heavy = await join(server.url, c, { name: 'Heavy', nation: 'US' });
    const other = await join(server.url, c, { name: 'Chen', nation: 'CN' });
    let closed: number | null = null;
    heavy.room.onLeave((code) => {
      closed = code;
    });
    // 30 KB messages, 10 a second: under the 20 messages a second, far over the bytes allowed.
    const text = 'x'.repeat(30_000);
    for (let i = 0; i < 40 && closed === null; i++) {
      heavy.room.send('chat', { channel: 'public', text });
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitFor('the heavy client closed', () => closed !== null, 5000);
    expect(closed).toBe(TOO_MANY_BYTES_CLOSE_CODE);
    expect((await other.request('chat', { channel: 'public', text: 'still here' })).type).toBe('ok');
    expect(state(other).code).toBe(c);
    for (const p of [fac, other]) await p.room.leave();
  });
});
