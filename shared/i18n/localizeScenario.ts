/**
 * Scenario texts in another language, for display only: the engine keeps the English scenario.
 * A translation overlay (assets/scenarios/i18n/<lang>.json) maps a text's key to its translation
 * and a short hash of the English it was made from; a translation whose English has changed since
 * is not used (the English shows) and the completeness test names it. Pure: no I/O.
 */
import type { Scenario } from '../engine/scenarioSchema.ts';

/** One translated text and the hash of the English it translates. */
export interface OverlayEntry {
  /** `sourceHash` of the English text this translates. */
  en: string;
  text: string;
}

/** A language's overlay: text key (see `scenarioTexts`) → translation. */
export type ScenarioOverlay = Readonly<Record<string, OverlayEntry>>;

/** A short, stable hash of an English text (FNV-1a, 32 bits, 8 hex digits). */
export function sourceHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Every translatable text of a scenario as [key, English]: the scenario's title and description,
 * each nation's name, briefing and facts, each objective's title and description, each card's
 * title, text and real-world anchor, each region's name and each market's facts.
 */
export function scenarioTexts(s: Scenario): [string, string][] {
  const out: [string, string][] = [
    [`scenario.${s.id}.title`, s.title],
    [`scenario.${s.id}.description`, s.description],
  ];
  for (const n of s.nations) {
    out.push(
      [`nation.${n.id}.name`, n.name],
      [`nation.${n.id}.position`, n.briefing.position],
      [`nation.${n.id}.strengths`, n.briefing.strengths],
      [`nation.${n.id}.dependencies`, n.briefing.dependencies],
    );
    for (const [i, f] of n.facts.entries()) out.push([`nation.${n.id}.fact.${i}`, f.text]);
  }
  for (const o of s.objectives)
    out.push([`objective.${o.id}.title`, o.title], [`objective.${o.id}.description`, o.description]);
  for (const c of s.events) {
    out.push([`card.${c.id}.title`, c.title], [`card.${c.id}.text`, c.text]);
    if (c.anchor) out.push([`card.${c.id}.anchor`, c.anchor]);
  }
  for (const r of [...new Set(s.markets.map((m) => m.region))].sort()) out.push([`region.${r}`, r]);
  for (const m of s.markets)
    for (const [i, f] of m.facts.entries()) out.push([`market.${m.id}.fact.${i}`, f.text]);
  return out;
}

/** The translation of `english` under `key`, or the English when missing or made from another text. */
export function translated(overlay: ScenarioOverlay, key: string, english: string): string {
  const e = overlay[key];
  return e && e.en === sourceHash(english) && e.text.trim() ? e.text : english;
}

/**
 * A copy of the scenario with its texts translated where the overlay has a current translation.
 * Ids, numbers and rules are untouched; market names stay (the client names countries itself).
 */
export function localizeScenario(s: Scenario, overlay: ScenarioOverlay): Scenario {
  const tr = (key: string, english: string) => translated(overlay, key, english);
  const facts = <F extends { text: string }>(prefix: string, list: F[]): F[] =>
    list.map((f, i) => ({ ...f, text: tr(`${prefix}.fact.${i}`, f.text) }));
  return {
    ...s,
    title: tr(`scenario.${s.id}.title`, s.title),
    description: tr(`scenario.${s.id}.description`, s.description),
    nations: s.nations.map((n) => ({
      ...n,
      name: tr(`nation.${n.id}.name`, n.name),
      briefing: {
        position: tr(`nation.${n.id}.position`, n.briefing.position),
        strengths: tr(`nation.${n.id}.strengths`, n.briefing.strengths),
        dependencies: tr(`nation.${n.id}.dependencies`, n.briefing.dependencies),
      },
      facts: facts(`nation.${n.id}`, n.facts),
    })),
    objectives: s.objectives.map((o) => ({
      ...o,
      title: tr(`objective.${o.id}.title`, o.title),
      description: tr(`objective.${o.id}.description`, o.description),
    })),
    events: s.events.map((c) => ({
      ...c,
      title: tr(`card.${c.id}.title`, c.title),
      text: tr(`card.${c.id}.text`, c.text),
      ...(c.anchor ? { anchor: tr(`card.${c.id}.anchor`, c.anchor) } : {}),
    })),
    markets: s.markets.map((m) => ({
      ...m,
      facts: facts(`market.${m.id}`, m.facts),
    })),
  };
}

/** A region's name in the overlay's language (regions are named in English in the scenario). */
export function regionName(overlay: ScenarioOverlay, region: string): string {
  return translated(overlay, `region.${region}`, region);
}
