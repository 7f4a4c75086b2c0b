/**
 * What a language-model agent is asked, and how its answer is read: the chat messages of an
 * OpenAI-compatible chat-completions request (the nation's text view and the orders' JSON Schema),
 * the retry after a refusal (the server's problems word for word), and the answer parsed into orders
 * by the same zod schema the server uses. Pure: no I/O.
 */
import { OrdersSchema } from '../engine/ordersSchema.ts';
import type { OrdersInput } from '../engine/ordersSchema.ts';
import { type Problem, problemsFromZod, type Result } from '../engine/result.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The first request of a round: rules of the answer, the schema, then the nation's view. */
export function agentMessages(nation: string, text: string, schema: Record<string, unknown>): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        `You govern the nation ${nation} in Sovereign, a turn-based policy game about sovereign AI.`,
        "Each round you send one set of orders. Answer with ONE JSON object and nothing else: this round's orders.",
        'Every field is optional; a policy left out stays as it is; a budget line left out is not spent.',
        'The budget lines must sum to at most your budget (round each line down). Answer treaty proposals to you by id.',
        `The orders' JSON Schema:\n${JSON.stringify(schema)}`,
      ].join('\n'),
    },
    { role: 'user', content: text },
  ];
}

/** The messages of the one retry: the refused answer, then the problems word for word. */
export function retryMessages(first: ChatMessage[], answer: string, problems: Problem[]): ChatMessage[] {
  return [
    ...first,
    { role: 'assistant', content: answer },
    {
      role: 'user',
      content: `The server refused these orders:\n${problemLines(problems)}\nAnswer again with ONE corrected JSON object of orders and nothing else.`,
    },
  ];
}

/** Problems as the protocol prints them: `path: message`, one a line. */
export const problemLines = (problems: Problem[]): string =>
  problems.map((p) => `- ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n');

/**
 * Reads orders from a model's answer: the JSON object in it (bare, or in a ```json block), checked by
 * the orders' zod schema. Checks against the game (budget, targets, proposals) are the server's.
 */
export function parseAgentAnswer(answer: string): Result<OrdersInput> {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(answer)?.[1];
  const body = (fenced ?? answer).trim();
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end < start)
    return { ok: false, errors: [{ path: '', message: 'the answer holds no JSON object of orders' }] };
  let json: unknown;
  try {
    json = JSON.parse(body.slice(start, end + 1));
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: '', message: `the answer is not valid JSON: ${(e as Error).message}` }],
    };
  }
  const parsed = OrdersSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
  return { ok: true, value: json as OrdersInput };
}
