/**
 * An MCP server (stdio) that plays one seat of a Sovereign game through the real server's JSON API,
 * so any MCP client can seat an agent: tools to read the view (text or JSON), the orders' schema and
 * the last report, submit or retract orders (refusals returned word for word), get ready, chat,
 * propose and answer treaties, and wait for the next phase.
 *
 *   npm run mcp -- --url http://localhost:2567 --code ABCDE [--nation US] [--name Agent] [--token T]
 *   npm run mcp -- --url http://localhost:2567 --create [--scenario three-powers] [--rounds N] [--nation US] [--players N]
 *
 * With --create it creates a game (no timers, bots for the other seats) as its facilitator, takes a
 * nation (US by default) and starts it at once, or once --players seats are taken. Logs go to stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { lastRoundLines } from '../shared/agent/lastRoundLines.ts';
import { ordersJsonSchema } from '../shared/agent/ordersJsonSchema.ts';
import { type Scenario, TREATY_TYPES } from '../shared/engine/index.ts';
import { HttpSeat, problemText, type Reply } from './agent/HttpSeat.ts';

const USAGE = `usage:
  npm run mcp -- --url http://host:2567 --code CODE [--nation XX] [--name Agent] [--token SEAT_TOKEN]
  npm run mcp -- --url http://host:2567 --create [--scenario three-powers] [--rounds N] [--nation XX] [--players N]`;

function parseArgs(argv: string[]) {
  const args: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const key = a.slice(2);
    if (key === 'create') args.create = true;
    else if (['url', 'code', 'nation', 'name', 'token', 'scenario', 'rounds', 'players'].includes(key)) {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      args[key] = v;
    } else throw new Error(`unknown option '${a}'`);
  }
  const s = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
  if (!s('url')) throw new Error('--url is required');
  if (!args.create && !s('code')) throw new Error('give --code CODE or --create');
  return {
    url: s('url')!,
    code: s('code'),
    create: args.create === true,
    nation: s('nation'),
    name: s('name') ?? 'Agent',
    token: s('token'),
    scenario: s('scenario') ?? 'three-powers',
    rounds: s('rounds') ? Number(s('rounds')) : undefined,
    players: s('players') ? Number(s('players')) : undefined,
  };
}

let opts: ReturnType<typeof parseArgs>;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`mcp: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}

const seat = opts.create
  ? await HttpSeat.create(opts.url, opts.name, opts.nation ?? 'US', {
      scenario: opts.scenario,
      ...(opts.rounds ? { rounds: opts.rounds } : {}),
      timers: { briefing: 0, negotiation: 0, orders: 0 },
      private: true,
      ...(opts.players ? { startWhen: opts.players } : {}),
    })
  : await HttpSeat.join(
      opts.url,
      opts.code!,
      opts.token
        ? { name: opts.name, seatToken: opts.token }
        : { name: opts.name, ...(opts.nation ? { nation: opts.nation } : {}) },
    );
if (opts.create && !opts.players) {
  const started = await seat.send('command', { type: 'Start' });
  if (!started.ok) console.error(`mcp: could not start: ${problemText(started.problems)}`);
}
console.error(
  `mcp: seated in ${seat.me.code} as ${seat.me.name} (${seat.me.role}${seat.me.nation ? `, ${seat.me.nation}` : ''}); seat token ${seat.me.seatToken}`,
);

const scenario = (await (await fetch(`${seat.url}/api/scenarios/${seat.me.scenario}`)).json()) as Scenario;
const en = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'assets', 'i18n', 'en.json'), 'utf8'),
) as Record<string, string>;

/** This round's treaty proposals and answers, merged into the orders the seat submits. */
let treaties = {
  round: 0,
  propose: [] as { type: string; to: string }[],
  answer: [] as { id: string; accept: boolean }[],
};
/** The orders last submitted, and for which round (to resubmit them with new treaty lines). */
let submitted: { round: number; orders: Record<string, unknown> } | null = null;

const text = (t: string, isError = false) => ({
  content: [{ type: 'text' as const, text: t }],
  ...(isError ? { isError: true } : {}),
});
const replyText = (r: Reply, what: string) =>
  r.ok
    ? text(`${what}${r.detail ? ` (${r.detail})` : ''}`)
    : text(`refused: ${problemText(r.problems)}`, true);

async function currentTreaties() {
  const { round } = await seat.status();
  if (treaties.round !== round) treaties = { round, propose: [], answer: [] };
  return treaties;
}

function withTreaties(orders: Record<string, unknown>) {
  if (treaties.propose.length === 0 && treaties.answer.length === 0) return orders;
  const own = (orders.treaties ?? {}) as {
    propose?: unknown[];
    answer?: { id: string }[];
    withdraw?: unknown[];
  };
  const answered = new Set((own.answer ?? []).map((a) => a.id));
  return {
    ...orders,
    treaties: {
      ...own,
      propose: [...(own.propose ?? []), ...treaties.propose],
      answer: [...(own.answer ?? []), ...treaties.answer.filter((a) => !answered.has(a.id))],
    },
  };
}

async function submit(orders: Record<string, unknown>) {
  const { round } = await seat.status();
  await currentTreaties();
  const full = withTreaties(orders);
  const r = await seat.send('submit', { orders: full });
  if (r.ok) submitted = { round, orders };
  return r;
}

const server = new McpServer({ name: 'sovereign-seat', version: '0.1.0' });

