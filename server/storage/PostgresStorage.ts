/**
 * Storage on PostgreSQL, for several server processes sharing one database (`DATABASE_URL`).
 *
 * The games a process runs are kept in memory, in an in-memory SQLite copy that answers the
 * synchronous reads; every write goes to that copy at once and to PostgreSQL through an ordered
 * queue, committed in batches (one transaction per batch: several games' writes share one commit).
 * `flush()` resolves when everything written before it is committed: the server acknowledges
 * nothing before that, so an acknowledged order is in PostgreSQL even if the process dies next.
 *
 * Ownership: each process has an id and a heartbeat row in `processes`; a game belongs to the
 * process that created or restored it (`games.owner`). `claimGames()` takes over the unfinished
 * games whose owner has not beaten for `staleMs`, atomically, so two survivors never both restore
 * one game.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { GameEvent } from '../../shared/engine/events.ts';
import type { GameState } from '../../shared/engine/types.ts';
import type { ChatLine } from '../../shared/protocol/serverMessages.ts';
import { cardText, gameFromRow, memberFromRow, orderFromRow, type Row, stateText } from './rows.ts';
import { type GameDump, SqliteStorage } from './SqliteStorage.ts';
import type {
  GameRecord,
  InjectRecord,
  MemberRecord,
  OrderRecord,
  RewindRecord,
  RoundRecord,
  SessionSnapshot,
  Storage,
} from './Storage.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS processes (
  id TEXT PRIMARY KEY, address TEXT NOT NULL, seen TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS games (
  code TEXT PRIMARY KEY, title TEXT NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
  created_at BIGINT NOT NULL, session TEXT NOT NULL, scenario TEXT NOT NULL, state TEXT NOT NULL,
  owner TEXT
);
CREATE TABLE IF NOT EXISTS members (
  token TEXT PRIMARY KEY, code TEXT NOT NULL REFERENCES games(code), role TEXT NOT NULL,
  nation TEXT, name TEXT NOT NULL, seq BIGSERIAL
);
CREATE TABLE IF NOT EXISTS orders (
  id BIGSERIAL PRIMARY KEY, code TEXT NOT NULL REFERENCES games(code), round INTEGER NOT NULL,
  nation TEXT NOT NULL, orders TEXT, by_name TEXT NOT NULL, at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS rounds (
  code TEXT NOT NULL REFERENCES games(code), round INTEGER NOT NULL, events TEXT NOT NULL,
  state TEXT NOT NULL, PRIMARY KEY (code, round)
);
CREATE TABLE IF NOT EXISTS chat (
  code TEXT NOT NULL REFERENCES games(code), id INTEGER NOT NULL, line TEXT NOT NULL,
  PRIMARY KEY (code, id)
);
-- Event cards the facilitator injected, with the round being played then (for late joiners' news).
CREATE TABLE IF NOT EXISTS injects (
  id BIGSERIAL PRIMARY KEY, code TEXT NOT NULL REFERENCES games(code), round INTEGER NOT NULL,
  events TEXT NOT NULL
);
-- The state each game started from, and the facilitator's rewinds (issue 19).
CREATE TABLE IF NOT EXISTS origins (
  code TEXT PRIMARY KEY REFERENCES games(code), state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rewinds (
  id BIGSERIAL PRIMARY KEY, code TEXT NOT NULL REFERENCES games(code), log TEXT NOT NULL
);
-- Columns added since the first release: older databases get them on start-up.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS rewound INTEGER NOT NULL DEFAULT 0;
ALTER TABLE injects ADD COLUMN IF NOT EXISTS card TEXT;
CREATE TABLE IF NOT EXISTS scenarios (
  id TEXT PRIMARY KEY, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_game ON orders (code, round);
CREATE INDEX IF NOT EXISTS injects_by_game ON injects (code);
CREATE INDEX IF NOT EXISTS members_by_game ON members (code);
CREATE INDEX IF NOT EXISTS games_unfinished ON games (status, owner);
`;

interface Write {
  sql: string;
  params: unknown[];
}

export interface PostgresOptions {
  /** The connection string, e.g. postgres://user:pass@host:5432/db. */
  url: string;
  /** This process's public address (shown in `processes`, for operators). */
  address?: string;
  /** A process that has not beaten for this long is taken as stopped (default 10 s). */
  staleMs?: number;
  /** How often this process beats (default 2 s). */
  heartbeatMs?: number;
  /** Called when a write fails: the memory and the database no longer agree (default: exit). */
  onFatal?: (error: Error) => void;
}

