/**
 * Bad input (issue 6): a fast-check fuzzer sends at least 10,000 generated messages of every type
 * (and unknown types) from real SDK clients — players of one nation and spectators — into a running
 * game, while another player keeps playing it. Every message must get an error reply (or an `ok`
 * when it happens to be valid by the protocol's zod schema), rejected messages must change nothing,
 * and the other player's game must go on. Then the HTTP endpoints get malformed paths and parameters.
 *
 * Reproduce a run with FUZZ_SEED=<seed printed by the test>.
 */
import { Client } from '@colyseus/sdk';
import fc from 'fast-check';
import { Packr, unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_LINES,
  CONTROL_TIERS,
  REGULATION_LEVELS,
  RELEASE_POLICIES,
  TREATY_TYPES,
  VISA_POLICIES,
} from '../../shared/engine/index.ts';
import { CLIENT_MESSAGES, type ClientMessageType } from '../../shared/protocol/schemas.ts';
import type { WelcomeMessage } from '../../shared/protocol/serverMessages.ts';
import {
  code,
  createGame,
  join,
  joinTeam,
  NO_TIMERS,
  type Player,
  spend,
  startServer,
  roomState as state,
  stopServer,
  useServer,
  view,
  waitFor,
} from './harness.ts';

const server = useServer();
const PORT = server.port;
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MESSAGES = 10_000;
/** Fuzzing clients: team members of the fuzzed nation, and spectators. */
const PLAYERS = 16;
const SPECTATORS = 16;
/** Messages per client per tick; ticks are at least TICK_MS apart, and PAUSE_MS after the last reply (the room allows 20 per second). */
const BATCH = 17;
const TICK_MS = 1150;
const PAUSE_MS = 1050;
/** Colyseus's WebSocket transport closes a connection whose frame is larger than this (ws maxPayload). */
const MAX_FRAME = 4 * 1024;
/** Names of Object.prototype members: as message types they crash the server (see the test below). */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

const KNOWN = Object.keys(CLIENT_MESSAGES) as ClientMessageType[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const show = (v: unknown) => {
  try {
    const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
    return s === undefined ? String(v) : s.slice(0, 300);
  } catch {
    return String(v);
  }
};

// ---- the generator ----

interface Fuzz {
  type: string | number;
  payload: unknown;
}

const nation = fc.constantFrom('US', 'CN', 'EU', 'XX', 'us', '', 'USA', 'C', 'ZZ');
const nest = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
/** Values of the wrong kind: scalars, odd numbers, big (but under one frame) strings and arrays, deep nesting. */
const wild: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, -1, 1e308, Number.NaN, Infinity, -Infinity, '', ' '),
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer({ min: 501, max: 3500 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 33, max: 1500 }).map((n) => Array.from({ length: n }, (_, i) => i % 7)),
  fc.integer({ min: 33, max: 200 }).map((n) => Array.from({ length: n }, () => ({ target: 'XX' }))),
  fc.integer({ min: 20, max: 1200 }).map((n) => nest(n, 1)),
  fc.date({ noInvalidDate: true }),
  fc.anything({
    maxDepth: 3,
    maxKeys: 5,
    withBigInt: true,
    withDate: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
);
const money = fc.oneof(fc.double({ min: -5, max: 60, noNaN: true }), fc.constantFrom(1e7, -0.01), wild);
const orders = fc.record(
  {
    budget: fc.dictionary(fc.constantFrom(...BUDGET_LINES, 'wings', '__proto__', 'constructor'), money, {
      maxKeys: 7,
    }),
    release: fc.constantFrom(...RELEASE_POLICIES, 'sometimes', 'OPEN'),
    exportControls: fc.array(
      fc.record({ target: nation, chips: fc.constantFrom(...CONTROL_TIERS, 'bogus') }, { requiredKeys: [] }),
      { maxLength: 40 },
    ),
    tariffs: fc.array(fc.record({ target: nation, rate: fc.double({ min: -1, max: 2 }) }), { maxLength: 5 }),
    sanctions: fc.array(fc.record({ target: nation, active: fc.oneof(fc.boolean(), wild) }), {
      maxLength: 5,
    }),
    visa: fc.constantFrom(...VISA_POLICIES, 'closed'),
    regulation: fc.constantFrom(...REGULATION_LEVELS, 'none'),
    aidRegion: fc.oneof(fc.constant(null), fc.string({ maxLength: 70 })),
    programmeBase: fc.oneof(fc.constant(null), nation),
    treaties: fc.record(
      {
        propose: fc.array(fc.record({ type: fc.constantFrom(...TREATY_TYPES, 'Alliance'), to: nation }), {
          maxLength: 10,
        }),
        answer: fc.array(fc.record({ id: fc.string({ maxLength: 25 }), accept: fc.boolean() }), {
          maxLength: 4,
        }),
        withdraw: fc.array(fc.string({ maxLength: 25 }), { maxLength: 4 }),
      },
      { requiredKeys: [] },
    ),
    // Orders "for another nation": a field the schema does not have.
    nation,
  },
  { requiredKeys: [] },
);
const COMMANDS = [
  'Start',
  'Pause',
  'Resume',
  'AddTime',
  'Advance',
  'ForceResolve',
  'InjectEvent',
  'BotSeat',
  'Kick',
  'Mute',
  'EndGame',
  'Lock',
  'Explode',
];
const command = fc.record(
  {
    type: fc.constantFrom(...COMMANDS),
    seconds: fc.oneof(fc.integer({ min: -8000, max: 8000 }), wild),
    cardId: fc.string({ maxLength: 70 }),
    nation,
    on: fc.boolean(),
    sessionId: fc.string({ maxLength: 20 }),
    muted: fc.boolean(),
    locked: fc.boolean(),
  },
  { requiredKeys: ['type'] },
);
const template: Record<ClientMessageType, fc.Arbitrary<unknown>> = {
  draft: fc.record({ orders }),
  submit: fc.record({ orders }),
  retract: fc.constant({}),
  ready: fc.record({ ready: fc.boolean() }),
  chat: fc.record({
    channel: fc.oneof(nation, fc.constantFrom('public', 'team', 'PUBLIC', 'CN-US')),
    text: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('   ', '\n', 'x'.repeat(501))),
  }),
  command,
  askSeat: fc.constant({}),
  admit: fc.record({ sessionId: fc.string({ maxLength: 20 }), accept: fc.boolean() }),
};

