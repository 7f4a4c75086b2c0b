/**
 * Last round's changes for one nation in a few lines, from the round digest (shared/report): the
 * score change and its causes, the nation's own news, then the world's headlines. The events must be
 * those the nation may see (eventsFor); `messages` are the English templates (assets/i18n/en.json).
 */
import type { GameEvent } from '../engine/events.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import type { NationId } from '../engine/types.ts';
import type { Messages, NameResolvers } from '../i18n/formatEvent.ts';
import { roundDigest } from '../report/roundDigest.ts';

/** Names of nations, markets, objectives and cards, as the scenario gives them. */
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

export function lastRoundLines(
  events: readonly GameEvent[],
  scenario: Scenario,
  me: NationId,
  messages: Messages,
): string[] {
  const d = roundDigest(events, { scenario, me, messages, names: scenarioNames(scenario) });
  const lines: string[] = [];
  if (d.score) {
    const sign = d.score.delta >= 0 ? '+' : '';
    lines.push(`My score ${sign}${d.score.delta} (now ${Math.round(d.score.to * 10) / 10}).`);
    for (const p of d.score.parts) for (const c of p.causes) lines.push(`${p.part}: ${c}`);
  }
  return [...lines, ...d.mine, ...d.world];
}
