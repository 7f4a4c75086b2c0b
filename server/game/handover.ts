/**
 * Seats handed to bots: an abandoned seat taken over, a seat the facilitator hands over (its humans
 * may not play it until given back), a human back on it, and the bot's orders.
 */
import { type BotSeat, botOrders, drawArchetypes, seatDrawSeed } from '../../shared/bots/index.ts';
import { rngFromSeed } from '../../shared/engine/rng.ts';
import type { OrdersInput, Result } from '../../shared/engine/index.ts';
import type { MemberRecord } from '../storage/Storage.ts';
import { fail } from './fail.ts';
import type { GameSession } from './GameSession.ts';
import { record, withdraw } from './orders.ts';

/** A human is back on a seat a bot took over when it was abandoned. */
export function reclaimSeat(g: GameSession, nation: string): void {
  if (!g.session.botSeats.includes(nation) || g.session.forcedBots.includes(nation)) return;
  g.session = { ...g.session, botSeats: g.session.botSeats.filter((n) => n !== nation) };
  g.save();
  g.delivery?.notice(nation, 'You are back: the bot has handed your seat back.');
}

/** A bot plays the nation (`on`) or no longer does; `forced`: the facilitator handed it over. */
export function setBotSeat(g: GameSession, nation: string, on: boolean, forced: boolean, now: number): void {
  const seats = new Set(g.session.botSeats);
  const forcedSet = new Set(g.session.forcedBots);
  if (on) seats.add(nation);
  else seats.delete(nation);
  if (on && forced) forcedSet.add(nation);
  else forcedSet.delete(nation);
  g.session = {
    ...g.session,
    botSeats: [...seats].sort(),
    forcedBots: [...forcedSet].sort(),
    // Handed over or given back, the seat's request to play it again is settled.
    asking: g.session.asking.filter((n) => n !== nation),
  };
  const human = g.submitted.has(nation) && g.submitted.get(nation)?.by !== 'bot';
  if (on && g.phase === 'orders' && (!g.submitted.has(nation) || (forced && human)))
    submitBot(g, nation, now);
  // Handed over before the orders phase: the humans' submission gives way to the bot's, made when
  // the orders phase opens.
  else if (on && forced && human) withdraw(g, nation, 'bot', now);
  g.save();
}

/** Seats whose players all left longer than the grace period ago go to a bot (if the game has bots). */
export function seatAbandoned(g: GameSession, now: number): void {
  if (!g.options.bots) return;
  for (const [nation, since] of g.members.emptySince) {
    if (g.session.botSeats.includes(nation) || g.members.of(nation).length === 0) continue;
    if (now - since >= g.options.graceSeconds * 1000) {
      setBotSeat(g, nation, true, false, now);
      g.delivery?.notice(null, `${nation}'s players left: a bot plays the seat until they return.`);
      g.delivery?.changed();
    }
  }
}

/** The facilitator handed the nation's seat to a bot: its humans may not play it. */
export function handedOver(g: GameSession, nation: string): Result<null> {
  if (!g.session.forcedBots.includes(nation)) return { ok: true, value: null };
  return fail(
    '',
    `a bot plays ${nation} now: the facilitator handed the seat over; ask for it back (askSeat)`,
  );
}

/** A member of a seat handed to a bot asks to play it again; the facilitator is told. */
export function askSeat(g: GameSession, m: MemberRecord): Result<null> {
  if (!m.nation) return fail('', 'only a player with a nation can ask for its seat back');
  if (!g.session.forcedBots.includes(m.nation))
    return fail('', `${m.nation} is not handed to a bot: you can play it already`);
  // Asked already: the facilitator was told once (the seat shows it), not at every click.
  if (g.session.asking.includes(m.nation)) return { ok: true, value: null };
  g.session = { ...g.session, asking: [...g.session.asking, m.nation].sort() };
  g.save();
  g.delivery?.noticeFacilitator(`${m.name} asks to play ${m.nation} again`);
  g.delivery?.changed();
  return { ok: true, value: null };
}

/**
 * The bot a seat gets: the archetype the simulator would draw for it from the game's seed
 * (shared/bots/seatDraw.ts), at the game's difficulty.
 */
export function botSeat(g: GameSession, nation: string): BotSeat {
  const drawn = drawArchetypes(
    g.state.scenario.nations.map((n) => n.id),
    rngFromSeed(seatDrawSeed(g.state.seed)),
  );
  return { archetype: drawn[nation] ?? 'hedger', difficulty: g.options.botDifficulty };
}

/** An agent seat gave no valid orders: its bot plays this round, and the round's report says why. */
export function botPlaysFor(g: GameSession, nation: string, reason: string, now: number): void {
  submitBot(g, nation, now);
  const e = g.explanations.get(nation);
  if (e) g.explanations.set(nation, { ...e, explanation: `${reason} ${e.explanation}` });
  g.checkAllReady(now);
}

export function submitBot(g: GameSession, nation: string, now: number): void {
  const seat = botSeat(g, nation);
  const { orders, explanation } = botOrders(g.state, nation, seat, g.state.seed);
  g.explanations.set(nation, { nation, archetype: seat.archetype, explanation });
  record(g, nation, orders as OrdersInput, 'bot', now);
}
