/**
 * Hand-written deep copies of the game state's parts, for speed: structuredClone serialises and
 * deserialises through a generic path and was the engine's largest cost. These copies share no
 * mutable part with their source and keep every key in its original order (spreads and in-place
 * overwrites), so JSON.stringify of a copy is byte-identical to that of a structuredClone.
 */
import type {
  ActiveModifier,
  Adoption,
  GameState,
  HistoryEntry,
  MarketId,
  NationState,
  Treaty,
  TreatyProposal,
} from './types.ts';

/** A deep copy of plain JSON-like data (objects, arrays, primitives). */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = cloneJson((value as Record<string, unknown>)[k]);
  return out as T;
}

export function cloneNation(n: NationState): NationState {
  const p = n.policies;
  const exportControls: NationState['policies']['exportControls'] = {};
  for (const k in p.exportControls) exportControls[k] = { ...p.exportControls[k]! };
  const tierControls = p.tierControls ? cloneJson(p.tierControls) : undefined;
  return {
    ...n,
    stack: { ...n.stack },
    policies: {
      ...p,
      exportControls,
      ...(tierControls ? { tierControls } : {}),
      tariffs: { ...p.tariffs },
      sanctions: p.sanctions.slice(),
    },
    aidStock: { ...n.aidStock },
    publicObjectives: n.publicObjectives.slice(),
  };
}

export function cloneNations(nations: Record<string, NationState>): Record<string, NationState> {
  const out: Record<string, NationState> = {};
  for (const id in nations) out[id] = cloneNation(nations[id]!);
  return out;
}

export function cloneAdoption(adoption: Record<MarketId, Adoption>): Record<MarketId, Adoption> {
  const out: Record<MarketId, Adoption> = {};
  for (const m in adoption) out[m] = { ...adoption[m]! };
  return out;
}

export function cloneHistory(history: HistoryEntry[]): HistoryEntry[] {
  const out: HistoryEntry[] = new Array(history.length);
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    const nations: HistoryEntry['nations'] = {};
    for (const id in e.nations) nations[id] = { ...e.nations[id]! };
    out[i] = { ...e, nations };
  }
  return out;
}

export const cloneTreaties = (treaties: Treaty[]): Treaty[] =>
  treaties.map((t) => ({ ...t, parties: t.parties.slice() as Treaty['parties'] }));

export const cloneProposals = (proposals: TreatyProposal[]): TreatyProposal[] =>
  proposals.map((p) => ({ ...p }));

export const cloneModifiers = (modifiers: ActiveModifier[]): ActiveModifier[] =>
  modifiers.map((m) => ({ ...m, nations: m.nations.slice() }));

/**
 * A deep copy of every part of the state but `scenario` (immutable, shared); like
 * `{ ...structuredClone(rest), scenario }`, the scenario key comes last.
 */
export function cloneState(state: GameState): GameState {
  const { scenario, ...rest } = state;
  const out = rest as GameState;
  out.rng = state.rng.slice();
  out.nations = cloneNations(state.nations);
  out.adoption = cloneAdoption(state.adoption);
  out.treaties = cloneTreaties(state.treaties);
  out.proposals = cloneProposals(state.proposals);
  out.deck = state.deck.slice();
  out.pendingCards = cloneJson(state.pendingCards);
  out.modifiers = cloneModifiers(state.modifiers);
  out.history = cloneHistory(state.history);
  out.scenario = scenario;
  return out;
}
