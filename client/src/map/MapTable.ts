/**
 * The map as a table, for a keyboard or a screen reader, or anyone who wants the numbers: each
 * market, the AI stack it runs most, that stack's share and its change since the last round, the
 * runner-up. Sorted by a column header (buttons with aria-sort). Built only while open.
 */
import type { Scenario } from '../../../shared/engine/index.ts';
import { t } from '../i18n.ts';
import { h, num, pct, replace, signed } from '../ui/dom.ts';
import { type Adoption, type MapSortKey, mapRows } from './mapChanges.ts';

const COLUMNS: MapSortKey[] = ['name', 'leader', 'share', 'change', 'population'];

/** A change of share in points, signed: "+3.2 pts". */
export function pointsChange(change: number | null): string {
  if (change === null) return '–';
  const p = change * 100;
  if (Math.abs(p) < 0.05) return t('ui.map.noChange');
  return t('ui.map.points', { points: signed(p) });
}

export class MapTable {
  readonly el = h('details', { class: 'map-table', 'data-testid': 'map-table' });
  private readonly body = h('div', { class: 'table-wrap', tabindex: 0 });
  private sort: MapSortKey = 'population';
  private descending = true;
  private data: { scenario: Scenario; adoption: Adoption; before: Adoption | null } | null = null;

  constructor() {
    this.el.append(h('summary', {}, t('ui.map.table')), this.body);
    this.el.addEventListener('toggle', () => this.render());
  }

  update(scenario: Scenario, adoption: Adoption, before: Adoption | null): void {
    this.data = { scenario, adoption, before };
    this.render();
  }

  private render() {
    if (!this.el.open || !this.data) return;
    const { scenario, adoption, before } = this.data;
    const name = (id: string | null) =>
      id === null
        ? '–'
        : id === 'OTHER'
          ? t('provider.OTHER')
          : (scenario.nations.find((n) => n.id === id)?.name ?? id);
    const rows = mapRows(scenario, adoption, before, this.sort, this.descending);
    const focused = (document.activeElement as HTMLElement | null)?.dataset.sort;
    replace(
      this.body,
      h(
        'table',
        { class: 'map-rows' },
        h('caption', { class: 'sr-only' }, t('ui.map.tableCaption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            COLUMNS.map((c) =>
              h(
                'th',
                {
                  scope: 'col',
                  'aria-sort': c === this.sort ? (this.descending ? 'descending' : 'ascending') : undefined,
                },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'sort',
                    'data-sort': c,
                    onclick: () => {
                      if (this.sort === c) this.descending = !this.descending;
                      else {
                        this.sort = c;
                        this.descending = c !== 'name' && c !== 'leader';
                      }
                      this.render();
                    },
                  },
                  t(`ui.map.col.${c}`),
                  c === this.sort ? (this.descending ? ' ▼' : ' ▲') : '',
                ),
              ),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              { 'data-market': r.iso2 },
              h('th', { scope: 'row' }, r.name),
              h('td', {}, name(r.leader)),
              h('td', {}, pct(r.share)),
              h('td', {}, pointsChange(r.change)),
              h('td', {}, num(r.population)),
            ),
          ),
        ),
      ),
    );
    if (focused) (this.body.querySelector(`[data-sort="${focused}"]`) as HTMLElement | null)?.focus();
  }
}
