/**
 * A nation's own lines in the round digest: what others did to it, what it decided, and what its
 * budget, compute and models became, in the second person. Pure.
 */
import { type GameEvent, paramsOf } from '../engine/events.ts';
import { type DigestWriter, localeOfWriter, nationName, num, pct, say, shown } from './digestText.ts';
import { controlChanges, type Line } from './worldLines.ts';

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The viewer nation's lines, most important first (not yet cut to size). */
export function mineLines(w: DigestWriter, events: readonly GameEvent[], used: Set<GameEvent>): Line[] {
  const me = w.me;
  if (me === null) return [];
  const lines: Line[] = [];
  const push = (priority: number, key: string, e: GameEvent, extra: Record<string, string> = {}) =>
    lines.push({ priority, text: say(w, key, { ...shown(w, e), ...extra }), events: [e] });
  const other = (ids: string[]) => nationName(w, ids.find((x) => x !== me) ?? '');
  // After the last round there are no next orders to answer a proposal in.
  const ended = events.some((e) => e.type === 'GameEnded');
  for (const e of events) {
    if (used.has(e)) continue;
    const mine = paramsOf(e).nation === me;
    switch (e.type) {
      case 'OrdersMissing':
        if (mine) push(100, 'digest.mine.ordersMissing', e);
        break;
      case 'SafetyIncident':
        if (mine) push(90, 'digest.cause.incident', e);
        break;
      case 'ExportControlChanged': {
        const changes = controlChanges(w, e);
        if (!changes) break;
        if (e.params.target === me) push(85, 'digest.mine.controlsOnMe', e, { changes });
        else if (mine) push(38, 'digest.mine.controls', e, { changes });
        break;
      }
      case 'SanctionChanged':
        if (e.params.target === me) push(85, `digest.mine.sanctionOnMe.${e.params.active === true}`, e);
        else if (mine) push(38, `digest.mine.sanction.${e.params.active === true}`, e);
        break;
      case 'TariffChanged':
        if (shown(w, e).from === shown(w, e).to) break;
        if (e.params.target === me) push(60, 'digest.mine.tariffOnMe', e);
        else if (mine) push(30, 'digest.mine.tariff', e);
        break;
      case 'TreatyProposed':
        if (e.params.to === me && !ended) push(88, 'digest.mine.treaty.proposedToMe', e);
        else if (e.params.from === me) push(45, 'digest.mine.treaty.proposedByMe', e);
        break;
      case 'TreatySigned':
        if (list(e.params.parties).includes(me))
          push(80, 'digest.mine.treaty.signed', e, { partner: other(list(e.params.parties)) });
        break;
      case 'TreatyRejected':
        if (e.params.from === me) push(70, 'digest.mine.treaty.rejectedByThem', e);
        else if (e.params.to === me) push(40, 'digest.mine.treaty.rejectedByMe', e);
        break;
      case 'TreatyLapsed': {
        if (!list(e.params.parties).includes(me)) break;
        const partner = other(list(e.params.parties));
        const byMe = e.params.by === me;
        const key = e.params.reason === 'unanswered' ? 'unanswered' : 'withdrawn';
        push(byMe ? 50 : 75, `digest.mine.treaty.${key}.${byMe ? 'me' : 'them'}`, e, { partner });
        break;
      }
      case 'TreatyBroken':
        if (e.params.partner === me) push(80, 'digest.mine.treaty.brokenWithMe', e);
        else if (mine) push(80, 'digest.cause.treatyBroken', e);
        break;
      case 'ChipAccessChanged':
        if (mine && pct(n(e.params.from)) !== pct(n(e.params.to))) {
          const by = list(e.params.restrictedBy).length > 0 ? '' : '.plain';
          push(65, `digest.mine.chipAccess.${n(e.params.to) > n(e.params.from) ? 'up' : 'down'}${by}`, e);
        }
        break;
      case 'BudgetSet':
        if (mine && shown(w, e).from !== shown(w, e).to) push(62, 'digest.mine.budget', e);
        break;
      case 'AidDelivered':
        if (mine) push(e.params.wasted === true ? 66 : 20, `digest.mine.aid.${e.params.wasted === true}`, e);
        break;
      case 'SovereignModelImproved':
        if (!mine) break;
        if (typeof e.params.stalled === 'string') push(55, 'digest.cause.sovereignModel.stalled', e);
        else if (num(n(e.params.from)) !== num(n(e.params.to))) push(40, 'digest.cause.sovereignModel.up', e);
        break;
      case 'CapabilityRose':
        if (mine && num(n(e.params.from)) !== num(n(e.params.to))) push(50, 'digest.mine.capability', e);
        break;
      case 'ComputeBuilt': {
        if (!mine || n(e.params.from) <= 0) break;
        const change = pct(Math.abs(n(e.params.to) / n(e.params.from) - 1), localeOfWriter(w));
        if (/^0(\.0)?%$/.test(change)) break;
        const key = n(e.params.to) > n(e.params.from) ? 'up' : n(e.params.spend) > 0 ? 'down' : 'down.idle';
        push(45, `digest.mine.compute.${key}`, e, { change });
        break;
      }
      case 'RevenueEarned':
        if (mine && n(e.params.total) >= 0.005) push(30, 'digest.mine.revenue', e);
        break;
      case 'TalentMoved':
        if (mine && num(n(e.params.from)) !== num(n(e.params.to)))
          push(25, `digest.mine.talent.${n(e.params.to) > n(e.params.from) ? 'up' : 'down'}`, e);
        break;
      case 'PolicyChanged':
        if (mine && e.params.from !== e.params.to)
          push(e.params.policy === 'release' ? 42 : 35, 'digest.mine.policy', e);
        break;
    }
  }
  return lines;
}
