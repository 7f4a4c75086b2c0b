/**
 * Last round's changes for one nation in a few lines, from the round digest (shared/report): the
 * score change and its causes, the nation's own news, then the world's headlines. The events must be
 * those the nation may see (eventsFor); `messages` are the English templates (assets/i18n/en.json).
 */
import type { GameEvent } from '../engine/events.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import type { NationId } from '../engine/types.ts';
import { formatNumber, formatSigned } from '../i18n/numbers.ts';
import { scenarioNames } from '../i18n/scenarioNames.ts';
import type { Messages } from '../i18n/templates.ts';
import { roundDigest } from '../report/roundDigest.ts';

export { scenarioNames };

export function lastRoundLines(
  events: readonly GameEvent[],
  scenario: Scenario,
  me: NationId,
  messages: Messages,
): string[] {
  const d = roundDigest(events, { scenario, me, messages, names: scenarioNames(scenario) });
  const lines: string[] = [];
  if (d.score) {
    lines.push(`My score ${formatSigned(d.score.delta)} (now ${formatNumber(d.score.to)}).`);
    for (const p of d.score.parts) for (const c of p.causes) lines.push(`${p.part}: ${c}`);
  }
  return [...lines, ...d.mine, ...d.world];
}
