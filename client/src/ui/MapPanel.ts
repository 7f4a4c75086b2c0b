/**
 * The world map with its mode switch, legend, hover card (name, population, which AI stacks it
 * runs in what shares and the change since the last round) and a detail panel on click, a table
 * of the same facts for the keyboard and screen readers, and a button that folds the map away on
 * a phone. The canvas follows its container (ResizeObserver). When a round resolves, the markets
 * that changed leader are animated. The Phaser part loads on first use.
 */
import { type Scenario, TREATY_TYPES } from '../../../shared/engine/index.ts';
import { language, t } from '../i18n.ts';
import { type Adoption, leaderChanges } from '../map/mapChanges.ts';
import { MapTable, pointsChange } from '../map/MapTable.ts';
import { FIXED_LEGEND_IDS, type LegendItem, legend, MAP_MODES, type MapMode } from '../map/mapModes.ts';
import { OTHER_COLOR, providerColors } from '../map/palette.ts';
import type { WorldMap } from '../map/WorldMap.ts';
import type { ClientState } from '../state/store.ts';
import { h, num, pct, replace } from './dom.ts';

/** A legend row in the screen's language: treaties and fixed rows by their keys, nations by name. */
function legendLabel(item: LegendItem): string {
  if ((TREATY_TYPES as readonly string[]).includes(item.id)) return t(`treaty.${item.id}`);
  if (FIXED_LEGEND_IDS.includes(item.id)) return t(`ui.map.legend.${item.id}`);
  return item.label;
}

const hex = (c: number) => `#${c.toString(16).padStart(6, '0')}`;

export class MapPanel {
  readonly el = h('section', { class: 'map-panel', 'aria-label': t('ui.map.title') });
  private readonly summary = h('p', { class: 'sr-only', id: 'map-summary' });
  private readonly canvasHost = h('div', {
    class: 'map-host',
    'data-testid': 'map',
    role: 'img',
    tabindex: 0,
    'aria-label': t('ui.map.alt'),
    'aria-describedby': 'map-summary',
  });
  private readonly table = new MapTable();
  private readonly toggle = h('button', {
    type: 'button',
    class: 'map-toggle secondary small',
    'aria-expanded': 'true',
    'data-testid': 'map-toggle',
  });
  /** Adoption as each round began, to tell what changed. */
  private readonly adoptionAt = new Map<number, Adoption>();
  private shownRound = -1;
  private readonly legendEl = h('ul', { class: 'legend', 'data-testid': 'legend' });
  private readonly hover = h('div', { class: 'hover-card', hidden: true, role: 'tooltip' });
  private readonly detail = h('aside', { class: 'detail card', hidden: true, 'aria-live': 'polite' });
  private readonly modes = h('div', { class: 'modes', role: 'radiogroup', 'aria-label': t('ui.map.mode') });
  private map: WorldMap | null = null;
  private loading = false;
  private mode: MapMode = 'adoption';
  private state: ClientState | null = null;
  private lastKey = '';
  /** The language the panel's fixed labels were written in. */
  private lang = language();

  constructor() {
    this.el.append(
      h('div', { class: 'map-bar' }, this.toggle, this.modes),
      this.canvasHost,
      this.summary,
      this.legendEl,
      this.keys,
      this.table.el,
      this.hover,
      this.detail,
    );
    this.toggle.textContent = t('ui.map.hide');
    this.toggle.addEventListener('click', () => {
      const collapsed = this.el.classList.toggle('collapsed');
      this.toggle.setAttribute('aria-expanded', collapsed ? 'false' : 'true');
      this.toggle.textContent = collapsed ? t('ui.map.show') : t('ui.map.hide');
    });
    this.renderModes();
    new ResizeObserver(() => this.map?.resize()).observe(this.canvasHost);
  }

  private readonly keys = h('p', { class: 'map-keys muted small' }, t('ui.map.keys'));

  /** The fixed labels again, in the language just chosen. */
  private relabel() {
    this.lang = language();
    this.el.setAttribute('aria-label', t('ui.map.title'));
    this.canvasHost.setAttribute('aria-label', t('ui.map.alt'));
    this.modes.setAttribute('aria-label', t('ui.map.mode'));
    this.keys.textContent = t('ui.map.keys');
    this.toggle.textContent = this.el.classList.contains('collapsed') ? t('ui.map.show') : t('ui.map.hide');
    this.renderModes();
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
    // A failed load (a new build deployed under the page) is tried again on the next update.
    const loaded = await import('../map/WorldMap.ts').catch(() => null);
    if (!loaded) {
      this.loading = false;
      return;
    }
    const { WorldMap } = loaded;
    this.map = new WorldMap(this.canvasHost, {
      onHover: (iso2, x, y) => this.showHover(iso2, x, y),
      onClick: (iso2) => this.showDetail(iso2),
    });
    this.loading = false;
    if (this.state) this.update(this.state, true);
  }