/** Every path to a value inside a message (objects and arrays, not too deep). */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  const plain =
    Array.isArray(v) ||
    (v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v)));
  if (prefix.length < 6 && plain) {
    const keys = Array.isArray(v) ? v.map((_, i) => i).slice(0, 20) : Object.keys(v).slice(0, 20);
    for (const k of keys) paths((v as Record<string | number, unknown>)[k], [...prefix, k], out);
  }
  return out;
}
/** Drops a field, adds an extra one, or puts a wrong value somewhere in a well-shaped message. */
function mutate(message: unknown, mode: 'keep' | 'drop' | 'extra' | 'replace', pick: number, value: unknown) {
  if (mode === 'keep') return message;
  const all = paths(message);
  const path = all[pick % all.length]!;
  if (path.length === 0) return mode === 'replace' ? value : message;
  const copy = structuredClone(message) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (mode === 'drop') delete parent[last];
  else if (mode === 'replace') parent[last] = value;
  else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last]))
    (parent[last] as Record<string, unknown>).extra = value;
  else parent[last] = { [String(last)]: parent[last], extra: value };
  return copy;
}
const knownType = fc.constantFrom(...KNOWN);
const unknownType = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('Submit', 'DRAFT', 'submit ', '', 'ok', 'error', 'welcome', 'view', 'join', '*', '__proto'),
  // Names of Object.prototype members (they once crashed the server).
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.integer(),
);
const message: fc.Arbitrary<Fuzz> = fc.oneof(
  // A well-shaped message of a known type, maybe broken in one place.
  {
    weight: 6,
    arbitrary: knownType.chain((type) =>
      fc
        .tuple(template[type], fc.constantFrom('keep', 'drop', 'extra', 'replace'), fc.nat(), wild)
        .map(([t, mode, pick, v]) => ({
          type,
          payload: mutate(t, mode as 'keep' | 'drop' | 'extra' | 'replace', pick, v),
        })),
    ),
  },
  // A known type with any payload at all: null, undefined, numbers, strings, arrays, nesting.
  { weight: 2, arbitrary: fc.record({ type: knownType, payload: wild }) },
  // Another type's payload.
  { weight: 1, arbitrary: fc.record({ type: knownType, payload: knownType.chain((t) => template[t]) }) },
  // Unknown message types.
  {
    weight: 1,
    arbitrary: fc.record({
      type: unknownType,
      payload: fc.oneof(
        wild,
        knownType.chain((t) => template[t]),
      ),
    }),
  },
);

