/**
 * What a game keeps and publishes: its empty session, the resolution of a round (saved with the
 * round's events and announced) and the reports published so far, read back from storage.
 */
import {
  type GameEvent,
  type GameState,
  type Orders,
  parseOrders,
  resolveRound,
} from '../../shared/engine/index.ts';
import type { BotExplanation, ReportKind } from '../../shared/protocol/serverMessages.ts';
import type { SessionSnapshot, Storage } from '../storage/Storage.ts';
import { botExplanations } from './botExplanation.ts';
import type { GameSession } from './GameSession.ts';

export const EMPTY_SESSION: SessionSnapshot = {
  phase: 'lobby',
  deadline: 0,
  paused: false,
  remaining: 0,
  botSeats: [],
  forcedBots: [],
  ready: [],
  muted: [],
  kicked: [],
  asking: [],
  locked: false,
  barredNames: [],
  drafts: [],
};

/** The round's submitted orders (the last stored for each nation) and drafts, as last saved. */
export function loadRound(g: GameSession): void {
  for (const o of g.storage.orders(g.code, g.state.round)) {
    if (o.orders) g.submitted.set(o.nation, { orders: o.orders, by: o.by });
    else g.submitted.delete(o.nation);
  }
  for (const d of g.session.drafts)
    if (d.round === g.state.round) g.drafts.set(d.nation, { orders: d.orders, by: d.by });
}

/** A report published earlier in the game (past reports carry no bot explanations). */
export interface PastReport {
  kind: ReportKind;
  round: number;
  events: GameEvent[];
}

/**
 * Every report published so far, oldest first: the resolved rounds (the last one the end, if the game
 * ended) and the injected cards, each before the resolution of the round it was injected in.
 */
export function pastReports(storage: Storage, code: string): PastReport[] {
  const reports: PastReport[] = storage.rounds(code).map((r) => ({
    kind: r.events.some((e) => e.type === 'GameEnded') ? 'end' : 'round',
    round: r.round,
    events: r.events,
  }));
  for (const i of storage.injects(code)) {
    const at = reports.findIndex((r) => r.kind !== 'inject' && r.round >= i.round);
    const report: PastReport = { kind: 'inject', round: i.round, events: i.events };
    if (at < 0) reports.push(report);
    else reports.splice(at, 0, report);
  }
  return reports;
}

export interface Resolution {
  round: number;
  state: GameState;
  events: GameEvent[];
  bots: BotExplanation[];
  botsFull: BotExplanation[];
}

/** Resolves the round with the submitted orders; the round's submissions, drafts and explanations are cleared. */
export function resolution(g: GameSession): Resolution {
  const orders: Record<string, Orders> = {};
  for (const [nation, sub] of g.submitted) {
    const parsed = parseOrders(g.state, nation, sub.orders);
    if (parsed.ok) orders[nation] = parsed.value;
  }
  const round = g.state.round;
  const { state, events } = resolveRound(g.state, orders);
  const { shown: bots, full: botsFull } = botExplanations(
    [...g.explanations.values()].filter((e) => g.submitted.get(e.nation)?.by === 'bot'),
    (n) => g.submitted.get(n)?.orders,
    (n) => g.state.scenario.nations.find((x) => x.id === n)?.name ?? n,
  );
  g.explanations.clear();
  g.submitted.clear();
  g.drafts.clear();
  return { round, state, events, bots, botsFull };
}

/** A resolved round that did not end the game: saved, then announced. */
export function publishRound(
  g: GameSession,
  round: number,
  events: GameEvent[],
  bots: BotExplanation[],
  botsFull: BotExplanation[],
): void {
  g.storage.addRound(g.code, round, events, g.state, g.session, g.status);
  g.delivery?.report('round', round, events, bots, botsFull);
  for (const n of Object.keys(g.state.nations)) g.delivery?.teamOrders(n);
}