export class PostgresStorage implements Storage {
  /** This process's id in `processes` and `games.owner`. */
  readonly processId = randomUUID();
  private readonly pool: pg.Pool;
  private readonly memory = new SqliteStorage(':memory:');
  private readonly staleMs: number;
  private readonly onFatal: (error: Error) => void;
  private queue: Write[] = [];
  /** Writes queued so far, and committed so far (sequence numbers). */
  private queued = 0;
  private committed = 0;
  private waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private draining = false;
  private failed: Error | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  private constructor(options: PostgresOptions) {
    this.pool = new pg.Pool({ connectionString: options.url, max: 4 });
    this.staleMs = options.staleMs ?? 10_000;
    this.onFatal =
      options.onFatal ??
      ((e) => {
        console.error('PostgreSQL write failed; stopping so another process restores the game:', e);
        process.exit(1);
      });
  }

  /** Connects, creates the tables if needed and starts this process's heartbeat. */
  static async open(options: PostgresOptions): Promise<PostgresStorage> {
    const storage = new PostgresStorage(options);
    // One process at a time creates the schema (concurrent CREATE IF NOT EXISTS can collide).
    const client = await storage.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(7265)');
      await client.query(SCHEMA);
      await client.query('SELECT pg_advisory_unlock(7265)');
    } finally {
      client.release();
    }
    await storage.pool.query('INSERT INTO processes (id, address) VALUES ($1, $2)', [
      storage.processId,
      options.address ?? '',
    ]);
    storage.heartbeat = setInterval(() => {
      storage.pool
        .query('UPDATE processes SET seen = now() WHERE id = $1', [storage.processId])
        .catch((e: Error) => console.error('heartbeat failed:', e.message));
    }, options.heartbeatMs ?? 2000);
    storage.heartbeat.unref();
    return storage;
  }

  // ---- writes: to memory now, to PostgreSQL in order ----

  private write(sql: string, params: unknown[]) {
    if (this.failed) throw this.failed;
    this.queue.push({ sql, params });
    this.queued++;
    if (!this.draining) void this.drain();
  }

  /** Commits the queue in batches, one transaction each, until it is empty. */
  private async drain() {
    this.draining = true;
    while (this.queue.length > 0 && !this.failed) {
      const batch = this.queue;
      this.queue = [];
      const last = this.committed + batch.length;
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        for (const w of batch) await client.query(w.sql, w.params);
        await client.query('COMMIT');
        this.committed = last;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        this.failed = e as Error;
      } finally {
        client.release();
      }
      this.settle();
    }
    this.draining = false;
    if (this.failed) this.onFatal(this.failed);
  }

  private settle() {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) {
      if (this.failed) w.reject(this.failed);
      else if (w.seq <= this.committed) w.resolve();
      else this.waiters.push(w);
    }
  }

  flush(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    // Waiters resolve in the order they were made, so replies keep the order of the messages.
    if (this.queued === this.committed && this.waiters.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq: this.queued, resolve, reject }));
  }

  createGame(game: GameRecord, state: GameState): void {
    this.memory.createGame(game, state);
    this.write(
      'INSERT INTO games (code, title, options, status, created_at, session, scenario, state, owner) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [
        game.code,
        game.title,
        JSON.stringify(game.options),
        game.status,
        game.createdAt,
        JSON.stringify(game.session),
        JSON.stringify(state.scenario),
        stateText(state),
        this.processId,
      ],
    );
    this.write('INSERT INTO origins (code, state) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [
      game.code,
      stateText(state),
    ]);
  }

  updateGame(code: string, status: string, session: SessionSnapshot, state?: GameState): void {
    this.memory.updateGame(code, status, session, state);
    this.writeGame(code, status, session, state && stateText(state));
  }

  /** Queues the game's status and session, and its state (as stored text) if given. */
  private writeGame(code: string, status: string, session: SessionSnapshot, state?: string) {
    if (state !== undefined)
      this.write('UPDATE games SET status = $1, session = $2, state = $3 WHERE code = $4', [
        status,
        JSON.stringify(session),
        state,
        code,
      ]);
    else
      this.write('UPDATE games SET status = $1, session = $2 WHERE code = $3', [
        status,
        JSON.stringify(session),
        code,
      ]);
  }

  addMember(m: MemberRecord): void {
    this.memory.addMember(m);
    this.write('INSERT INTO members (token, code, role, nation, name) VALUES ($1, $2, $3, $4, $5)', [
      m.token,
      m.code,
      m.role,
      m.nation,
      m.name,
    ]);
  }

  addOrder(o: OrderRecord): void {
    this.memory.addOrder(o);
    this.write(
      'INSERT INTO orders (code, round, nation, orders, by_name, at) VALUES ($1, $2, $3, $4, $5, $6)',
      [o.code, o.round, o.nation, o.orders === null ? null : JSON.stringify(o.orders), o.by, o.at],
    );
  }

  addRound(
    code: string,
    round: number,
    events: GameEvent[],
    state: GameState,
    session: SessionSnapshot,
    status: string,
  ): void {
    this.memory.addRound(code, round, events, state, session, status);
    // The batch is one transaction: the round and the game's new state are committed together.
    const text = stateText(state);
    this.write(
      'INSERT INTO rounds (code, round, events, state) VALUES ($1, $2, $3, $4) ON CONFLICT (code, round) DO UPDATE SET events = EXCLUDED.events, state = EXCLUDED.state',
      [code, round, JSON.stringify(events), text],
    );
    this.writeGame(code, status, session, text);
  }

  addInject(
    code: string,
    round: number,
    events: GameEvent[],
    state: GameState,
    session: SessionSnapshot,
    status: string,
    card: InjectRecord['card'] = null,
  ): void {
    this.memory.addInject(code, round, events, state, session, status, card);
    this.write('INSERT INTO injects (code, round, events, card) VALUES ($1, $2, $3, $4)', [
      code,
      round,
      JSON.stringify(events),
      cardText(card),
    ]);
    this.writeGame(code, status, session, stateText(state));
  }

  rewind(
    code: string,
    rewind: RewindRecord,
    state: GameState,
    session: SessionSnapshot,
    status: string,
  ): void {
    this.memory.rewind(code, rewind, state, session, status);
    // One batch is one transaction: the rewind is committed whole or not at all.
    this.write('UPDATE orders SET rewound = 1 WHERE code = $1 AND round >= $2 AND rewound = 0', [
      code,
      rewind.round,
    ]);
    this.write('DELETE FROM rounds WHERE code = $1 AND round >= $2', [code, rewind.round]);
    this.write('DELETE FROM injects WHERE code = $1 AND round >= $2', [code, rewind.round]);
    this.write('INSERT INTO rewinds (code, log) VALUES ($1, $2)', [code, JSON.stringify(rewind)]);
    this.writeGame(code, status, session, stateText(state));
  }

  addChat(code: string, line: ChatLine): void {
    this.memory.addChat(code, line);
    this.write('INSERT INTO chat (code, id, line) VALUES ($1, $2, $3)', [
      code,
      line.id,
      JSON.stringify(line),
    ]);
  }

  // ---- reads of the games in memory ----

  getGame(code: string): GameRecord | undefined {
    return this.memory.getGame(code);
  }
  latestState(code: string): GameState | undefined {
    return this.memory.latestState(code);
  }
  members(code: string): MemberRecord[] {
    return this.memory.members(code);
  }
  orders(code: string, round?: number): OrderRecord[] {
    return this.memory.orders(code, round);
  }
  rounds(code: string): RoundRecord[] {
    return this.memory.rounds(code);
  }
  injects(code: string): InjectRecord[] {
    return this.memory.injects(code);
  }
  origin(code: string): GameState | undefined {
    return this.memory.origin(code);
  }
  stateAfter(code: string, round: number): GameState | undefined {
    return this.memory.stateAfter(code, round);
  }
  rewinds(code: string): RewindRecord[] {
    return this.memory.rewinds(code);
  }
  orderLog(code: string): OrderRecord[] {
    return this.memory.orderLog(code);
  }
  saveScenario(id: string, json: string): void {
    this.memory.saveScenario(id, json);
    this.write('INSERT INTO scenarios (id, json) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, json]);
  }
  async uploadedScenario(id: string): Promise<string | undefined> {
    const local = await this.memory.uploadedScenario(id);
    if (local !== undefined) return local;
    const r = await this.pool.query('SELECT json FROM scenarios WHERE id = $1', [id]);
    const json = (r.rows[0] as { json?: string } | undefined)?.json;
    if (json !== undefined) this.memory.saveScenario(id, json);
    return json;
  }
  chat(code: string): ChatLine[] {
    return this.memory.chat(code);
  }

  // ---- loading, claiming, forgetting ----

  async load(code: string): Promise<boolean> {
    if (this.memory.getGame(code)) return true;
    const dump = await this.dump(code);
    if (!dump) return false;
    // Another call may have loaded it while this one waited.
    if (!this.memory.getGame(code)) this.memory.importGame(dump);
    return true;
  }

  private async dump(code: string): Promise<GameDump | undefined> {
    const q = (sql: string) => this.pool.query(sql, [code]).then((r) => r.rows as Row[]);
    const [games, members, orders, rounds, chat, injects, origins, rewinds] = await Promise.all([
      q('SELECT * FROM games WHERE code = $1'),
      q('SELECT * FROM members WHERE code = $1 ORDER BY seq'),
      q('SELECT * FROM orders WHERE code = $1 ORDER BY id'),
      q('SELECT round, events, state FROM rounds WHERE code = $1 ORDER BY round'),
      q('SELECT line FROM chat WHERE code = $1 ORDER BY id'),
      q('SELECT round, events, card FROM injects WHERE code = $1 ORDER BY id'),
      q('SELECT state FROM origins WHERE code = $1'),
      q('SELECT log FROM rewinds WHERE code = $1 ORDER BY id'),
    ]);
    const g = games[0];
    if (!g) return undefined;
    return {
      game: gameFromRow(g),
      scenario: String(g.scenario),
      state: String(g.state),
      members: members.map(memberFromRow),
      orders: orders.map(orderFromRow),
      rounds: rounds.map((r) => ({
        round: Number(r.round),
        events: String(r.events),
        state: String(r.state),
      })),
      chat: chat.map((c) => JSON.parse(String(c.line)) as ChatLine),
      injects: injects.map((i) => ({
        round: Number(i.round),
        events: String(i.events),
        card: i.card === null || i.card === undefined ? null : String(i.card),
      })),
      ...(origins[0] ? { origin: String(origins[0].state) } : {}),
      rewinds: rewinds.map((r) => String(r.log)),
    };
  }

  async exists(code: string): Promise<boolean> {
    if (this.memory.getGame(code)) return true;
    const r = await this.pool.query('SELECT 1 FROM games WHERE code = $1', [code]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Takes over the unfinished games of stopped processes (or of none), and loads them. */
  async claimGames(): Promise<GameRecord[]> {
    const r = await this.pool.query(
      `UPDATE games SET owner = $1
       WHERE status <> 'ended' AND owner IS DISTINCT FROM $1
         AND (owner IS NULL OR owner NOT IN (
           SELECT id FROM processes WHERE seen > now() - make_interval(secs => $2)))
       RETURNING code`,
      [this.processId, this.staleMs / 1000],
    );
    const claimed: GameRecord[] = [];
    for (const row of r.rows as { code: string }[]) {
      this.memory.deleteGame(row.code);
      if (await this.load(row.code)) claimed.push(this.memory.getGame(row.code)!);
    }
    // Processes silent for an hour are gone for good.
    await this.pool.query("DELETE FROM processes WHERE seen < now() - interval '1 hour'");
    return claimed;
  }

  forget(code: string): void {
    this.memory.deleteGame(code);
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.flush().catch(() => {});
    // A clean stop hands the games over at once: the others need not wait for the heartbeat to age.
    await this.pool.query('DELETE FROM processes WHERE id = $1', [this.processId]).catch(() => {});
    await this.pool.end();
    await this.memory.close();
  }
}
