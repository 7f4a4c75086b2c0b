/**
 * The agent arena: plays games on a real server with agents at some seats and bots at the others,
 * and prints per seat the win rate, the mean score with a 95% confidence interval, and the rate of
 * refused orders (submissions the server refused: the belief-tracking measure), as a table and JSON.
 *
 *   npm run arena -- --games 20 --seat US=mcp --seat CN=bot:hawk [--seat EU=llm] [--scenario three-powers]
 *                    [--rounds N] [--seed 1] [--url http://host:2567]
 *
 * Seats: `llm` (the server's language-model agent: the server needs LLM_BASE_URL and LLM_MODEL),
 * `mcp[:archetype]` (scripts/mcp.ts driven by an MCP client whose policy is that bot archetype,
 * hedger by default), `bot:<archetype>[:difficulty]` (a bot of that archetype playing over the JSON
 * API). Other nations are the server's own bots. Without --url it starts a server of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client, type Room } from '@colyseus/sdk';
import { createGameServer } from '../server/createGameServer.ts';
import {
  ARCHETYPES,
  type Archetype,
  type BotSeat,
  DIFFICULTIES,
  type Difficulty,
  decideBot,
} from '../shared/bots/index.ts';
import type { GameView, Scenario } from '../shared/engine/index.ts';
import { HttpSeat } from './agent/HttpSeat.ts';

type SeatKind = { kind: 'llm' } | { kind: 'mcp'; policy: BotSeat } | { kind: 'bot'; seat: BotSeat };

function parseSeat(text: string): SeatKind {
  const [kind, a, d] = text.split(':');
  const bot = (arch = 'hedger', diff = 'normal'): BotSeat => {
    if (!(ARCHETYPES as readonly string[]).includes(arch))
      throw new Error(`unknown archetype '${arch}' (${ARCHETYPES.join(', ')})`);
    if (!(DIFFICULTIES as readonly string[]).includes(diff)) throw new Error(`unknown difficulty '${diff}'`);
    return { archetype: arch as Archetype, difficulty: diff as Difficulty };
  };
  if (kind === 'llm') return { kind: 'llm' };
  if (kind === 'mcp') return { kind: 'mcp', policy: bot(a, d) };
  if (kind === 'bot' && a) return { kind: 'bot', seat: bot(a, d) };
  throw new Error(`bad seat '${text}' (llm, mcp[:archetype], bot:<archetype>[:difficulty])`);
}

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const seats = new Map<string, SeatKind>();
for (let i = 0; i < argv.length; i++)
  if (argv[i] === '--seat')
    for (const part of (argv[i + 1] ?? '').split(',')) {
      const [nation, spec] = part.split('=');
      if (!nation || !spec) throw new Error(`bad --seat '${part}' (NATION=kind)`);
      seats.set(nation, parseSeat(spec));
    }
const games = Number(opt('games') ?? 10);
const scenarioId = opt('scenario') ?? 'three-powers';
const rounds = opt('rounds') ? Number(opt('rounds')) : undefined;
const seed0 = Number(opt('seed') ?? 1);
const jsonOnly = argv.includes('--json');

let url = opt('url');
let stop = async () => {};
if (!url) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sovereign-arena-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const own = await createGameServer({ port, dataDir });
  url = `http://localhost:${port}`;
  stop = async () => {
    await own.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
const scenario = (await (await fetch(`${url}/api/scenarios/${scenarioId}`)).json()) as Scenario;
for (const n of seats.keys())
  if (!scenario.nations.some((x) => x.id === n)) throw new Error(`no nation ${n} in ${scenarioId}`);

interface Tally {
  submits: number;
  refused: number;
}

/** A bot of a chosen archetype at a seat, over the JSON API. */
async function playBot(code: string, nation: string, seat: BotSeat, salt: number, tally: Tally) {
  const me = await HttpSeat.join(url!, code, { name: `${seat.archetype}-bot`.slice(0, 24), nation });
  let key = '';
  let done = 0;
  for (;;) {
    const s = await me.status();
    if (s.status === 'ended') return;
    if ((s.phase === 'briefing' || s.phase === 'negotiation') && !s.ready)
      await me.send('ready', { ready: true });
    if (s.phase === 'orders' && done !== s.round) {
      done = s.round;
      const view = await me.view();
      const { orders } = decideBot({ view, me: nation, scenario, seat, salt });
      tally.submits++;
      const r = await me.send('submit', { orders });
      if (!r.ok) tally.refused++;
    }
    key = (await me.wait(key || s.key, 25)).key;
  }
}

/** scripts/mcp.ts at a seat, driven by an MCP client whose policy is a bot archetype. */
async function playMcp(code: string, nation: string, policy: BotSeat, salt: number, tally: Tally) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      '--disable-warning=ExperimentalWarning',
      join(import.meta.dirname, 'mcp.ts'),
      '--url',
      url!,
      '--code',
      code,
      '--nation',
      nation,
      '--name',
      'mcp-agent',
    ],
    stderr: 'ignore',
  });
  const client = new McpClient({ name: 'sovereign-arena', version: '0.1.0' });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = (await client.callTool({ name, arguments: args })) as {
      content: { text: string }[];
      isError?: boolean;
    };
    return { text: r.content.map((c) => c.text).join(''), isError: r.isError === true };
  };
  try {
    let s = JSON.parse((await call('get_status')).text) as {
      status: string;
      phase: string;
      round: number;
      ready: boolean;
    };
    let done = 0;
    while (s.status !== 'ended') {
      if ((s.phase === 'briefing' || s.phase === 'negotiation') && !s.ready) await call('set_ready');
      if (s.phase === 'orders' && done !== s.round) {
        done = s.round;
        const view = JSON.parse((await call('get_view', { format: 'json' })).text) as GameView;
        const { orders } = decideBot({ view, me: nation, scenario, seat: policy, salt });
        tally.submits++;
        if ((await call('submit_orders', { orders })).isError) tally.refused++;
      }
      s = JSON.parse((await call('wait_for_next_phase', { timeout_seconds: 25 })).text);
    }
  } finally {
    await client.close();
  }
}

