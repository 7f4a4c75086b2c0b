import {
  cloneAdoption,
  cloneHistory,
  cloneJson,
  cloneModifiers,
  cloneNation,
  cloneProposals,
  cloneTreaties,
} from './clone.ts';
import type { Viewer } from './events.ts';
import { type ScoreRow, scoreboard } from './scoreboard.ts';
import type { GameState, NationId, NationState } from './types.ts';

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
  return cut(state, viewer, {
    ranking: scoreboard(state, { revealSecrets: ended || viewer.kind === 'facilitator' }),
  });
}

/**
 * Every nation's view of the state, equal (as JSON) to what `viewFor(state, { kind: 'nation', nation })`
 * gives each, but cut in one go for the simulator: the parts every nation sees alike (the adoption
 * table, the history and the ranking) are copied once, deep-frozen and shared by the views, so no
 * view shares a mutable part with the state or another view; the rest is each view's own copy.
 */
export function nationViews(state: GameState): Record<NationId, GameView> {
  const shared: Shared = {
    ranking: deepFreeze(scoreboard(state, { revealSecrets: state.status === 'ended' })),
    adoption: deepFreeze(cloneAdoption(state.adoption)),
    history: deepFreeze(cloneHistory(state.history)),
  };
  const views: Record<NationId, GameView> = {};
  for (const nation in state.nations) views[nation] = cut(state, { kind: 'nation', nation }, shared);
  return views;
}

/** Parts of a view that may be shared, read-only, between views of the same state. */
interface Shared {
  ranking: ScoreRow[];
  adoption?: GameState['adoption'];
  history?: GameState['history'];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const k in value) deepFreeze((value as Record<string, unknown>)[k]);
    Object.freeze(value);
  }
  return value;
}

function cut(state: GameState, viewer: Viewer, shared: Shared): GameView {
  const ended = state.status === 'ended';
  const sees = (n: NationState) =>
    ended || viewer.kind === 'facilitator' || (viewer.kind === 'nation' && viewer.nation === n.id);
  const nations: Record<string, NationState> = {};
  for (const id in state.nations) {
    const n = state.nations[id]!;
    const copy = cloneNation(n);
    if (!sees(n)) copy.secretObjective = null;
    nations[id] = copy;
  }
  const proposals =
    viewer.kind === 'facilitator'
      ? state.proposals
      : viewer.kind === 'nation'
        ? state.proposals.filter((p) => p.from === viewer.nation || p.to === viewer.nation)
        : [];
  const { rng: _rng, deck, scenario, seed, ...rest } = state;
  // A deep copy of `rest`, key order kept (each part is overwritten in place by its copy).
  const copy = rest as Omit<GameState, 'rng' | 'deck' | 'scenario' | 'seed'>;
  copy.adoption = shared.adoption ?? cloneAdoption(state.adoption);
  copy.treaties = cloneTreaties(state.treaties);
  copy.pendingCards = cloneJson(state.pendingCards);
  copy.modifiers = cloneModifiers(state.modifiers);
  copy.history = shared.history ?? cloneHistory(state.history);
  return {
    ...copy,
    seed: ended || viewer.kind === 'facilitator' ? seed : null,
    nations,
    proposals: cloneProposals(proposals),
    deckSize: deck.length,
    scenarioId: scenario.id,
    ranking: shared.ranking,
    viewer,
  };
}

/**
 * What a nation sees beyond a spectator: its own secret objective and the treaty proposals it made or
 * received. A spectator's view with this applied (`withOwn`) is the nation's view, so a server can cut
 * and send one view for all and this small part to each nation (docs/PROTOCOL.md §9).
 */
export interface OwnView {
  viewer: { kind: 'nation'; nation: NationId };
  secretObjective: string | null;
  proposals: GameState['proposals'];
}

export function ownView(state: GameState, nation: NationId): OwnView {
  return {
    viewer: { kind: 'nation', nation },
    secretObjective: state.nations[nation]?.secretObjective ?? null,
    proposals: cloneProposals(state.proposals.filter((p) => p.from === nation || p.to === nation)),
  };
}

/** A spectator's view (or its wire form) with a nation's own part applied: that nation's view. */
export function withOwn<V extends Pick<GameView, 'viewer' | 'proposals' | 'nations'>>(
  view: V,
  own: OwnView,
): V {
  const mine = view.nations[own.viewer.nation];
  return {
    ...view,
    viewer: own.viewer,
    proposals: own.proposals,
    nations: mine
      ? { ...view.nations, [own.viewer.nation]: { ...mine, secretObjective: own.secretObjective } }
      : view.nations,
  };
}
