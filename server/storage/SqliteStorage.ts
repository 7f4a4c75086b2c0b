/**
 * Storage on SQLite through Node's built-in node:sqlite (no native build step). One file per
 * server process, in WAL mode; each write is committed before the call returns. The scenario is stored once
 * per game and the engine state without it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { GameEvent } from '../../shared/engine/events.ts';
import type { Scenario } from '../../shared/engine/scenarioSchema.ts';
import type { GameState } from '../../shared/engine/types.ts';
import type { ChatLine } from '../../shared/protocol/serverMessages.ts';
import {
  cardText,
  gameFromRow,
  injectFromRow,
  memberFromRow,
  orderFromRow,
  type Row,
  roundFromRow,
  stateText,
} from './rows.ts';
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
CREATE TABLE IF NOT EXISTS games (
  code TEXT PRIMARY KEY, title TEXT NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
  created_at INTEGER NOT NULL, session TEXT NOT NULL, scenario TEXT NOT NULL, state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
  token TEXT PRIMARY KEY, code TEXT NOT NULL REFERENCES games(code), role TEXT NOT NULL,
  nation TEXT, name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL REFERENCES games(code), round INTEGER NOT NULL,
  nation TEXT NOT NULL, orders TEXT, by_name TEXT NOT NULL, at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rounds (
  code TEXT NOT NULL REFERENCES games(code), round INTEGER NOT NULL, events TEXT NOT NULL, state TEXT NOT NULL,
  PRIMARY KEY (code, round)
);
CREATE TABLE IF NOT EXISTS chat (
  id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL REFERENCES games(code), line TEXT NOT NULL
);
-- Event cards the facilitator injected, with the round being played then (for late joiners' news).
CREATE TABLE IF NOT EXISTS injects (
  id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL REFERENCES games(code), round INTEGER NOT NULL,
  events TEXT NOT NULL
);
-- The status and session change with every readiness: kept apart from the large state, whose row
-- SQLite would otherwise rewrite on each change (older files have them only in games).
CREATE TABLE IF NOT EXISTS game_sessions (
  code TEXT PRIMARY KEY REFERENCES games(code), status TEXT NOT NULL, session TEXT NOT NULL
);
-- The state each game started from (the start of round 1), for rewinds and replays (issue 19).
CREATE TABLE IF NOT EXISTS origins (
  code TEXT PRIMARY KEY REFERENCES games(code), state TEXT NOT NULL
);
-- The facilitator's rewinds, each with the rounds and injects it discarded (JSON).
CREATE TABLE IF NOT EXISTS rewinds (
  id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL REFERENCES games(code), log TEXT NOT NULL
);
-- Scenarios facilitators uploaded from the editor, by id (custom-<hash of the text>).
CREATE TABLE IF NOT EXISTS scenarios (
  id TEXT PRIMARY KEY, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_game ON orders (code, round);
CREATE INDEX IF NOT EXISTS chat_by_game ON chat (code);
CREATE INDEX IF NOT EXISTS members_by_game ON members (code);
CREATE INDEX IF NOT EXISTS injects_by_game ON injects (code);
`;

export class SqliteStorage implements Storage {
  private readonly db: DatabaseSync;
  readonly path: string;

  /**
   * Opens (or creates) the database file; ':memory:' for a throwaway one. WAL with synchronous =
   * NORMAL: a commit is in the file (the OS's cache) when the call returns, so a crash or kill of
   * the server process loses nothing; only a power cut or a kernel crash can lose the last commits.
   * `synchronous: 'FULL'` makes every commit wait for the disk (about 7 times slower here).
   */
  constructor(path: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}) {
    this.path = path;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    const sync = options.synchronous === 'FULL' ? 'FULL' : 'NORMAL';
    this.db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${sync}; PRAGMA foreign_keys = ON;`);
    this.db.exec(SCHEMA);
    // Columns added since the first release: older files get them on start-up.
    this.addColumn('orders', 'rewound', 'INTEGER NOT NULL DEFAULT 0');
    this.addColumn('injects', 'card', 'TEXT');
  }

  private addColumn(table: string, column: string, type: string) {
    const columns = this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === column))
      this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }

  private readonly statements = new Map<string, StatementSync>();
  /** A prepared statement, compiled once. */
  private stmt(sql: string): StatementSync {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private transaction(fn: () => void) {
    this.db.exec('BEGIN');
    try {
      fn();
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  createGame(game: GameRecord, state: GameState): void {
    this.stmt(
      'INSERT INTO games (code, title, options, status, created_at, session, scenario, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      game.code,
      game.title,
      JSON.stringify(game.options),
      game.status,
      game.createdAt,
      JSON.stringify(game.session),
      JSON.stringify(state.scenario),
      stateText(state),
    );
    this.stmt('INSERT OR REPLACE INTO origins (code, state) VALUES (?, ?)').run(game.code, stateText(state));
  }

  updateGame(code: string, status: string, session: SessionSnapshot, state?: GameState): void {
    this.saveGame(code, status, session, state && stateText(state));
  }

  /** Writes the game's status and session, and its state (as stored text) if given. */
  private saveGame(code: string, status: string, session: SessionSnapshot, state?: string) {
    const text = JSON.stringify(session);
    if (state !== undefined)
      this.stmt('UPDATE games SET status = ?, session = ?, state = ? WHERE code = ?').run(
        status,
        text,
        state,
        code,
      );
    this.stmt(
      'INSERT INTO game_sessions (code, status, session) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET status = excluded.status, session = excluded.session',
    ).run(code, status, text);
  }

  getGame(code: string): GameRecord | undefined {
    const row = this.stmt(
      'SELECT g.code, g.title, g.options, g.created_at, COALESCE(s.status, g.status) AS status, COALESCE(s.session, g.session) AS session FROM games g LEFT JOIN game_sessions s ON s.code = g.code WHERE g.code = ?',
    ).get(code) as Row | undefined;
    return row ? gameFromRow(row) : undefined;
  }

  latestState(code: string): GameState | undefined {
    const row = this.stmt('SELECT scenario, state FROM games WHERE code = ?').get(code) as Row | undefined;
    if (!row) return undefined;
    const state = JSON.parse(String(row.state)) as GameState;
    state.scenario = JSON.parse(String(row.scenario)) as Scenario;
    return state;
  }

  private unfinishedGames(): GameRecord[] {
    return (
      this.stmt(
        "SELECT g.code, g.title, g.options, g.created_at, COALESCE(s.status, g.status) AS status, COALESCE(s.session, g.session) AS session FROM games g LEFT JOIN game_sessions s ON s.code = g.code WHERE COALESCE(s.status, g.status) != 'ended' ORDER BY g.created_at",
      ).all() as Row[]
    ).map((r) => gameFromRow(r));
  }

  addMember(m: MemberRecord): void {
    this.stmt('INSERT INTO members (token, code, role, nation, name) VALUES (?, ?, ?, ?, ?)').run(
      m.token,
      m.code,
      m.role,
      m.nation,
      m.name,
    );
  }

  members(code: string): MemberRecord[] {
    return (this.stmt('SELECT * FROM members WHERE code = ? ORDER BY rowid').all(code) as Row[]).map(
      memberFromRow,
    );
  }

  addOrder(o: OrderRecord): void {
    this.stmt(
      'INSERT INTO orders (code, round, nation, orders, by_name, at, rewound) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      o.code,
      o.round,
      o.nation,
      o.orders === null ? null : JSON.stringify(o.orders),
      o.by,
      o.at,
      o.rewound ? 1 : 0,
    );
  }

  orders(code: string, round?: number): OrderRecord[] {
    const rows = (
      round === undefined
        ? this.stmt('SELECT * FROM orders WHERE code = ? AND rewound = 0 ORDER BY id').all(code)
        : this.stmt('SELECT * FROM orders WHERE code = ? AND round = ? AND rewound = 0 ORDER BY id').all(
            code,
            round,
          )
    ) as Row[];
    return rows.map(orderFromRow);
  }

  orderLog(code: string): OrderRecord[] {
    return (this.stmt('SELECT * FROM orders WHERE code = ? ORDER BY id').all(code) as Row[]).map(
      orderFromRow,
    );
  }

  /** A stored state (text without its scenario) with the game's scenario put back. */
  private withScenario(code: string, text: unknown): GameState | undefined {
    if (typeof text !== 'string') return undefined;
    const row = this.stmt('SELECT scenario FROM games WHERE code = ?').get(code) as Row | undefined;
    if (!row) return undefined;
    const state = JSON.parse(text) as GameState;
    state.scenario = JSON.parse(String(row.scenario)) as Scenario;
    return state;
  }

  origin(code: string): GameState | undefined {
    const row = this.stmt('SELECT state FROM origins WHERE code = ?').get(code) as Row | undefined;
    return this.withScenario(code, row?.state);
  }

  stateAfter(code: string, round: number): GameState | undefined {
    const row = this.stmt('SELECT state FROM rounds WHERE code = ? AND round = ?').get(code, round) as
      | Row
      | undefined;
    return this.withScenario(code, row?.state);
  }

  rewind(
    code: string,
    rewind: RewindRecord,
    state: GameState,
    session: SessionSnapshot,
    status: string,
  ): void {
    this.transaction(() => {
      this.stmt('UPDATE orders SET rewound = 1 WHERE code = ? AND round >= ? AND rewound = 0').run(
        code,
        rewind.round,
      );
      this.stmt('DELETE FROM rounds WHERE code = ? AND round >= ?').run(code, rewind.round);
      this.stmt('DELETE FROM injects WHERE code = ? AND round >= ?').run(code, rewind.round);
      this.stmt('INSERT INTO rewinds (code, log) VALUES (?, ?)').run(code, JSON.stringify(rewind));
      this.saveGame(code, status, session, stateText(state));
    });
  }

  saveScenario(id: string, json: string): void {
    this.stmt('INSERT OR IGNORE INTO scenarios (id, json) VALUES (?, ?)').run(id, json);
  }

  async uploadedScenario(id: string): Promise<string | undefined> {
    const row = this.stmt('SELECT json FROM scenarios WHERE id = ?').get(id) as Row | undefined;
    return row ? String(row.json) : undefined;
  }

  rewinds(code: string): RewindRecord[] {
    return (this.stmt('SELECT log FROM rewinds WHERE code = ? ORDER BY id').all(code) as Row[]).map((r) =>
      JSON.parse(String(r.log)),
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
    const text = stateText(state);
    this.transaction(() => {
      this.stmt('INSERT OR REPLACE INTO rounds (code, round, events, state) VALUES (?, ?, ?, ?)').run(
        code,
        round,
        JSON.stringify(events),
        text,
      );
      this.saveGame(code, status, session, text);
    });
  }

  rounds(code: string): RoundRecord[] {
    return (
      this.stmt('SELECT round, events FROM rounds WHERE code = ? ORDER BY round').all(code) as Row[]
    ).map(roundFromRow);
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
    this.transaction(() => {
      this.stmt('INSERT INTO injects (code, round, events, card) VALUES (?, ?, ?, ?)').run(
        code,
        round,
        JSON.stringify(events),
        cardText(card),
      );
      this.saveGame(code, status, session, stateText(state));
    });
  }

  injects(code: string): InjectRecord[] {
    return (
      this.stmt('SELECT round, events, card FROM injects WHERE code = ? ORDER BY id').all(code) as Row[]
    ).map(injectFromRow);
  }

  addChat(code: string, line: ChatLine): void {
    this.stmt('INSERT INTO chat (code, line) VALUES (?, ?)').run(code, JSON.stringify(line));
  }

  chat(code: string): ChatLine[] {
    return (this.stmt('SELECT line FROM chat WHERE code = ? ORDER BY id').all(code) as Row[]).map((r) =>
      JSON.parse(String(r.line)),
    );
  }

  /** Every write was committed before its call returned. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  async load(code: string): Promise<boolean> {
    return this.getGame(code) !== undefined;
  }

  async exists(code: string): Promise<boolean> {
    return this.getGame(code) !== undefined;
  }

  private readonly claimed = new Set<string>();
  /** One process owns the file: every unfinished game, each handed out once. */
  async claimGames(): Promise<GameRecord[]> {
    const games = this.unfinishedGames().filter((g) => !this.claimed.has(g.code));
    for (const g of games) this.claimed.add(g.code);
    return games;
  }

  /** Nothing is held in memory. */
  forget(_code: string): void {}

  /** Copies a game saved elsewhere in (PostgresStorage keeps the games it runs in memory this way). */
  importGame(dump: GameDump): void {
    this.transaction(() => {
      const g = dump.game;
      this.stmt(
        'INSERT OR REPLACE INTO games (code, title, options, status, created_at, session, scenario, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        g.code,
        g.title,
        JSON.stringify(g.options),
        g.status,
        g.createdAt,
        JSON.stringify(g.session),
        dump.scenario,
        dump.state,
      );
      for (const m of dump.members) this.addMember(m);
      for (const o of dump.orders) this.addOrder(o);
      for (const r of dump.rounds)
        this.stmt('INSERT INTO rounds (code, round, events, state) VALUES (?, ?, ?, ?)').run(
          g.code,
          r.round,
          r.events,
          r.state,
        );
      for (const line of dump.chat) this.addChat(g.code, line);
      for (const i of dump.injects)
        this.stmt('INSERT INTO injects (code, round, events, card) VALUES (?, ?, ?, ?)').run(
          g.code,
          i.round,
          i.events,
          i.card ?? null,
        );
      if (dump.origin !== undefined)
        this.stmt('INSERT OR REPLACE INTO origins (code, state) VALUES (?, ?)').run(g.code, dump.origin);
      for (const log of dump.rewinds ?? [])
        this.stmt('INSERT INTO rewinds (code, log) VALUES (?, ?)').run(g.code, log);
    });
  }

  /** Removes a game and everything of it (used by the in-memory copy of PostgresStorage). */
  deleteGame(code: string): void {
    this.transaction(() => {
      for (const table of [
        'injects',
        'chat',
        'orders',
        'rounds',
        'members',
        'game_sessions',
        'origins',
        'rewinds',
        'games',
      ])
        this.stmt(`DELETE FROM ${table} WHERE code = ?`).run(code);
    });
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** A whole saved game, as PostgresStorage reads it (states and events as stored JSON text). */
export interface GameDump {
  game: GameRecord;
  scenario: string;
  state: string;
  members: MemberRecord[];
  orders: OrderRecord[];
  rounds: { round: number; events: string; state: string }[];
  chat: ChatLine[];
  /** Injected cards, oldest first (events and card as stored JSON text). */
  injects: { round: number; events: string; card?: string | null }[];
  /** The state the game started from (stored text), if stored. */
  origin?: string;
  /** The rewinds' logs (stored JSON text), oldest first. */
  rewinds?: string[];
}
