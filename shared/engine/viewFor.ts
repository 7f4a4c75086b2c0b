import type { Viewer } from './events.ts';
import { type ScoreRow, scoreboard } from './scoreboard.ts';
import type { GameState, NationState } from './types.ts';

/** What a viewer may see of the game: the state without the secrets that are not theirs. */
export type GameView = Omit<GameState, 'rng' | 'deck' | 'scenario' | 'seed'> & {
  /** The seed, for the facilitator and once the game has ended (it would reveal the deck and secrets). */
  seed: number | null;
  /** Cards left in the deck (their order is hidden). */
  deckSize: number;
  /** The scenario's id (clients load the scenario itself once). */
  scenarioId: string;
  /** The ranking as this viewer may see it: secret objectives count once the game has ended (or for the facilitator). */
  ranking: ScoreRow[];
  viewer: Viewer;
};

/**
 * Cuts the state for a viewer. Everyone loses the PRNG state and the deck order (they would
 * reveal future draws), and players and spectators the seed until the end (it would too); other nations' secret objectives are hidden until the game ends, and
 * treaty proposals are shown only to their two parties. The facilitator sees secrets too.
 */
export function viewFor(state: GameState, viewer: Viewer): GameView {
  const ended = state.status === 'ended';
  const sees = (n: NationState) =>
    ended || viewer.kind === 'facilitator' || (viewer.kind === 'nation' && viewer.nation === n.id);
  const nations: Record<string, NationState> = {};
  for (const [id, n] of Object.entries(state.nations)) {
    nations[id] = sees(n) ? structuredClone(n) : { ...structuredClone(n), secretObjective: null };
  }
  const proposals =
    viewer.kind === 'facilitator'
      ? state.proposals
      : viewer.kind === 'nation'
        ? state.proposals.filter((p) => p.from === viewer.nation || p.to === viewer.nation)
        : [];
  const { rng: _rng, deck, scenario, seed, ...rest } = state;
  return {
    ...structuredClone(rest),
    seed: ended || viewer.kind === 'facilitator' ? seed : null,
    nations,
    proposals: structuredClone(proposals),
    deckSize: deck.length,
    scenarioId: scenario.id,
    ranking: scoreboard(state, { revealSecrets: ended || viewer.kind === 'facilitator' }),
    viewer,
  };
}
