import type { Scenario } from '../engine/scenarioSchema.ts';
import type { NameResolvers } from './formatParams.ts';

/**
 * Names of nations, markets, objectives and cards, as the scenario gives them (a translated
 * scenario gives them translated); an unknown id is shown as it is.
 */
export function scenarioNames(scenario: Scenario): NameResolvers {
  const byId = <T extends { id: string }>(xs: T[], f: (x: T) => string) =>
    new Map(xs.map((x) => [x.id, f(x)]));
  const nations = byId(scenario.nations, (n) => n.name);
  const markets = byId(scenario.markets, (m) => m.name);
  const objectives = byId(scenario.objectives, (o) => o.title);
  const cards = byId(scenario.events, (c) => c.title);
  return {
    nation: (id) => nations.get(id) ?? id,
    market: (id) => markets.get(id) ?? id,
    objective: (id) => objectives.get(id) ?? id,
    card: (id) => cards.get(id) ?? id,
  };
}
