/**
 * The after-action report's charts as inline SVG (no script, prints as it shows): one line chart per
 * quantity, one line per nation in its scenario colour, rounds across.
 */
import type { HistoryEntry } from '../../shared/engine/index.ts';

/** The quantities charted, as in the debrief, and the score. */
export const AAR_CHARTED = ['score', 'softPower', 'compute', 'capability', 'trust', 'sovereignty'] as const;

const W = 320;
const H = 180;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const short = (x: number) =>
  Math.abs(x) >= 1000 ? `${Math.round(x / 100) / 10}k` : String(Math.round(x * 10) / 10);

/** The charts' HTML: a figure per quantity and one legend. */
export function afterActionCharts(
  history: readonly HistoryEntry[],
  nations: readonly { id: string; name: string; color: string }[],
  label: (q: string) => string,
  roundWord: string,
): string {
  if (history.length === 0) return '';
  const figures = AAR_CHARTED.map((q) => {
    const values = history.flatMap((e) => nations.map((n) => e.nations[n.id]?.[q] ?? 0));
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (hi - lo < 1e-9) {
      hi += 1;
      lo -= 1;
    }
    const first = history[0]?.round ?? 0;
    const last = history.at(-1)?.round ?? 1;
    const x = (round: number) =>
      PAD.left + ((round - first) / Math.max(1, last - first)) * (W - PAD.left - PAD.right);
    const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
    const lines = nations
      .map((n) => {
        const points = history
          .map((e) => `${x(e.round).toFixed(1)},${y(e.nations[n.id]?.[q] ?? 0).toFixed(1)}`)
          .join(' ');
        return `<polyline fill="none" stroke="${esc(n.color)}" stroke-width="2" points="${points}"><title>${esc(n.name)}</title></polyline>`;
      })
      .join('');
    const axis = `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#999"/><line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#999"/>`;
    const ticks = `<text x="${PAD.left - 4}" y="${PAD.top + 10}" text-anchor="end" font-size="10">${short(hi)}</text><text x="${PAD.left - 4}" y="${H - PAD.bottom}" text-anchor="end" font-size="10">${short(lo)}</text>${history
      .map(
        (e) =>
          `<text x="${x(e.round).toFixed(1)}" y="${H - 6}" text-anchor="middle" font-size="10">${e.round}</text>`,
      )
      .join('')}`;
    return `<figure data-chart="${q}"><figcaption>${esc(label(q))}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label(q))} (${esc(roundWord)})">${axis}${ticks}${lines}</svg></figure>`;
  }).join('');
  const legend = nations
    .map((n) => `<span><i style="background:${esc(n.color)}"></i>${esc(n.name)}</span>`)
    .join('');
  return `<p class="legend">${legend}</p><div class="charts">${figures}</div>`;
}
