/**
 * Branching a game (issue 19, part 2): a new game that starts from the start of a round of another
 * (running or finished) game, exactly as that round began, optionally with another number of rounds
 * or another deck of cards still to draw. Only the source game's facilitator may branch it (its seat
 * token), so its orders and secrets do not pass to whoever knows its code.
 */
import { cloneState, type GameState, type Problem, type Result } from '../../shared/engine/index.ts';
import type { CreateOptions } from '../../shared/protocol/schemas.ts';
import type { Storage } from '../storage/Storage.ts';
import { rewindPoint } from './rewind.ts';

const fail = (path: string, message: string): { ok: false; errors: Problem[] } => ({
  ok: false,
  errors: [{ path: `game.branch.${path}`, message }],
});

/** The state a branch starts from, with its changes applied; `live` games are read, not forgotten. */
export async function branchStart(
  storage: Storage,
  live: ReadonlySet<string>,
  branch: NonNullable<CreateOptions['branch']>,
  rounds: number | undefined,
): Promise<Result<GameState>> {
  const code = branch.code.toUpperCase();
  if (!(await storage.load(code))) return fail('code', `no game '${branch.code}'`);
  try {
    const member = storage.members(code).find((m) => m.token === branch.token);
    if (member?.role !== 'facilitator')
      return fail('token', "give the facilitator's seat token of the game to branch");
    const current = storage.latestState(code);
    if (!current) return fail('code', `no saved state of game '${code}'`);
    const point = rewindPoint(storage, code, current, branch.round, 0);
    if (!point.ok) return fail('round', point.errors[0]?.message ?? 'no such round');
    const state = cloneState(point.value.state);
    state.status = 'running';
    if (rounds !== undefined) {
      if (rounds < state.round)
        return {
          ok: false,
          errors: [
            {
              path: 'game.rounds',
              message: `a branch from round ${state.round} needs at least ${state.round} rounds`,
            },
          ],
        };
      state.rounds = rounds;
    }
    if (branch.deck) {
      const ids = new Set(state.scenario.events.map((c) => c.id));
      const unknown = branch.deck.findIndex((id) => !ids.has(id));
      if (unknown >= 0) return fail(`deck.${unknown}`, `no card '${branch.deck[unknown]}' in the scenario`);
      if (new Set(branch.deck).size !== branch.deck.length)
        return fail('deck', 'a card may be in the deck once');
      state.deck = [...branch.deck];
    }
    return { ok: true, value: state };
  } finally {
    if (!live.has(code)) storage.forget(code);
  }
}
