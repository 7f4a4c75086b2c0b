/**
 * The HTTP routes beside the game rooms: health, scenarios, the public game list, and each game's
 * report as JSON or CSV, cut for who asks (a seat token: what that seat may see; none: what a
 * spectator may see). Every route that takes a code or a token counts unknown ones against the
 * address, with the same limit as joining.
 */
import type { Viewer } from '../shared/engine/index.ts';
import { GameSession } from './game/GameSession.ts';
import { type GameSummary, gameSummary } from './game/gameSummary.ts';
import { afterActionHtml, REPORT_LANGUAGES, type ReportLanguage } from './report/afterAction.ts';
import { gameReport, reportCsv } from './report/gameReport.ts';
import { buildReplay } from './report/replay.ts';
import { problemText } from './rooms/roomOptions.ts';
import express from 'express';
import { MAX_SCENARIO_BYTES } from '../shared/protocol/schemas.ts';
import { listScenarioIds, readScenario } from './scenarioFiles.ts';
import { findScenario, uploadScenario } from './uploadedScenarios.ts';
import type { GuessLimiter } from './security/GuessLimiter.ts';
import type { Storage } from './storage/Storage.ts';

/** The part of an Express request and response these routes use. */
export interface HttpRequest {
  params: Record<string, string | undefined>;
  /** The client's address (Express). */
  ip?: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}
export interface HttpResponse {
  status(code: number): HttpResponse;
  json(body: unknown): void;
  type(type: string): HttpResponse;
  send(body: string): void;
  set(field: string, value: string): HttpResponse;
}
export interface HttpApp {
  get(path: string, handler: (req: HttpRequest, res: HttpResponse) => void | Promise<void>): void;
  post(
    path: string,
    parser: unknown,
    handler: (req: HttpRequest & { body?: unknown }, res: HttpResponse) => void | Promise<void>,
  ): void;
}

export interface RouteContext {
  storage: Storage;
  games: Map<string, GameSession>;
  /** The games of every process (the matchmaker's room listings). */
  rooms: {
    /** Public games not yet ended. */
    list(): Promise<GameSummary[]>;
    /** A live game by code, private ones included. */
    get(code: string): Promise<GameSummary | undefined>;
  };
  /** Counts lookups of unknown codes per address (join-code guessing). */
  guesses?: GuessLimiter;
}

const TOO_MANY = { error: 'too many unknown join codes or tokens from this address; wait a minute' };

/**
 * Finds a game for its report: live in this process, or read from storage (a finished game, or one
 * another process runs) and dropped from memory again once the report is made.
 */
async function findGame(
  ctx: RouteContext,
  code: string,
): Promise<{ game: GameSession; done: () => void } | undefined> {
  const upper = code.toUpperCase();
  const live = ctx.games.get(upper);
  if (live) return { game: live, done: () => {} };
  if (!/^[A-Z0-9]{3,12}$/.test(upper) || !(await ctx.storage.load(upper))) return undefined;
  return {
    game: GameSession.restore(ctx.storage, upper, Date.now()),
    done: () => {
      if (!ctx.games.has(upper)) ctx.storage.forget(upper);
    },
  };
}

