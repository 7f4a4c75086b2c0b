/**
 * Scheduled injects (issue 19, part 5): the facilitator sets, before or during the game, which card
 * (from the deck, or written: a headline of their own) arrives in which round. The schedule is saved
 * with the game's session; a card is injected when its round begins (its briefing), once.
 */
import { type GameState, injectEvent, type Problem, type Result } from '../../shared/engine/index.ts';
import type { ScheduledInject } from '../storage/Storage.ts';

export interface ScheduleEntry {
  round: number;
  cardId?: string | undefined;
  card?: Record<string, unknown> | undefined;
}

/**
 * The new schedule, or every problem with it: each round must be to come (this one in the lobby) and
 * within the game, each card one the engine would inject now (checked on the current state).
 */
export function checkSchedule(
  state: GameState,
  status: string,
  entries: readonly ScheduleEntry[],
  old: readonly ScheduledInject[],
): Result<ScheduledInject[]> {
  const first = status === 'lobby' ? state.round : state.round + 1;
  const problems: Problem[] = [];
  entries.forEach((e, i) => {
    if (e.round < first || e.round > state.rounds)
      problems.push({
        path: `injects.${i}.round`,
        message: `must be a round to come, from ${first} to ${state.rounds}`,
      });
    const tried = injectEvent(state, e.cardId ?? e.card);
    if (!tried.ok)
      for (const p of tried.errors)
        problems.push({
          path:
            e.cardId !== undefined
              ? `injects.${i}.cardId`
              : `injects.${i}.card${p.path && p.path !== 'card' ? `.${p.path}` : ''}`,
          message: p.message,
        });
  });
  if (problems.length > 0) return { ok: false, errors: problems };
  // Cards already delivered stay in the schedule, as a record.
  return {
    ok: true,
    value: [
      ...old.filter((o) => o.done),
      ...entries.map((e) => ({ round: e.round, card: (e.cardId ?? e.card) as ScheduledInject['card'] })),
    ],
  };
}

/** The entries due at the start of `round`, not yet delivered. */
export const dueInjects = (schedule: readonly ScheduledInject[] | undefined, round: number) =>
  (schedule ?? []).filter((e) => e.round === round && !e.done);
