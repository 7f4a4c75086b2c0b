import { type GameEvent, makeEvent } from './events.ts';
import { cloneState } from './resolveRound.ts';
import { type Problem, problemsFromZod, type Result } from './result.ts';
import { type EventCard, EventCardSchema } from './scenarioSchema.ts';
import type { GameState } from './types.ts';

/**
 * A facilitator injects an event card (from the deck by id, or written on the spot): it is
 * announced now and applies at the next resolution. Returns the new state and the announcement,
 * or the problems with the card.
 */
export function injectEvent(
  state: GameState,
  card: string | unknown,
): Result<{ state: GameState; events: GameEvent[] }> {
  if (state.status !== 'running') return { ok: false, errors: [{ path: '', message: 'the game has ended' }] };
  let chosen: EventCard;
  if (typeof card === 'string') {
    const found = state.scenario.events.find((e) => e.id === card);
    if (!found)
      return { ok: false, errors: [{ path: 'card', message: `no card '${card}' in the scenario` }] };
    chosen = found;
  } else {
    const parsed = EventCardSchema.safeParse(card);
    if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
    const problems = cardProblems(state, parsed.data);
    if (problems.length > 0) return { ok: false, errors: problems };
    chosen = parsed.data;
  }
  const next = cloneState(state);
  next.pendingCards.push(chosen);
  next.deck = next.deck.filter((id) => id !== chosen.id);
  const event = makeEvent('EventCardInjected', state.round, { card: chosen.id, title: chosen.title });
  return { ok: true, value: { state: next, events: [event] } };
}

function cardProblems(state: GameState, card: EventCard): Problem[] {
  const problems: Problem[] = [];
  const regions = new Set(state.scenario.markets.map((m) => m.region));
  card.effects.forEach((e, i) => {
    e.nations.forEach((sel, j) => {
      if (!sel.startsWith('@') && sel !== '*' && !state.nations[sel]) {
        problems.push({ path: `effects.${i}.nations.${j}`, message: `unknown nation '${sel}'` });
      }
    });
    if (e.type === 'AdoptionShift' && e.region !== '*' && !regions.has(e.region)) {
      problems.push({ path: `effects.${i}.region`, message: `unknown region '${e.region}'` });
    }
  });
  return problems;
}
