/**
 * The plain JSON API for bots in any language: join a game, read my view (JSON or text), long-poll
 * for the next phase or report, submit or retract orders, draft, get ready, chat, ask for my seat
 * back and (facilitator) send commands, all with the seat token. Every payload goes through the
 * same zod schemas and the same GameSession checks as the WebSocket messages, and a refusal is the
 * same `{ message, problems }` as the `error` message. What a seat reads is cut for it as the
 * room's messages are (viewFor, eventsFor, the chat audience). Unknown codes and tokens count
 * against the address's guessing limit; each token may make 20 requests a second.
 */
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { lastRoundLines } from '../../shared/agent/lastRoundLines.ts';
import { ordersJsonSchema } from '../../shared/agent/ordersJsonSchema.ts';
import { textView } from '../../shared/agent/textView.ts';
import { eventsFor, type GameState, type Viewer } from '../../shared/engine/index.ts';
import { problemsFromZod } from '../../shared/engine/result.ts';
import { CLIENT_MESSAGES, type Command, JoinOptionsSchema } from '../../shared/protocol/schemas.ts';
import { agentCalls, agentSeatsOf, agentsEnabled } from '../game/AgentSeats.ts';
import { GameSession } from '../game/GameSession.ts';
import type { GameSummary } from '../game/gameSummary.ts';
import { dispatch, type RoomSide } from '../rooms/dispatch.ts';
import type { GuessLimiter } from '../security/GuessLimiter.ts';
import type { MemberRecord, Storage } from '../storage/Storage.ts';
import { englishTemplates } from './englishTemplates.ts';
import { HttpSeats } from './HttpSeats.ts';

export interface SeatApiContext {
  storage: Storage;
  games: Map<string, GameSession>;
  /** A live game of another process, by code. */
  elsewhere(code: string): Promise<GameSummary | undefined>;
  guesses: GuessLimiter;
}

/** The message types a seat may send over HTTP (admit and Kick/Mute name WebSocket clients). */
const HTTP_TYPES = ['draft', 'submit', 'retract', 'ready', 'chat', 'askSeat', 'command'] as const;
type HttpType = (typeof HTTP_TYPES)[number];
/** An HTTP seat has no room side: no WebSocket clients to seat, close or tell. */
const NO_ROOM: RoomSide = {
  memberOf: () => undefined,
  has: () => false,
  seat: () => {},
  close: () => {},
  notice: () => {},
};
/** Longest long poll (seconds). */
const MAX_WAIT_S = 30;

type Problems = { path: string; message: string }[];

/** The version of what a seat waits for: status, round, phase, pause and the reports published. */
const reportCounts = new WeakMap<GameState, number>();
function gameKey(s: GameSession): string {
  let reports = reportCounts.get(s.state);
  if (reports === undefined) {
    reports = s.pastReports().length;
    reportCounts.set(s.state, reports);
  }
  return `${s.status}.${s.state.round}.${s.phase}.${reports}.${s.session.paused ? 'p' : 'r'}`;
}

const viewerOf = (m: MemberRecord): Viewer =>
  m.role === 'spectator' || !m.nation
    ? m.role === 'facilitator'
      ? { kind: 'facilitator' }
      : { kind: 'spectator' }
    : { kind: 'nation', nation: m.nation };

function status(s: GameSession, m: MemberRecord) {
  return {
    key: gameKey(s),
    status: s.status,
    phase: s.phase,
    round: s.state.round,
    rounds: s.state.rounds,
    deadline: s.session.deadline,
    paused: s.session.paused,
    remaining: s.session.remaining,
    ready: m.nation ? s.session.ready.includes(m.nation) : false,
    submitted: m.nation ? s.isSubmitted(m.nation) : false,
    forced: m.nation ? s.session.forcedBots.includes(m.nation) : false,
  };
}