export function mountRoutes(app: HttpApp, ctx: RouteContext): void {
  app.get('/health', (_req, res) => res.json({ ok: true, games: ctx.games.size }));

  app.get('/api/scenarios', (_req, res) =>
    res.json(
      listScenarioIds().map((id) => {
        const s = readScenario(id);
        return {
          id: s.id,
          title: s.title,
          description: s.description,
          nations: s.nations.map((n) => n.id),
          rounds: s.defaultRounds,
        };
      }),
    ),
  );

  app.get('/api/scenarios/:id', async (req, res) => {
    try {
      res.json(await findScenario(ctx.storage, req.params.id ?? ''));
    } catch (e) {
      res.status(404).json({ error: (e as Error).message });
    }
  });

  // A scenario from the editor: checked like the built ones, kept, and answered with its id (to
  // create a game with), or refused with every problem under its path.
  app.post('/api/scenarios', express.text({ type: () => true, limit: MAX_SCENARIO_BYTES }), (req, res) => {
    const text = typeof req.body === 'string' ? req.body : '';
    const uploaded = uploadScenario(ctx.storage, text);
    if (!uploaded.ok)
      return res.status(400).json({
        error: problemText(uploaded.errors),
        problems: uploaded.errors,
      });
    res.status(201).json({ id: uploaded.value.id, title: uploaded.value.scenario.title });
  });

  app.get('/api/games', async (_req, res) => res.json(await ctx.rooms.list()));

  // One game by its code (private games too: knowing the code is what lets one join).
  /** An address past its limit of unknown codes and tokens: refused before any lookup. */
  const blocked = (req: HttpRequest, code: string) =>
    !ctx.games.has(code.toUpperCase()) && (ctx.guesses?.blocked(req.ip ?? 'unknown') ?? false);
  const miss = (req: HttpRequest) => ctx.guesses?.miss(req.ip ?? 'unknown');
  const tooMany = (res: HttpResponse) => res.status(429).set('retry-after', '60').json(TOO_MANY);

  /**
   * A route on one game by its `code`: an unknown code is counted against the address (refused once
   * past the limit), and a game read from storage for the answer is dropped again after it.
   */
  const gameRoute =
    (handler: (req: HttpRequest, res: HttpResponse, game: GameSession) => void) =>
    async (req: HttpRequest, res: HttpResponse) => {
      if (blocked(req, req.params.code ?? '')) return tooMany(res);
      const found = await findGame(ctx, req.params.code ?? '');
      if (!found) {
        miss(req);
        return res.status(404).json({ error: `no game '${req.params.code}'` });
      }
      try {
        handler(req, res, found.game);
      } finally {
        found.done();
      }
    };

  app.get('/api/games/:code', async (req, res) => {
    const code = (req.params.code ?? '').toUpperCase();
    if (blocked(req, code)) return tooMany(res);
    const local = ctx.games.get(code);
    const game = local ? gameSummary(local) : await ctx.rooms.get(code);
    if (!game) {
      miss(req);
      return res.status(404).json({ error: `no game with code '${req.params.code}'` });
    }
    res.json(game);
  });

  app.get(
    '/api/games/:code/report.:format',
    gameRoute((req, res, game) => report(req, res, game)),
  );

  /** Who reads, from the `token` query (none: a spectator); null once a refusal has been sent. */
  const readerOf = (req: HttpRequest, res: HttpResponse, game: GameSession): Viewer | null => {
    if (req.query.token !== undefined && typeof req.query.token !== 'string') {
      res.status(400).json({ error: 'token: give one seat token' });
      return null;
    }
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    const member = token ? game.members.get(token) : undefined;
    if (token && (!member || game.session.kicked.includes(member.token))) {
      // A live game's code passes `blocked`: its unknown tokens are limited here (as the seat API's).
      if (ctx.guesses?.blocked(req.ip ?? 'unknown')) {
        tooMany(res);
        return null;
      }
      miss(req);
      res.status(403).json({ error: 'token: no seat of this game has that token' });
      return null;
    }
    return member?.role === 'facilitator'
      ? { kind: 'facilitator' }
      : member?.nation
        ? { kind: 'nation', nation: member.nation }
        : { kind: 'spectator' };
  };

  // The replay file of a game (every order): open to all once the game has ended, to its
  // facilitator before.
  app.get(
    '/api/games/:code/replay.json',
    gameRoute((req, res, game) => {
      const viewer = readerOf(req, res, game);
      if (!viewer) return;
      if (game.status !== 'ended' && viewer.kind !== 'facilitator')
        return res
          .status(403)
          .json({ error: 'code: a game can be replayed once it has ended (its facilitator may before)' });
      if (req.query.download === '1')
        res.set('content-disposition', `attachment; filename="${game.code}-replay.json"`);
      res.json(buildReplay(ctx.storage, game));
    }),
  );

  // The facilitator's schedule of injects (issue 19, part 5): cards to come and those delivered.
  app.get(
    '/api/games/:code/schedule.json',
    gameRoute((req, res, game) => {
      const viewer = readerOf(req, res, game);
      if (!viewer) return;
      if (viewer.kind !== 'facilitator')
        return res
          .status(403)
          .json({ error: "token: the schedule is the facilitator's (give its seat token)" });
      res.json({
        status: game.status,
        round: game.state.round,
        rounds: game.state.rounds,
        schedule: game.session.schedule ?? [],
      });
    }),
  );

  const report = (req: HttpRequest, res: HttpResponse, game: GameSession) => {
    const viewer = readerOf(req, res, game);
    if (!viewer) return;
    if (req.params.format === 'html') return afterAction(req, res, game, viewer);
    const report = gameReport(ctx.storage, game, viewer);
    if (req.params.format === 'json') return res.json(report);
    if (req.params.format !== 'csv')
      return res.status(404).json({ error: 'format: use report.json, report.csv or report.html' });
    if (req.query.table !== undefined && typeof req.query.table !== 'string')
      return res.status(400).json({ error: 'table: give one table name' });
    const table = typeof req.query.table === 'string' ? req.query.table : 'history';
    const csv = reportCsv(report, table);
    if (csv === null)
      return res.status(400).json({ error: `table: '${table}' is not one of history, orders, events, chat` });
    res
      .type('text/csv')
      .set('content-disposition', `attachment; filename="${game.code}-${table}.csv"`)
      .send(csv);
  };

  /** The after-action report as one HTML file, cut for the reader like the JSON report. */
  const afterAction = (req: HttpRequest, res: HttpResponse, game: GameSession, viewer: Viewer) => {
    const lang = req.query.lang ?? 'en';
    if (typeof lang !== 'string' || !(REPORT_LANGUAGES as readonly string[]).includes(lang))
      return res.status(400).json({ error: `lang: use one of ${REPORT_LANGUAGES.join(', ')}` });
    const html = afterActionHtml(ctx.storage, game, viewer, lang as ReportLanguage);
    res
      .type('text/html')
      // Self-contained: no script, no outside resource; only its own inline styles and SVG.
      .set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .set(
        'content-disposition',
        `${req.query.download === '1' ? 'attachment' : 'inline'}; filename="${game.code}-after-action.html"`,
      )
      .send(html);
  };
}
