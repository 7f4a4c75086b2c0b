/**
 * The transcript of agent seats' calls to the model (AgentSeats.ts): kept in memory for the
 * facilitator and appended to one JSONL file per game, read back after a restart.
 */
import { readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessage } from '../../shared/agent/agentPrompt.ts';
import type { Problem } from '../../shared/engine/index.ts';

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

const calls = new Map<string, AgentCall[]>();
let transcriptDir: string | null = null;

/** Where transcripts are written (null: kept in memory only). */
export function setTranscriptDir(dir: string | null): void {
  transcriptDir = dir;
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

export function keep(call: AgentCall) {
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

export const callsMade = (code: string) => agentCalls(code).filter((c) => c.outcome !== 'fallback').length;
