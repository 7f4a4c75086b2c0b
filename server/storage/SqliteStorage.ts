/**
 * Storage on SQLite through Node's built-in node:sqlite (no native build step). One file per
 * server, in WAL mode; each write is committed before the call returns. The scenario is stored once
 * per game and the engine state without it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { GameEvent } from '../../shared/engine/events.ts';
import type { Scenario } from '../../shared/engine/scenarioSchema.ts';
import type { GameState } from '../../shared/engine/types.ts';
import type { ChatLine } from '../../shared/protocol/serverMessages.ts';
import type {
  GameRecord,
  MemberRecord,
  OrderRecord,
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
CREATE INDEX IF NOT EXISTS orders_by_game ON orders (code, round);
CREATE INDEX IF NOT EXISTS chat_by_game ON chat (code);
CREATE INDEX IF NOT EXISTS members_by_game ON members (code);
`;

type Row = Record<string, unknown>;

const stateText = (state: GameState) => JSON.stringify({ ...state, scenario: undefined });

export class SqliteStorage implements Storage {
  private readonly db: DatabaseSync;
  readonly path: string;

  /** Opens (or creates) the database file; ':memory:' for a throwaway one. */
  constructor(path: string) {
    this.path = path;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    this.db.exec(SCHEMA);
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

  private game(row: Row): GameRecord {
    return {
      code: String(row.code),
      title: String(row.title),
      options: JSON.parse(String(row.options)),
      status: String(row.status),
      createdAt: Number(row.created_at),
      session: JSON.parse(String(row.session)),
    };
  }

  createGame(game: GameRecord, state: GameState): void {
    this.db
      .prepare(
        'INSERT INTO games (code, title, options, status, created_at, session, scenario, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        game.code,
        game.title,
        JSON.stringify(game.options),
        game.status,
        game.createdAt,
        JSON.stringify(game.session),
        JSON.stringify(state.scenario),
        stateText(state),
      );
  }

  updateGame(code: string, status: string, session: SessionSnapshot, state?: GameState): void {
    if (state) {
      this.db
        .prepare('UPDATE games SET status = ?, session = ?, state = ? WHERE code = ?')
        .run(status, JSON.stringify(session), stateText(state), code);
    } else {
      this.db
        .prepare('UPDATE games SET status = ?, session = ? WHERE code = ?')
        .run(status, JSON.stringify(session), code);
    }
  }

  getGame(code: string): GameRecord | undefined {
    const row = this.db.prepare('SELECT * FROM games WHERE code = ?').get(code) as Row | undefined;
    return row ? this.game(row) : undefined;
  }

  latestState(code: string): GameState | undefined {
    const row = this.db.prepare('SELECT scenario, state FROM games WHERE code = ?').get(code) as
      | Row
      | undefined;
    if (!row) return undefined;
    const state = JSON.parse(String(row.state)) as GameState;
    state.scenario = JSON.parse(String(row.scenario)) as Scenario;
    return state;
  }

  unfinishedGames(): GameRecord[] {
    return (
      this.db.prepare("SELECT * FROM games WHERE status != 'ended' ORDER BY created_at").all() as Row[]
    ).map((r) => this.game(r));
  }

  addMember(m: MemberRecord): void {
    this.db
      .prepare('INSERT INTO members (token, code, role, nation, name) VALUES (?, ?, ?, ?, ?)')
      .run(m.token, m.code, m.role, m.nation, m.name);
  }

  private memberOf(row: Row): MemberRecord {
    return {
      token: String(row.token),
      code: String(row.code),
      role: String(row.role) as MemberRecord['role'],
      nation: row.nation === null ? null : String(row.nation),
      name: String(row.name),
    };
  }

  member(token: string): MemberRecord | undefined {
    const row = this.db.prepare('SELECT * FROM members WHERE token = ?').get(token) as Row | undefined;
    return row ? this.memberOf(row) : undefined;
  }

  members(code: string): MemberRecord[] {
    return (this.db.prepare('SELECT * FROM members WHERE code = ? ORDER BY rowid').all(code) as Row[]).map(
      (r) => this.memberOf(r),
    );
  }

  addOrder(o: OrderRecord): void {
    this.db
      .prepare('INSERT INTO orders (code, round, nation, orders, by_name, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(o.code, o.round, o.nation, o.orders === null ? null : JSON.stringify(o.orders), o.by, o.at);
  }

  orders(code: string, round?: number): OrderRecord[] {
    const rows = (
      round === undefined
        ? this.db.prepare('SELECT * FROM orders WHERE code = ? ORDER BY id').all(code)
        : this.db.prepare('SELECT * FROM orders WHERE code = ? AND round = ? ORDER BY id').all(code, round)
    ) as Row[];
    return rows.map((r) => ({
      code: String(r.code),
      round: Number(r.round),
      nation: String(r.nation),
      orders: r.orders === null ? null : JSON.parse(String(r.orders)),
      by: String(r.by_name),
      at: Number(r.at),
    }));
  }

  addRound(
    code: string,
    round: number,
    events: GameEvent[],
    state: GameState,
    session: SessionSnapshot,
    status: string,
  ): void {
    this.transaction(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO rounds (code, round, events, state) VALUES (?, ?, ?, ?)')
        .run(code, round, JSON.stringify(events), stateText(state));
      this.updateGame(code, status, session, state);
    });
  }

  rounds(code: string): RoundRecord[] {
    return (
      this.db.prepare('SELECT round, events FROM rounds WHERE code = ? ORDER BY round').all(code) as Row[]
    ).map((r) => ({ round: Number(r.round), events: JSON.parse(String(r.events)) }));
  }

  addChat(code: string, line: Omit<ChatLine, 'id'>): number {
    let id = 0;
    this.transaction(() => {
      const result = this.db.prepare('INSERT INTO chat (code, line) VALUES (?, ?)').run(code, '{}');
      id = Number(result.lastInsertRowid);
      this.db.prepare('UPDATE chat SET line = ? WHERE id = ?').run(JSON.stringify({ id, ...line }), id);
    });
    return id;
  }

  chat(code: string): ChatLine[] {
    return (this.db.prepare('SELECT line FROM chat WHERE code = ? ORDER BY id').all(code) as Row[]).map((r) =>
      JSON.parse(String(r.line)),
    );
  }

  close(): void {
    this.db.close();
  }
}
