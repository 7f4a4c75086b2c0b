/**
 * The scenario editor (issue 19, part 4): start from a built scenario or a file, change the number of
 * rounds, each nation's starting quantities, budget, policies and briefing, a market's dispositions,
 * the deck (which cards, and cards of one's own with effects of the engine's types; the engine shuffles
 * the deck by the seed at the start)
 * and the objectives. Every change is checked at once by the engine's own `loadScenario` (the zod
 * ScenarioSchema and its cross-checks, as the server loads scenarios), its messages shown beside the
 * field. Save as a file, load a file, or upload it and start a game from it.
 */
import { EventCardSchema, loadScenario, type Problem, type Scenario } from '../../../shared/engine/index.ts';
import { MAX_SCENARIO_BYTES } from '../../../shared/protocol/schemas.ts';
import { t } from '../i18n.ts';
import type { GameConnection } from '../net/GameConnection.ts';
import { h, replace } from './dom.ts';

type Path = (string | number)[];
type Json = Record<string, unknown>;

/** The engine's effect types, from the card schema itself (a new type shows up here by itself). */
export function effectTypes(): string[] {
  const effect = (
    EventCardSchema.shape.effects as unknown as {
      element: { options: { shape: { type: { value: string } } }[] };
    }
  ).element;
  return effect.options.map((o) => o.shape.type.value);
}

/** A card of one's own to start from, with one effect of the chosen type. */
function newCard(type: string, n: number): Json {
  const nations = ['*'];
  const effects: Record<string, Json> = {
    AdjustQuantity: { type, quantity: 'trust', nations, delta: -5 },
    Modifier: { type, kind: 'computeCost', nations, factor: 1.1, rounds: 2 },
    AdjustStack: { type, layer: 'fabrication', nations, factor: 0.9 },
    AdoptionShift: { type, nations, region: '*', amount: 0.05 },
    Incident: { type, nations },
  };
  return {
    id: `my-card-${n}`,
    title: t('ui.editor.newCardTitle'),
    text: t('ui.editor.newCardText'),
    anchor: t('ui.editor.newCardAnchor'),
    source: 'facilitator',
    effects: [effects[type] ?? { type, nations }],
  };
}

const at = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], root);

function setAt(root: unknown, path: Path, value: unknown) {
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
}

export class ScenarioEditor {
  readonly el = h('section', {
    class: 'editor',
    'data-screen': 'editor',
    'aria-label': t('ui.editor.title'),
  });
  private readonly net: GameConnection;
  private readonly status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly errorList = h('ul', { class: 'problems', 'data-testid': 'editor-problems' });
  private readonly body = h('div', { class: 'editor-body' });
  private draft: Json | null = null;
  private problems: Problem[] = [];
  /** Inputs by their dotted path, to mark the ones the schema refuses. */
  private readonly inputs = new Map<string, HTMLElement>();
  private market = 0;
  private cards = 0;

  constructor(net: GameConnection, onBack: () => void) {
    this.net = net;
    const pick = h('select', { id: 'editor-base', 'data-testid': 'editor-base' });
    const failed = (e: unknown) => this.say(t('ui.home.failed', { reason: (e as Error).message }));
    void net.api<{ id: string; title: string }[]>('/api/scenarios').then(
      (list) =>
        replace(
          pick,
          list.map((s) => h('option', { value: s.id }, s.title)),
        ),
      failed,
    );
    const file = h('input', {
      type: 'file',
      accept: '.json,application/json',
      id: 'editor-file',
      'data-testid': 'editor-file',
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (!f) return;
      if (f.size > MAX_SCENARIO_BYTES) return this.say(t('ui.editor.tooLarge'));
      void f.text().then(
        (text) => {
          try {
            this.open(JSON.parse(text));
          } catch (e) {
            this.say(t('ui.editor.notJson', { reason: (e as Error).message }));
          }
        },
        (e: unknown) => this.say(t('ui.editor.unreadable', { reason: (e as Error).message })),
      );
    });
    replace(
      this.el,
      h('h2', {}, t('ui.editor.title')),
      h('p', { class: 'muted' }, t('ui.editor.hint')),
      h(
        'div',
        { class: 'form-grid' },
        h('label', { for: 'editor-base' }, t('ui.editor.base')),
        h(
          'span',
          {},
          pick,
          ' ',
          h(
            'button',
            {
              type: 'button',
              'data-testid': 'editor-load-base',
              onclick: () =>
                void net.api<Json>(`/api/scenarios/${pick.value}`).then((s) => this.open(s), failed),
            },
            t('ui.editor.startFrom'),
          ),
        ),
        h('label', { for: 'editor-file' }, t('ui.editor.file')),
        file,
      ),
      this.status,
      this.errorList,
      this.body,
      h('button', { type: 'button', class: 'secondary', onclick: onBack }, t('ui.replay.back')),
    );
  }

