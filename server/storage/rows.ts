/**
 * The rows both databases store, read back the same way: SQLite (SqliteStorage.ts) and PostgreSQL
 * (PostgresStorage.ts) share the table layout of games, members and orders.
 */
import type { GameState } from '../../shared/engine/types.ts';
import type { GameRecord, InjectRecord, MemberRecord, OrderRecord, RoundRecord } from './Storage.ts';

export type Row = Record<string, unknown>;

/** The engine state as stored: without its scenario, which is stored once per game. */
export const stateText = (state: GameState) => JSON.stringify({ ...state, scenario: undefined });

export function gameFromRow(row: Row): GameRecord {
  return {
    code: String(row.code),
    title: String(row.title),
    options: JSON.parse(String(row.options)),
    status: String(row.status),
    createdAt: Number(row.created_at),
    session: JSON.parse(String(row.session)),
  };
}

export function memberFromRow(row: Row): MemberRecord {
  return {
    token: String(row.token),
    code: String(row.code),
    role: String(row.role) as MemberRecord['role'],
    nation: row.nation === null ? null : String(row.nation),
    name: String(row.name),
  };
}

export function orderFromRow(row: Row): OrderRecord {
  return {
    code: String(row.code),
    round: Number(row.round),
    nation: String(row.nation),
    orders: row.orders === null ? null : JSON.parse(String(row.orders)),
    by: String(row.by_name),
    at: Number(row.at),
    ...(Number(row.rewound ?? 0) ? { rewound: true } : {}),
  };
}

/** An injected card as stored: JSON, or null for none. */
export const cardText = (card: InjectRecord['card'] | undefined) =>
  card === null || card === undefined ? null : JSON.stringify(card);

export function roundFromRow(row: Row): RoundRecord {
  return { round: Number(row.round), events: JSON.parse(String(row.events)) };
}

export function injectFromRow(row: Row): InjectRecord {
  return {
    ...roundFromRow(row),
    card: row.card === null || row.card === undefined ? null : JSON.parse(String(row.card)),
  };
}
