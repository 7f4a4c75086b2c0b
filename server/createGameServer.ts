/**
 * Builds the game server: Colyseus rooms on a WebSocket transport, the HTTP routes, SQLite storage,
 * and the restoration of every unfinished game saved by an earlier run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchMaker, Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GameSession } from './game/GameSession.ts';
import { type HttpApp, mountRoutes } from './httpRoutes.ts';
import { GuessLimiter } from './security/GuessLimiter.ts';
import { configureRooms, GameRoom } from './rooms/GameRoom.ts';
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
  /** Storage to use instead of SQLite in dataDir. */
  storage?: Storage;
}

export interface GameServer {
  server: Server;
  storage: Storage;
  games: Map<string, GameSession>;
  port: number;
  /** Codes of the games restored from storage at start. */
  restored: string[];
  close(): Promise<void>;
}

/**
 * Puts the guess limiter in front of Colyseus's join-by-id route: a request for an unknown code
 * counts against its address, and an address past its limit gets 429 for unknown codes (known codes
 * always pass, so a classroom behind one address is never locked out of its own game).
 */
function guardJoinCodes(server: Server, games: Map<string, GameSession>, guesses: GuessLimiter) {
  const http = (server.transport as unknown as { server?: HttpServer }).server;
  if (!http) return;
  const listeners = http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/matchmake\/joinById\/([^/?]+)/.exec(req.url ?? '');
    if (match && req.method === 'POST') {
      const address = req.socket.remoteAddress ?? 'unknown';
      let code: string;
      try {
        code = decodeURIComponent(match[1] ?? '').toUpperCase();
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'roomId: not a valid join code' }));
        return;
      }
      if (!games.has(code)) {
        if (guesses.blocked(address)) {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '60' });
          res.end(JSON.stringify({ error: 'too many unknown join codes from this address; wait a minute' }));
          return;
        }
        guesses.miss(address);
      }
    }
    for (const listener of listeners) listener.call(http, req, res);
  });
}

export async function createGameServer(options: GameServerOptions): Promise<GameServer> {
  const storage = options.storage ?? new SqliteStorage(join(options.dataDir ?? 'data', 'sovereign.sqlite'));
  const games = new Map<string, GameSession>();
  const restoreSecret = randomBytes(16).toString('hex');
  const guesses = new GuessLimiter();
  configureRooms({ storage, games, restoreSecret });
  const server = new Server({
    transport: new WebSocketTransport({
      pingInterval: 5000,
      pingMaxRetries: 3,
      maxPayload: MAX_MESSAGE_BYTES,
    }),
    greet: false,
    gracefullyShutdown: false,
    express: (app) => {
      mountRoutes(app as unknown as HttpApp, { storage, games, guesses });
      // The browser client, built by Vite (npm run build); any other path is the single-page app.
      if (existsSync(join(CLIENT_DIR, 'index.html'))) {
        app.use(express.static(CLIENT_DIR, { index: 'index.html', maxAge: '1h' }));
        app.get(/^\/(?!api\/|matchmake\/|health).*/, (_req, res) =>
          res.sendFile(join(CLIENT_DIR, 'index.html')),
        );
      }
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
  guardJoinCodes(server, games, guesses);
  const restored: string[] = [];
  for (const game of storage.unfinishedGames()) {
    await matchMaker.createRoom('game', { restore: game.code, restoreSecret });
    restored.push(game.code);
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
      await new Promise((r) => setTimeout(r, 200));
      await server.gracefullyShutdown(false);
      storage.close();
    },
  };
}
