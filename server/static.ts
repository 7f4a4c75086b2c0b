/**
 * Delivery to the browser: the built client (dist/client) with the brotli and gzip copies Vite wrote
 * beside each asset (`Content-Encoding` by the request's `Accept-Encoding`, `Vary: Accept-Encoding`),
 * hashed assets cached for a year as immutable, `index.html` revalidated on every visit (so a new
 * build is seen at once), and every other response of the app (the JSON API) compressed on the fly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import sirv from 'sirv';

/** Cache-Control of the files whose name carries their content hash (`/assets/…`). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of `index.html`: kept, but asked again (a 304 when unchanged) on every visit. */
export const REVALIDATE = 'no-cache';
/** Cache-Control of the unhashed files of client/public (the favicon). */
export const PUBLIC_FILE = 'public, max-age=86400';

/**
 * On-the-fly compression (brotli or gzip, as asked) of the app's own responses over 1 KB: the JSON
 * API, reports, health. Responses that already carry a `Content-Encoding` (the pre-compressed
 * assets) pass untouched.
 */
export function compressResponses(): RequestHandler {
  return compression({ threshold: 1024 });
}

/** Paths that are never the single-page app: the server's own routes, and any file name. */
const NOT_THE_APP = /^\/(api|matchmake|health)(\/|$)|\.[A-Za-z0-9]+$/;

/**
 * Serves the client built in `dir`; any other GET of a page path (`/`, `/?code=K7QXM`, `/join`) is the
 * single-page app's `index.html`. A missing file (`/assets/old-hash.js`, `/favicon.ico`) falls through
 * to the app's JSON 404, never to the HTML page. Returns null when there is no build.
 */
export function serveClient(dir: string): RequestHandler | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  // Looked up on disk at each request (sirv's `dev`), not from a list made at start: a file removed
  // since (a rebuild under a running server) is a 404, where a stale list made sirv stream a missing
  // file and its unhandled read error stopped the process. The cache headers are set here, not by sirv.
  const files = sirv(dir, { brotli: true, gzip: true, etag: true, extensions: [], dev: true });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path;
    const page = path === '/' || path === '/index.html' || !NOT_THE_APP.test(path);
    // sirv keys its files by path: every page of the app is the one index.html.
    if (page) req.url = '/index.html';
    // Set before sirv so that its 304 answers carry it too; taken back if no file matched.
    res.setHeader('Cache-Control', page ? REVALIDATE : path.startsWith('/assets/') ? IMMUTABLE : PUBLIC_FILE);
    files(req, res, () => {
      res.removeHeader('Cache-Control');
      next();
    });
  };
}
