/**
 * Seats played by a language-model agent: the facilitator gives a nation nobody plays to the agent
 * (`AgentSeat`), and each round the server asks an OpenAI-compatible chat-completions endpoint
 * (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY; off when unset) for the nation's orders, with the nation's
 * text view and the orders' JSON Schema. The answer is parsed with zod and submitted like a
 * player's; a refused answer is retried once with the problems, then the seat's bot plays the round
 * and the round's report says so. Calls run in the background (never in a room's message handler),
 * bounded in time, in number per game and in concurrency, and every call is kept in a transcript for
 * the facilitator. The GameSession calls `agentCommand` and `agentTick`; the rest lives here.
 */
import { readFileSync } from 'node:fs';
import { englishTemplates } from '../api/englishTemplates.ts';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  agentMessages,
  type ChatMessage,
  parseAgentAnswer,
  retryMessages,
} from '../../shared/agent/agentPrompt.ts';
import { lastRoundLines } from '../../shared/agent/lastRoundLines.ts';
import { ordersJsonSchema } from '../../shared/agent/ordersJsonSchema.ts';
import { textView } from '../../shared/agent/textView.ts';
import { eventsFor, type Problem, type Result } from '../../shared/engine/index.ts';
import type { MemberRecord, SessionSnapshot } from '../storage/Storage.ts';
import type { GameSession } from './GameSession.ts';

/** Where and how to ask the model. */
export interface LlmConfig {
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (the path /chat/completions is added). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Longest wait for one answer (LLM_TIMEOUT_MS, default 60 s). */
  timeoutMs: number;
  /** Most calls one game may make (LLM_MAX_CALLS_PER_GAME, default 400). */
  maxCallsPerGame: number;
  /** Most calls in flight at once in this process (LLM_CONCURRENCY, default 4). */
  concurrency: number;
}

/** The model's settings from the environment, or null when LLM_BASE_URL or LLM_MODEL is unset. */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  if (!env.LLM_BASE_URL || !env.LLM_MODEL) return null;
  const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
  return {
    baseUrl: env.LLM_BASE_URL.replace(/\/+$/, ''),
    model: env.LLM_MODEL,
    ...(env.LLM_API_KEY ? { apiKey: env.LLM_API_KEY } : {}),
    timeoutMs: int(env.LLM_TIMEOUT_MS, 60_000),
    maxCallsPerGame: int(env.LLM_MAX_CALLS_PER_GAME, 400),
    concurrency: Math.max(1, int(env.LLM_CONCURRENCY, 4)),
  };
}

/** One call to the model, as the facilitator reads it afterwards. */
export interface AgentCall {
  code: string;
  nation: string;
  round: number;
  attempt: number;
  /** Server time of the request, ms since the epoch. */
  at: number;
  ms: number;
  model: string;
  messages: ChatMessage[];
  /** The model's answer, or null when the call failed. */
  answer: string | null;
  /** 'accepted', 'refused' (the problems), 'error' (HTTP, timeout, no answer), 'late' (the round had moved on), 'fallback'. */
  outcome: 'accepted' | 'refused' | 'error' | 'late' | 'fallback';
  problems: Problem[];
}

let config: LlmConfig | null = null;
let transcriptDir: string | null = null;

/** Sets the model (null: agents off) and where transcripts are written (one JSONL file per game). */
export function configureAgents(llm: LlmConfig | null, dir: string | null): void {
  config = llm;
  transcriptDir = dir;
}

export const agentsEnabled = (): LlmConfig | null => config;

/** The session's agent seats: nation → the agent member's token (saved with the session). */
type AgentSession = SessionSnapshot & { agents?: Record<string, string> };
export const agentSeatsOf = (session: GameSession): Record<string, string> =>
  ((session.session as AgentSession).agents ??= {});

interface Runner {
  /** The agent's connection is counted (so the seat's readiness and submission are awaited). */
  attached: boolean;
  /** The round whose orders are settled (submitted, or played by the bot). */
  settled: number;
  busy: boolean;
}
const runners = new WeakMap<GameSession, Map<string, Runner>>();
const calls = new Map<string, AgentCall[]>();
let inFlight = 0;
const queue: (() => void)[] = [];

function runnerOf(session: GameSession, nation: string): Runner {
  let byNation = runners.get(session);
  if (!byNation) {
    byNation = new Map();
    runners.set(session, byNation);
  }
  let r = byNation.get(nation);
  if (!r) {
    r = { attached: false, settled: 0, busy: false };
    byNation.set(nation, r);
  }
  return r;
}

