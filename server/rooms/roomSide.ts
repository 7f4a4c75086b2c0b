import { JOIN_DENIED_CLOSE_CODE, KICKED_CLOSE_CODE } from '../../shared/protocol/schemas.ts';
import type { MemberRecord } from '../storage/Storage.ts';
import type { RoomSide } from './dispatch.ts';
import type { GameClient } from './GameClient.ts';

/** What a message's handling (dispatch.ts) may do to the room's other clients, found by session id. */
export function roomSide(
  clients: () => readonly GameClient[],
  memberOf: (client: GameClient) => MemberRecord | undefined,
  seat: (client: GameClient, member: MemberRecord) => void,
  notice: (client: GameClient, text: string) => void,
): RoomSide {
  const byId = (id: string) => clients().find((c) => c.sessionId === id);
  return {
    memberOf: (id) => {
      const c = byId(id);
      return c?.userData?.token ? memberOf(c) : undefined;
    },
    has: (id) => byId(id) !== undefined,
    seat: (id, member) => {
      const c = byId(id);
      if (c) seat(c, member);
    },
    close: (id, why) =>
      why === 'kicked'
        ? byId(id)?.leave(KICKED_CLOSE_CODE, 'removed by the facilitator')
        : byId(id)?.leave(JOIN_DENIED_CLOSE_CODE, 'your request to join the team was refused'),
    notice: (id, text) => {
      const c = byId(id);
      if (c) notice(c, text);
    },
  };
}
