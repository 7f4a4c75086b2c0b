/**
 * The language model behind agent seats (AgentSeats.ts): its settings from the environment and one
 * call to an OpenAI-compatible chat-completions endpoint, bounded in time and in concurrency.
 */
import type { ChatMessage } from '../../shared/agent/agentPrompt.ts';

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

let inFlight = 0;
const queue: (() => void)[] = [];

export type Reply = { ok: true; value: string } | { ok: false; error: string };

/** One chat-completions call: the answer's text, or why there is none. */
export async function complete(llm: LlmConfig, request: ChatMessage[]): Promise<Reply> {
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
