/**
 * A seat played over the plain JSON API (docs/AGENTS.md): join or create, read the status, the view
 * (JSON or text), the reports and the chat, long-poll, and send messages. Refusals come back as the
 * server's `{ message, problems }`; used by the MCP server and the arena.
 */
import { Client } from '@colyseus/sdk';
import type { GameView } from '../../shared/engine/index.ts';

export interface Problem {
  path: string;
  message: string;
}
export interface SeatStatus {
  key: string;
  status: 'lobby' | 'running' | 'ended';
  phase: string;
  round: number;
  rounds: number;
  deadline: number;
  paused: boolean;
  ready: boolean;
  submitted: boolean;
  forced: boolean;
}
export interface Welcome {
  code: string;
  role: string;
  nation: string | null;
  name: string;
  seatToken: string;
  scenario: string;
}
export type Reply = { ok: true; detail?: string } | { ok: false; problems: Problem[] };

export class HttpSeat {
  readonly url: string;
  readonly me: Welcome;

  private constructor(url: string, me: Welcome) {
    this.url = url.replace(/\/+$/, '');
    this.me = me;
  }

  /** Joins a game by code (or rejoins with `seatToken`). */
  static async join(url: string, code: string, options: Record<string, unknown>): Promise<HttpSeat> {
    const res = await fetch(`${url.replace(/\/+$/, '')}/api/games/${code}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(options),
    });
    const body = (await res.json()) as Welcome & { problems?: Problem[]; error?: string };
    if (!res.ok)
      throw new Error(body.problems ? problemText(body.problems) : (body.error ?? `HTTP ${res.status}`));
    return new HttpSeat(url, body);
  }

  /**
   * Creates a game as its facilitator (through the WebSocket protocol: a create needs it), then plays
   * its seat over HTTP with the seat token.
   */
  static async create(
    url: string,
    name: string,
    nation: string | undefined,
    game: Record<string, unknown>,
  ): Promise<HttpSeat> {
    const room = await new Client(url).create('game', { name, ...(nation ? { nation } : {}), game });
    const welcome = await new Promise<Welcome>((resolve) => {
      room.onMessage('welcome', (w: Welcome) => resolve(w));
      room.onMessage('*', () => {});
    });
    const seat = new HttpSeat(url, welcome);
    await seat.status(); // The HTTP lease holds the seat before the socket leaves.
    await room.leave(true);
    return seat;
  }

  private async call<T>(path: string, body?: unknown): Promise<{ status: number; body: T }> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${this.url}/api/games/${this.me.code}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.me.seatToken}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      // Too fast (20 messages or 40 reads a second): wait and try again.
      if (res.status === 429 && /a second/.test(text) && attempt < 5) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      if (res.status >= 500 || res.status === 403 || res.status === 404 || res.status === 429)
        throw new Error(`HTTP ${res.status}: ${text}`);
      return { status: res.status, body: parsed as T };
    }
  }

  async status(): Promise<SeatStatus> {
    return (await this.call<{ game: SeatStatus }>('/seat?view=0')).body.game;
  }

  async view(): Promise<GameView> {
    return (await this.call<{ view: GameView }>('/seat')).body.view;
  }

  async text(): Promise<string> {
    return (await this.call<string>('/seat/text')).body;
  }

  async reports(from = 0) {
    return (
      await this.call<{
        total: number;
        reports: {
          round: number;
          kind: string;
          events: { type: string; params: Record<string, unknown> }[];
        }[];
      }>(`/seat/reports?from=${from}`)
    ).body;
  }

  async chat(from = 0) {
    return (await this.call<{ total: number; lines: unknown[] }>(`/seat/chat?from=${from}`)).body;
  }

  /** Waits (at most `seconds`) for the status to move on from `since`. */
  async wait(since: string, seconds = 25): Promise<SeatStatus & { changed: boolean }> {
    return (
      await this.call<SeatStatus & { changed: boolean }>(
        `/seat/wait?since=${encodeURIComponent(since)}&timeout=${seconds}`,
      )
    ).body;
  }

  /** Sends a message (submit, retract, draft, ready, chat, askSeat, command): ok, or the problems word for word. */
  async send(type: string, payload: unknown): Promise<Reply> {
    const { status, body } = await this.call<{ detail?: string; problems?: Problem[] }>(
      `/seat/${type}`,
      payload,
    );
    if (status === 200) return { ok: true, ...(body.detail ? { detail: body.detail } : {}) };
    return { ok: false, problems: body.problems ?? [{ path: '', message: `HTTP ${status}` }] };
  }
}

/** Problems as the protocol prints them: `path: message; …`. */
export const problemText = (problems: Problem[]) =>
  problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
