/**
 * The MCP server (issue 18, part 2) driven by the MCP SDK's own client over stdio: it creates a game
 * on the real server (--create), and the client plays the whole game through its tools — the text
 * and JSON views, the schema, a refused submission returned word for word, orders, a treaty
 * proposal, readiness, chat, the last report — waiting for each phase with wait_for_next_phase.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GameView } from '../../shared/engine/index.ts';
import { type ServerProcess, startServer, stopServer, testPort } from '../server/harness.ts';

const root = join(import.meta.dirname, '..', '..');
let server: ServerProcess;
beforeAll(async () => {
  server = await startServer(testPort());
});
afterAll(async () => {
  if (server) await stopServer(server, 'SIGTERM');
});

type ToolResult = { content: { type: string; text: string }[]; isError?: boolean };

describe('npm run mcp', () => {
  it('lets an MCP client play a whole game', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [
        '--disable-warning=ExperimentalWarning',
        'scripts/mcp.ts',
        '--url',
        server.url,
        '--create',
        '--scenario',
        'three-powers',
        '--rounds',
        '3',
        '--nation',
        'EU',
        '--name',
        'McpAgent',
      ],
      cwd: root,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d) => {
      stderr += d;
    });
    const client = new Client({ name: 'sovereign-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(tools).toEqual(
        [
          'answer_proposal',
          'chat',
          'get_last_report',
          'get_orders_schema',
          'get_status',
          'get_view',
          'propose_treaty',
          'read_chat',
          'retract_orders',
          'set_ready',
          'submit_orders',
          'wait_for_next_phase',
        ].sort(),
      );
      const call = async (name: string, args: Record<string, unknown> = {}) =>
        (await client.callTool({ name, arguments: args })) as ToolResult;
      const textOf = (r: ToolResult) => r.content.map((c) => c.text).join('');
      const schema = JSON.parse(textOf(await call('get_orders_schema'))) as {
        properties: Record<string, unknown>;
      };
      expect(schema.properties.budget).toBeTruthy();
      expect(textOf(await call('chat', { channel: 'public', text: 'hello from an MCP agent' }))).toBe('sent');

      let status = JSON.parse(textOf(await call('get_status'))) as {
        status: string;
        phase: string;
        round: number;
        seat: { code: string; nation: string };
      };
      const code = status.seat.code;
      expect(status.seat.nation).toBe('EU');
      let refusedOnce = false;
      let proposed = false;
      const played: number[] = [];
      for (let step = 0; step < 60 && status.status !== 'ended'; step++) {
        if (status.phase === 'briefing' || status.phase === 'negotiation')
          expect(textOf(await call('set_ready'))).toBe('ready');
        else if (status.phase === 'orders' && !played.includes(status.round)) {
          const text = textOf(await call('get_view', { format: 'text' }));
          expect(text).toContain(`round ${status.round} of 3`);
          const view = JSON.parse(textOf(await call('get_view', { format: 'json' }))) as GameView;
          const budget = view.nations.EU!.budget;
          if (!refusedOnce) {
            const refused = await call('submit_orders', {
              orders: { budget: { compute: budget * 10 }, colour: 'blue' },
            });
            expect(refused.isError).toBe(true);
            // Word for word as the server's refusal (the payload's field first, then the orders' own path).
            expect(textOf(refused)).toBe('refused: orders: Unrecognized key: "colour"');
            const over = await call('submit_orders', { orders: { budget: { compute: budget * 10 } } });
            expect(textOf(over)).toBe(
              `refused: budget: allocations sum to ${(budget * 10).toFixed(2)}, more than the budget of ${budget.toFixed(2)}`,
            );
            refusedOnce = true;
          }
          const ok = await call('submit_orders', {
            orders: {
              budget: { compute: Math.floor(budget * 50) / 100, safety: Math.floor(budget * 20) / 100 },
            },
          });
          // The round may resolve at once (the other seats are bots): then the treaty waits for the next round.
          expect(textOf(ok)).toBe('orders accepted');
          played.push(status.round);
          if (!proposed) {
            proposed = true;
            const p = textOf(await call('propose_treaty', { type: 'AiForum', to: 'US' }));
            expect(p).toMatch(/proposal of AiForum to US/);
          }
        }
        status = JSON.parse(textOf(await call('wait_for_next_phase', { timeout_seconds: 10 })));
      }
      expect(status.status, stderr).toBe('ended');
      expect(played).toEqual([1, 2, 3]);
      const report = textOf(await call('get_last_report'));
      expect(report).toMatch(/Report of round 3 \(end\)/);
      expect(report).toContain('GameEnded');
      const chat = JSON.parse(textOf(await call('read_chat'))) as { lines: { text: string }[] };
      expect(chat.lines.map((l) => l.text)).toContain('hello from an MCP agent');
      const json = (await (await fetch(`${server.url}/api/games/${code}/report.json`)).json()) as {
        orders: { round: number; nation: string; by: string }[];
      };
      expect(json.orders.filter((o) => o.by === 'McpAgent').map((o) => o.round)).toEqual(
        expect.arrayContaining([1, 2, 3]),
      );
    } finally {
      await client.close();
    }
  }, 90_000);
});