// ---- encoding, as the SDK does it ----

const packr = new Packr();
/** The payload as the server decodes it, and the size of the frame the SDK sends. */
function onTheWire(m: Fuzz): { decoded: unknown; bytes: number } | null {
  const header = 1 + (typeof m.type === 'string' ? Buffer.byteLength(m.type) + 5 : 9);
  if (m.payload === undefined) return { decoded: undefined, bytes: header };
  try {
    const packed = packr.pack(m.payload);
    return { decoded: unpack(packed), bytes: header + packed.length };
  } catch {
    return null; // not encodable by the SDK (never sent)
  }
}

// ---- fuzzing clients ----

interface Fuzzer {
  kind: 'player' | 'spectator';
  p: Player;
  closed: number | null;
}

/** Who lets the fuzzing players into CN's team (the facilitator of the fuzzed game). */
let approver: Player | null = null;

async function newFuzzer(url: string, gameCode: string, kind: Fuzzer['kind'], i: number): Promise<Fuzzer> {
  const p =
    kind === 'player'
      ? await joinTeam(url, gameCode, { name: `Fuzz${i}`, nation: 'CN' }, approver!)
      : await join(url, gameCode, { name: `Watch${i}`, role: 'spectator' });
  const f: Fuzzer = { kind, p, closed: null };
  p.room.onLeave((c) => {
    f.closed = c;
  });
  return f;
}

interface Stats {
  sent: number;
  errors: number;
  oks: Record<string, number>;
  drops: Record<string, number>;
  /** The first unanswered message of each dropped client. */
  dropCauses: string[];
  unanswered: number;
  problems: string[];
}

/** Sends a batch from one client and checks each reply; returns the types of the messages accepted. */
async function runBatch(f: Fuzzer, batch: { m: Fuzz; decoded: unknown }[], stats: Stats) {
  const seen = f.p.messages.length;
  const replies = () =>
    f.p.messages.slice(seen).filter((x) => x.type === 'ok' || x.type === 'error') as {
      type: 'ok' | 'error';
      message: { message: string; problems?: { path: string; message: string }[] };
    }[];
  for (const { m } of batch) f.p.room.send(m.type as string, m.payload);
  stats.sent += batch.length;
  await waitFor(
    `${batch.length} replies`,
    () => f.closed !== null || replies().length >= batch.length,
    20_000,
  );
  await sleep(f.closed === null ? 0 : 50);
  const got = replies();
  const accepted = new Set<string>();
  got.forEach((reply, i) => {
    const { m, decoded } = batch[i]!;
    const what = `${f.kind} sent ${show(m.type)} ${show(m.payload)} → ${reply.type} ${show(reply.message)}`;
    // Replies come in order and name the message type ('*' is special: see the report).
    // (Colyseus decodes the empty type '' as undefined; '*' hands the payload to the room as the type.)
    const named = m.type === '' ? 'undefined' : String(m.type);
    if (m.type !== '*' && reply.message.message !== named) stats.problems.push(`out of order: ${what}`);
    if (reply.type === 'error') {
      stats.errors++;
      const problems = reply.message.problems;
      if (
        !Array.isArray(problems) ||
        problems.length === 0 ||
        !problems.every((p) => typeof p.path === 'string' && typeof p.message === 'string' && p.message)
      )
        stats.problems.push(`malformed error: ${what}`);
    } else {
      const key = String(m.type);
      stats.oks[key] = (stats.oks[key] ?? 0) + 1;
      const schema = CLIENT_MESSAGES[key as ClientMessageType];
      if (!KNOWN.includes(key as ClientMessageType) || !schema.safeParse(decoded).success)
        stats.problems.push(`ok for an invalid message: ${what}`);
      if (f.kind === 'spectator') stats.problems.push(`ok for a spectator: ${what}`);
      accepted.add(key);
    }
  });
  if (got.length < batch.length) {
    if (f.closed === null) {
      stats.unanswered += batch.length - got.length;
      stats.problems.push(
        `no reply to: ${batch
          .slice(got.length)
          .map(({ m }) => `${show(m.type)} ${show(m.payload)}`)
          .join(' | ')}`,
      );
    } else {
      stats.drops[f.closed] = (stats.drops[f.closed] ?? 0) + 1;
      const { m } = batch[got.length]!;
      stats.dropCauses.push(`${f.closed}: ${show(m.type)} ${show(m.payload).slice(0, 120)}`);
      stats.sent -= batch.length - got.length;
    }
  }
  return accepted;
}

