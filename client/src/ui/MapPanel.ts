/**
 * The world map with its mode switch, legend, hover card (name, population, which AI stacks it
 * runs in what shares) and a detail panel on click. The Phaser part loads on first use.
 */
import type { Scenario } from '../../../shared/engine/index.ts';
import { t } from '../i18n.ts';
import { legend, MAP_MODES, type MapMode } from '../map/mapModes.ts';
import type { WorldMap } from '../map/WorldMap.ts';
import type { ClientState } from '../state/store.ts';
import { h, num, pct, replace } from './dom.ts';

const hex = (c: number) => `#${c.toString(16).padStart(6, '0')}`;

export class MapPanel {
  readonly el = h('section', { class: 'map-panel', 'aria-label': t('ui.map.title') });
  private readonly canvasHost = h('div', { class: 'map-host', 'data-testid': 'map' });
  private readonly legendEl = h('ul', { class: 'legend', 'data-testid': 'legend' });
  private readonly hover = h('div', { class: 'hover-card', hidden: true, role: 'tooltip' });
  private readonly detail = h('aside', { class: 'detail card', hidden: true, 'aria-live': 'polite' });
  private readonly modes = h('div', { class: 'modes', role: 'radiogroup', 'aria-label': t('ui.map.mode') });
  private map: WorldMap | null = null;
  private loading = false;
  private mode: MapMode = 'adoption';
  private state: ClientState | null = null;
  private lastKey = '';

  constructor() {
    this.el.append(this.modes, this.canvasHost, this.legendEl, this.hover, this.detail);
    this.renderModes();
    window.addEventListener('resize', () => this.map?.resize());
  }

  private renderModes() {
    replace(
      this.modes,
      MAP_MODES.map((m) =>
        h(
          'button',
          {
            role: 'radio',
            'aria-checked': m === this.mode ? 'true' : 'false',
            'data-mode': m,
            type: 'button',
            onclick: () => {
              this.mode = m;
              this.renderModes();
              if (this.state) this.update(this.state, true);
            },
          },
          t(`ui.map.modes.${m}`),
        ),
      ),
    );
  }

  private async ensureMap() {
    if (this.map || this.loading) return;
    this.loading = true;
    const { WorldMap } = await import('../map/WorldMap.ts');
    this.map = new WorldMap(this.canvasHost, {
      onHover: (iso2, x, y) => this.showHover(iso2, x, y),
      onClick: (iso2) => this.showDetail(iso2),
    });
    this.loading = false;
    if (this.state) this.update(this.state, true);
  }

  update(s: ClientState, force = false): void {
    this.state = s;
    if (!s.view || !s.scenario) return;
    void this.ensureMap();
    const key = `${s.view.round}:${s.view.status}:${this.mode}:${s.reports.length}`;
    if (!force && key === this.lastKey) return;
    if (!this.map) return;
    this.lastKey = key;
    this.map.update({ scenario: s.scenario, view: s.view, mode: this.mode });
    replace(
      this.legendEl,
      legend(this.mode, s.scenario, s.view).map((item) =>
        h('li', {}, h('span', { class: 'swatch', style: `background:${hex(item.color)}` }), item.label),
      ),
    );
  }

  private market(scenario: Scenario, iso2: string) {
    return scenario.markets.find((m) => m.id === iso2);
  }

  private shares(iso2: string): [string, number][] {
    const adoption = this.state?.view?.adoption[iso2] ?? {};
    return Object.entries(adoption)
      .filter(([, v]) => v >= 0.005)
      .sort((a, b) => b[1] - a[1]);
  }

  private showHover(iso2: string | null, x: number, y: number) {
    const scenario = this.state?.scenario;
    const m = iso2 && scenario ? this.market(scenario, iso2) : undefined;
    if (!m) {
      this.hover.hidden = true;
      return;
    }
    replace(
      this.hover,
      h('strong', {}, m.name),
      h('div', {}, t('ui.map.population', { population: num(m.population) })),
      h(
        'ul',
        {},
        this.shares(m.id).map(([p, v]) =>
          h('li', {}, `${p === 'OTHER' ? t('provider.OTHER') : p}: ${pct(v)}`),
        ),
      ),
    );
    const rect = this.el.getBoundingClientRect();
    this.hover.style.left = `${x - rect.left + 12}px`;
    this.hover.style.top = `${y - rect.top + 12}px`;
    this.hover.hidden = false;
  }

  private showDetail(iso2: string) {
    const scenario = this.state?.scenario;
    const m = scenario ? this.market(scenario, iso2) : undefined;
    if (!m || !scenario) return;
    const owner = scenario.nations.find((n) => n.members.includes(m.id));
    replace(
      this.detail,
      h(
        'button',
        {
          class: 'close',
          type: 'button',
          'aria-label': t('ui.close'),
          onclick: () => (this.detail.hidden = true),
        },
        '×',
      ),
      h('h3', { 'data-testid': 'detail-name' }, m.name),
      owner ? h('p', {}, t('ui.map.memberOf', { nation: owner.name })) : null,
      h(
        'p',
        {},
        `${m.region} · ${t('ui.map.population', { population: num(m.population) })} · GDP US$${num(m.gdpUsdBn)}bn · ${t('ui.map.online', { pct: num(m.internetPct, 0) })}`,
      ),
      h('h4', {}, t('ui.map.stacks')),
      h(
        'ul',
        {},
        this.shares(m.id).map(([p, v]) =>
          h(
            'li',
            {},
            `${p === 'OTHER' ? t('provider.OTHER') : (scenario.nations.find((n) => n.id === p)?.name ?? p)}: ${pct(v)}`,
          ),
        ),
      ),
      m.facts.length ? h('h4', {}, t('ui.lobby.facts')) : null,
      h(
        'ul',
        { class: 'facts' },
        m.facts.map((f) => h('li', {}, `${f.text} [${f.source}]`)),
      ),
    );
    this.detail.hidden = false;
  }
}
