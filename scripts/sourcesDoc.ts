/**
 * The generated parts of docs/SOURCES.md and docs/SCENARIOS.md: the event-card list (from the deck),
 * the list of cited sources (from the scenario's `sources`) and every power's starting quantities
 * with their source or estimate note (from the scenario source's `startingNotes`). Each part sits
 * between `<!-- generated:NAME start -->` and `<!-- generated:NAME end -->` so the prose around it
 * stays hand-written. scripts/buildScenarios.ts writes them; test/sources.test.ts checks them.
 */

/** A cited source as the scenario lists it. */
export interface SourceEntry {
  id: string;
  title: string;
  publisher: string;
  date: string;
  url?: string;
}

/** An effect of a card, as much of it as the list needs. */
interface Effect {
  type: string;
  nations: string[];
  quantity?: string;
  kind?: string;
  layer?: string;
  region?: string;
  amount?: number;
  delta?: number;
  factor?: number;
  rounds?: number;
}

/** An event card of the deck. */
export interface Card {
  id: string;
  title: string;
  text: string;
  anchor: string;
  source: string;
  effects: Effect[];
}

/** Where a starting quantity comes from: a source id, or a designers' estimate with its reasoning. */
export interface StartingNote {
  source?: string;
  estimate?: boolean;
  note: string;
}

/** A power as the scenario source describes it (the fields the notes cover). */
export interface SourceNation {
  id: string;
  name: string;
  baseBudget: number;
  compute: number;
  cloudCompute: number;
  stack: Record<string, number>;
  capability: number;
  sovereignModel?: number;
  talent: number;
  trust: number;
  safety: number;
  release: string;
  visa: string;
  regulation: string;
  startingNotes?: Record<string, StartingNote>;
}

/** Every starting quantity a power has, by the key its note uses. */
export const STARTING_QUANTITIES = [
  'baseBudget',
  'compute',
  'cloudCompute',
  'stack.design',
  'stack.fabrication',
  'stack.lithography',
  'stack.memory',
  'capability',
  'sovereignModel',
  'talent',
  'trust',
  'safety',
  'release',
  'visa',
  'regulation',
] as const;

/** The source ids a card cites: its `source` is a comma-separated list of ids. */
export const cardSourceIds = (card: { source: string }) =>
  card.source
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Bracketed citation keys in a text: `[F12]`, `[S1]`, `[F34, F37]` give F12, S1, F34, F37. */
export const citedKeys = (text: string): string[] =>
  [...text.matchAll(/\[([A-Za-z0-9_-]+(?:,\s*[A-Za-z0-9_-]+)*)\]/g)].flatMap((m) =>
    (m[1] ?? '').split(/,\s*/),
  );

/** The value of a starting quantity of a power. */
export function startingValue(n: SourceNation, key: string): string | number | undefined {
  if (key.startsWith('stack.')) return n.stack[key.slice('stack.'.length)];
  if (key === 'sovereignModel') return n.sovereignModel ?? 0;
  return (n as unknown as Record<string, string | number | undefined>)[key];
}

/** A power's note for a quantity: its own, else the scenario's default for that quantity. */
export function noteFor(
  n: SourceNation,
  key: string,
  defaults: Record<string, StartingNote>,
): StartingNote | undefined {
  return n.startingNotes?.[key] ?? defaults[key];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const who = (nations: string[]) =>
  nations
    .map((s) =>
      s === '*'
        ? 'every power'
        : s === '@open'
          ? 'open-weight powers'
          : s === '@closed'
            ? 'closed-model powers'
            : s === '@held'
              ? 'powers holding their models back'
              : s === '@leader'
                ? 'the capability leader'
                : s === '@embargoed'
                  ? 'embargoed powers'
                  : s.startsWith('@holder:')
                    ? `holders of ${s.slice('@holder:'.length)}`
                    : s,
    )
    .join(', ');

const signed = (x: number) => (x > 0 ? `+${x}` : `${x}`);

/** One effect in a few words. */
export function describeEffect(e: Effect): string {
  switch (e.type) {
    case 'AdjustQuantity': {
      const parts = [
        e.factor !== undefined && e.factor !== 1 ? `×${e.factor}` : '',
        e.delta ? signed(e.delta) : '',
      ].filter(Boolean);
      return `${e.quantity} ${parts.join(' ')} for ${who(e.nations)}`;
    }
    case 'Modifier':
      return `${e.kind} ×${e.factor} for ${who(e.nations)}, ${e.rounds} round${e.rounds === 1 ? '' : 's'}`;
    case 'AdjustStack':
      return `${e.layer} capacity ×${e.factor} for ${who(e.nations)}`;
    case 'AdoptionShift': {
      const points = Math.round((e.amount ?? 0) * 1000) / 10;
      const where = e.region === '*' ? 'every market' : e.region;
      return `${signed(points)} points of AI use in ${where} for ${who(e.nations)}`;
    }
    case 'Incident':
      return `safety incident for ${who(e.nations)}`;
    default:
      return e.type;
  }
}

/** The card list of docs/SOURCES.md. */
export function renderCardList(deck: Card[]): string {
  const rows = deck.map(
    (c, i) =>
      `| ${i + 1} | **${cell(c.title)}** (\`${c.id}\`) | ${cell(c.anchor)} | ${cardSourceIds(c).join(', ')} | ${cell(
        c.effects.map(describeEffect).join('; '),
      )} |`,
  );
  return [
    '| # | card | real-world anchor | sources | effects in the game |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The list of cited sources of docs/SOURCES.md. */
export function renderSourceList(sources: SourceEntry[]): string {
  const rows = sources.map(
    (s) =>
      `| ${s.id} | ${cell(s.title)} | ${cell(s.publisher)} | ${cell(s.date)} | ${s.url ? `<${s.url}>` : '—'} |`,
  );
  return ['| id | title | publisher | date | link |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Every power's starting quantities with their notes, for docs/SCENARIOS.md. */
export function renderStartingNotes(nations: SourceNation[], defaults: Record<string, StartingNote>): string {
  const out: string[] = [];
  for (const n of nations) {
    out.push(`#### ${n.name} (${n.id})`, '', '| quantity | value | basis |', '|---|---|---|');
    for (const key of STARTING_QUANTITIES) {
      const note = noteFor(n, key, defaults);
      const basis = !note
        ? '**no note**'
        : `${note.source ? `**${note.source}**` : '*estimate*'}${note === defaults[key] ? ' (shared)' : ''}: ${note.note}`;
      out.push(`| ${key} | ${startingValue(n, key)} | ${cell(basis)} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** Replaces the text between a document's markers for `name`; throws if the markers are missing. */
export function replaceGenerated(doc: string, name: string, content: string): string {
  const start = `<!-- generated:${name} start -->`;
  const end = `<!-- generated:${name} end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`markers for '${name}' not found`);
  return `${doc.slice(0, i + start.length)}\n${content}\n${doc.slice(j)}`;
}
