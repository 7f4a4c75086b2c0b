import type { GameSession } from '../game/GameSession.ts';
import type { Storage } from '../storage/Storage.ts';

/** What rooms share in one server process. */
export interface RoomContext {
  storage: Storage;
  /** Live games by join code. */
  games: Map<string, GameSession>;
  /** Only the server itself may ask a room to restore a saved game. */
  restoreSecret: string;
  /** A game still in its lobby with nobody connected this long (ms) is closed and not restored. */
  lobbyIdleMs?: number;
}

/** A lobby nobody attends is closed after this long (ms) by default. */
export const LOBBY_IDLE_MS = 10 * 60_000;

let context: RoomContext | null = null;

/** Sets the storage and registry rooms use (called once at start-up). */
export function configureRooms(ctx: RoomContext): void {
  context = ctx;
}

/** The storage and registry set at start-up, or null before. */
export function roomContext(): RoomContext | null {
  return context;
}
