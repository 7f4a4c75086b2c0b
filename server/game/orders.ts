/**
 * A team's orders: its shared draft, its submission (checked by the engine, stored durably before
 * it is acknowledged) and its retraction.
 */
import { type OrdersInput, type Problem, parseOrders, type Result } from '../../shared/engine/index.ts';
import type { TeamOrdersMessage } from '../../shared/protocol/serverMessages.ts';
import type { MemberRecord } from '../storage/Storage.ts';
import { fail } from './fail.ts';
import type { GameSession } from './GameSession.ts';
import { handedOver } from './handover.ts';

export interface Submission {
  orders: OrdersInput;
  by: string;
}

/**
 * An answer to a proposal that is not the nation's gets the same refusal whether the proposal exists
 * (between two other nations) or not: the refusal must not tell a third nation what is pending.
 */
function unrevealing(p: Problem): Problem {
  if (!/^treaties\.answer\.\d+\.id$/.test(p.path)) return p;
  const id = /'([^']*)'/.exec(p.message)?.[1] ?? '';
  return { path: p.path, message: `no pending proposal '${id}' addressed to you` };
}

/** The member's nation, if it plays one in a running game. */
export function playing(g: GameSession, m: MemberRecord): Result<string> {
  if (!m.nation) return fail('', 'only a player with a nation can send orders');
  if (g.status !== 'running')
    return fail('', g.status === 'lobby' ? 'the game has not started' : 'the game has ended');
  return { ok: true, value: m.nation };
}

export function teamOrders(g: GameSession, nation: string): TeamOrdersMessage {
  const d = g.drafts.get(nation);
  const s = g.submitted.get(nation);
  return {
    nation,
    round: g.state.round,
    draft: d?.orders ?? null,
    draftBy: d?.by ?? null,
    submitted: s?.orders ?? null,
    submittedBy: s?.by ?? null,
  };
}

/** Drafts may be shared from the lobby on, so a team can plan before the first round. */
export function draft(g: GameSession, m: MemberRecord, orders: OrdersInput): Result<null> {
  if (!m.nation) return fail('', 'only a player with a nation can draft orders');
  if (g.status === 'ended') return fail('', 'the game has ended');
  const seat = handedOver(g, m.nation);
  if (!seat.ok) return seat;
  g.drafts.set(m.nation, { orders, by: m.name });
  // Saved with the session before the draft is acknowledged: a restart does not lose it.
  g.session = {
    ...g.session,
    drafts: [...g.drafts].map(([nation, d]) => ({
      round: g.state.round,
      nation,
      orders: d.orders,
      by: d.by,
    })),
  };
  g.save();
  g.delivery?.teamOrders(m.nation);
  return { ok: true, value: null };
}

/** Checks orders against the state; stores them durably before saying yes. */
export function submit(g: GameSession, m: MemberRecord, input: OrdersInput, now: number): Result<null> {
  const who = playing(g, m);
  if (!who.ok) return who;
  const seat = handedOver(g, who.value);
  if (!seat.ok) return seat;
  const parsed = parseOrders(g.state, who.value, input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map(unrevealing) };
  record(g, who.value, input, m.name, now);
  g.checkAllReady(now);
  return { ok: true, value: null };
}

export function retract(g: GameSession, m: MemberRecord, now: number): Result<null> {
  const who = playing(g, m);
  if (!who.ok) return who;
  const seat = handedOver(g, who.value);
  if (!seat.ok) return seat;
  if (!g.submitted.has(who.value)) return fail('', 'there is no submission to take back');
  withdraw(g, who.value, m.name, now);
  return { ok: true, value: null };
}

/** Takes the nation's submission back (stored as a retraction by `by`). */
export function withdraw(g: GameSession, nation: string, by: string, now: number): void {
  g.storage.addOrder({ code: g.code, round: g.state.round, nation, orders: null, by, at: now });
  g.submitted.delete(nation);
  g.delivery?.teamOrders(nation);
  g.delivery?.changed();
}

/** Stores the nation's submission by `by` at `now`. */
export function record(g: GameSession, nation: string, orders: OrdersInput, by: string, now: number): void {
  g.storage.addOrder({ code: g.code, round: g.state.round, nation, orders, by, at: now });
  g.submitted.set(nation, { orders, by });
  g.delivery?.teamOrders(nation);
  g.delivery?.changed();
}

/** A nation is ready to leave the briefing or negotiation phase (or no longer is). */
export function setReady(g: GameSession, m: MemberRecord, ready: boolean, now: number): Result<null> {
  const who = playing(g, m);
  if (!who.ok) return who;
  if (g.phase !== 'briefing' && g.phase !== 'negotiation')
    return fail(
      'ready',
      'readiness counts in the briefing and negotiation phases; in the orders phase, submit',
    );
  const set = new Set(g.session.ready);
  if (ready) set.add(who.value);
  else set.delete(who.value);
  g.session = { ...g.session, ready: [...set].sort() };
  g.save();
  g.delivery?.changed();
  g.checkAllReady(now);
  return { ok: true, value: null };
}
