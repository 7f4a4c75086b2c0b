/**
 * The after-action report: one self-contained HTML file (no script, no outside resource, inline SVG
 * charts, print styles) made from the game's report as the reader may see it (`gameReport`, cut per
 * viewer): the scenario and settings, the final ranking with each score part, the objectives, the
 * charts, a timeline of rounds, every nation's orders per round (those the reader may see), the chat
 * per channel (the facilitator's copy only) and discussion questions drawn from what happened.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventsFor, type GameEvent, type Viewer } from '../../shared/engine/index.ts';
import {
  formatEvent,
  formatMessage,
  type Messages,
  type NameResolvers,
} from '../../shared/i18n/formatEvent.ts';
import { roundDigest } from '../../shared/report/roundDigest.ts';
import type { GameSession } from '../game/GameSession.ts';
import type { Storage } from '../storage/Storage.ts';
import { afterActionCharts } from './afterActionCharts.ts';
import { discussionQuestions } from './discussionQuestions.ts';
import { gameReport } from './gameReport.ts';

/** The languages the report is written in (those of assets/i18n). */
export const REPORT_LANGUAGES = ['en', 'ja', 'es', 'fr'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

const bundles = new Map<string, Messages>();
/** The flat messages of a language, English filling any gap. */
export function reportMessages(lang: ReportLanguage): Messages {
  let m = bundles.get(lang);
  if (!m) {
    const read = (l: string) =>
      JSON.parse(
        readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'i18n', `${l}.json`), 'utf8'),
      ) as Record<string, string>;
    m = { ...read('en'), ...(lang === 'en' ? {} : read(lang)), locale: lang };
    bundles.set(lang, m);
  }
  return m;
}

/** Text made safe for HTML (element content and quoted attributes). */
export const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Orders as "path: value" lines, numbers as given (nothing rounded away, nothing invented). */
export function ordersLines(orders: unknown, prefix = ''): string[] {
  if (orders === null || orders === undefined) return [];
  if (typeof orders !== 'object') return [`${prefix}: ${String(orders)}`];
  if (Array.isArray(orders))
    return orders.length === 0
      ? []
      : orders.every((x) => typeof x !== 'object')
        ? [`${prefix}: ${orders.join(', ')}`]
        : orders.flatMap((x, i) => ordersLines(x, `${prefix}[${i + 1}]`));
  return Object.entries(orders).flatMap(([k, v]) => ordersLines(v, prefix ? `${prefix}.${k}` : k));
}

const TIMELINE_TYPES = new Set([
  'EventCardDrawn',
  'EventCardInjected',
  'TreatyProposed',
  'TreatySigned',
  'TreatyRejected',
  'TreatyBroken',
  'TreatyLapsed',
  'SafetyIncident',
  'ExportControlChanged',
  'SanctionChanged',
  'ObjectiveAchieved',
]);

