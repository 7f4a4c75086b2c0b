/**
 * Who sits where in a simulated game: the `--bots` assignment, its parser, and the seeded draw
 * that turns it into a seat for every nation. Everything derives from the run seed and the game
 * index only, so a game plays the same whichever thread plays it.
 */
import { ARCHETYPES, type Archetype, type BotSeat, DIFFICULTIES, type Difficulty } from '../bots/botTypes.ts';
import { drawArchetypes, mix32, seatDrawSeed } from '../bots/seatDraw.ts';
import { rngFromSeed } from '../engine/rng.ts';
import type { Scenario } from '../engine/scenarioSchema.ts';
import type { NationId } from '../engine/types.ts';

/** A seat spec: a fixed archetype, or 'mix' (a seeded random archetype), at a difficulty. */
export interface SeatSpec {
  archetype: Archetype | 'mix';
  difficulty: Difficulty;
}

/** Seat specs per nation id; '*' applies to every nation not listed. Missing '*' means mix/normal. */
export type BotAssignment = Record<NationId | '*', SeatSpec>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The seed of game `index` of a run: a 32-bit mix of both, so neighbouring games differ widely. */
export function gameSeed(runSeed: number, index: number): number {
  return mix32(Math.imul(runSeed | 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77));
}

/** Parses `hawk`, `mix`, `openChampion:hard`, `mix:easy`. */
export function parseSeatSpec(text: string): Parsed<SeatSpec> {
  const [name = '', difficulty = 'normal', extra] = text.split(':');
  if (extra !== undefined)
    return { ok: false, error: `bad seat '${text}' (expected <archetype>[:<difficulty>])` };
  if (name !== 'mix' && !(ARCHETYPES as readonly string[]).includes(name))
    return {
      ok: false,
      error: `unknown archetype '${name}' (available: mix, ${ARCHETYPES.join(', ')})`,
    };
  if (!(DIFFICULTIES as readonly string[]).includes(difficulty))
    return {
      ok: false,
      error: `unknown difficulty '${difficulty}' (available: ${DIFFICULTIES.join(', ')})`,
    };
  return { ok: true, value: { archetype: name as Archetype | 'mix', difficulty: difficulty as Difficulty } };
}

/**
 * Parses a `--bots` value: `mix`, one seat spec for every nation (`hawk`, `hedger:hard`), or a list
 * `US=hawk,CN=openChampion:hard,*=hedger` (nations not listed and without '*' get a mix seat).
 */
export function parseBots(text: string, scenario: Scenario): Parsed<BotAssignment> {
  const ids = scenario.nations.map((n) => n.id);
  const out: BotAssignment = {};
  const parts = text.split(',').map((p) => p.trim());
  for (const part of parts) {
    if (part === '') return { ok: false, error: `empty entry in --bots '${text}'` };
    const eq = part.indexOf('=');
    const nation = eq < 0 ? '*' : part.slice(0, eq).trim();
    const spec = parseSeatSpec(eq < 0 ? part : part.slice(eq + 1).trim());
    if (!spec.ok) return spec;
    if (nation !== '*' && !ids.includes(nation))
      return {
        ok: false,
        error: `unknown nation '${nation}' in --bots (nations of ${scenario.id}: ${ids.join(', ')})`,
      };
    if (out[nation]) return { ok: false, error: `nation '${nation}' appears twice in --bots` };
    out[nation] = spec.value;
  }
  return { ok: true, value: out };
}

/** Parses a `--whatif` value: `US=hawk` or `US=openChampion:hard`. */
export function parseWhatIf(text: string, scenario: Scenario): Parsed<{ nation: NationId; seat: BotSeat }> {
  const eq = text.indexOf('=');
  if (eq < 0)
    return { ok: false, error: `bad --whatif '${text}' (expected <nation>=<archetype>[:<difficulty>])` };
  const nation = text.slice(0, eq).trim();
  const ids = scenario.nations.map((n) => n.id);
  if (!ids.includes(nation))
    return {
      ok: false,
      error: `unknown nation '${nation}' in --whatif (nations of ${scenario.id}: ${ids.join(', ')})`,
    };
  const spec = parseSeatSpec(text.slice(eq + 1).trim());
  if (!spec.ok) return spec;
  if (spec.value.archetype === 'mix') return { ok: false, error: '--whatif needs an archetype, not mix' };
  return { ok: true, value: { nation, seat: spec.value as BotSeat } };
}

const MIX: SeatSpec = { archetype: 'mix', difficulty: 'normal' };

/**
 * A seat for every nation, from the game seed only: one archetype is drawn per nation in scenario
 * order whether or not it is used (shared/bots/seatDraw.ts, the server's draw too), so fixing one
 * nation never changes the others' draws.
 */
export function assignSeats(
  scenario: Scenario,
  seed: number,
  assignment: BotAssignment = {},
): Record<NationId, BotSeat> {
  const drawn = drawArchetypes(
    scenario.nations.map((n) => n.id),
    rngFromSeed(seatDrawSeed(seed)),
  );
  const seats: Record<NationId, BotSeat> = {};
  for (const n of scenario.nations) {
    const spec = assignment[n.id] ?? assignment['*'] ?? MIX;
    seats[n.id] = {
      archetype: spec.archetype === 'mix' ? drawn[n.id]! : spec.archetype,
      difficulty: spec.difficulty,
    };
  }
  return seats;
}

/** The assignment written back as text, for reports. */
export function formatBots(assignment: BotAssignment): string {
  const entries = Object.entries(assignment);
  if (entries.length === 0) return 'mix';
  return entries
    .map(([id, s]) => {
      const seat = s.difficulty === 'normal' ? s.archetype : `${s.archetype}:${s.difficulty}`;
      return id === '*' ? `*=${seat}` : `${id}=${seat}`;
    })
    .join(',');
}

/** A seat as text: `hawk` or `hawk:hard` (normal difficulty is left out). */
export const seatLabel = (seat: BotSeat): string =>
  seat.difficulty === 'normal' ? seat.archetype : `${seat.archetype}:${seat.difficulty}`;
