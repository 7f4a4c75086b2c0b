/**
 * A game's chat: routes a line to its channel (public, team, bilateral, or a facilitator's word to
 * one team), limits bursts, stores every line before it is delivered, and answers who may read what.
 */
import type { Problem, Result } from '../../shared/engine/index.ts';
import type { ChatLine } from '../../shared/protocol/serverMessages.ts';
import type { MemberRecord, Storage } from '../storage/Storage.ts';
import { bilateralChannel, maySeeChat } from './chatAudience.ts';

/** At most this many lines per member in the window. */
export const CHAT_BURST = 5;
export const CHAT_WINDOW_MS = 5000;

const fail = (path: string, message: string): { ok: false; errors: Problem[] } => ({
  ok: false,
  errors: [{ path, message }],
});

export class ChatLog {
  private readonly lines: ChatLine[];
  private readonly times = new Map<string, number[]>();
  private readonly storage: Storage;
  private readonly code: string;

  constructor(storage: Storage, code: string) {
    this.storage = storage;
    this.code = code;
    this.lines = storage.chat(code);
  }

  /** The lines a member may read, oldest first. */
  for(m: MemberRecord): ChatLine[] {
    return this.lines.filter((l) => maySeeChat(l, m));
  }

  /** Routes, checks and stores a line; `nations` are the game's nations, `muted` whether the sender is muted. */
  post(
    m: MemberRecord,
    channel: string,
    text: string,
    context: { round: number; nations: string[]; muted: boolean; now: number },
  ): Result<ChatLine> {
    const { now } = context;
    if (m.role === 'spectator') return fail('channel', 'spectators read the public channel but do not write');
    if (context.muted) return fail('', 'the facilitator has muted you');
    const times = (this.times.get(m.token) ?? []).filter((t) => now - t < CHAT_WINDOW_MS);
    if (times.length >= CHAT_BURST)
      return fail('', `at most ${CHAT_BURST} lines every ${CHAT_WINDOW_MS / 1000} seconds`);
    let route: Pick<ChatLine, 'channel' | 'team'>;
    if (channel === 'public') route = { channel: 'public' };
    else if (channel === 'team') {
      if (!m.nation) return fail('channel', 'you have no team: you play no nation');
      route = { channel: 'team', team: m.nation };
    } else if (!context.nations.includes(channel)) {
      return fail('channel', `no nation '${channel}' in this game`);
    } else if (m.role === 'facilitator' && !m.nation) {
      route = { channel: 'team', team: channel };
    } else if (channel === m.nation) {
      return fail('channel', "a bilateral channel needs another nation; use 'team' for your own");
    } else {
      route = { channel: bilateralChannel(m.nation ?? '', channel) };
    }
    times.push(now);
    this.times.set(m.token, times);
    const line: Omit<ChatLine, 'id'> = {
      ...route,
      round: context.round,
      from: { name: m.name, nation: m.nation, role: m.role },
      text,
      at: now,
    };
    // Ids count up within the game (lines saved by older versions have larger, server-wide ids).
    const full: ChatLine = { id: (this.lines.at(-1)?.id ?? 0) + 1, ...line };
    this.storage.addChat(this.code, full);
    this.lines.push(full);
    return { ok: true, value: full };
  }
}
