/**
 * Builds the game server: Colyseus rooms on a WebSocket transport, the HTTP routes, SQLite storage,
 * and the restoration of every unfinished game saved by an earlier run.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchMaker, Server } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import type { NextFunction, Request, Response } from 'express';
import type { GameSession } from './game/GameSession.ts';
import type { GameSummary } from './game/gameSummary.ts';
import { seatApi } from './api/seatApi.ts';
import { configureAgents, llmConfigFromEnv } from './game/AgentSeats.ts';
import { type HttpApp, mountRoutes } from './httpRoutes.ts';
import { placeGame } from './placeGame.ts';
import { configureRooms, GameRoom } from './rooms/GameRoom.ts';
import { GuessLimiter } from './security/GuessLimiter.ts';
import { guardHttp } from './security/httpGuard.ts';
import { QuietLogger } from './security/QuietLogger.ts';
import { compressResponses, serveClient } from './static.ts';
import { SqliteStorage } from './storage/SqliteStorage.ts';
import type { Storage } from './storage/Storage.ts';

/** Where `npm run build` puts the browser client. */
export const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'client');

/**
 * The largest message a client may send (bytes). The largest valid orders of the default scenario
 * are far below it; a bigger frame closes the socket with code 1009 (see docs/PROTOCOL.md).
 */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export interface GameServerOptions {
  port: number;
  /** Folder of the SQLite database (default: ./data). */
  dataDir?: string;
  /** Storage to use instead of SQLite in dataDir (e.g. PostgresStorage). */
  storage?: Storage;
  /** Redis for presence and matchmaking shared by several processes (`REDIS_URL`). */
  redisUrl?: string;
  /** This process's address as clients reach it, e.g. `game1.example.org` (`PUBLIC_ADDRESS`). */
  publicAddress?: string;
  /** How often to look for games whose process stopped (ms; with shared storage only). */
  claimEveryMs?: number;
  /** Behind a reverse proxy on this machine: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Games one address may create in CREATE_WINDOW_MS (`CREATES_PER_ADDRESS`, default 20). */
  createsPerAddress?: number;
  /** A lobby with nobody connected this long is closed (ms; `LOBBY_IDLE_SECONDS`, default 600 s). */
  lobbyIdleMs?: number;
  /** Other origins whose pages may call this server (`CORS_ORIGINS`); none by default. */
  corsOrigins?: string[];
  /** Extra sources the page may connect to (`CSP_CONNECT_SRC`), e.g. other processes' addresses. */
  connectSrc?: string[];
}

/** The window of the per-address creation limit. */
export const CREATE_WINDOW_MS = 10 * 60_000;

export interface GameServer {
  server: Server;
  storage: Storage;
  games: Map<string, GameSession>;
  port: number;
  /** Codes of the games restored from storage at start. */
  restored: string[];
  close(): Promise<void>;
}

/** The listing of a live game in any process (the room's metadata is its public summary). */
async function listedGames(conditions: Record<string, unknown>): Promise<GameSummary[]> {
  const rooms = await matchMaker.query({ name: 'game', ...conditions });
  return rooms
    .filter((r) => r.metadata && typeof r.metadata === 'object' && 'code' in r.metadata)
    .map((r) => r.metadata as GameSummary);
}