  private say(text: string) {
    this.status.textContent = text;
  }

  /** Starts editing a scenario (its JSON as loaded). */
  open(json: unknown) {
    this.draft = structuredClone(json) as Json;
    this.render();
    this.check();
  }

  /** Checks the draft with the engine's loadScenario and marks every field it refuses. */
  private check(): Scenario | null {
    if (!this.draft) return null;
    const result = loadScenario(this.draft);
    this.problems = result.ok ? [] : result.errors;
    for (const [path, input] of this.inputs) {
      const problem = this.problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
      input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      const note = input.parentElement?.querySelector<HTMLElement>(':scope > .field-error');
      if (note) note.textContent = problem ? `${problem.path}: ${problem.message}` : '';
    }
    replace(
      this.errorList,
      this.problems.map((p) => h('li', {}, p.path ? `${p.path}: ${p.message}` : p.message)),
    );
    this.el.dataset.valid = result.ok ? 'true' : 'false';
    for (const b of this.el.querySelectorAll<HTMLButtonElement>('[data-needs-valid]'))
      b.disabled = !result.ok;
    return result.ok ? result.value : null;
  }

  /** One field bound to a path of the draft: a number, a text, or JSON for anything else. */
  private field(path: Path, label: string): HTMLElement {
    const key = path.join('.');
    const value = at(this.draft, path);
    const id = `ed-${key.replace(/[^A-Za-z0-9]/g, '-')}`;
    let input: HTMLInputElement | HTMLTextAreaElement;
    if (typeof value === 'number') {
      input = h('input', { id, type: 'number', step: 'any', value: String(value), 'data-path': key });
      input.addEventListener('input', () => {
        setAt(this.draft, path, input.value === '' ? null : Number(input.value));
        this.check();
      });
    } else if (typeof value === 'string') {
      input =
        value.length > 60
          ? h('textarea', { id, rows: 3, 'data-path': key }, value)
          : h('input', { id, value, 'data-path': key });
      input.addEventListener('input', () => {
        setAt(this.draft, path, input.value);
        this.check();
      });
    } else {
      input = h('textarea', { id, rows: 4, class: 'json', 'data-path': key }, JSON.stringify(value, null, 1));
      input.addEventListener('input', () => {
        try {
          setAt(this.draft, path, JSON.parse(input.value));
          input.setCustomValidity('');
          this.check();
        } catch {
          input.setCustomValidity(t('ui.editor.badJson'));
          input.setAttribute('aria-invalid', 'true');
          const note = input.parentElement?.querySelector<HTMLElement>(':scope > .field-error');
          if (note) note.textContent = t('ui.editor.badJson');
        }
      });
    }
    this.inputs.set(key, input);
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      input,
      h('span', { class: 'field-error', role: 'alert' }),
    );
  }

  /** Every field of an object (one level), each bound to its path. */
  private fields(path: Path, skip: string[] = []): HTMLElement[] {
    const obj = at(this.draft, path) as Json;
    return Object.keys(obj)
      .filter((k) => !skip.includes(k))
      .map((k) => this.field([...path, k], k));
  }

  private render() {
    const d = this.draft;
    if (!d) return;
    this.inputs.clear();
    const nations = (d.nations as Json[]) ?? [];
    const markets = (d.markets as Json[]) ?? [];
    const events = (d.events as Json[]) ?? [];
    const objectives = (d.objectives as Json[]) ?? [];
    const deckIds = (Array.isArray(d.deck) ? (d.deck as string[]) : null) ?? null;
    const marketSelect = h(
      'select',
      { id: 'editor-market', 'aria-label': t('ui.editor.market') },
      markets.map((m, i) =>
        h('option', { value: String(i), selected: i === this.market }, String(m.name ?? m.id)),
      ),
    );
    marketSelect.addEventListener('change', () => {
      this.market = Number(marketSelect.value);
      this.render();
      this.check();
    });
    const typeSelect = h(
      'select',
      { id: 'editor-effect-type', 'aria-label': t('ui.editor.effectType') },
      effectTypes().map((x) => h('option', { value: x }, x)),
    );
    replace(
      this.body,
      h(
        'fieldset',
        {},
        h('legend', {}, t('ui.editor.general')),
        this.fields(
          [],
          ['nations', 'markets', 'events', 'objectives', 'sources', 'rules', 'deck', 'regions', 'dataNotes'],
        ),
      ),
      h(
        'fieldset',
        { 'data-testid': 'editor-nations' },
        h('legend', {}, t('ui.editor.nations')),
        nations.map((n, i) =>
          h(
            'details',
            {},
            h('summary', {}, String(n.name ?? n.id)),
            this.fields(['nations', i], ['id', 'members', 'facts', 'languages']),
          ),
        ),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, t('ui.editor.markets')),
        marketSelect,
        markets[this.market] ? this.fields(['markets', this.market], ['id', 'numeric']) : null,
      ),
      h(
        'fieldset',
        { 'data-testid': 'editor-deck' },
        h('legend', {}, t('ui.editor.deck')),
        h('p', { class: 'muted' }, t('ui.editor.deckHint')),
        h(
          'ol',
          {},
          events.map((c, i) =>
            h(
              'li',
              {},
              h('details', {}, h('summary', {}, String(c.title ?? c.id)), this.fields(['events', i])),
              h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  onclick: () => {
                    events.splice(i, 1);
                    this.render();
                    this.check();
                  },
                },
                t('ui.editor.remove'),
              ),
            ),
          ),
        ),
        typeSelect,
        ' ',
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'editor-new-card',
            onclick: () => {
              events.push(newCard(typeSelect.value, ++this.cards));
              this.render();
              this.check();
            },
          },
          t('ui.editor.newCard'),
        ),
        deckIds ? h('p', { class: 'muted' }, deckIds.join(', ')) : null,
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, t('ui.editor.objectives')),
        objectives.map((o, i) =>
          h('details', {}, h('summary', {}, String(o.title ?? o.id)), this.fields(['objectives', i])),
        ),
      ),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'button', 'data-testid': 'editor-save', onclick: () => this.save() },
          t('ui.editor.save'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            'data-needs-valid': '',
            'data-testid': 'editor-start',
            onclick: () => void this.start(),
          },
          t('ui.editor.start'),
        ),
      ),
    );
  }

  /** Downloads the draft as a file. */
  private save() {
    if (!this.draft) return;
    const blob = new Blob([JSON.stringify(this.draft, null, 1)], { type: 'application/json' });
    const a = h('a', {
      href: URL.createObjectURL(blob),
      download: `${String(this.draft.id ?? 'scenario')}.json`,
    });
    a.click();
    URL.revokeObjectURL(a.href);
  }

  /** Uploads the scenario (checked again by the server) and creates a game from it, as its facilitator. */
  private async start() {
    if (!this.check() || !this.draft) return;
    const name = localStorage.getItem('sovereign.name') || t('ui.editor.facilitator');
    try {
      const res = await fetch('/api/scenarios', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(this.draft),
      });
      const body = (await res.json()) as { id?: string; error?: string };
      if (!res.ok || !body.id)
        return this.say(t('ui.editor.refused', { reason: body.error ?? String(res.status) }));
      await this.net.create(name, { scenario: body.id });
    } catch (e) {
      this.say(t('ui.editor.refused', { reason: (e as Error).message }));
    }
  }
}
