/** A lobby nobody is connected to is closed after a while (its creator never came, or all left). */
export class UnattendedLobby {
  /** Since when (ms) the game has been a lobby with no client, or null. */
  private idleSince: number | null = Date.now();
  /** How long (ms) a lobby may stay unattended (set once the room knows its context). */
  idleMs: number;

  constructor(idleMs: number) {
    this.idleMs = idleMs;
  }

  /** Whether a lobby with no client (`empty`) has now been so for `idleMs`. */
  expired(empty: boolean, now: number): boolean {
    if (!empty) {
      this.idleSince = null;
      return false;
    }
    this.idleSince ??= now;
    return now - this.idleSince >= this.idleMs;
  }
}