/** The after-action report as one HTML document, cut for `viewer`. */
export function afterActionHtml(
  storage: Storage,
  session: GameSession,
  viewer: Viewer,
  lang: ReportLanguage = 'en',
): string {
  const report = gameReport(storage, session, viewer);
  const messages = reportMessages(lang);
  const t = (key: string, params: Record<string, string | number> = {}) =>
    formatMessage(messages[key] ?? key, params);
  const scenario = session.state.scenario;
  const nationName = (id: string) => scenario.nations.find((n) => n.id === id)?.name ?? id;
  const names: NameResolvers = {
    nation: nationName,
    market: (id) => scenario.markets.find((m) => m.id === id)?.name ?? id,
    objective: (id) => scenario.objectives.find((o) => o.id === id)?.title ?? id,
    card: (id) => scenario.events.find((c) => c.id === id)?.title ?? id,
  };
  const me = viewer.kind === 'nation' ? viewer.nation : null;
  const facilitator = viewer.kind === 'facilitator';
  const injects = storage
    .injects(session.code)
    .map((i) => ({ round: i.round, events: eventsFor(i.events, viewer) }));
  const reader = facilitator
    ? t('aar.reader.facilitator')
    : me
      ? t('aar.reader.nation', { nation: nationName(me) })
      : t('aar.reader.spectator');

  const o = report.game.options;
  const settings: [string, string][] = [
    [t('aar.settings.scenario'), scenario.title],
    [t('aar.settings.code'), report.game.code],
    [t('aar.settings.status'), t(`aar.status.${report.game.status}`)],
    [t('aar.settings.rounds'), `${Math.min(report.game.round, report.game.rounds)} / ${report.game.rounds}`],
    [t('aar.settings.timers'), `${o.timers.briefing} s · ${o.timers.negotiation} s · ${o.timers.orders} s`],
    [t('aar.settings.bots'), o.bots ? o.botDifficulty : '—'],
    [t('aar.settings.seed'), report.game.seed === null ? '—' : String(report.game.seed)],
    [t('aar.settings.reader'), reader],
  ];

  const ranking = `<table class="ranking"><thead><tr><th>#</th><th>${esc(t('aar.nation'))}</th><th>${esc(
    t('aar.score'),
  )}</th>${(['softPower', 'sovereignty', 'economy', 'objectives'] as const)
    .map((p) => `<th>${esc(t(`aar.part.${p}`))}</th>`)
    .join('')}</tr></thead><tbody>${report.ranking
    .map(
      (r) =>
        `<tr><td>${r.rank}</td><td>${esc(nationName(r.nation))}</td><td>${r.score}</td><td>${r.parts.softPower}</td><td>${r.parts.sovereignty}</td><td>${r.parts.economy}</td><td>${r.parts.objectives}</td></tr>`,
    )
    .join('')}</tbody></table>`;

  const objectives = report.ranking
    .map(
      (r) =>
        `<li><strong>${esc(nationName(r.nation))}</strong><ul>${r.objectives
          .map(
            (ob) =>
              `<li>${esc(ob.title)}${ob.secret ? ` <em>(${esc(t('aar.secret'))})</em>` : ''}: ${
                ob.achieved ? esc(t('aar.achieved')) : `${Math.round(ob.progress * 100)}%`
              } · ${ob.points}</li>`,
          )
          .join('')}</ul></li>`,
    )
    .join('');

  const rounds = report.rounds.map((r) => r.round);
  const timeline = rounds
    .map((round) => {
      const events = report.rounds.find((r) => r.round === round)?.events ?? [];
      const injected = injects.filter((i) => i.round === round).flatMap((i) => i.events);
      const digest = roundDigest(events, { scenario, me, messages, names });
      const key = [...injected, ...events].filter((e) => TIMELINE_TYPES.has(e.type));
      const lines = [
        ...digest.mine,
        ...digest.world,
        ...key.map((e: GameEvent) => formatEvent(e, messages, names)),
      ];
      const unique = [...new Set(lines)];
      const orders = report.orders.filter((x) => x.round === round);
      // The last submission of each nation is what the round resolved with.
      const last = new Map<string, (typeof orders)[number]>();
      for (const x of orders) last.set(x.nation, x);
      const orderRows = [...last.values()]
        .filter((x) => x.orders !== null)
        .map(
          (x) =>
            `<tr><th scope="row">${esc(nationName(x.nation))}</th><td>${esc(x.by)}</td><td><ul class="orders">${ordersLines(
              x.orders,
            )
              .map((l) => `<li>${esc(l)}</li>`)
              .join('')}</ul></td></tr>`,
        )
        .join('');
      return `<section class="round" data-round="${round}"><h3>${esc(t('aar.round', { round }))}</h3><ul>${unique
        .map((l) => `<li>${esc(l)}</li>`)
        .join('')}</ul>${
        orderRows
          ? `<h4>${esc(t('aar.orders'))}</h4><table class="orders-table"><thead><tr><th>${esc(
              t('aar.nation'),
            )}</th><th>${esc(t('aar.by'))}</th><th>${esc(t('aar.orders'))}</th></tr></thead><tbody>${orderRows}</tbody></table>`
          : ''
      }</section>`;
    })
    .join('');

  // Rewinds were announced to everyone: every copy lists them (the rounds undone, not their orders).
  const rewinds = storage.rewinds(session.code);
  const rewindList = rewinds.length
    ? `<ul class="rewinds">${rewinds
        .map((r) => `<li>${esc(t('aar.rewind', { from: r.from, round: r.round }))}</li>`)
        .join('')}</ul>`
    : '';

  const charts = afterActionCharts(
    report.history,
    scenario.nations,
    (q) => (q === 'score' ? t('aar.score') : t(`quantity.${q}`)),
    t('aar.rounds'),
  );

  const questions = discussionQuestions(
    report.rounds.map((r) => r.events),
    report.history,
    report.ranking,
    t,
    nationName,
  );

  let chat = '';
  if (facilitator) {
    const byChannel = new Map<string, typeof report.chat>();
    for (const l of report.chat) {
      const key = l.channel === 'team' ? `team:${l.team ?? ''}` : l.channel;
      byChannel.set(key, [...(byChannel.get(key) ?? []), l]);
    }
    chat = `<section class="chat"><h2>${esc(t('aar.chat'))}</h2>${
      byChannel.size === 0
        ? `<p>${esc(t('aar.noChat'))}</p>`
        : [...byChannel]
            .map(
              ([channel, lines]) =>
                `<h3>${esc(channel)}</h3><ol class="transcript">${lines
                  .map(
                    (l) =>
                      `<li><span class="meta">${esc(t('aar.round', { round: l.round }))} · ${esc(
                        l.from.name,
                      )}${l.from.nation ? ` (${esc(l.from.nation)})` : ''}</span> ${esc(l.text)}</li>`,
                  )
                  .join('')}</ol>`,
            )
            .join('')
    }</section>`;
  }

  const title = t('aar.title', { title: report.game.title });
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #ccd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}
dl.settings{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.settings dt{font-weight:600}
ul.orders{margin:0;padding-left:1rem;font-size:.85rem}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem}
figure{margin:0}figcaption{font-weight:600}.legend span{margin-right:.8rem;white-space:nowrap}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.2rem;vertical-align:middle}
.meta{color:#555;font-size:.85rem}section.round{break-inside:avoid}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}a{color:inherit}}
</style></head><body data-report="after-action" data-reader="${esc(viewer.kind)}">
<h1>${esc(title)}</h1>
<p>${esc(scenario.description)}</p>
<dl class="settings">${settings.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<h2>${esc(t('aar.ranking'))}</h2>${ranking}
<h2>${esc(t('aar.objectives'))}</h2><ul class="objectives">${objectives}</ul>
<h2>${esc(t('aar.charts'))}</h2>${charts}
<h2>${esc(t('aar.timeline'))}</h2>${timeline || `<p>${esc(t('aar.noRounds'))}</p>`}${rewindList}
<h2>${esc(t('aar.questions'))}</h2><ol class="questions">${questions.map((q) => `<li>${esc(q)}</li>`).join('')}</ol>
${chat}
</body></html>
`;
}
