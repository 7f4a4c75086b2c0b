import type { Room } from '@colyseus/core';

/**
 * The first seat reserved in a new room is its creator's (Colyseus reserves it right after onCreate):
 * `reserved` hears the session id of every reservation, so that the room can keep the facilitator's
 * seat for the first one, never for the first to join.
 */
export function keepCreatorSeat(room: Room, reserved: (sessionId: string) => void): void {
  const self = room as unknown as { _reserveSeat: (sessionId: string, ...rest: unknown[]) => unknown };
  const reserve = self._reserveSeat.bind(room);
  self._reserveSeat = (sessionId, ...rest) => {
    reserved(sessionId);
    return reserve(sessionId, ...rest);
  };
}