const fail = (path: string, message: string): { ok: false; errors: Problem[] } => ({
  ok: false,
  errors: [{ path, message }],
});

/** `AgentSeat { nation, on }`: gives a seat nobody plays to the agent, or takes it back. */
export function agentCommand(
  session: GameSession,
  cmd: { nation: string; on: boolean },
  now: number,
): Result<string> {
  const llm = config;
  if (!llm)
    return fail('type', 'language-model agents are off on this server (set LLM_BASE_URL and LLM_MODEL)');
  if (session.status === 'ended') return fail('type', 'the game has ended');
  if (!session.state.nations[cmd.nation]) return fail('nation', `no nation '${cmd.nation}' in this game`);
  const seats = agentSeatsOf(session);
  const runner = runnerOf(session, cmd.nation);
  if (!cmd.on) {
    const token = seats[cmd.nation];
    if (!token) return fail('nation', `no agent plays ${cmd.nation}`);
    if (runner.attached) session.members.connected(token, -1, now);
    runner.attached = false;
    delete seats[cmd.nation];
    return { ok: true, value: `the agent left ${cmd.nation}` };
  }
  if (seats[cmd.nation]) return { ok: true, value: `an agent plays ${cmd.nation} already` };
  const people = session.members.of(cmd.nation);
  if (people.length > 0)
    return fail(
      'nation',
      `${cmd.nation} is played by ${people.map((p) => p.name).join(', ')}: an agent takes only a seat nobody plays (hand it to a bot with BotSeat instead)`,
    );
  const joined = session.join(
    { name: `LLM ${llm.model}`.slice(0, 24).trim(), role: 'player', nation: cmd.nation },
    `agent:${cmd.nation}`,
    true,
    now,
  );
  if (!joined.ok) return joined;
  if (!('member' in joined.value)) return fail('nation', `${cmd.nation} could not be given to an agent`);
  seats[cmd.nation] = joined.value.member.token;
  session.members.connected(joined.value.member.token, 1, now);
  runner.attached = true;
  return { ok: true, value: `an agent plays ${cmd.nation} (${llm.model})` };
}

/** Called every second by the session: agent seats are ready at once and play each round once. */
export function agentTick(session: GameSession, now: number): void {
  if (session.status !== 'running') return;
  const seats = agentSeatsOf(session);
  for (const [nation, token] of Object.entries(seats)) {
    const member = session.members.get(token);
    if (!member) continue;
    const runner = runnerOf(session, nation);
    if (!config) continue;
    // After a restart the agent's connection is counted again.
    if (!runner.attached) {
      session.members.connected(token, 1, now);
      runner.attached = true;
    }
    const round = session.state.round;
    const phase = session.phase;
    if ((phase === 'briefing' || phase === 'negotiation') && !session.session.ready.includes(nation))
      session.ready(member, true, now);
    if (session.status !== 'running' || session.state.round !== round) return;
    if (runner.settled === round) continue;
    const deadline = session.session.deadline;
    if (phase === 'orders' && deadline > 0 && deadline - now < 2000 && !session.session.paused) {
      runner.settled = round;
      fallback(session, nation, round, 'The language-model agent did not answer in time', now);
    } else if (!runner.busy) {
      runner.busy = true;
      void play(session, nation, member, round).finally(() => {
        runner.busy = false;
      });
    }
  }
}

