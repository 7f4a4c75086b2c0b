/**
 * A game's report, cut for who asks, as the game itself is: every nation's public quantities per
 * round for all; the events, orders and chat a viewer could see in the game at that moment (a
 * spectator or anyone without a token: public events and chat, no orders; a nation's player: also its
 * own orders, the events addressed to it and its channels; the facilitator: everything). After the
 * game, what the debrief reveals is added: every order, the secret objectives and the seed. Used for
 * the after-action report and the debrief export, as JSON or CSV.
 */
import { eventsFor, scoreboard, type Viewer } from '../../shared/engine/index.ts';
import { maySeeChat } from '../game/chatAudience.ts';
import type { GameSession } from '../game/GameSession.ts';
import type { Storage } from '../storage/Storage.ts';

export function gameReport(storage: Storage, session: GameSession, viewer: Viewer) {
  const { state } = session;
  const ended = state.status === 'ended';
  const facilitator = viewer.kind === 'facilitator';
  const reader =
    viewer.kind === 'nation'
      ? ({ role: 'player', nation: viewer.nation } as const)
      : ({ role: facilitator ? 'facilitator' : 'spectator', nation: null } as const);
  // Orders are the nations' secrets until the end: the facilitator's during the game (of the rounds
  // resolved), a nation's own, everyone's after the end.
  const orders = storage
    .orders(session.code)
    .filter((o) =>
      ended
        ? true
        : o.round < state.round && (facilitator || (viewer.kind === 'nation' && o.nation === viewer.nation)),
    )
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
      seed: ended || facilitator ? state.seed : null,
      options: { ...session.options, seed: undefined },
    },
    nations: state.scenario.nations.map((n) => ({ id: n.id, name: n.name })),
    history: state.history,
    ranking: scoreboard(state, { revealSecrets: ended || facilitator }),
    rounds: storage
      .rounds(session.code)
      .map((r) => ({ round: r.round, events: eventsFor(r.events, viewer) })),
    orders,
    chat: storage.chat(session.code).filter((l) => maySeeChat(l, reader)),
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

/**
 * One CSV cell. Text that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
 * carriage return) gets a leading apostrophe, so a chat line or a name cannot run in the reader's
 * spreadsheet; numbers stay numbers.
 */
export const csvCell = (v: unknown) => {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
