/**
 * Plays a replay file again through the engine's public functions (createGame, injectEvent,
 * parseOrders, resolveRound, concludeGame) and compares each round with the record: its events byte
 * for byte, the hash of the state after it (when a hash function is given), and the history of
 * quantities at the end. Pure: the hash is passed in (SHA-256 in Node; the browser viewer skips it).
 */
import {
  concludeGame,
  createGame,
  type GameEvent,
  type GameState,
  type HistoryEntry,
  injectEvent,
  loadScenario,
  type Orders,
  parseOrders,
  resolveRound,
  type Scenario,
} from '../engine/index.ts';
import type { ReplayFile } from './replayFile.ts';

/** The engine state as the server stores it: without its scenario. */
export const storedStateText = (state: GameState) => JSON.stringify({ ...state, scenario: undefined });

export interface ReplayFrame {
  round: number;
  /** The state after the round (for round 0: the start). */
  state: GameState;
  events: GameEvent[];
}

export interface RerunResult {
  /** The start and the state after each replayed step. */
  frames: ReplayFrame[];
  /** Where the replay diverges from the record (empty: it reproduces it). */
  divergences: string[];
}

const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

/** The first difference between two JSON values, as a path and the two values. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      );
      if (d) return d;
    }
  }
  return `${path || '(top)'}: recorded ${show(a)}, replayed ${show(b)}`;
}

/** JSON with every number cut to `digits` significant digits (a comparison up to rounding). */
const rounded = (v: unknown, digits: number) =>
  JSON.stringify(v, (_k, x) =>
    typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(digits)) : x,
  );

export interface RerunOptions {
  /** Turns a stored state text into the hex digest the file records (state checks skipped without). */
  hash?: (text: string) => string;
  /**
   * Compare numbers to this many significant digits instead of byte for byte. For a browser, whose
   * Math functions may differ from Node's in the last bit: the byte-for-byte check is `npm run replay`.
   */
  digits?: number;
  /** Go on after a divergence (a viewer shows the whole game); the default stops at the first. */
  keepGoing?: boolean;
}

/**
 * Replays the file. Stops at the first round that diverges (later rounds would only repeat it)
 * unless `keepGoing`.
 */
export function rerunReplay(file: ReplayFile, options: RerunOptions = {}): RerunResult {
  const { hash, digits, keepGoing = false } = options;
  const same = (a: unknown, b: unknown) =>
    digits ? rounded(a, digits) === rounded(b, digits) : JSON.stringify(a) === JSON.stringify(b);
  const loaded = loadScenario(file.scenario);
  if (!loaded.ok)
    return {
      frames: [],
      divergences: loaded.errors.map((e) => `scenario: ${e.path}: ${e.message}`),
    };
  const scenario: Scenario = loaded.value;
  let state: GameState = file.start
    ? ({ ...(file.start as unknown as GameState), scenario } as GameState)
    : createGame(scenario, { seed: file.seed, rounds: file.rounds });
  const frames: ReplayFrame[] = [{ round: 0, state, events: [] }];
  const divergences: string[] = [];
  for (const step of file.steps) {
    if (state.round !== step.round) {
      divergences.push(`round ${step.round}: the replayed game is at round ${state.round}`);
      break;
    }
    for (const [i, inject] of step.injects.entries()) {
      const r = injectEvent(state, inject.card);
      if (!r.ok) {
        divergences.push(
          `round ${step.round}: inject ${i + 1} refused: ${r.errors.map((e) => e.message).join('; ')}`,
        );
        return { frames, divergences };
      }
      const d = same(inject.events, r.value.events) ? null : firstDifference(inject.events, r.value.events);
      if (d) divergences.push(`round ${step.round}: inject ${i + 1}'s events differ at ${d}`);
      state = r.value.state;
    }
    let events: GameEvent[];
    if (step.concluded) {
      const r = concludeGame(state);
      state = r.state;
      events = r.events;
    } else {
      const orders: Record<string, Orders> = {};
      for (const [nation, input] of Object.entries(step.orders)) {
        const parsed = parseOrders(state, nation, input);
        if (parsed.ok) orders[nation] = parsed.value;
      }
      const r = resolveRound(state, orders);
      state = r.state;
      events = r.events;
    }
    frames.push({ round: step.round, state, events });
    if (!same(step.events, events)) {
      const at = step.events.findIndex((e, i) => !same(e, events[i]));
      const index = at < 0 ? Math.min(step.events.length, events.length) : at;
      divergences.push(
        `round ${step.round}: event ${index + 1} of ${step.events.length} differs: recorded ${show(
          step.events[index] ?? null,
        )}, replayed ${show(events[index] ?? null)}`,
      );
    }
    if (hash && hash(storedStateText(state)) !== step.stateHash)
      divergences.push(`round ${step.round}: the state after the round differs from the recorded one`);
    if (divergences.length > 0 && !keepGoing) break;
  }
  if (divergences.length === 0 && !same(file.history, state.history as HistoryEntry[])) {
    const d = firstDifference(file.history, state.history as HistoryEntry[]);
    if (d) divergences.push(`history: ${d}`);
  }
  return { frames, divergences };
}
