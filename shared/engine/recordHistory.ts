import { nationList } from './context.ts';
import { scoreboard } from './scoreboard.ts';
import type { GameState, HistoryEntry } from './types.ts';

/**
 * Appends the key quantities of every nation after `round` (0 = the start) to the history. `rows`, when
 * given, is the state's public scoreboard (`revealSecrets: false`), already computed by the caller.
 */
export function recordHistory(
  state: GameState,
  round: number,
  rows = scoreboard(state, { revealSecrets: false }),
): void {
  const scores = new Map(rows.map((r) => [r.nation, r.score]));
  const entry: HistoryEntry = { round, nations: {} };
  for (const n of nationList(state)) {
    entry.nations[n.id] = {
      softPower: n.softPower,
      compute: n.compute,
      capability: n.capability,
      trust: n.trust,
      sovereignty: n.sovereignty,
      economy: n.economy,
      budget: n.budget,
      score: scores.get(n.id) ?? 0,
    };
  }
  state.history.push(entry);
}
