/**
 * A game's report: every nation's quantities per round, every order of the resolved rounds, every
 * public event, and (for the facilitator only) every event and the whole chat. Used for the
 * after-action report and the debrief export, as JSON or CSV.
 */
import { eventsFor, scoreboard } from '../../shared/engine/index.ts';
import type { GameSession } from '../game/GameSession.ts';
import type { Storage } from '../storage/Storage.ts';

export interface ReportOptions {
  /** The facilitator's view: every event and every chat channel. */
  facilitator: boolean;
}

export function gameReport(storage: Storage, session: GameSession, options: ReportOptions) {
  const { state } = session;
  const ended = state.status === 'ended';
  const viewer = options.facilitator ? ({ kind: 'facilitator' } as const) : ({ kind: 'spectator' } as const);
  // Orders of the round being played stay hidden until it resolves.
  const orders = storage
    .orders(session.code)
    .filter((o) => ended || o.round < state.round)
    .map((o) => ({
      round: o.round,
      nation: o.nation,
      by: o.by,
      at: new Date(o.at).toISOString(),
      orders: o.orders,
    }));
  return {
    game: {
      code: session.code,
      title: session.title,
      scenario: state.scenario.id,
      status: session.status,
      round: state.round,
      rounds: state.rounds,
      seed: ended || options.facilitator ? state.seed : null,
      options: { ...session.options, seed: undefined },
    },
    nations: state.scenario.nations.map((n) => ({ id: n.id, name: n.name })),
    history: state.history,
    ranking: scoreboard(state, { revealSecrets: ended || options.facilitator }),
    rounds: storage
      .rounds(session.code)
      .map((r) => ({ round: r.round, events: eventsFor(r.events, viewer) })),
    orders,
    chat: options.facilitator
      ? storage.chat(session.code)
      : storage.chat(session.code).filter((l) => l.channel === 'public'),
  };
}

const HISTORY_COLUMNS = [
  'softPower',
  'compute',
  'capability',
  'trust',
  'sovereignty',
  'economy',
  'budget',
  'score',
] as const;

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The report's quantities per round and nation, one row each, as CSV. */
export function historyCsv(report: ReturnType<typeof gameReport>): string {
  const rows = [['round', 'nation', ...HISTORY_COLUMNS].join(',')];
  for (const entry of report.history) {
    for (const [nation, q] of Object.entries(entry.nations)) {
      rows.push([entry.round, nation, ...HISTORY_COLUMNS.map((c) => q[c])].map(csvCell).join(','));
    }
  }
  return `${rows.join('\n')}\n`;
}

/** One table of the report as CSV: 'history' (default), 'orders', 'events' or 'chat'. */
export function reportCsv(report: ReturnType<typeof gameReport>, table: string): string | null {
  if (table === 'history') return historyCsv(report);
  let rows: unknown[][];
  if (table === 'orders') {
    rows = [['round', 'nation', 'by', 'at', 'orders']];
    for (const o of report.orders) rows.push([o.round, o.nation, o.by, o.at, JSON.stringify(o.orders)]);
  } else if (table === 'events') {
    rows = [['round', 'type', 'params']];
    for (const r of report.rounds)
      for (const e of r.events) rows.push([e.round, e.type, JSON.stringify(e.params)]);
  } else if (table === 'chat') {
    rows = [['round', 'channel', 'team', 'from', 'nation', 'at', 'text']];
    for (const l of report.chat)
      rows.push([
        l.round,
        l.channel,
        l.team ?? '',
        l.from.name,
        l.from.nation ?? '',
        new Date(l.at).toISOString(),
        l.text,
      ]);
  } else return null;
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
