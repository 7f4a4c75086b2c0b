/**
 * A minimal Sovereign bot that plays one nation from another program, using only what
 * docs/PROTOCOL.md describes: @colyseus/sdk, the synced room state, and the server's messages.
 *
 *   npm exec -- node examples/bot.ts --url http://localhost:2567 --code ABCDE [--name Bot] [--nation US]
 *   npm exec -- node examples/bot.ts --url http://localhost:2567 --create [--scenario three-powers] [--rounds 3]
 *
 * (`npm exec --` runs the project's Node 22; a system `node` may be older.) With --create the bot
 * creates a game (timers 0, bots on), becomes its facilitator, takes a nation (the scenario's first
 * unless --nation) and starts the game itself: handy for trying the protocol alone.
 */
import { inflateRawSync } from 'node:zlib';
import { Client, type Room } from '@colyseus/sdk';
import { unpack } from 'msgpackr';

// ---- the few shapes of docs/PROTOCOL.md this bot uses ----

type Phase = 'lobby' | 'briefing' | 'negotiation' | 'orders' | 'ended';
const BUDGET_LINES = ['compute', 'training', 'chips', 'talent', 'safety', 'aid'] as const;
type BudgetLine = (typeof BUDGET_LINES)[number];

interface Welcome {
  sessionId: string;
  role: string;
  nation: string | null;
  name: string;
  seatToken: string;
  code: string;
  scenario: string;
}
interface NationView {
  id: string;
  budget: number;
  trust: number;
  policies: { aidRegion: string | null };
}
interface View {
  round: number;
  rounds: number;
  status: 'running' | 'ended';
  scenarioId: string;
  nations: Record<string, NationView>;
  treaties: { id: string; type: string; parties: [string, string] }[];
  proposals: { id: string; type: string; from: string; to: string; round: number }[];
}
interface GameEvent {
  type: string;
  round: number;
  params: Record<string, unknown>;
}
interface Problem {
  path: string;
  message: string;
}
interface Scenario {
  nations: { id: string; name: string; defaultAllocation?: Partial<Record<BudgetLine, number>> }[];
  markets: { region: string }[];
}
interface RankingRow {
  nation: string;
  rank: number;
  score: number;
}

// ---- arguments ----

const USAGE = `usage:
  npm exec -- node examples/bot.ts --url http://host:2567 --code CODE [--name Bot] [--nation XX]
  npm exec -- node examples/bot.ts --url http://host:2567 --create [--scenario three-powers] [--rounds N] [--name Bot] [--nation XX]`;

