/**
 * How many bytes a client may send: a bucket of BURST bytes refilled at RATE bytes per second. The
 * message limit alone let eight clients send 20 valid 37 KB submissions a second each, which slowed
 * every other client of the process; with this budget such a client is closed within a second or two.
 */
export class ByteBudget {
  /** Bytes per second, sustained (a full 64 KiB message each second). */
  static readonly RATE = 64 * 1024;
  /** Bytes at once (two full messages). */
  static readonly BURST = 128 * 1024;
  private left = ByteBudget.BURST;
  private at = 0;
  /** The client went over its budget. */
  spent = false;
  /** The client is being closed. */
  closing = false;

  /** Counts bytes sent now; false once the budget is exhausted. */
  spend(bytes: number, now: number): boolean {
    if (this.at)
      this.left = Math.min(ByteBudget.BURST, this.left + ((now - this.at) / 1000) * ByteBudget.RATE);
    this.at = now;
    this.left -= bytes;
    if (this.left < 0) this.spent = true;
    return !this.spent;
  }
}

/** The socket events a budget listens to (a Colyseus client's `ref`). */
interface Socket {
  prependListener(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[]) => void): unknown;
}

/**
 * Counts the bytes a socket receives, before Colyseus decodes them; past the budget `over` is called
 * once (the room closes the client, and ignores what it sent after: see `spent`).
 */
export function watchBytes(socket: Socket, over: () => void, now: () => number = Date.now): ByteBudget {
  const budget = new ByteBudget();
  socket.prependListener('message', (data) => {
    const bytes = Array.isArray(data)
      ? data.reduce((s, b) => s + b.length, 0)
      : (data as Buffer | ArrayBuffer).byteLength;
    if (budget.spend(bytes, now()) || budget.closing) return;
    budget.closing = true;
    over();
  });
  return budget;
}
