import type { Client } from '@colyseus/core';

/** A client of a game room with its seat token; one waiting for its team's answer has none yet (`pending`). */
export type GameClient = Client<{ userData: { token: string; pending?: boolean } }>;
