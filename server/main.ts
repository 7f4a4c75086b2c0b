/**
 * Start-up: the game server on PORT (default 2567).
 *
 * One process (the default): games in SQLite, in DATA_DIR (default ./data). Several processes: set
 * DATABASE_URL (PostgreSQL, shared by all) and REDIS_URL (presence and matchmaking), and give each
 * process its PUBLIC_ADDRESS as clients reach it (see docs/DEPLOY.md). Unfinished games saved by an
 * earlier run, or left by a process that stopped, are restored; players rejoin with their seat tokens.
 */
import { createGameServer } from './createGameServer.ts';
import { PostgresStorage } from './storage/PostgresStorage.ts';
import { SqliteStorage } from './storage/SqliteStorage.ts';

/** A whole number from the environment, or the default; anything else stops the start with a clear message. */
function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return value;
}

/** A comma-separated list from the environment (empty when unset). */
function envList(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const port = envInt('PORT', 2567, 1, 65_535);
const dataDir = process.env.DATA_DIR ?? 'data';
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
// With Redis, a client may reserve its seat through one process and must then reach the process
// holding the game: each process advertises its own address (host:port, no scheme).
const publicAddress = process.env.PUBLIC_ADDRESS ?? (redisUrl ? `localhost:${port}` : undefined);
if (databaseUrl && !redisUrl)
  console.warn('DATABASE_URL without REDIS_URL: this process will not see the games of others');
const storage = databaseUrl
  ? await PostgresStorage.open({
      url: databaseUrl,
      address: publicAddress ?? `localhost:${port}`,
      // A process silent this long is taken as stopped and its games are taken over.
      staleMs: envInt('PROCESS_STALE_MS', 10_000, 1000, 3_600_000),
    })
  : new SqliteStorage(`${dataDir}/sovereign.sqlite`, {
      synchronous: process.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL',
    });
const game = await createGameServer({
  port,
  storage,
  ...(redisUrl ? { redisUrl } : {}),
  ...(publicAddress ? { publicAddress } : {}),
  trustProxy: process.env.TRUST_PROXY === '1',
  createsPerAddress: envInt('CREATES_PER_ADDRESS', 20, 1, 100_000),
  lobbyIdleMs: envInt('LOBBY_IDLE_SECONDS', 600, 5, 7 * 86_400) * 1000,
  corsOrigins: envList('CORS_ORIGINS'),
  connectSrc: envList('CSP_CONNECT_SRC'),
  ...(databaseUrl ? { claimEveryMs: envInt('CLAIM_EVERY_MS', 3000, 100, 600_000) } : {}),
});
const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `${dataDir}/sovereign.sqlite`;
console.log(
  `Sovereign on http://localhost:${port} (data in ${where}${redisUrl ? ', Redis presence' : ''}` +
    `${game.restored.length ? `, restored ${game.restored.length} unfinished game(s): ${game.restored.join(', ')}` : ''})`,
);
const stop = async () => {
  await game.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