describe('fuzzing the game room', () => {
  it(`answers ${MESSAGES} generated bad messages with errors, changes nothing, and the game goes on`, async () => {
    const started = Date.now();
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} to replay)`);
    const fac = await createGame(server.url, { scenario: 'three-powers', rounds: 40, timers: NO_TIMERS });
    const c = code(fac);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    // The fuzzing players ask to join CN's team; the facilitator lets them in.
    approver = fac;
    const fuzzers: Fuzzer[] = [];
    for (let i = 0; i < PLAYERS; i++) fuzzers.push(await newFuzzer(server.url, c, 'player', i));
    for (let i = 0; i < SPECTATORS; i++) fuzzers.push(await newFuzzer(server.url, c, 'spectator', i));
    expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
    // CN is played by a bot, so only Ann's nation moves the game on: the fuzzers can never resolve a round.
    expect((await fac.request('command', { type: 'BotSeat', nation: 'CN', on: true })).type).toBe('ok');
    await waitFor('briefing', () => state(fac).phase === 'briefing' && state(fac).seats.get('CN')?.bot);

    // Generate: messages that fit in one WebSocket frame go to the room; larger ones are tried apart.
    const all = fc.sample(message, { numRuns: Math.ceil(MESSAGES * 1.08), seed: SEED });
    const queue: { m: Fuzz; decoded: unknown }[] = [];
    let oversized = 0;
    for (const m of all) {
      const wire = onTheWire(m);
      if (!wire) continue;
      if (wire.bytes > MAX_FRAME - 64) oversized++;
      else queue.push({ m, decoded: wire.decoded });
    }
    expect(queue.length).toBeGreaterThanOrEqual(MESSAGES);
    queue.length = MESSAGES;
    const typesCovered = new Set(
      queue.map(({ m }) => (KNOWN.includes(m.type as never) ? m.type : 'unknown')),
    );
    expect([...typesCovered].sort()).toEqual([...KNOWN, 'unknown'].sort());

    /** The public state (the fuzzed nation's flags that an accepted message may change are masked). */
    const capture = () => {
      const st = state(fac);
      return {
        phase: st.phase,
        round: st.round,
        status: st.status,
        paused: st.paused,
        deadline: st.deadline,
        seats: [...st.seats.entries()].map(([n, s]) => ({
          n,
          submitted: s.submitted,
          ready: s.ready,
          bot: s.bot,
        })),
      };
    };
    const masked = (snap: ReturnType<typeof capture>, accepted: Set<string>) =>
      show({
        ...snap,
        seats: snap.seats.map((s) => ({
          ...s,
          submitted: s.n === 'CN' && (accepted.has('submit') || accepted.has('retract')) ? '?' : s.submitted,
          ready: s.n === 'CN' && accepted.has('ready') ? '?' : s.ready,
        })),
      });
    const stats: Stats = {
      sent: 0,
      errors: 0,
      oks: {},
      drops: {},
      dropCauses: [],
      unanswered: 0,
      problems: [],
    };
    const annSteps: string[] = [];
    let replaced = 0;
    const firstRound = state(fac).round as number;
    let unchangedChecks = 0;

    while (queue.length > 0) {
      const tickStart = Date.now();
      // No sleep for "the last patch": the last change the server made (Ann's step at the end of the
      // last tick, BotSeat before the first) came with the patch awaited there, and a patch mirrors the
      // whole session at once (syncRoomState, just before each patch), so it also carried every earlier
      // change: the replacements' joins, the fuzzers' accepted ready or submit. Checked: the state the
      // facilitator holds lists every live fuzzer.
      await waitFor('the patch that seats every live fuzzer', () => {
        const clients = state(fac).clients as Map<string, unknown>;
        return fuzzers.every((f) => f.closed !== null || clients.has(f.p.room.sessionId));
      });
      const before = capture();
      const teamBefore = fuzzers.map((f) => f.p.messages.filter((m) => m.type === 'team').length);
      const results = await Promise.all(fuzzers.map((f) => runBatch(f, queue.splice(0, BATCH), stats)));
      // The room counts messages per second from the first one it sees: wait a second after the last reply.
      const answeredAt = Date.now();
      await sleep(150);
      const accepted = new Set(results.flatMap((r) => [...r]));
      expect(accepted.has('command'), 'a command from a player or spectator was accepted').toBe(false);
      unchangedChecks++;
      expect(masked(capture(), accepted), 'the room state after a tick of rejected messages').toBe(
        masked(before, accepted),
      );
      // A rejected draft, submission or retraction sends no team update.
      if (!['draft', 'submit', 'retract'].some((t) => accepted.has(t)))
        fuzzers.forEach((f, i) => {
          if (f.closed === null)
            expect(f.p.messages.filter((m) => m.type === 'team').length).toBe(teamBefore[i]);
        });
      // Replace clients that were dropped, and count them.
      for (let i = 0; i < fuzzers.length; i++) {
        const f = fuzzers[i]!;
        if (f.closed !== null) {
          replaced++;
          fuzzers[i] = await newFuzzer(server.url, c, f.kind, 100 + replaced);
        }
      }
      // Meanwhile Ann plays on: ready in briefing and negotiation, a submission in orders.
      const phase = state(fac).phase as string;
      const round = state(fac).round as number;
      if (phase === 'orders') {
        const budget = view(ann).nations.US!.budget;
        const reply = await ann.request('submit', { orders: { budget: spend(budget) } });
        expect(reply.type, show(reply.message)).toBe('ok');
        await waitFor('the round resolves', () => state(fac).round === round + 1);
        annSteps.push(`submit ${round}`);
      } else {
        const reply = await ann.request('ready', { ready: true });
        expect(reply.type, show(reply.message)).toBe('ok');
        await waitFor(`leaving ${phase}`, () => state(fac).phase !== phase);
        annSteps.push(`ready ${phase}`);
      }
      const rest = Math.max(TICK_MS - (Date.now() - tickStart), PAUSE_MS - (Date.now() - answeredAt));
      if (rest > 0) await sleep(rest);
    }

    // Oversized frames: a fresh client each; the transport closes the connection.
    const big: Fuzz[] = [
      { type: 'chat', payload: { channel: 'public', text: 'x'.repeat(100_000) } },
      { type: 'submit', payload: { orders: { aidRegion: 'y'.repeat(100_000) } } },
      { type: 'draft', payload: { orders: { exportControls: Array(20_000).fill({ target: 'US' }) } } },
      { type: 'x'.repeat(100_000), payload: {} },
      { type: 'command', payload: { type: 'Kick', sessionId: 'z'.repeat(100_000) } },
    ];
    const bigCloses: number[] = [];
    const replyOrClose = async (f: Fuzzer, send: () => void) => {
      const seen = f.p.messages.length;
      send();
      await waitFor(
        'a reply or a close',
        () =>
          f.closed !== null || f.p.messages.slice(seen).some((x) => x.type === 'ok' || x.type === 'error'),
        10_000,
      );
      const closed = f.closed ?? 0;
      if (f.closed === null) await f.p.room.leave();
      return closed;
    };
    for (const [i, m] of big.entries()) {
      expect(onTheWire(m)!.bytes).toBeGreaterThan(MAX_FRAME);
      const f = await newFuzzer(server.url, c, i % 2 ? 'spectator' : 'player', 500 + i);
      bigCloses.push(await replyOrClose(f, () => f.p.room.send(m.type as string, m.payload)));
    }
    // Nesting deeper than msgpack's decoder recursion, in a frame under the limit: 'draft' [[[…true…]]].
    const deepFrame = new Uint8Array([13, 0xa5, ...Buffer.from('draft'), ...Array(3500).fill(0x91), 0xc3]);
    const deep = await newFuzzer(server.url, c, 'player', 600);
    const deepClose = await replyOrClose(deep, () =>
      (deep.p.room.connection as unknown as { send(d: Uint8Array): void }).send(deepFrame),
    );

    // Fuzzed join options and codes: refused (or accepted when valid), never a crash.
    const joinOptions = fc.sample(
      fc.oneof(
        wild,
        fc.record(
          {
            name: fc.oneof(fc.string({ maxLength: 30 }), wild),
            role: fc.oneof(fc.constantFrom('player', 'spectator', 'facilitator', 'admin'), wild),
            nation: fc.oneof(nation, wild),
            seatToken: fc.oneof(fc.string({ maxLength: 70 }), wild),
            restore: fc.constant(c),
            restoreSecret: fc.string(),
            game: wild,
          },
          { requiredKeys: [] },
        ),
      ),
      { numRuns: 40, seed: SEED },
    );
    let joinRefused = 0;
    for (const options of joinOptions) {
      try {
        const room = await new Client(server.url).joinById(c, options as Record<string, unknown>);
        room.reconnection.enabled = false;
        await room.leave();
      } catch {
        joinRefused++;
      }
    }
    for (const bad of ['', 'zzzzz', 'A'.repeat(300), '../health', 'ABC?x=1']) {
      await expect(new Client(server.url).joinById(bad, { name: 'Eve' })).rejects.toThrow();
    }

    // The server is up, the room works, and Ann's game went on.
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).ok).toBe(true);
    expect(server.child.exitCode).toBeNull();
    expect(ann.room.connection.isOpen).toBe(true);
    expect(state(fac).round as number).toBeGreaterThan(firstRound + 1);
    expect((await ann.request('chat', { channel: 'public', text: 'still here' })).type).toBe('ok');

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      [
        `fuzz: ${stats.sent} messages answered by ${fuzzers.length} clients in ${seconds} s`,
        `errors ${stats.errors}, ok ${show(stats.oks)}, unanswered ${stats.unanswered}`,
        `clients dropped ${replaced} (close codes ${show(stats.drops)})`,
        `rounds ${firstRound}→${state(fac).round}, Ann: ${annSteps.length} steps, ${unchangedChecks} unchanged-state checks`,
        `oversized frames: ${oversized} generated (not sent), ${big.length} sent → close codes ${bigCloses.join(', ')}`,
        `3,500-deep frame → ${deepClose ? `close code ${deepClose}` : 'a reply'}`,
        `joins: ${joinRefused}/${joinOptions.length} refused`,
        `drop causes (first unanswered message): ${stats.dropCauses.join(' | ')}`,
      ].join('\n'),
    );
    expect(stats.problems.slice(0, 20)).toEqual([]);
    expect(stats.sent + stats.unanswered).toBeGreaterThanOrEqual(MESSAGES * 0.97);
    // Every oversized frame closed the connection (no reply); none of them took the server down.
    expect(bigCloses.every((code) => code !== 0 && code !== 1000)).toBe(true);
    for (const p of [fac, ann, ...fuzzers.map((f) => f.p)])
      if (p.room.connection.isOpen) await p.room.leave();
  });

  it('answers message types named like Object.prototype members with an error, and the server stays up', async () => {
    const own = await startServer(PORT + 1000);
    try {
      const fac = await createGame(own.url, { scenario: 'three-powers' });
      const ann = await join(own.url, code(fac), { name: 'Ann', nation: 'US' });
      for (const type of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
        const reply = await Promise.race([
          ann.request(type, {}),
          new Promise<null>((r) => own.child.once('exit', () => r(null))),
        ]);
        expect(reply, `'${type}' took the server down:\n${own.output().slice(-600)}`).not.toBeNull();
        expect(reply!.type).toBe('error');
      }
      // The wildcard type '*' makes Colyseus hand the payload to the room as the type.
      const star = await Promise.race([
        (async () => {
          const seen = ann.messages.length;
          ann.room.send('*', 'constructor');
          return waitFor('a reply', () => ann.messages.slice(seen).find((m) => m.type === 'error'), 5000);
        })(),
        new Promise<null>((r) => own.child.once('exit', () => r(null))),
      ]);
      expect(star, `'*' with payload 'constructor' took the server down`).not.toBeNull();
      expect(own.child.exitCode).toBeNull();
    } finally {
      await stopServer(own);
    }
  });
});

describe('HTTP endpoints with malformed paths and parameters', () => {
  it('answer with JSON errors and never a 5xx', async () => {
    const fac = await createGame(server.url, { scenario: 'three-powers' });
    const c = code(fac);
    const token = (fac.last('welcome') as unknown as WelcomeMessage).seatToken;
    const requests: [string, string][] = [
      ['GET', '/api/games/%ZZ'],
      ['GET', '/api/games/%ZZ/report.json'],
      ['GET', '/api/scenarios/%ZZ'],
      ['GET', '/api/games/xxxxx/report.json?token[]=1'],
      ['GET', `/api/games/${c}/report.json?token[]=1`],
      ['GET', `/api/games/${c}/report.json?token=a&token=b`],
      ['GET', `/api/games/${c}/report.json?token=${'t'.repeat(5000)}`],
      ['GET', '/api/scenarios/..%2F..%2Fetc%2Fpasswd'],
      ['GET', '/api/scenarios/../../etc/passwd'],
      ['GET', '/api/scenarios/%2e%2e%2f%2e%2e%2fpackage.json'],
      ['GET', '/api/scenarios/three-powers%00'],
      ['GET', `/api/scenarios/${'a'.repeat(6000)}`],
      ['GET', `/api/games/${'A'.repeat(6000)}`],
      ['GET', `/api/games/${'A'.repeat(60_000)}`],
      ['GET', `/api/games/${c}/report.csv?table=bogus`],
      ['GET', `/api/games/${c}/report.csv?table=`],
      ['GET', `/api/games/${c}/report.csv?table=%00`],
      ['GET', `/api/games/${c}/report.csv?table[]=chat`],
      ['GET', `/api/games/${c}/report.csv?table=chat&token=${token}x`],
      ['GET', `/api/games/${c}/report.xml`],
      ['GET', `/api/games/${c}/report.`],
      ['GET', `/api/games/${c}/report.json/extra`],
      ['GET', '/api/games/%E2%80%AE/report.csv'],
      ['GET', '/api/nothing'],
      ['POST', '/api/games'],
      ['DELETE', `/api/games/${c}`],
      ['PUT', '/health'],
      ['PATCH', '/api/scenarios'],
      ['OPTIONS', '/api/games'],
      ['POST', '/matchmake/joinById/QQQQQ'],
      ['POST', '/matchmake/create/nosuch'],
      ['POST', '/matchmake/joinOrCreate/game'],
    ];
    const bad: string[] = [];
    for (const [method, path] of requests) {
      const res = await fetch(server.url + path, {
        method,
        ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{"name":' } : {}),
      });
      const body = await res.text();
      const what = `${method} ${path.slice(0, 60)} → ${res.status} ${res.headers.get('content-type')} ${body.slice(0, 120).replace(/\s+/g, ' ')}`;
      if (res.status >= 500) bad.push(`5xx: ${what}`);
      if (body.includes('node_modules') || body.includes('    at ')) bad.push(`stack trace: ${what}`);
      // Node itself refuses over-long request lines (431) with an empty body; everything else answers JSON.
      if (res.status >= 400 && res.status !== 431 && method !== 'OPTIONS') {
        if (!res.headers.get('content-type')?.includes('json')) bad.push(`not JSON: ${what}`);
        else if (typeof JSON.parse(body).error !== 'string') bad.push(`no error field: ${what}`);
      }
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    await fac.room.leave();
    expect(bad).toEqual([]);
  });

  it('no admin or monitor panel answers: such paths get the game page or a 404, never a panel', async () => {
    const home = await (await fetch(`${server.url}/`)).text();
    for (const path of [
      '/colyseus',
      '/monitor',
      '/admin',
      '/playground',
      '/metrics',
      '/debug',
      '/api/admin',
      '/api/rooms',
    ]) {
      const res = await fetch(server.url + path);
      const body = await res.text();
      // Either the single-page client (the same page as '/') or a JSON 404.
      if (res.status === 200) expect(body, path).toBe(home);
      else {
        expect(res.status, path).toBe(404);
        expect(JSON.parse(body).error, path).toEqual(expect.any(String));
      }
    }
  });

  it('a malformed join code in the matchmaking route is refused and the server stays up', async () => {
    const own = await startServer(PORT + 1001);
    try {
      const res = await fetch(`${own.url}/matchmake/joinById/%ZZ`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"Eve"}',
      }).catch((e: Error) => e);
      await sleep(200);
      expect(own.child.exitCode, own.output().slice(-600)).toBeNull();
      expect(res).toBeInstanceOf(Response);
      expect((res as Response).status).toBeLessThan(500);
    } finally {
      await stopServer(own);
    }
  });
});
