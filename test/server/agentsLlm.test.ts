/**
 * LLM-agent seats (issue 18, part 3) end to end: the real server asks a local stand-in that speaks
 * the OpenAI chat-completions API, with scripted answers — prose without JSON, a fenced JSON block,
 * orders over budget, orders the schema refuses, an HTTP 500 — and the agent seat retries once with
 * the server's problems word for word, falls back to the bot for a round and says so in the report,
 * keeps every call for the facilitator, and is never told another nation's secrets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  code,
  createGame,
  join,
  NO_TIMERS,
  type ServerProcess,
  spend,
  startServer,
  roomState as state,
  stopServer,
  testPort,
  view,
  waitFor,
  welcome,
} from './harness.ts';

type Answer = { status: number; body: string } | string;
const script: Answer[] = [
  'I think we should invest in compute and keep our models closed.',
  'Here are my orders:\n```json\n{"budget":{"compute":20,"safety":5},"release":"closed"}\n```',
  '{"budget":{"compute":999999}}',
  '{"budget":{"compute":-5},"colour":"red"}',
  { status: 500, body: '{"error":"overloaded"}' },
  '{"budget":{"compute":10,"training":5}}',
];
const requests: { model: string; messages: { role: string; content: string }[] }[] = [];
let standIn: Server;
let server: ServerProcess;

beforeAll(async () => {
  standIn = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      if (
        req.method !== 'POST' ||
        req.url !== '/v1/chat/completions' ||
        req.headers.authorization !== 'Bearer test-key'
      ) {
        res.writeHead(404).end();
        return;
      }
      requests.push(JSON.parse(body));
      const answer = script[requests.length - 1] ?? '{}';
      if (typeof answer !== 'string') {
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `c${requests.length}`,
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((r) => standIn.listen(0, '127.0.0.1', r));
  const port = (standIn.address() as AddressInfo).port;
  server = await startServer(testPort(), undefined, {
    LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
    LLM_MODEL: 'stand-in',
    LLM_API_KEY: 'test-key',
  });
});
afterAll(async () => {
  if (server) await stopServer(server, 'SIGTERM');
  standIn?.close();
});

describe('an LLM-agent seat', () => {
  it('plays through a chat-completions server, retries once with the problems, falls back to the bot and says so', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 3, timers: NO_TIMERS });
    const us = await join(server.url, code(fac), { name: 'Ann', nation: 'US' });
    // Only a seat nobody plays.
    const taken = await fac.request('command', { type: 'AgentSeat', nation: 'US', on: true });
    expect(taken.type).toBe('error');
    expect(JSON.stringify(taken.message.problems)).toMatch(/US is played by Ann/);
    expect((await us.request('command', { type: 'AgentSeat', nation: 'CN', on: true })).type).toBe('error');
    const given = await fac.request('command', { type: 'AgentSeat', nation: 'CN', on: true });
    expect(given).toMatchObject({ type: 'ok', message: { detail: 'an agent plays CN (stand-in)' } });
    await waitFor('the agent on CN', () =>
      (state(fac).seats.get('CN')?.players as string[] | undefined)?.includes('LLM stand-in'),
    );
    await fac.request('command', { type: 'Start' });
    // US plays each round: ready in the briefing and negotiation, orders once the round's view is in.
    const acted = new Set<string>();
    await waitFor(
      'the end of the game',
      () => {
        const { phase, round } = state(us) as unknown as { phase: string; round: number };
        if (phase === 'ended') return true;
        const key = `${round}:${phase}`;
        if (acted.has(key) || view(us)?.round !== round) return false;
        acted.add(key);
        if (phase === 'briefing' || phase === 'negotiation') us.room.send('ready', { ready: true });
        if (phase === 'orders')
          us.room.send('submit', { orders: { budget: spend(view(us).nations.US!.budget) } });
        return false;
      },
      60_000,
    ).catch((e) => {
      throw new Error(
        `${(e as Error).message} (${JSON.stringify(us.room.state)}): ${requests.length} calls\n${server.output()}`,
      );
    });
    await waitFor('the end', () => state(us).phase === 'ended');

    const g = `${server.url}/api/games/${code(fac)}`;
    const report = (await (await fetch(`${g}/report.json`)).json()) as {
      orders: { round: number; nation: string; by: string }[];
    };
    expect(report.orders.filter((o) => o.nation === 'CN').map((o) => [o.round, o.by])).toEqual([
      [1, 'LLM stand-in'],
      [2, 'bot'],
      [3, 'LLM stand-in'],
    ]);
    // Round 2's report says the bot played CN, and why.
    const reports = us.messages
      .filter((m) => m.type === 'report')
      .map((m) => m.message as { round: number; bots: { nation: string; explanation: string }[] });
    const second = reports.find((r) => r.round === 2)!;
    expect(second.bots.find((b) => b.nation === 'CN')?.explanation).toMatch(
      /^The language-model agent gave no valid orders \(.*\): the bot played CN this round\./,
    );

    // The retry carries the server's refusal word for word.
    expect(requests[1]!.messages.at(-1)!.content).toContain('the answer holds no JSON object of orders');
    expect(requests[3]!.messages.at(-1)!.content).toMatch(
      /- budget: allocations sum to 999999\.00, more than the budget of \d+\.\d\d/,
    );
    expect(requests[3]!.messages.at(-2)!.content).toBe('{"budget":{"compute":999999}}');
    expect(requests.every((r) => r.model === 'stand-in')).toBe(true);
    expect(requests[0]!.messages[0]!.content).toContain('"additionalProperties":false');
    expect(requests[2]!.messages[1]!.content).toContain('## Last round (1)');

    // The facilitator's transcript; nobody else's.
    const calls = (await (
      await fetch(`${g}/agents.json`, { headers: { authorization: `Bearer ${welcome(fac).seatToken}` } })
    ).json()) as {
      model: string;
      calls: { round: number; outcome: string; problems: { message: string }[] }[];
    };
    expect(calls.model).toBe('stand-in');
    expect(calls.calls.map((c) => [c.round, c.outcome])).toEqual([
      [1, 'refused'],
      [1, 'accepted'],
      [2, 'refused'],
      [2, 'refused'],
      [2, 'fallback'],
      [3, 'error'],
      [3, 'accepted'],
    ]);
    expect(
      (await fetch(`${g}/agents.json`, { headers: { authorization: `Bearer ${welcome(us).seatToken}` } }))
        .status,
    ).toBe(403);

    // No prompt holds another nation's secret objective (or a bilateral line it is not part of).
    const scenario = (await (await fetch(`${server.url}/api/scenarios/three-powers`)).json()) as {
      objectives: { id: string; title: string }[];
    };
    const title = (id: string) => scenario.objectives.find((o) => o.id === id)!.title;
    const final = view(fac).nations;
    const prompts = JSON.stringify(requests.slice(0, 6));
    for (const n of ['US', 'EU'])
      if (final[n]!.secretObjective !== final.CN!.secretObjective)
        expect(prompts, n).not.toContain(title(final[n]!.secretObjective!));
    us.room.leave(true);
    fac.room.leave(true);
  }, 90_000);
});