server.registerTool(
  'get_status',
  {
    description:
      'The game now: status, phase, round, deadline (ms since the epoch, 0 = none), whether my nation is ready and has submitted.',
    inputSchema: {},
  },
  async () =>
    text(
      JSON.stringify({
        seat: { code: seat.me.code, nation: seat.me.nation, role: seat.me.role },
        ...(await seat.status()),
      }),
    ),
);

server.registerTool(
  'get_view',
  {
    description:
      "My nation's view of the game: 'text' (compact prose and tables: position, objectives, budget, policies, card, rivals, proposals, last round) or 'json' (the whole view, docs/PROTOCOL.md §9).",
    inputSchema: { format: z.enum(['text', 'json']).default('text') },
  },
  async ({ format }) => text(format === 'json' ? JSON.stringify(await seat.view()) : await seat.text()),
);

server.registerTool(
  'get_orders_schema',
  { description: "The JSON Schema of one round's orders, as the server validates them.", inputSchema: {} },
  async () => text(JSON.stringify(ordersJsonSchema())),
);

server.registerTool(
  'get_last_report',
  {
    description:
      'The last report (a resolved round, an injected card or the end): a few lines for my nation, then its events as JSON.',
    inputSchema: {},
  },
  async () => {
    const { reports } = await seat.reports();
    const last = reports.at(-1);
    if (!last) return text('No report yet: no round has resolved.');
    const lines = seat.me.nation ? lastRoundLines(last.events as never, scenario, seat.me.nation, en) : [];
    return text(
      `Report of round ${last.round} (${last.kind}):\n${lines.map((l) => `- ${l}`).join('\n')}\n\nEvents: ${JSON.stringify(last.events)}`,
    );
  },
);

server.registerTool(
  'submit_orders',
  {
    description:
      "Submits my nation's orders for this round (get_orders_schema gives their shape; the last submission counts). Treaty proposals and answers made with propose_treaty and answer_proposal this round are added. A refusal names each problem.",
    inputSchema: { orders: z.record(z.string(), z.unknown()) },
  },
  async ({ orders }) => replyText(await submit(orders), 'orders accepted'),
);

server.registerTool(
  'retract_orders',
  { description: 'Takes back the orders submitted this round.', inputSchema: {} },
  async () => {
    const r = await seat.send('retract', {});
    if (r.ok) submitted = null;
    return replyText(r, 'orders taken back');
  },
);

server.registerTool(
  'set_ready',
  {
    description:
      'Says my nation is ready to leave the briefing or negotiation phase (the phase ends when every nation played by people or agents is ready).',
    inputSchema: { ready: z.boolean().default(true) },
  },
  async ({ ready }) => replyText(await seat.send('ready', { ready }), ready ? 'ready' : 'not ready'),
);

server.registerTool(
  'chat',
  {
    description:
      "Posts a chat line: channel 'public', 'team', or another nation's id for a bilateral channel.",
    inputSchema: { channel: z.string(), text: z.string() },
  },
  async ({ channel, text: line }) => replyText(await seat.send('chat', { channel, text: line }), 'sent'),
);

server.registerTool(
  'read_chat',
  {
    description: 'The chat lines I may read, from index `from` on.',
    inputSchema: { from: z.number().int().min(0).default(0) },
  },
  async ({ from }) => text(JSON.stringify(await seat.chat(from))),
);

server.registerTool(
  'propose_treaty',
  {
    description: `Proposes a treaty (${TREATY_TYPES.join(', ')}) to another nation in this round's orders: added to the orders already submitted (resubmitted now) or to the next submit_orders.`,
    inputSchema: { type: z.enum(TREATY_TYPES), to: z.string() },
  },
  async ({ type, to }) => {
    const t = await currentTreaties();
    t.propose.push({ type, to });
    if (submitted && submitted.round === t.round) {
      const r = await submit(submitted.orders);
      if (!r.ok) t.propose.pop();
      return replyText(r, `proposal of ${type} to ${to} submitted with this round's orders`);
    }
    return text(`proposal of ${type} to ${to} will go with this round's orders (submit_orders)`);
  },
);

server.registerTool(
  'answer_proposal',
  {
    description:
      'Accepts or rejects a treaty proposed to my nation (its id, e.g. P3, is in the view): added to the orders already submitted (resubmitted now) or to the next submit_orders.',
    inputSchema: { id: z.string(), accept: z.boolean() },
  },
  async ({ id, accept }) => {
    const t = await currentTreaties();
    t.answer = [...t.answer.filter((a) => a.id !== id), { id, accept }];
    if (submitted && submitted.round === t.round) {
      const r = await submit(submitted.orders);
      if (!r.ok) t.answer = t.answer.filter((a) => a.id !== id);
      return replyText(r, `answer to ${id} submitted with this round's orders`);
    }
    return text(`answer to ${id} will go with this round's orders (submit_orders)`);
  },
);

let lastKey = '';
server.registerTool(
  'wait_for_next_phase',
  {
    description:
      'Waits (at most timeout_seconds, up to 30) until the phase, the round or the reports move on, then gives the new status.',
    inputSchema: { timeout_seconds: z.number().int().min(0).max(30).default(25) },
  },
  async ({ timeout_seconds }) => {
    const since = lastKey || (await seat.status()).key;
    const s = await seat.wait(since, timeout_seconds);
    lastKey = s.key;
    return text(JSON.stringify(s));
  },
);

await server.connect(new StdioServerTransport());