export async function createGameServer(options: GameServerOptions): Promise<GameServer> {
  const storage = options.storage ?? new SqliteStorage(join(options.dataDir ?? 'data', 'sovereign.sqlite'));
  const games = new Map<string, GameSession>();
  const restoreSecret = randomBytes(16).toString('hex');
  const guesses = new GuessLimiter();
  const creates = new GuessLimiter(options.createsPerAddress ?? 20, CREATE_WINDOW_MS);
  configureAgents(llmConfigFromEnv(), join(options.dataDir ?? 'data', 'agents'));
  configureRooms({
    storage,
    games,
    restoreSecret,
    ...(options.lobbyIdleMs ? { lobbyIdleMs: options.lobbyIdleMs } : {}),
  });
  const shared = options.redisUrl
    ? {
        presence: new RedisPresence(options.redisUrl),
        driver: new RedisDriver(options.redisUrl),
        selectProcessIdToCreateRoom: placeGame,
        ...(options.publicAddress ? { publicAddress: options.publicAddress } : {}),
      }
    : {};
  const server = new Server({
    transport: new WebSocketTransport({
      pingInterval: 5000,
      pingMaxRetries: 3,
      maxPayload: MAX_MESSAGE_BYTES,
    }),
    ...shared,
    greet: false,
    gracefullyShutdown: false,
    // One line per refused frame or request, rate limited (never a stack trace per bad frame).
    logger: new QuietLogger(),
    express: (app) => {
      app.disable('x-powered-by');
      // Only a proxy on this machine may say who the client is.
      if (options.trustProxy) app.set('trust proxy', 'loopback');
      // JSON and reports compressed on the fly (the built client is compressed at build time).
      app.use(compressResponses());
      mountRoutes(app as unknown as HttpApp, {
        storage,
        games,
        guesses,
        rooms: {
          list: async () => (await listedGames({ private: false })).filter((g) => g.status !== 'ended'),
          get: async (code) => (await listedGames({ roomId: code }))[0],
        },
      });
      // The JSON API for bots in any language (and the agents' transcripts): docs/AGENTS.md.
      app.use(
        seatApi({
          storage,
          games,
          guesses,
          elsewhere: async (code) => (await listedGames({ roomId: code }))[0],
        }),
      );
      // The browser client, built by Vite (npm run build); any other page path is the single-page app.
      const client = serveClient(CLIENT_DIR);
      if (client) app.use(client);
      // Anything else is answered in JSON, and a malformed request never shows a stack trace.
      app.use((req, res) => {
        res.status(404).json({ error: `no route ${req.method} ${req.path}` });
      });
      app.use((err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
        const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
        res.status(status).json({ error: status === 400 ? 'malformed request' : err.message });
      });
    },
  });
  server.define('game', GameRoom);
  await server.listen(options.port);
  let doneRestoring: (v?: unknown) => void = () => {};
  const restoring = new Promise((r) => {
    doneRestoring = r;
  });
  const http = (server.transport as unknown as { server?: HttpServer }).server;
  if (http)
    guardHttp(http, {
      known: (code) => games.has(code),
      // A rejoin right after a restart waits for the saved games to be restored.
      knownAnywhere: async (code) =>
        restoring.then(async () => games.has(code) || (await listedGames({ roomId: code })).length > 0),
      guesses,
      creates,
      trustProxy: options.trustProxy ?? false,
      corsOrigins: options.corsOrigins ?? [],
      connectSrc: options.connectSrc ?? [],
    });

  /** Restores claimed games in this process (never elsewhere: only this one holds the claim). */
  const restore = async () => {
    const codes: string[] = [];
    for (const game of await storage.claimGames()) {
      if (games.has(game.code)) continue;
      // A process that died leaves its room listed (with Redis): ask its process, which cleans up
      // the listings of a dead one, and never run a second copy of a game that is still alive.
      const listed = (await matchMaker.query({ name: 'game', roomId: game.code }))[0];
      if (listed && listed.processId !== matchMaker.processId) {
        if (await matchMaker.healthCheckProcessId(listed.processId)) {
          console.warn(`game ${game.code}: its process ${listed.processId} still answers; not restored`);
          continue;
        }
      }
      await matchMaker.driver.remove(game.code);
      // Here, in this process (createRoom could place it on another, which holds no claim).
      await matchMaker.handleCreateRoom('game', { restore: game.code, restoreSecret });
      codes.push(game.code);
    }
    return codes;
  };
  const restored = await restore().finally(() => doneRestoring());
  let claiming: NodeJS.Timeout | null = null;
  if (options.claimEveryMs) {
    let busy = false;
    claiming = setInterval(() => {
      if (busy) return;
      busy = true;
      restore()
        .then((codes) => {
          if (codes.length)
            console.log(`took over ${codes.length} game(s) of a stopped process: ${codes.join(', ')}`);
        })
        .catch((e: Error) => console.error('taking over games failed:', e.message))
        .finally(() => {
          busy = false;
        });
    }, options.claimEveryMs);
  }
  return {
    server,
    storage,
    games,
    port: options.port,
    restored,
    close: async () => {
      // Every write is already on disk (synchronous SQLite); tell the players before the sockets close.
      for (const game of games.values()) {
        game.delivery?.notice(
          null,
          'The server is restarting. Your seat and your orders are saved: rejoin in a moment.',
        );
      }
      if (claiming) clearInterval(claiming);
      await new Promise((r) => setTimeout(r, 200));
      await server.gracefullyShutdown(false);
      await storage.close();
    },
  };
}
