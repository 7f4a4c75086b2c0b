/**
 * A parsed client message carried out: handed to the session, and the room-side effects the session
 * cannot perform itself (seating an admitted player, closing a refused or kicked client, telling a
 * muted one) asked of the room. The room parsed the message with its zod schema before.
 */
import { problemsFromZod } from '../../shared/engine/result.ts';
import {
  CLIENT_MESSAGES,
  type ClientMessage,
  type ClientMessageType,
  type Command,
} from '../../shared/protocol/schemas.ts';
import type { GameSession } from '../game/GameSession.ts';
import type { MemberRecord } from '../storage/Storage.ts';

type Outcome = { ok: true; value: unknown } | { ok: false; errors: { path: string; message: string }[] };

/** What only the room can do: its clients are named by session id. */
export interface RoomSide {
  /** The member a connected client holds, if any. */
  memberOf(sessionId: string): MemberRecord | undefined;
  /** Whether a client with that session id is connected. */
  has(sessionId: string): boolean;
  /** Seats a client whose join its team (or the facilitator) admitted. */
  seat(sessionId: string, member: MemberRecord): void;
  /** Closes a client: its join was refused (`denied`) or the facilitator removed it (`kicked`). */
  close(sessionId: string, why: 'denied' | 'kicked'): void;
  notice(sessionId: string, text: string): void;
}

export function dispatch(
  s: GameSession,
  m: MemberRecord,
  type: ClientMessageType,
  data: unknown,
  now: number,
  room: RoomSide,
): Outcome {
  const d = data as ClientMessage<'draft'> & ClientMessage<'ready'> & ClientMessage<'chat'>;
  switch (type) {
    case 'draft':
      return s.draft(m, d.orders);
    case 'submit':
      return s.submit(m, d.orders, now);
    case 'retract':
      return s.retract(m, now);
    case 'ready':
      return s.ready(m, d.ready, now);
    case 'chat':
      return s.chat(m, d.channel, d.text, now);
    case 'askSeat':
      return s.askSeat(m);
    case 'admit': {
      const { sessionId, accept } = data as ClientMessage<'admit'>;
      const admitted = s.admit(m, sessionId, accept);
      if (!admitted.ok || !room.has(sessionId)) return admitted;
      if (admitted.value) room.seat(sessionId, admitted.value);
      else room.close(sessionId, 'denied');
      return { ok: true, value: admitted.value ? 'admitted' : 'refused' };
    }
    default: {
      const cmd = data as Command;
      const targetId = cmd.type === 'Kick' || cmd.type === 'Mute' ? cmd.sessionId : null;
      const target = targetId ? room.memberOf(targetId) : undefined;
      const result = s.command(m, cmd, now, target);
      if (result.ok && targetId && room.has(targetId)) {
        if (cmd.type === 'Kick') room.close(targetId, 'kicked');
        if (cmd.type === 'Mute')
          room.notice(targetId, cmd.muted ? 'The facilitator has muted you.' : 'You may chat again.');
      }
      return result;
    }
  }
}

/**
 * A raw message from a member's client: checked against its type's zod schema (an unknown type or a
 * bad field is refused with every problem named), then carried out. `reply` answers the sender.
 */
export function handleMessage(
  s: GameSession,
  m: MemberRecord | undefined,
  type: string,
  message: unknown,
  now: number,
  room: RoomSide,
  reply: {
    ok(detail: string | undefined): void;
    refuse(problems: { path: string; message: string }[]): void;
  },
): void {
  // Own keys only: a type such as 'constructor' or '__proto__' must not reach Object.prototype.
  if (!Object.hasOwn(CLIENT_MESSAGES, type)) {
    const known = Object.keys(CLIENT_MESSAGES).join(', ');
    reply.refuse([{ path: '', message: `unknown message type '${type}' (known: ${known})` }]);
    return;
  }
  const parsed = CLIENT_MESSAGES[type as ClientMessageType].safeParse(message);
  if (!parsed.success) {
    reply.refuse(problemsFromZod(parsed.error));
    return;
  }
  if (!m) {
    reply.refuse([{ path: '', message: 'you are not a member of this game' }]);
    return;
  }
  const result = dispatch(s, m, type as ClientMessageType, parsed.data, now, room);
  if (result.ok) reply.ok(typeof result.value === 'string' ? result.value : undefined);
  else reply.refuse(result.errors);
}
