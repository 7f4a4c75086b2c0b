/**
 * Load test: many rooms of real @colyseus/sdk clients playing whole games against a Sovereign
 * server, spread over several generator processes. It prints figures and asserts nothing.
 *
 *   npm run loadtest -- [--rooms N] [--clients-per-room K] [--rounds R] [--procs P] [--json]
 *   npm run loadtest -- --soak <seconds> [--rooms N] ...      # rooms created and ended for that long
 *   npm run loadtest -- --url http://host:2567 [--server-pid PID] ...   # an already running server
 *   npm run loadtest -- --flood N [--flood-as spectator|player] ...     # plus N clients flooding chat
 *
 * Without --url it starts the server itself (server/main.ts) as a child process on a free port and a
 * temporary data directory, and reads its CPU time and memory from /proc/<pid>. The generator
 * processes are this script forked with `--role worker` (scripts/load/worker.ts); each plays
 * rooms/procs games. Every game uses timers 0, so it moves on as soon as every client is ready or has
 * submitted. What each client sends is described in scripts/load/worker.ts; the figures in
 * docs/BENCHMARKS.md ("Load test"). With --flood, N more clients join the games (flooder k joins game
 * k mod --rooms) and send chat lines far above the server's 20 messages per second until it closes
 * them; the figures then add a `flood` section: per flooder, and the normal clients' acks split by
 * the flood's time window and by whether their game was flooded.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSeconds, kib, memory, mib, type Summary, schedSeconds, summarize } from './load/stats.ts';
import type { FlooderResult, TimedAck, WorkerConfig, WorkerResult } from './load/worker.ts';

const USAGE = `usage: npm run loadtest -- [options]
  --rooms N              games played at once (default 10)
  --clients-per-room K   clients per game, each playing a nation (default 8; 3 with --light)
  --rounds R             rounds per game (default 5)
  --procs P              generator processes (default 2)
  --scenario ID          scenario (default sovereign-ai-2026)
  --light                three-powers with 3 clients per game (unless given otherwise)
  --think MIN-MAX        a client's random wait in ms before each action (default 250-1000)
  --stagger SECONDS      start each game after a random wait of up to that long, so that the games'
                         rounds are out of step as on a real server (default 0: all at once)
  --soak SECONDS         soak mode: keep N games going, starting new ones as others end, for that long
  --sample SECONDS       soak: server memory sampling interval (default 5)
  --url URL              use a running server instead of starting one
  --server-pid PID       with --url: the server's pid, to read its CPU and memory
  --timeout SECONDS      give up on unfinished games after this long (default 600)
  --flood N              N more clients that flood the games with chat (flooder k joins game k mod
                         --rooms); not with --soak
  --flood-as ROLE        spectator (default) or player (joins a nation a normal client plays too)
  --flood-rate R         messages per second a flooder tries to send (default 500; 0 = unpaced)
  --flood-after MS       the flood starts this long after the games' Start (default 2000)
  --json                 print the figures as JSON`;

/** Acks that end up to this long after the last flooder was closed still count as "during the flood". */
const FLOOD_TAIL_MS = 1000;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function options() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      rooms: { type: 'string', default: '10' },
      'clients-per-room': { type: 'string' },
      rounds: { type: 'string', default: '5' },
      procs: { type: 'string', default: '2' },
      scenario: { type: 'string' },
      light: { type: 'boolean', default: false },
      think: { type: 'string', default: '250-1000' },
      stagger: { type: 'string', default: '0' },
      soak: { type: 'string' },
      sample: { type: 'string', default: '5' },
      url: { type: 'string' },
      'server-pid': { type: 'string' },
      timeout: { type: 'string', default: '600' },
      flood: { type: 'string', default: '0' },
      'flood-as': { type: 'string', default: 'spectator' },
      'flood-rate': { type: 'string', default: '500' },
      'flood-after': { type: 'string', default: '2000' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, v: string | undefined, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      console.error(`loadtest: --${name} must be a whole number from ${min} to ${max}\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  const think = /^(\d+)-(\d+)$/.exec(values.think);
  if (!think || Number(think[1]) > Number(think[2])) {
    console.error(`loadtest: --think must be MIN-MAX in ms, e.g. 250-1000\n${USAGE}`);
    process.exit(2);
  }
  const light = values.light;
  const floodAs = values['flood-as'];
  if (floodAs !== 'spectator' && floodAs !== 'player') {
    console.error(`loadtest: --flood-as must be spectator or player\n${USAGE}`);
    process.exit(2);
  }
  const flood = int('flood', values.flood, 0, 10_000);
  if (flood > 0 && values.soak !== undefined) {
    console.error(`loadtest: --flood does not go with --soak\n${USAGE}`);
    process.exit(2);
  }
  return {
    rooms: int('rooms', values.rooms, 1, 10_000),
    clientsPerRoom: int('clients-per-room', values['clients-per-room'] ?? (light ? '3' : '8'), 1, 64),
    rounds: int('rounds', values.rounds, 1, 40),
    procs: int('procs', values.procs, 1, 64),
    scenario: values.scenario ?? (light ? 'three-powers' : 'sovereign-ai-2026'),
    thinkMin: Number(think[1]),
    thinkMax: Number(think[2]),
    soak: values.soak === undefined ? null : int('soak', values.soak, 1, 86_400),
    sample: int('sample', values.sample, 1, 3600),
    url: values.url?.replace(/\/$/, ''),
    serverPid:
      values['server-pid'] === undefined ? null : int('server-pid', values['server-pid'], 1, 2 ** 22),
    timeout: int('timeout', values.timeout, 1, 86_400),
    flood,
    floodAs: floodAs as 'spectator' | 'player',
    floodRate: int('flood-rate', values['flood-rate'], 0, 1_000_000),
    floodAfter: int('flood-after', values['flood-after'], 0, 3_600_000),
    stagger: int('stagger', values.stagger, 0, 3600),
    json: values.json,
  };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts server/main.ts on a free port and a temporary data directory; resolves once /health answers. */
async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sovereign-load-'));
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'server/main.ts'], {
    cwd: ROOT,
    // Every game of the load test is created from this one address: lift the per-address limit.
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, CREATES_PER_ADDRESS: '100000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Sample {
  t: number;
  cpu: number | null;
  rss: number | null;
  games: number | null;
}

async function main() {
  const o = options();
  const started = new Date();
  const res = await fetch(`${o.url ?? 'http://x'}/health`).catch(() => null);
  if (o.url && !res?.ok) throw new Error(`no Sovereign server answers at ${o.url}`);
  const server = o.url ? null : await startServer();
  const url = o.url ?? server!.url;
  const pid = server?.pid ?? o.serverPid;
  const scenario = (await (await fetch(`${url}/api/scenarios/${o.scenario}`)).json()) as {
    nations?: { id: string }[];
  };
  if (!scenario.nations) throw new Error(`unknown scenario ${o.scenario}`);
  const nations = scenario.nations.map((n) => n.id);

  // Server samples every second (soak: every --sample seconds) for CPU and memory over time.
  const t0 = performance.now();
  const samples: Sample[] = [];
  const sample = async () => {
    const s: Sample = {
      t: (performance.now() - t0) / 1000,
      cpu: pid ? cpuSeconds(pid) : null,
      rss: pid ? (memory(pid)?.rss ?? null) : null,
      games: null,
    };
    samples.push(s);
    try {
      s.games = ((await (await fetch(`${url}/health`)).json()) as { games: number }).games;
    } catch {
      // the server is busy or gone
    }
  };
  await sample();
  const sampler = setInterval(sample, (o.soak ? o.sample : 1) * 1000);

  const procs = Math.min(o.procs, o.rooms);
  const workers: ChildProcess[] = [];
  const joined: Promise<{ games: number; clients: number }>[] = [];
  const results: Promise<WorkerResult>[] = [];
  const deadline = Date.now() + (o.soak ?? 0) * 1000 + o.timeout * 1000;
  for (let i = 0; i < procs; i++) {
    const w = fork(fileURLToPath(import.meta.url), ['--role', 'worker'], { cwd: ROOT, stdio: 'inherit' });
    workers.push(w);
    joined.push(
      new Promise((r) =>
        w.on('message', (m: { type: string; games: number; clients: number }) => m.type === 'joined' && r(m)),
      ),
    );
    results.push(
      new Promise((resolve, reject) => {
        w.on(
          'message',
          (m: { type: string; result: WorkerResult }) => m.type === 'result' && resolve(m.result),
        );
        w.on('exit', (code) => reject(new Error(`generator process ${i} exited (${code}) before reporting`)));
      }),
    );
    const config: WorkerConfig = {
      url,
      scenario: o.scenario,
      nations,
      games: Math.floor(o.rooms / procs) + (i < o.rooms % procs ? 1 : 0),
      clientsPerRoom: o.clientsPerRoom,
      rounds: o.rounds,
      thinkMin: o.thinkMin,
      thinkMax: o.thinkMax,
      staggerMs: o.stagger * 1000,
      joinConcurrency: 4,
      soakUntil: o.soak ? Date.now() + o.soak * 1000 : null,
      deadline,
      index: i,
      // Game g of the run is game floor(g / procs) of process g % procs; flooder k joins game k % rooms.
      flood:
        o.flood > 0
          ? {
              games: Array.from({ length: o.flood }, (_, k) => k % o.rooms)
                .filter((g) => g % procs === i)
                .map((g) => Math.floor(g / procs)),
              as: o.floodAs,
              rate: o.floodRate,
              afterMs: o.floodAfter,
            }
          : null,
    };
    w.send({ type: 'config', config });
  }

  let joinSeconds: number | null = null;
  let cpuJoin: number | null = null;
  const cpuStart = pid ? cpuSeconds(pid) : null;
  let playStart = performance.now();
  let cpuPlayStart: number | null = null;
  let schedPlayStart = pid ? schedSeconds(pid) : null;
  if (!o.soak) {
    const j = await Promise.all(joined);
    const flooders = o.flood > 0 ? `, ${o.flood} flooders` : '';
    joinSeconds = (performance.now() - t0) / 1000;
    cpuPlayStart = pid ? cpuSeconds(pid) : null;
    schedPlayStart = pid ? schedSeconds(pid) : null;
    if (cpuPlayStart !== null && cpuStart !== null) cpuJoin = cpuPlayStart - cpuStart;
    if (!o.json)
      console.error(
        `loadtest: ${j.reduce((s, x) => s + x.games, 0)} games, ${j.reduce((s, x) => s + x.clients, 0)} clients${flooders} joined in ${joinSeconds.toFixed(1)} s; playing ${o.rounds} rounds`,
      );
    playStart = performance.now();
    for (const w of workers) w.send({ type: 'go' });
  } else if (!o.json) console.error(`loadtest: soak for ${o.soak} s with ${o.rooms} games at a time`);

  const all = await Promise.all(results);
  const playSeconds = (performance.now() - playStart) / 1000;
  const cpuEnd = pid ? cpuSeconds(pid) : null;
  const memEnd = pid ? memory(pid) : null;
  const schedEnd = pid ? schedSeconds(pid) : null;
  // Soak: a few more samples once every game has ended and its clients left.
  if (o.soak) for (let i = 0; i < 3; i++) await sleep(o.sample * 1000);
  clearInterval(sampler);
  await sample();
  await server?.stop();

  const merge = <K extends keyof WorkerResult>(k: K) => all.flatMap((r) => r[k] as number[]);
  const sum = (k: keyof WorkerResult) => all.reduce((s, r) => s + (r[k] as number), 0);
  const ackOther: Record<string, Summary | null> = {};
  for (const type of new Set(all.flatMap((r) => Object.keys(r.ackOther))))
    ackOther[type] = summarize(all.flatMap((r) => r.ackOther[type] ?? []));
  const errors: Record<string, number> = {};
  const drops: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  for (const r of all) {
    for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.drops)) drops[k] = (drops[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.perRoundByKind)) byKind[k] = (byKind[k] ?? 0) + v;
  }
  const clientRounds = sum('clientRounds');
  for (const k of Object.keys(byKind)) {
    byKind[k] = Math.round(byKind[k]! / Math.max(1, clientRounds));
    if (byKind[k] === 0) delete byKind[k];
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const cpuPlay = cpuEnd !== null && cpuPlayStart !== null ? cpuEnd - cpuPlayStart : null;
  const cpuTotal = cpuEnd !== null && cpuStart !== null ? cpuEnd - cpuStart : null;
  // Busiest one-second window of the server's CPU.
  let cpuPeak: number | null = null;
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (a.cpu !== null && b.cpu !== null && b.t - a.t >= 0.5)
      cpuPeak = Math.max(cpuPeak ?? 0, (b.cpu - a.cpu) / (b.t - a.t));
  }
  const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  const cores = cpus();
  const ackSubmitAll = [...merge('ackSubmit'), ...merge('ackSubmitResolving')];
  const figures = {
    date: started.toISOString(),
    machine: {
      cpu: cores[0]?.model ?? 'unknown',
      cores: cores.length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    command: `node scripts/loadtest.ts ${process.argv.slice(2).join(' ')}`.trim(),
    settings: {
      scenario: o.scenario,
      rooms: o.rooms,
      clientsPerRoom: o.clientsPerRoom,
      rounds: o.rounds,
      procs,
      thinkMs: [o.thinkMin, o.thinkMax],
      staggerSeconds: o.stagger,
      soakSeconds: o.soak,
      server: server ? 'child process' : url,
    },
    reached: {
      games: sum('gamesJoined'),
      gamesWithAllClients: sum('gamesFull'),
      gamesFinished: sum('gamesFinished'),
      clients: sum('clientsJoined'),
      joinFailures: sum('joinFailures'),
      roundsPlayed: sum('roundsPlayed'),
      drops,
      errors,
    },
    seconds: {
      join: joinSeconds === null ? null : Math.round(joinSeconds * 10) / 10,
      play: Math.round(playSeconds * 10) / 10,
    },
    latencyMs: {
      submitAck: summarize(ackSubmitAll),
      submitAckNotResolving: summarize(merge('ackSubmit')),
      submitAckResolving: summarize(merge('ackSubmitResolving')),
      otherAcks: ackOther,
      lastSubmitToReport: summarize(merge('resolveToReport')),
    },
    server: {
      cpuSecondsJoin: round1(cpuJoin),
      cpuSecondsPlay: round1(cpuPlay),
      cpuSecondsTotal: round1(cpuTotal),
      /** Mean share of one core over the play phase (soak: the whole run), in %. */
      cpuPercentPlay: pct(cpuPlay !== null ? cpuPlay / playSeconds : null),
      cpuPercentPeak1s: pct(cpuPeak),
      /** The main thread's time on a CPU and waiting for one (run queue) over the play phase, in s. */
      mainThreadRunSeconds: schedEnd && schedPlayStart ? round1(schedEnd.run - schedPlayStart.run) : null,
      mainThreadRunQueueWaitSeconds:
        schedEnd && schedPlayStart ? round1(schedEnd.wait - schedPlayStart.wait) : null,
      rssEndMiB: memEnd ? mib(memEnd.rss) : null,
      peakRssMiB: memEnd ? mib(memEnd.peak) : null,
    },
    bytes: {
      initialPerClientKiB: kib(mean(merge('initialBytes')) ?? 0),
      initialPerClientWireKiB: kib(mean(merge('initialWire')) ?? 0),
      perClientPerRoundKiB: kib(mean(merge('perRoundBytes')) ?? 0),
      perClientPerRoundWireKiB: kib(mean(merge('perRoundWire')) ?? 0),
      sentPerClientPerRoundKiB: kib(mean(merge('perRoundSent')) ?? 0),
      perClientPerRoundByKind: byKind,
    },
    generator: {
      cpuSeconds: Math.round(sum('cpuSeconds') * 10) / 10,
      loopDelayP99Ms: Math.round(Math.max(...all.map((r) => r.loopDelayP99))),
      loopDelayMaxMs: Math.round(Math.max(...all.map((r) => r.loopDelayMax))),
    },
    series: o.soak
      ? samples.map((s) => ({
          t: Math.round(s.t),
          rssMiB: s.rss === null ? null : mib(s.rss),
          games: s.games,
        }))
      : undefined,
    soakTrend: o.soak ? trend(samples) : undefined,
    flood:
      o.flood > 0
        ? floodFigures(
            all.flatMap((r) => r.flooders),
            all.flatMap((r) => r.timedAcks),
            performance.timeOrigin + playStart,
            o,
          )
        : undefined,
  };
  if (o.json) console.log(JSON.stringify(figures, null, 2));
  else print(figures);
}

/**
 * The flood's figures: per flooder what it sent, at what rate, when and how the server closed it and
 * how many replies it got; for the normal clients, their acks split by the flood window (from the
 * first flood message to FLOOD_TAIL_MS after the last flooder was closed; an ack counts as during the
 * flood if its send-to-reply interval overlaps that window) and by whether their game had a flooder.
 */
function floodFigures(
  flooders: FlooderResult[],
  acks: TimedAck[],
  playStartEpoch: number,
  o: { flood: number; floodAs: string; floodRate: number; floodAfter: number },
) {
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const active = flooders.filter((f) => f.firstSendAt !== null);
  const start = Math.min(...active.map((f) => f.firstSendAt!));
  const end = Math.max(...active.map((f) => f.closedAt ?? f.lastSendAt!));
  const windowEnd = end + FLOOD_TAIL_MS;
  const during = (a: TimedAck) => active.length > 0 && a.at <= windowEnd && a.at + a.ms >= start;
  const closeCodes: Record<string, number> = {};
  for (const f of flooders) {
    const k = f.joinFailed ? 'join failed' : f.closeCode === null ? 'not closed' : String(f.closeCode);
    closeCodes[k] = (closeCodes[k] ?? 0) + 1;
  }
  const rows = flooders.map((f) => {
    const span = f.firstSendAt !== null && f.lastSendAt !== null ? f.lastSendAt - f.firstSendAt : null;
    return {
      game: f.game,
      as: f.nation ? `${f.as} ${f.nation}` : f.as,
      phaseAtStart: f.phaseAtStart,
      sent: f.sent,
      /** Messages per second between its first and its last send. */
      rate: span ? Math.round(((f.sent - 1) / span) * 1000) : null,
      sendingMs: span === null ? null : r1(span),
      /** From its first message to the arrival of the server's close frame (it then stops sending). */
      closeFrameAfterMs:
        f.closeFrameAt !== null && f.firstSendAt !== null ? r1(f.closeFrameAt - f.firstSendAt) : null,
      /** From its first message to the end of the connection (the SDK's onLeave, after the closing handshake). */
      closedAfterMs: f.closedAt !== null && f.firstSendAt !== null ? r1(f.closedAt - f.firstSendAt) : null,
      closeCode: f.closeCode,
      replies: f.replies,
      ok: f.ok,
      refused: f.refused,
      ...(f.joinFailed ? { joinFailed: f.joinFailed } : {}),
    };
  });
  const split = (xs: TimedAck[]) => {
    const fl = xs.filter((a) => a.flooded);
    const other = xs.filter((a) => !a.flooded);
    const ms = (ys: TimedAck[]) => summarize(ys.map((a) => a.ms));
    return {
      duringFlood: ms(xs.filter(during)),
      outsideFlood: ms(xs.filter((a) => !during(a))),
      floodedGames: ms(fl),
      floodedGamesDuringFlood: ms(fl.filter(during)),
      otherGames: ms(other),
      otherGamesDuringFlood: ms(other.filter(during)),
    };
  };
  const nums = (xs: (number | null)[]) => summarize(xs.filter((x): x is number => x !== null));
  return {
    settings: {
      flooders: o.flood,
      as: o.floodAs,
      targetRate: o.floodRate || 'unpaced',
      afterMs: o.floodAfter,
      windowTailMs: FLOOD_TAIL_MS,
    },
    joined: flooders.filter((f) => !f.joinFailed).length,
    /** Seconds after the play started (the facilitators' Start). */
    window: active.length
      ? {
          startS: r1((start - playStartEpoch) / 1000),
          lastCloseS: r1((end - playStartEpoch) / 1000),
          endS: r1((windowEnd - playStartEpoch) / 1000),
        }
      : null,
    closeCodes,
    sentPerFlooder: nums(rows.map((r) => r.sent)),
    ratePerFlooder: nums(rows.map((r) => r.rate)),
    closeFrameAfterMs: nums(rows.map((r) => r.closeFrameAfterMs)),
    closedAfterMs: nums(rows.map((r) => r.closedAfterMs)),
    repliesPerFlooder: nums(rows.map((r) => r.replies)),
    flooders: rows,
    normalClients: {
      submitAck: split(acks.filter((a) => a.type === 'submit')),
      everyAck: split(acks),
    },
  };
}

/** Soak: least-squares slope of RSS over the second half of the run (MiB per minute), and its range. */
function trend(samples: Sample[]) {
  const pts = samples.filter((s) => s.rss !== null).map((s) => [s.t, s.rss! / 2 ** 20] as const);
  const half = pts.slice(Math.floor(pts.length / 2));
  if (half.length < 2) return null;
  const mx = half.reduce((s, p) => s + p[0], 0) / half.length;
  const my = half.reduce((s, p) => s + p[1], 0) / half.length;
  const slope =
    half.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / half.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    secondHalfSlopeMiBPerMin: r(slope * 60),
    minMiB: r(Math.min(...pts.map((p) => p[1]))),
    maxMiB: r(Math.max(...pts.map((p) => p[1]))),
  };
}

function print(f: Record<string, unknown>) {
  const s = (x: unknown) => (x && typeof x === 'object' ? JSON.stringify(x) : String(x));
  const line = (k: string, v: unknown) => console.log(`${k.padEnd(34)} ${s(v)}`);
  const show = (prefix: string, obj: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(obj)) {
      if (v === undefined) continue;
      if (k === 'flood' && prefix === '') printFlood(v as ReturnType<typeof floodFigures>, line);
      else if (
        v &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        !('p50' in v) &&
        Object.keys(v).length > 0 &&
        prefix === ''
      )
        show(`${k}.`, v as Record<string, unknown>);
      else if (Array.isArray(v) && k === 'series') {
        console.log('series (t s, server RSS MiB, live games):');
        for (const p of v as { t: number; rssMiB: number; games: number }[])
          console.log(`  ${String(p.t).padStart(5)}  ${String(p.rssMiB).padStart(7)}  ${p.games}`);
      } else line(prefix + k, v);
    }
  };
  show('', f);
}

function printFlood(f: ReturnType<typeof floodFigures>, line: (k: string, v: unknown) => void) {
  const { flooders, normalClients, ...rest } = f;
  for (const [k, v] of Object.entries(rest)) line(`flood.${k}`, v);
  console.log(
    'flood.flooders: game, role, phase at start, sent, msg/s, sending ms, close frame after ms, closed after ms, close code, replies (ok), refused',
  );
  for (const r of flooders)
    console.log(
      `  ${[r.game, r.as, r.phaseAtStart, r.sent, r.rate, r.sendingMs, r.closeFrameAfterMs, r.closedAfterMs, r.closeCode, `${r.replies} (${r.ok})`, JSON.stringify(r.refused)].join('  ')}${r.joinFailed ? `  join failed: ${r.joinFailed}` : ''}`,
    );
  for (const [kind, figures] of Object.entries(normalClients))
    for (const [k, v] of Object.entries(figures)) line(`flood.normalClients.${kind}.${k}`, v);
}

if (process.argv.includes('--role')) {
  const { runWorker } = await import('./load/worker.ts');
  await runWorker();
} else {
  main().catch((e) => {
    console.error(`loadtest: ${(e as Error).stack ?? e}`);
    process.exit(1);
  });
}