/** The game's calls so far (memory; after a restart, read back from the transcript file). */
export function agentCalls(code: string): AgentCall[] {
  const kept = calls.get(code);
  if (kept) return kept;
  if (!transcriptDir) return [];
  try {
    return readFileSync(join(transcriptDir, `${code}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AgentCall);
  } catch {
    return [];
  }
}

function keep(call: AgentCall) {
  let list = calls.get(call.code);
  if (!list) {
    list = agentCalls(call.code);
    calls.set(call.code, list);
  }
  list.push(call);
  if (transcriptDir) {
    const dir = transcriptDir;
    void mkdir(dir, { recursive: true })
      .then(() => appendFile(join(dir, `${call.code}.jsonl`), `${JSON.stringify(call)}\n`))
      .catch((e: Error) => console.error(`[${call.code}] agent transcript not written:`, e.message));
  }
}

const callsMade = (code: string) => agentCalls(code).filter((c) => c.outcome !== 'fallback').length;

/** The nation's prompt: its text view with last round's changes. */
function promptFor(session: GameSession, nation: string): ChatMessage[] {
  const view = session.viewAs({ kind: 'nation', nation });
  const last = session.pastReports().findLast((r) => r.kind !== 'inject');
  const lastRound = last
    ? {
        round: last.round,
        lines: lastRoundLines(
          eventsFor(last.events, { kind: 'nation', nation }),
          session.state.scenario,
          nation,
          englishTemplates(),
        ),
      }
    : null;
  const text = textView(view, session.state.scenario, nation, { lastRound });
  return agentMessages(nation, text, ordersJsonSchema());
}

async function play(session: GameSession, nation: string, member: MemberRecord, round: number) {
  const llm = config;
  if (!llm) return;
  const runner = runnerOf(session, nation);
  const first = promptFor(session, nation);
  let request = first;
  let last: Problem[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    if (callsMade(session.code) >= llm.maxCallsPerGame) {
      last = [{ path: '', message: `this game's ${llm.maxCallsPerGame} calls to the model are spent` }];
      break;
    }
    const at = Date.now();
    const reply = await complete(llm, request);
    const call: Omit<AgentCall, 'outcome' | 'problems'> = {
      code: session.code,
      nation,
      round,
      attempt,
      at,
      ms: Date.now() - at,
      model: llm.model,
      messages: request,
      answer: reply.ok ? reply.value : null,
    };
    const current = session.status === 'running' && session.state.round === round && runner.settled !== round;
    if (!current) return keep({ ...call, outcome: 'late', problems: [] });
    if (!agentSeatsOf(session)[nation]) return keep({ ...call, outcome: 'late', problems: [] });
    if (!reply.ok) {
      last = [{ path: '', message: reply.error }];
      keep({ ...call, outcome: 'error', problems: last });
      continue;
    }
    const parsed = parseAgentAnswer(reply.value);
    const submitted = parsed.ok ? session.submit(member, parsed.value, Date.now()) : parsed;
    if (submitted.ok) {
      runner.settled = round;
      return keep({ ...call, outcome: 'accepted', problems: [] });
    }
    last = submitted.errors;
    keep({ ...call, outcome: 'refused', problems: last });
    request = retryMessages(first, reply.value, last);
  }
  if (session.status !== 'running' || session.state.round !== round || runner.settled === round) return;
  runner.settled = round;
  fallback(
    session,
    nation,
    round,
    `The language-model agent gave no valid orders (${last
      .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
      .join('; ')
      .slice(0, 200)})`,
    Date.now(),
  );
}

function fallback(session: GameSession, nation: string, round: number, reason: string, now: number) {
  keep({
    code: session.code,
    nation,
    round,
    attempt: 0,
    at: now,
    ms: 0,
    model: config?.model ?? '',
    messages: [],
    answer: null,
    outcome: 'fallback',
    problems: [{ path: '', message: reason }],
  });
  session.botPlaysFor(nation, `${reason}: the bot played ${nation} this round.`, now);
}

type Reply = { ok: true; value: string } | { ok: false; error: string };

/** One chat-completions call: the answer's text, or why there is none. */
async function complete(llm: LlmConfig, request: ChatMessage[]): Promise<Reply> {
  if (inFlight >= llm.concurrency) await new Promise<void>((r) => queue.push(r));
  inFlight++;
  try {
    const res = await fetch(`${llm.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: llm.model, messages: request, temperature: 0.2 }),
      signal: AbortSignal.timeout(llm.timeoutMs),
    });
    const text = await res.text();
    if (!res.ok)
      return { ok: false, error: `the model's server answered ${res.status}: ${text.slice(0, 200)}` };
    let content: unknown;
    try {
      content = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]
        ?.message?.content;
    } catch {
      return { ok: false, error: "the model's server sent something other than JSON" };
    }
    if (typeof content !== 'string') return { ok: false, error: 'the answer had no message content' };
    return { ok: true, value: content };
  } catch (e) {
    const err = e as Error;
    return {
      ok: false,
      error:
        err.name === 'TimeoutError'
          ? `no answer within ${llm.timeoutMs} ms`
          : `the call failed: ${err.message}`,
    };
  } finally {
    inFlight--;
    queue.shift()?.();
  }
}