function usage(problem: string): never {
  console.error(`bot: ${problem}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const args: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) usage(`unexpected argument '${a}'`);
    const key = a.slice(2);
    if (key === 'create' || key === 'help') {
      args[key] = true;
      continue;
    }
    if (!['url', 'code', 'name', 'nation', 'scenario', 'rounds'].includes(key))
      usage(`unknown option '${a}'`);
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) usage(`${a} needs a value`);
    args[key] = value;
  }
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const str = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
  const url = str('url');
  if (!url || !/^https?:\/\//.test(url)) usage('--url http://host:port is required');
  const create = args.create === true;
  const code = str('code');
  if (!create && !code) usage('give --code CODE to join a game, or --create to create one');
  if (create && code) usage('give either --code or --create, not both');
  const nation = str('nation');
  if (nation !== undefined && !/^[A-Z]{2}$/.test(nation)) usage('--nation must be two capital letters');
  const name = str('name') ?? 'Bot';
  if (name.trim().length < 1 || name.length > 24) usage('--name must be 1 to 24 characters');
  const rounds = str('rounds') === undefined ? undefined : Number(str('rounds'));
  if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1 || rounds > 40))
    usage('--rounds must be a whole number from 1 to 40');
  return { url: url.replace(/\/$/, ''), create, code, nation, name, scenario: str('scenario'), rounds };
}

// ---- the bot ----

const opts = parseArgs(process.argv.slice(2));
const log = (...parts: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);

const client = new Client(opts.url);
// Trying it alone (--create) without --nation: play the scenario's first nation, or the game would
// wait for a player who never comes.
if (opts.create && !opts.nation) {
  try {
    const res = await fetch(
      `${opts.url}/api/scenarios/${encodeURIComponent(opts.scenario ?? 'three-powers')}`,
    );
    if (res.ok) opts.nation = ((await res.json()) as Scenario).nations[0]?.id;
  } catch {
    // The create below reports an unreachable server.
  }
}
let room: Room;
try {
  room = opts.create
    ? await client.create('game', {
        name: opts.name,
        ...(opts.nation ? { nation: opts.nation } : {}),
        game: {
          scenario: opts.scenario ?? 'three-powers',
          ...(opts.rounds ? { rounds: opts.rounds } : {}),
          timers: { briefing: 0, negotiation: 0, orders: 0 },
          bots: true,
          private: true,
        },
      })
    : await client.joinById(opts.code!, { name: opts.name, ...(opts.nation ? { nation: opts.nation } : {}) });
} catch (e) {
  console.error(`bot: could not ${opts.create ? 'create' : 'join'} the game: ${(e as Error).message}`);
  process.exit(1);
}

let me: Welcome | null = null;
let view: View | null = null;
let scenario: Scenario | null = null;
let ranking: string[] | null = null;
let done = false;
/** What this bot already did, so each action happens once: 'ready:2:briefing', 'submit:2'. */
const acted = new Set<string>();
const retried = new Set<number>();
/** Rounds of the submissions awaiting their `ok` or `error` (replies come in order). */
const pendingSubmits: number[] = [];

room.onMessage('welcome', async (w: Welcome) => {
  me = w;
  log(
    `joined ${w.code} as ${w.name} (${w.role}${w.nation ? `, playing ${w.nation}` : ''}); scenario ${w.scenario}`,
  );
  if (!w.nation) log('warning: this seat plays no nation, so the bot will only watch');
  try {
    const res = await fetch(`${opts.url}/api/scenarios/${encodeURIComponent(w.scenario)}`);
    if (res.ok) scenario = (await res.json()) as Scenario;
  } catch {
    // The scenario only tunes the budget split; the bot plays without it.
  }
  if (opts.create && w.role === 'facilitator') room.send('command', { type: 'Start' });
  act();
});

// `view`, `report` and `reports` arrive deflated (PROTOCOL §11): raw DEFLATE of their msgpack bytes, primed
// with the previous message of the same type as a dictionary when `dictionary` (its length) is not 0.
const lastBytes = new Map<string, Buffer>();
function inflate<T>(type: string, m: { deflated: Uint8Array; dictionary: number }): T {
  const previous = lastBytes.get(type);
  if (m.dictionary !== 0 && previous?.length !== m.dictionary)
    throw new Error(`${type} is primed with a message this bot did not get`);
  const bytes = inflateRawSync(m.deflated, m.dictionary !== 0 ? { dictionary: previous } : {});
  lastBytes.set(type, bytes);
  return unpack(bytes) as T;
}

// A nation's members get the spectators' view plus `own`: their secret objective and their proposals.
interface Own {
  viewer: { kind: 'nation'; nation: string };
  secretObjective: string | null;
  proposals: View['proposals'];
}
room.onMessage('view', (m: { deflated: Uint8Array; dictionary: number; own?: Own }) => {
  const v = inflate<View>('view', m);
  if (m.own) v.proposals = m.own.proposals;
  view = v;
  act();
});

// A nation's members get the public events plus `ownEvents`: the events addressed to their nation
// (treaty proposals…), each with its place in the whole list.
room.onMessage(
  'report',
  (m: { deflated: Uint8Array; dictionary: number; ownEvents?: { events: GameEvent[]; at: number[] } }) => {
    const r = inflate<{ round: number; events: GameEvent[] }>('report', m);
    const own = m.ownEvents;
    if (own) for (let i = 0; i < own.events.length; i++) r.events.splice(own.at[i]!, 0, own.events[i]!);
    onReport(r);
  },
);

// On joining (and on each reconnection) the past reports arrive at once, already cut for this nation.
room.onMessage('reports', (m: { deflated: Uint8Array; dictionary: number }) => {
  const past = inflate<{ reports: { round: number; kind: string }[] }>('reports', m);
  if (past.reports.length > 0) log(`joined with ${past.reports.length} past reports`);
});

function onReport(r: { round: number; events: GameEvent[] }) {
  const counts = new Map<string, number>();
  for (const e of r.events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const summary = [...counts].map(([t, n]) => (n > 1 ? `${t}×${n}` : t)).join(', ');
  log(`report for round ${r.round}: ${r.events.length} events (${summary})`);
  for (const e of r.events) {
    if (e.type === 'TreatySigned' || e.type === 'TreatyProposed' || e.type === 'SafetyIncident')
      log(`  ${e.type} ${JSON.stringify(e.params)}`);
    if (e.type === 'GameEnded') ranking = e.params.ranking as string[];
  }
}

room.onMessage('ok', (m: { message: string; detail?: string }) => {
  // When our submission completes the round, the round's report and the next view arrive before this ok.
  if (m.message === 'submit') log(`round ${pendingSubmits.shift() ?? '?'}: orders accepted`);
});

room.onMessage('error', (m: { message: string; problems: Problem[] }) => {
  const problems = m.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
  log(`error from the server on '${m.message}': ${problems}`);
  if (m.message !== 'submit') return;
  const round = pendingSubmits.shift();
  // Orders refused (e.g. the budget changed under us): submit a plain, smaller budget once.
  if (round !== undefined && view?.round === round && me?.nation && !retried.has(round)) {
    retried.add(round);
    const budget = view.nations[me.nation]?.budget ?? 0;
    pendingSubmits.push(round);
    room.send('submit', { orders: { budget: { compute: floor2(budget * 0.5) } } });
  }
});

room.onMessage('notice', (m: { text: string }) => log(`notice: ${m.text}`));
room.onMessage('chat', (l: { channel: string; from: { name: string }; text: string }) =>
  log(`chat [${l.channel}] ${l.from.name}: ${l.text}`),
);
room.onMessage('chatHistory', () => {});
room.onMessage('team', () => {});

room.onStateChange(() => act());

room.onLeave((code: number, reason?: string) => {
  if (done) return;
  console.error(`bot: the server closed the connection (${code}${reason ? `: ${reason}` : ''})`);
  process.exit(1);
});

const floor2 = (x: number) => Math.floor(x * 100) / 100;

/** Decides what to do now from the synced state (phase, round) and the latest view. */
function act() {
  if (done || !me) return;
  const phase = room.state?.phase as Phase | undefined;
  const round = room.state?.round as number | undefined;
  if (!phase || round === undefined) return;
  if (phase === 'ended') return void finish();
  if (!me.nation || !view || view.round !== round) return;
  if (phase === 'briefing' || phase === 'negotiation') {
    const key = `ready:${round}:${phase}`;
    if (acted.has(key)) return;
    acted.add(key);
    room.send('ready', { ready: true });
  } else if (phase === 'orders') {
    const key = `submit:${round}`;
    if (acted.has(key)) return;
    acted.add(key);
    const orders = decide(view, me.nation);
    log(`round ${round}: submitting ${JSON.stringify(orders)}`);
    pendingSubmits.push(round);
    room.send('submit', { orders });
  }
}

/** This round's orders: the budget split by the scenario's default shares, and treaty answers. */
function decide(v: View, nation: string) {
  const self = v.nations[nation]!;
  const shares =
    scenario?.nations.find((n) => n.id === nation)?.defaultAllocation ??
    ({ compute: 0.3, training: 0.3, chips: 0.15, talent: 0.1, safety: 0.1, aid: 0.05 } as const);
  const total = BUDGET_LINES.reduce((s, l) => s + (shares[l] ?? 0), 0) || 1;
  const budget: Partial<Record<BudgetLine, number>> = {};
  // Rounded down to cents, so the sum never exceeds the budget.
  for (const l of BUDGET_LINES) budget[l] = floor2((self.budget * (shares[l] ?? 0)) / total);

  const orders: Record<string, unknown> = { budget };
  // Aid only helps with a region to receive it.
  const region = scenario?.markets[0]?.region;
  if ((budget.aid ?? 0) > 0 && !self.policies.aidRegion && region) orders.aidRegion = region;

  // Answer every proposal addressed to us: accept from nations we trust enough.
  const answer = v.proposals
    .filter((p) => p.to === nation)
    .map((p) => ({ id: p.id, accept: (v.nations[p.from]?.trust ?? 0) >= 30 }));
  // Propose an AI forum to the most trusted nation we have no forum with (nor a pending proposal).
  const partner = Object.values(v.nations)
    .filter((n) => n.id !== nation)
    .filter(
      (n) =>
        !v.treaties.some(
          (t) => t.type === 'AiForum' && t.parties.includes(n.id) && t.parties.includes(nation),
        ),
    )
    .filter((n) => !v.proposals.some((p) => p.type === 'AiForum' && [p.from, p.to].includes(n.id)))
    .sort((a, b) => b.trust - a.trust)[0];
  const propose = partner ? [{ type: 'AiForum', to: partner.id }] : [];
  if (answer.length || propose.length) orders.treaties = { answer, propose };
  return orders;
}

async function finish() {
  if (done) return;
  done = true;
  log(`the game has ended`);
  let rows: RankingRow[] | null = null;
  try {
    const res = await fetch(`${opts.url}/api/games/${me!.code}/report.json`);
    if (res.ok) rows = ((await res.json()) as { ranking: RankingRow[] }).ranking;
  } catch {
    // Fall back to the GameEnded event's ranking.
  }
  if (rows) {
    log('final ranking:');
    for (const r of rows)
      log(`  ${r.rank}. ${r.nation} ${r.score}${r.nation === me?.nation ? '  <- us' : ''}`);
  } else if (ranking) log(`final ranking: ${ranking.join(' > ')}`);
  await room.leave(true).catch(() => {});
  process.exit(0);
}
