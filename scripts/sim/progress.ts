/** A one-line progress bar on stderr (games done, rate, time left), drawn only on a terminal. */
export interface Progress {
  tick(done: number): void;
  end(): void;
}

const QUIET: Progress = { tick: () => {}, end: () => {} };

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return QUIET;
  const start = performance.now();
  let last = 0;
  const draw = (done: number) => {
    const elapsed = (performance.now() - start) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const width = 30;
    const filled = Math.round((width * done) / Math.max(1, total));
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    stream.write(
      `\r${bar} ${done}/${total} games  ${rate.toFixed(1)} games/s  ${done >= total ? 'done' : `${duration(left)} left`}\x1b[K`,
    );
  };
  return {
    tick(done) {
      const now = performance.now();
      if (done < total && now - last < 100) return;
      last = now;
      draw(done);
    },
    end() {
      stream.write('\r\x1b[K');
    },
  };
}