  update(s: ClientState, force = false): void {
    if (language() !== this.lang) this.relabel();
    this.state = s;
    if (!s.view || !s.scenario) return;
    void this.ensureMap();
    const key = `${s.view.round}:${s.view.status}:${this.mode}:${s.reports.length}:${language()}`;
    if (!force && key === this.lastKey) return;
    if (!this.map) return;
    this.lastKey = key;
    const round = s.view.round;
    if (!this.adoptionAt.has(round)) this.adoptionAt.set(round, s.view.adoption);
    const before = this.adoptionAt.get(round - 1) ?? null;
    // Animate a resolution seen live (this page showed the round before), once.
    const live = this.shownRound !== -1 && round > this.shownRound && before !== null;
    this.shownRound = round;
    const colors = providerColors(s.scenario.nations);
    const pulses = live
      ? leaderChanges(s.scenario, before, s.view.adoption).map((c, i) => ({
          numeric: c.numeric,
          color: colors.get(c.to) ?? OTHER_COLOR,
          label:
            i < 3
              ? c.to === 'OTHER'
                ? t('ui.map.changedOther', { market: c.name })
                : t('ui.map.changed', { market: c.name, nation: this.nationName(c.to) })
              : undefined,
        }))
      : [];
    this.map.update({
      scenario: s.scenario,
      view: s.view,
      mode: this.mode,
      pulses,
      pulseId: live ? String(round) : undefined,
    });
    this.table.update(s.scenario, s.view.adoption, before);
    this.summary.textContent = this.describe(s);
    replace(
      this.legendEl,
      legend(this.mode, s.scenario, s.view).map((item) =>
        h(
          'li',
          {},
          h('span', { class: 'swatch', style: `background:${hex(item.color)}` }),
          legendLabel(item),
        ),
      ),
    );
  }

  private nationName(id: string): string {
    if (id === 'OTHER') return t('provider.OTHER');
    return this.state?.scenario?.nations.find((n) => n.id === id)?.name ?? id;
  }

  /** The map in one sentence for a screen reader: how many markets each stack leads. */
  private describe(s: ClientState): string {
    if (!s.scenario || !s.view) return '';
    const counts = new Map<string, number>();
    for (const m of s.scenario.markets) {
      const shares = Object.entries(s.view.adoption[m.id] ?? {}).sort((a, b) => b[1] - a[1]);
      const lead = shares[0]?.[0];
      if (lead) counts.set(lead, (counts.get(lead) ?? 0) + 1);
    }
    const parts = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([id, n]) => t('ui.map.leads', { nation: this.nationName(id), count: n }));
    return `${t('ui.map.summary')} ${parts.join('; ')}.`;
  }

  /** Change of a stack's share since the last round, in words. */
  private change(iso2: string, provider: string): string {
    const round = this.state?.view?.round ?? 0;
    const before = this.adoptionAt.get(round - 1)?.[iso2];
    if (!before) return '';
    const now = this.state?.view?.adoption[iso2]?.[provider] ?? 0;
    return ` (${pointsChange(now - (before[provider] ?? 0))})`;
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
          h('li', {}, `${this.nationName(p)}: ${pct(v)}${this.change(m.id, p)}`),
        ),
      ),
    );
    const rect = this.el.getBoundingClientRect();
    // Kept inside the panel on a narrow screen.
    this.hover.style.left = `${Math.max(0, Math.min(x - rect.left + 12, rect.width - 240))}px`;
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
        `${m.region} · ${t('ui.map.population', { population: num(m.population) })} · ${t('ui.map.gdp', { gdp: num(m.gdpUsdBn) })} · ${t('ui.map.online', { pct: num(m.internetPct, 0) })}`,
      ),
      h('h4', {}, t('ui.map.stacks')),
      h(
        'ul',
        {},
        this.shares(m.id).map(([p, v]) =>
          h('li', {}, `${this.nationName(p)}: ${pct(v)}${this.change(m.id, p)}`),
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
