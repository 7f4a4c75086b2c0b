/**
 * Everything in front of the HTTP routes and Colyseus's matchmaking, before any body is read: the
 * security headers (helmet), a same-origin CORS policy, a cap on request bodies, a per-address limit
 * on creating games, the refusal of joins without a code, and the join-code guessing limit.
 */
import { MAX_SCENARIO_BYTES } from '../../shared/protocol/schemas.ts';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { matchMaker } from '@colyseus/core';
import helmet from 'helmet';
import type { GuessLimiter } from './GuessLimiter.ts';

/** The largest request body to /matchmake/* (bytes): join and create options are far smaller. */
export const MAX_MATCHMAKE_BODY = 8 * 1024;
/** The largest request body to any other route (bytes): one message's worth. */
export const MAX_OTHER_BODY = 64 * 1024;

export interface HttpGuardOptions {
  /** Whether a game is live in this process, or (asynchronously) anywhere. */
  known(code: string): boolean;
  knownAnywhere(code: string): Promise<boolean>;
  guesses: GuessLimiter;
  /** Counts game creations per address. */
  creates: GuessLimiter;
  trustProxy: boolean;
  /** Origins (scheme://host[:port]) other than the server's own that may call it from a browser. */
  corsOrigins: string[];
  /** Extra sources the client's page may connect to (CSP connect-src), e.g. other processes. */
  connectSrc: string[];
}

/** The client's address: the socket's, or behind a trusted local proxy the last X-Forwarded-For hop. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  return (
    (trustProxy && typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined) ??
    req.socket.remoteAddress ??
    'unknown'
  );
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** A refusal past a per-address limit, saying when to try again. */
const tooMany = (res: ServerResponse, error: string, retryAfterSeconds: number) =>
  json(res, 429, { error }, { 'retry-after': String(retryAfterSeconds) });

/** The security headers of every answer: the page loads only from this server. */
export function securityHeaders(connectSrc: string[]) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // Phaser and the DOM set style attributes; its built-in textures are data: images.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...connectSrc],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'deny' },
    // Over plain HTTP (a classroom's own machine) HSTS would only confuse; a TLS proxy adds it.
    strictTransportSecurity: false,
  });
}

/**
 * Colyseus's matchmaking answers with `Access-Control-Allow-Origin` set to whatever Origin the
 * request names, with credentials: replaced by the allowed origins only, without credentials.
 */
function restrictMatchmakingCors(allowed: string[]) {
  const defaults = matchMaker.controller.DEFAULT_CORS_HEADERS as Record<string, string>;
  delete defaults['Access-Control-Allow-Origin'];
  delete defaults['Access-Control-Allow-Credentials'];
  matchMaker.controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get('origin');
    return origin && allowed.includes(origin)
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
      : {};
  };
}

/** Puts the guard in front of every listener of the HTTP server. */
export function guardHttp(http: HttpServer, options: HttpGuardOptions): void {
  const listeners = http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners('request');
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of listeners) listener.call(http, req, res);
  };
  const headers = securityHeaders(options.connectSrc);
  restrictMatchmakingCors(options.corsOrigins);
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    headers(req, res, () => {
      const origin = req.headers.origin;
      if (typeof origin === 'string' && options.corsOrigins.includes(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
      }
      guarded(req, res);
    });
  });

  const guarded = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const matchmake = url.startsWith('/matchmake/');
    // A scenario uploaded from the editor is the one larger body (bounded by its own cap).
    const scenario = req.method === 'POST' && url.split('?')[0] === '/api/scenarios';
    const cap = matchmake ? MAX_MATCHMAKE_BODY : scenario ? MAX_SCENARIO_BYTES : MAX_OTHER_BODY;
    const tooLarge = () =>
      json(res, 413, { error: `request body larger than ${cap} bytes` }, { connection: 'close' });
    // A declared size over the cap is refused before one byte of the body is read. A body of
    // undeclared size (chunked) is refused too: Node reads exactly the declared length, so every body
    // that passes is within the cap.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > cap || !(declared >= 0)) {
      tooLarge();
      res.once('finish', () => req.destroy());
      return;
    }
    if (req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined) {
      json(
        res,
        411,
        { error: 'a request body must declare its length (Content-Length)' },
        { connection: 'close' },
      );
      res.once('finish', () => req.destroy());
      return;
    }
    // Uploading a scenario stores it: it counts toward the same per-address limit as creating a game.
    if (scenario) {
      const from = clientAddress(req, options.trustProxy);
      if (options.creates.blocked(from))
        return tooMany(res, 'too many games or scenarios created from this address; wait a few minutes', 300);
      options.creates.miss(from);
      return pass(req, res);
    }
    if (!matchmake || req.method !== 'POST') return pass(req, res);
    const address = clientAddress(req, options.trustProxy);
    const method = /^\/matchmake\/(\w+)\//.exec(url)?.[1];
    // A join must name its game: no stranger is put into a random public game.
    if (method === 'join' || method === 'joinOrCreate')
      return json(res, 403, {
        error: `${method}: join a game by its code (joinById), or create one (create)`,
      });
    if (method === 'create') {
      if (options.creates.blocked(address))
        return tooMany(res, 'too many games created from this address; wait a few minutes', 300);
      options.creates.miss(address);
      return pass(req, res);
    }
    const byId = /^\/matchmake\/joinById\/([^/?]+)/.exec(url);
    if (!byId) return pass(req, res);
    let code: string;
    try {
      code = decodeURIComponent(byId[1] ?? '').toUpperCase();
    } catch {
      return json(res, 400, { error: 'roomId: not a valid join code' });
    }
    if (options.known(code)) return pass(req, res);
    // Not (yet) in this process: a game being restored or live in another process passes;
    // otherwise it is a miss.
    void options
      .knownAnywhere(code)
      .catch(() => false)
      .then((found) => {
        if (found) return pass(req, res);
        if (options.guesses.blocked(address))
          return tooMany(res, 'too many unknown join codes from this address; wait a minute', 60);
        options.guesses.miss(address);
        pass(req, res);
      });
  };
}
