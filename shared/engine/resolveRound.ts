import { applyEventCards } from './applyEventCards.ts';
import { applyIncome } from './applyIncome.ts';
import { applyPolicies } from './applyPolicies.ts';
import { applyTreaties } from './applyTreaties.ts';
import { buildCompute } from './buildCompute.ts';
import { chipFlows } from './chipFlows.ts';
import { cloneJson, cloneState } from './clone.ts';
import { emit, nationList, type ResolveContext, startResolution } from './context.ts';
import { deliverAid } from './deliverAid.ts';
import { deriveScores } from './deriveScores.ts';
import { type GameEvent, makeEvent } from './events.ts';
import { flowTalent } from './flowTalent.ts';
import { marketAdoption } from './marketAdoption.ts';
import { emptyOrders, type Orders } from './ordersSchema.ts';
import { recordHistory } from './recordHistory.ts';
import { rngFromState } from './rng.ts';
import { rollIncidents } from './rollIncidents.ts';
import { type ScoreRow, scoreboard } from './scoreboard.ts';
import { settleEconomy } from './settleEconomy.ts';
import { trainModels } from './trainModels.ts';
import type { GameState, NationId } from './types.ts';
import { updateTrust } from './updateTrust.ts';

/** A deep copy of the state's changing parts (clone.ts); the immutable scenario is shared. */
export { cloneState };

/**
 * Resolves one round: a pure, deterministic function of the state and every nation's orders (each
 * produced by parseOrders on this state; a nation with no orders keeps its standing policies and
 * spends nothing). Never changes its input. Returns the new state and the ordered events that
 * explain it. Steps: event cards → policies → treaties → export controls and chip flows → compute
 * → training and diffusion → aid → market adoption → revenue and economy → trust and safety →
 * talent → incidents → derived scores → next budget and next card (or the end of the game).
 */
export function resolveRound(
  input: GameState,
  orders: Partial<Record<NationId, Orders>>,
): { state: GameState; events: GameEvent[] } {
  if (input.status !== 'running') throw new Error('the game has ended');
  for (const id of Object.keys(orders))
    if (!input.nations[id]) throw new Error(`orders for unknown nation '${id}'`);
  const before = scoreboard(input, { revealSecrets: false });
  const state = cloneState(input);
  const ctx = startResolution(state, rngFromState(input.rng));
  for (const n of nationList(state)) {
    const o = orders[n.id];
    ctx.orders[n.id] = o ? cloneJson(o) : emptyOrders();
    if (!o && n.seated) emit(ctx, 'OrdersMissing', { nation: n.id });
  }

  applyEventCards(ctx);
  applyPolicies(ctx);
  applyTreaties(ctx);
  chipFlows(ctx);
  buildCompute(ctx);
  trainModels(ctx);
  deliverAid(ctx);
  marketAdoption(ctx);
  settleEconomy(ctx);
  updateTrust(ctx);
  flowTalent(ctx);
  rollIncidents(ctx);
  deriveScores(state, ctx.rules);
  const scoresAt = ctx.events.length;

  state.round += 1;
  if (state.round > state.rounds) {
    endGame(ctx);
  } else {
    // Next round's budgets are set while this round's modifiers still hold, so a budget
    // modifier of k rounds shapes the k budgets that follow the card.
    applyIncome(ctx, state.round);
    const id = state.deck.shift();
    const card = state.scenario.events.find((e) => e.id === id);
    if (card) {
      state.pendingCards.push(card);
      emit(ctx, 'EventCardDrawn', { card: card.id, title: card.title, round: state.round });
    }
  }
  for (const m of state.modifiers) {
    if (m.until === ctx.round)
      emit(ctx, 'ModifierExpired', { card: m.cardId, modifier: m.kind, nations: m.nations });
  }
  state.modifiers = state.modifiers.filter((m) => m.until > ctx.round);
  // The public scoreboard serves both the history and, while the game runs, the score changes: the
  // history's new entry does not move it (it reads only history[0], which is already there).
  const publicRows = scoreboard(state, { revealSecrets: false });
  const reuse = state.status === 'running' && state.history.length > 0;
  recordHistory(state, ctx.round, publicRows);
  state.rng = ctx.rng.state();
  const after = reuse ? publicRows : scoreboard(state, { revealSecrets: state.status === 'ended' });
  ctx.events.splice(scoresAt, 0, ...scoreChanges(ctx, before, after));
  return { state, events: ctx.events };
}

/** One decimal, never minus zero (which JSON would turn into zero). */
const round1 = (x: number) => Math.round(x * 10) / 10 || 0;

/**
 * One ScoreChanged per nation: its score before and after the round as every viewer's ranking shows
 * it (public objectives only while the game runs; secret ones count once it has ended), and the
 * change of each part. The parts are rounded to 0.1 like the scoreboard's, so the changes are
 * rounded to 0.1 too and `to - from` is their sum. Placed after the round's own events, before the
 * next round's budgets (or the end of the game). `rows` is the scoreboard after the round.
 */
function scoreChanges(ctx: ResolveContext, before: ScoreRow[], rows: ScoreRow[]): GameEvent[] {
  const { state } = ctx;
  const after = new Map(rows.map((r) => [r.nation, r]));
  const prev = new Map(before.map((r) => [r.nation, r]));
  const events: GameEvent[] = [];
  for (const n of nationList(state)) {
    const a = after.get(n.id);
    const b = prev.get(n.id);
    if (!a || !b) continue;
    const d = (k: keyof ScoreRow['parts']) => round1(a.parts[k] - b.parts[k]);
    events.push(
      makeEvent('ScoreChanged', ctx.round, {
        nation: n.id,
        from: b.score,
        to: a.score,
        softPower: d('softPower'),
        sovereignty: d('sovereignty'),
        economy: d('economy'),
        objectives: d('objectives'),
      }),
    );
  }
  return events;
}

/** Ends the game: secrets are revealed through the final ranking. */
export function endGame(ctx: ResolveContext): void {
  ctx.state.status = 'ended';
  const rows = scoreboard(ctx.state, { revealSecrets: true });
  for (const row of rows) {
    for (const o of row.objectives) {
      if (o.achieved)
        emit(ctx, 'ObjectiveAchieved', {
          nation: row.nation,
          objective: o.id,
          secret: o.secret,
          points: o.points,
        });
    }
  }
  emit(ctx, 'GameEnded', { ranking: rows.map((r) => r.nation), winner: rows[0]?.nation ?? '' });
}