const results = new Map<string, { scores: number[]; wins: number; tally: Tally }>();
for (const n of seats.keys()) results.set(n, { scores: [], wins: 0, tally: { submits: 0, refused: 0 } });

for (let g = 0; g < games; g++) {
  const seed = seed0 + g;
  const fac: Room = await new Client(url).create('game', {
    name: 'Arena',
    game: {
      scenario: scenarioId,
      ...(rounds ? { rounds } : {}),
      timers: { briefing: 0, negotiation: 0, orders: 0 },
      private: true,
      seed,
    },
  });
  const { code, seatToken } = await new Promise<{ code: string; seatToken: string }>((resolve) => {
    fac.onMessage('welcome', (w: { code: string; seatToken: string }) => resolve(w));
    fac.onMessage('*', () => {});
  });
  const command = (cmd: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      const off = fac.onMessage('error', (e: { problems: { message: string }[] }) => {
        off();
        reject(new Error(e.problems.map((p) => p.message).join('; ')));
      });
      const offOk = fac.onMessage('ok', () => {
        offOk();
        off();
        resolve();
      });
      fac.send('command', cmd);
    });
  for (const [nation, kind] of seats)
    if (kind.kind === 'llm') await command({ type: 'AgentSeat', nation, on: true });
  const players: Promise<void>[] = [];
  for (const [nation, kind] of seats) {
    const tally = results.get(nation)!.tally;
    if (kind.kind === 'bot') players.push(playBot(code, nation, kind.seat, seed, tally));
    if (kind.kind === 'mcp') players.push(playMcp(code, nation, kind.policy, seed, tally));
  }
  // Every seat taken (the HTTP and MCP seats join first), then Start.
  const wanted = [...seats].filter(([, k]) => k.kind !== 'llm').length;
  for (let i = 0; i < 300; i++) {
    const taken = [...(fac.state.seats?.values() ?? [])].filter(
      (s: { players: string[] }) => s.players.length > 0,
    ).length;
    if (taken >= wanted + [...seats.values()].filter((k) => k.kind === 'llm').length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await command({ type: 'Start' });
  await Promise.all(players);
  while (fac.state.phase !== 'ended') await new Promise((r) => setTimeout(r, 100));
  const report = (await (await fetch(`${url}/api/games/${code}/report.json`)).json()) as {
    ranking: { nation: string; rank: number; score: number }[];
  };
  if ([...seats.values()].some((k) => k.kind === 'llm')) {
    // The LLM seats' answers the server refused, from the facilitator's transcript of the calls.
    const agents = (await (
      await fetch(`${url}/api/games/${code}/agents.json`, {
        headers: { authorization: `Bearer ${seatToken}` },
      })
    ).json()) as { calls: { nation: string; outcome: string }[] };
    for (const c of agents.calls) {
      const tally = results.get(c.nation)?.tally;
      if (!tally || (c.outcome !== 'accepted' && c.outcome !== 'refused')) continue;
      tally.submits++;
      if (c.outcome === 'refused') tally.refused++;
    }
  }
  for (const row of report.ranking) {
    const r = results.get(row.nation);
    if (!r) continue;
    r.scores.push(row.score);
    if (row.rank === 1) r.wins++;
  }
  await fac.leave(true);
  if (!jsonOnly) process.stderr.write(`game ${g + 1}/${games} (${code}) done\n`);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const rows = [...results].map(([nation, r]) => {
  const m = mean(r.scores);
  const sd = Math.sqrt(r.scores.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, r.scores.length - 1));
  const half = r.scores.length > 1 ? (1.96 * sd) / Math.sqrt(r.scores.length) : 0;
  const kind = seats.get(nation)!;
  return {
    nation,
    seat:
      kind.kind === 'llm'
        ? 'llm'
        : kind.kind === 'mcp'
          ? `mcp:${kind.policy.archetype}`
          : `bot:${kind.seat.archetype}`,
    games: r.scores.length,
    winRate: Math.round((r.wins / Math.max(1, r.scores.length)) * 1000) / 1000,
    meanScore: Math.round(m * 100) / 100,
    ci95: [Math.round((m - half) * 100) / 100, Math.round((m + half) * 100) / 100],
    submissions: r.tally.submits,
    refusedRate: r.tally.submits ? Math.round((r.tally.refused / r.tally.submits) * 1000) / 1000 : null,
  };
});
if (!jsonOnly) {
  console.log('| nation | seat | games | win rate | mean score | 95% CI | refused orders |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.nation} | ${r.seat} | ${r.games} | ${(r.winRate * 100).toFixed(1)}% | ${r.meanScore} | ${r.ci95[0]} – ${r.ci95[1]} | ${r.refusedRate === null ? 'n/a' : `${(r.refusedRate * 100).toFixed(1)}% of ${r.submissions}`} |`,
    );
}
console.log(JSON.stringify({ scenario: scenarioId, games, seats: rows }));
await stop();
process.exit(0);
