/** What anyone may know of a game before joining it: the public list, and each room's metadata. */
import type { GameSession } from './GameSession.ts';

export type GameSummary = ReturnType<typeof gameSummary>;

export function gameSummary(g: GameSession) {
  return {
    code: g.code,
    title: g.title,
    scenario: g.state.scenario.id,
    status: g.status,
    phase: g.phase,
    round: g.state.round,
    rounds: g.state.rounds,
    teams: g.options.teams,
    bots: g.options.bots,
    nations: Object.keys(g.state.nations).map((n) => ({
      id: n,
      players: g.members.of(n).map((m) => m.name),
      bot: g.session.botSeats.includes(n),
    })),
  };
}
