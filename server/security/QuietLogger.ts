/**
 * Colyseus's logger: every error on one line (no stack trace), and at most LINES lines every
 * WINDOW_MS, then one line saying how many were left out. 4,582 malformed frames used to write
 * 891 KB of stack traces; a client must not be able to fill the disk or hide a real problem.
 */
export class QuietLogger {
  static readonly LINES = 20;
  static readonly WINDOW_MS = 10_000;
  private windowStart = 0;
  private lines = 0;
  private skipped = 0;

  /** One line of at most 300 characters: the first line of a message or an error. */
  private static line(args: unknown[]): string {
    const text = args
      .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a)))
      .join(' ')
      .split('\n')[0]!;
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  }

  private write(out: (s: string) => void, args: unknown[], now = Date.now()) {
    if (now - this.windowStart >= QuietLogger.WINDOW_MS) {
      if (this.skipped)
        out(`(${this.skipped} more log lines left out in the last ${QuietLogger.WINDOW_MS / 1000} s)`);
      this.windowStart = now;
      this.lines = 0;
      this.skipped = 0;
    }
    if (this.lines >= QuietLogger.LINES) {
      this.skipped++;
      return;
    }
    this.lines++;
    out(QuietLogger.line(args));
  }

  error(...args: unknown[]) {
    this.write((s) => console.error(s), args);
  }
  warn(...args: unknown[]) {
    this.write((s) => console.warn(s), args);
  }
  info(...args: unknown[]) {
    this.write((s) => console.info(s), args);
  }
  debug(..._args: unknown[]) {}
  trace(..._args: unknown[]) {}
}
