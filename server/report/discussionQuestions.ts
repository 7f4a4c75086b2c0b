/**
 * Discussion questions for the debrief, drawn from what happened in the events the reader may see:
 * an export control whose target's capability kept rising (or fell), a safety incident, a broken
 * treaty, a treaty signed, the biggest loss of trust, and the winner's margin. Each question names
 * the round and the figures, so the room argues about this game, not a generic one.
 */
import type { GameEvent, HistoryEntry, ScoreRow } from '../../shared/engine/index.ts';

/** At most this many questions. */
export const MAX_QUESTIONS = 7;

const r1 = (x: number) => Math.round(x * 10) / 10;
const tier = (v: unknown) => v === 'licensed' || v === 'embargo' || v === 'banned';

/**
 * The questions, most telling first. `rounds` holds each resolved round's events (already cut for
 * the reader); `history` the public quantities per round.
 */
export function discussionQuestions(
  rounds: readonly (readonly GameEvent[])[],
  history: readonly HistoryEntry[],
  ranking: readonly ScoreRow[],
  t: (key: string, params?: Record<string, string | number>) => string,
  name: (id: string) => string,
): string[] {
  const out: string[] = [];
  const events = rounds.flat();
  const at = (round: number, nation: string, q: 'capability' | 'trust' | 'score') =>
    history.find((e) => e.round === round)?.nations[nation]?.[q];
  const final = history.at(-1);
  const seen = new Set<string>();

  for (const e of events) {
    if (e.type !== 'ExportControlChanged' || !tier(e.params.chips) || tier(e.params.previousChips)) continue;
    const from = String(e.params.nation);
    const target = String(e.params.target);
    if (seen.has(`${from}>${target}`)) continue;
    seen.add(`${from}>${target}`);
    const before = at(e.round - 1, target, 'capability');
    const after = final?.nations[target]?.capability;
    if (before === undefined || after === undefined || !final) continue;
    out.push(
      t(after > before ? 'aar.q.embargoRose' : 'aar.q.embargoFell', {
        nation: name(from),
        target: name(target),
        round: e.round,
        from: r1(before),
        to: r1(after),
      }),
    );
  }
  for (const e of events.filter((x) => x.type === 'SafetyIncident').slice(0, 2))
    out.push(t('aar.q.incident', { nation: name(String(e.params.nation)), round: e.round }));
  for (const e of events.filter((x) => x.type === 'TreatyBroken').slice(0, 2))
    out.push(
      t('aar.q.broken', {
        nation: name(String(e.params.nation)),
        partner: name(String(e.params.partner)),
        round: e.round,
      }),
    );
  const signed = events.find((x) => x.type === 'TreatySigned');
  if (signed)
    out.push(
      t('aar.q.signed', {
        nations: (Array.isArray(signed.params.parties) ? signed.params.parties : [])
          .map(String)
          .map(name)
          .join(' & '),
        round: signed.round,
      }),
    );
  // The largest fall of trust over the game.
  const first = history[0];
  if (first && final && final !== first) {
    let worst: { nation: string; from: number; to: number } | null = null;
    for (const [nation, q] of Object.entries(final.nations)) {
      const from = first.nations[nation]?.trust;
      if (from === undefined) continue;
      if (q.trust < from - 1 && (!worst || q.trust - from < worst.to - worst.from))
        worst = { nation, from, to: q.trust };
    }
    if (worst)
      out.push(t('aar.q.trust', { nation: name(worst.nation), from: r1(worst.from), to: r1(worst.to) }));
  }
  const [winner, second] = ranking;
  if (winner && second)
    out.push(
      t('aar.q.winner', {
        nation: name(winner.nation),
        score: winner.score,
        second: name(second.nation),
        margin: r1(winner.score - second.score),
      }),
    );
  out.push(t('aar.q.again'));
  return out.slice(0, MAX_QUESTIONS);
}