export function seatApi(ctx: SeatApiContext): Router {
  const router = express.Router();
  const seats = new HttpSeats();
  router.use('/api/games/:code/', express.json({ limit: '64kb', strict: false }));

  const address = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const tooMany = (res: Response) =>
    res
      .status(429)
      .set('retry-after', '60')
      .json({ error: 'too many unknown join codes or seat tokens from this address; wait a minute' });

  /** The live game of the path's code, or an answer already sent. */
  async function gameOf(req: Request, res: Response): Promise<GameSession | null> {
    const code = String(req.params.code ?? '').toUpperCase();
    const game = ctx.games.get(code);
    if (game) return game;
    // A finished game's room is gone once its last WebSocket client left: read it from storage.
    if (/^[A-Z0-9]{3,12}$/.test(code) && (await ctx.storage.load(code).catch(() => false))) {
      const ended = GameSession.restore(ctx.storage, code, Date.now());
      res.on('close', () => {
        if (!ctx.games.has(code)) ctx.storage.forget(code);
      });
      if (ended.status === 'ended') return ended;
    }
    if (/^[A-Z0-9]{3,12}$/.test(code) && (await ctx.elsewhere(code).catch(() => undefined))) {
      res.status(409).json({
        error: `game ${code} runs on another process of this server: use the WebSocket protocol, or ask that process`,
      });
      return null;
    }
    if (ctx.guesses.blocked(address(req))) {
      tooMany(res);
      return null;
    }
    ctx.guesses.miss(address(req));
    res.status(404).json({ error: `no live game with code '${req.params.code}'` });
    return null;
  }

  const tokenOf = (req: Request): string | undefined => {
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
    return typeof req.query.token === 'string' ? req.query.token : undefined;
  };

  /** The game and the seat of the request's token, or an answer already sent. */
  async function seatOf(req: Request, res: Response): Promise<{ s: GameSession; m: MemberRecord } | null> {
    const s = await gameOf(req, res);
    if (!s) return null;
    const token = tokenOf(req);
    const m = token ? s.members.get(token) : undefined;
    if (!token || !m) {
      if (ctx.guesses.blocked(address(req))) {
        tooMany(res);
        return null;
      }
      ctx.guesses.miss(address(req));
      res.status(403).json({
        error: 'token: no seat in this game has that token (send Authorization: Bearer <seatToken>)',
      });
      return null;
    }
    if (s.session.kicked.includes(m.token)) {
      res.status(403).json({ error: 'token: this seat was removed by the facilitator' });
      return null;
    }
    const kind = req.method === 'POST' ? 'message' : 'read';
    if (!seats.allow(m.token, kind)) {
      res
        .status(429)
        .set('retry-after', '1')
        .json({
          error:
            kind === 'message'
              ? 'at most 20 messages a second per seat; slow down'
              : 'at most 40 reads a second per seat; slow down',
        });
      return null;
    }
    seats.touch(s, m.token);
    return { s, m };
  }

  router.get('/api/orders-schema', (_req, res) => res.json(ordersJsonSchema()));

  router.post('/api/games/:code/join', async (req, res) => {
    const s = await gameOf(req, res);
    if (!s) return;
    const parsed = JoinOptionsSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      return res.status(400).json({ message: 'join', problems: problemsFromZod(parsed.error) });
    const requestId = `http:${randomBytes(6).toString('hex')}`;
    const joined = s.join(parsed.data, requestId, false, Date.now());
    if (!joined.ok) return res.status(400).json({ message: 'join', problems: joined.errors });
    if (!('member' in joined.value)) {
      s.cancelRequest(requestId);
      return res.status(400).json({
        message: 'join',
        problems: [
          {
            path: 'nation',
            message: `${joined.value.request.nation} has players: joining a team waits for their answer, which needs a WebSocket client; choose a free nation`,
          },
        ],
      });
    }
    const m = joined.value.member;
    await ctx.storage.flush();
    seats.touch(s, m.token);
    res.json({
      code: s.code,
      role: m.role,
      nation: m.nation,
      name: m.name,
      seatToken: m.token,
      scenario: s.state.scenario.id,
    });
  });

  router.get('/api/games/:code/seat', async (req, res) => {
    const found = await seatOf(req, res);
    if (!found) return;
    const { s, m } = found;
    res.json({
      seat: { code: s.code, role: m.role, nation: m.nation, name: m.name, scenario: s.state.scenario.id },
      game: status(s, m),
      ...(req.query.view === '0' ? {} : { view: s.viewAs(viewerOf(m)) }),
      ...(m.nation ? { team: s.teamOrders(m.nation) } : {}),
    });
  });

  router.get('/api/games/:code/seat/text', async (req, res) => {
    const found = await seatOf(req, res);
    if (!found) return;
    const { s, m } = found;
    if (!m.nation) return res.status(400).json({ error: 'only a seat with a nation has a text view' });
    const nation = m.nation;
    const last = s.pastReports().findLast((r) => r.kind !== 'inject');
    const lastRound = last
      ? {
          round: last.round,
          lines: lastRoundLines(
            eventsFor(last.events, viewerOf(m)),
            s.state.scenario,
            nation,
            englishTemplates(),
          ),
        }
      : null;
    res.type('text/plain').send(textView(s.viewAs(viewerOf(m)), s.state.scenario, nation, { lastRound }));
  });

  router.get('/api/games/:code/seat/reports', async (req, res) => {
    const found = await seatOf(req, res);
    if (!found) return;
    const { s, m } = found;
    const from = Math.max(0, Number.parseInt(String(req.query.from ?? '0'), 10) || 0);
    const all = s.pastReports();
    res.json({
      total: all.length,
      reports: all
        .slice(from)
        .map((r) => ({ round: r.round, kind: r.kind, events: eventsFor(r.events, viewerOf(m)) })),
    });
  });

  router.get('/api/games/:code/seat/chat', async (req, res) => {
    const found = await seatOf(req, res);
    if (!found) return;
    const from = Math.max(0, Number.parseInt(String(req.query.from ?? '0'), 10) || 0);
    const lines = found.s.chatFor(found.m);
    res.json({ total: lines.length, lines: lines.slice(from) });
  });

  router.get('/api/games/:code/seat/wait', async (req, res) => {
    const found = await seatOf(req, res);
    if (!found) return;
    const { s, m } = found;
    const since = typeof req.query.since === 'string' ? req.query.since : '';
    const seconds = Math.min(MAX_WAIT_S, Math.max(0, Number(req.query.timeout ?? 25) || 0));
    const end = Date.now() + seconds * 1000;
    seats.waiting(m.token, 1);
    let closed = false;
    req.on('close', () => {
      closed = true;
    });
    try {
      while (gameKey(s) === since && s.status !== 'ended' && Date.now() < end && !closed)
        await new Promise((r) => setTimeout(r, 200));
    } finally {
      seats.waiting(m.token, -1);
      seats.touch(s, m.token);
    }
    if (closed) return;
    res.json({ changed: gameKey(s) !== since, ...status(s, m) });
  });

  router.post('/api/games/:code/seat/:type', async (req, res) => {
    const found = await seatOf(req, res);
    if (!found) return;
    const { s, m } = found;
    const type = String(req.params.type);
    const refuse = (problems: Problems) => res.status(400).json({ message: type, problems });
    if (!(HTTP_TYPES as readonly string[]).includes(type))
      return refuse([
        { path: '', message: `unknown message type '${type}' (known over HTTP: ${HTTP_TYPES.join(', ')})` },
      ]);
    const parsed = CLIENT_MESSAGES[type as HttpType].safeParse(req.body ?? {});
    if (!parsed.success) return refuse(problemsFromZod(parsed.error));
    const cmd = parsed.data as Command;
    // Kick and Mute name a WebSocket client's session, which an HTTP seat cannot see.
    if (type === 'command' && (cmd.type === 'Kick' || cmd.type === 'Mute'))
      return refuse([
        {
          path: 'type',
          message: `${cmd.type} names a WebSocket client's session: send it over the WebSocket protocol`,
        },
      ]);
    const result = dispatch(s, m, type as HttpType, parsed.data, Date.now(), NO_ROOM);
    if (!result.ok) return refuse(result.errors);
    // Durable before it is acknowledged, as over WebSocket.
    await ctx.storage.flush();
    res.json({
      ok: true,
      message: type,
      ...(typeof result.value === 'string' ? { detail: result.value } : {}),
    });
  });

  // The language-model agents' calls in a game, for its facilitator.
  router.get('/api/games/:code/agents.json', async (req, res) => {
    const found = await seatOf(req, res);
    if (!found) return;
    if (found.m.role !== 'facilitator')
      return res.status(403).json({ error: 'token: not the facilitator of this game' });
    res.json({
      model: agentsEnabled()?.model ?? null,
      seats: agentSeatsOf(found.s),
      calls: agentCalls(found.s.code),
    });
  });

  return router;
}
