import { evaluateObjective } from './evaluateObjective.ts';
import type { Scenario } from './scenarioSchema.ts';
import type { GameState, NationId } from './types.ts';
import type { GameView } from './viewFor.ts';

/** One of a nation's objectives with where it stands now. */
export interface ObjectiveProgress {
  id: string;
  title: string;
  description: string;
  points: number;
  secret: boolean;
  achieved: boolean;
  /** 0..1: how far the nation is toward it. */
  progress: number;
}

/**
 * A nation's objectives, public and (when the view holds it) secret, evaluated on what the view
 * shows: the same test the final score uses, so a player's progress bar and the debrief agree.
 * Everything an objective test reads (nations, adoption, treaties, history) is public in a view.
 */
export function objectivesInView(view: GameView, scenario: Scenario, nation: NationId): ObjectiveProgress[] {
  const n = view.nations[nation];
  if (!n) return [];
  const state = { ...view, scenario } as unknown as GameState;
  const byId = new Map(scenario.objectives.map((o) => [o.id, o]));
  const ids: [string, boolean][] = n.publicObjectives.map((id) => [id, false]);
  if (n.secretObjective) ids.push([n.secretObjective, true]);
  return ids.flatMap(([id, secret]) => {
    const o = byId.get(id);
    if (!o) return [];
    const st = evaluateObjective(state, nation, o.test);
    return [
      {
        id,
        title: o.title,
        description: o.description,
        points: o.points,
        secret,
        achieved: st.achieved,
        progress: st.progress,
      },
    ];
  });
}
