/**
 * Seats played by a language-model agent: the facilitator gives a nation nobody plays to the agent
 * (`AgentSeat`), and each round the server asks an OpenAI-compatible chat-completions endpoint
 * (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY; off when unset) for the nation's orders, with the nation's
 * text view and the orders' JSON Schema. The answer is parsed with zod and submitted like a
 * player's; a refused answer is retried once with the problems, then the seat's bot plays the round
 * and the round's report says so. Calls run in the background (never in a room's message handler),
 * bounded in time, in number per game and in concurrency, and every call is kept in a transcript for
 * the facilitator. The GameSession calls `agentCommand` and `agentTick`; the model's client is in
 * llmClient.ts and the transcript in agentTranscript.ts.
 */
import { englishTemplates } from '../api/englishTemplates.ts';
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
import { type AgentCall, callsMade, keep, setTranscriptDir } from './agentTranscript.ts';
import { complete, type LlmConfig } from './llmClient.ts';

export { type AgentCall, agentCalls } from './agentTranscript.ts';

export { type LlmConfig, llmConfigFromEnv } from './llmClient.ts';

let config: LlmConfig | null = null;

/** Sets the model (null: agents off) and where transcripts are written (one JSONL file per game). */
export function configureAgents(llm: LlmConfig | null, dir: string | null): void {
  config = llm;
  setTranscriptDir(dir);
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
