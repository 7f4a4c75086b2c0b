/**
 * Rewinding a game (issue 19, part 1): the state at the start of an earlier round is the state the
 * server stored after the round before it (or the game's start state for round 1), so a rewind
 * restores exactly what the players had then, byte for byte. What is discarded (the later rounds'
 * events and injects) is kept in the rewind log; their orders stay in the order log, marked rewound.
 */
import { createGame, type GameState, type Result } from '../../shared/engine/index.ts';
import type { RewindRecord, Storage } from '../storage/Storage.ts';

/** The state at the start of `round` of a game now in `current`, with the log of what it discards. */
export function rewindPoint(
  storage: Storage,
  code: string,
  current: GameState,
  round: number,
  now: number,
): Result<{ state: GameState; log: RewindRecord }> {
  // A branched game starts at the round it was branched from.
  const origin = storage.origin(code);
  const first = origin?.round ?? 1;
  const last = Math.min(current.round, current.rounds);
  if (round < first || round > last)
    return { ok: false, errors: [{ path: 'round', message: `rewind to a round from ${first} to ${last}` }] };
  const state =
    round === first
      ? // Games from before start states were stored begin where createGame begins them.
        (origin ?? createGame(current.scenario, { seed: current.seed, rounds: current.rounds }))
      : storage.stateAfter(code, round - 1);
  if (!state)
    return { ok: false, errors: [{ path: 'round', message: `no stored state for round ${round}` }] };
  return {
    ok: true,
    value: {
      state,
      log: {
        round,
        from: current.round,
        at: now,
        rounds: storage.rounds(code).filter((r) => r.round >= round),
        injects: storage.injects(code).filter((i) => i.round >= round),
      },
    },
  };
}
