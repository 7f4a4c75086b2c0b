/**
 * Mirrors a session's public facts into the synced room state (RoomState.ts): the phase and clock,
 * who plays each seat and how (connected, bot, handed over, asking back, agent), who has submitted or
 * is ready, and which clients are here. Nothing private: no orders, no secrets.
 */
import { agentSeatsOf } from '../game/AgentSeats.ts';
import type { GameSession } from '../game/GameSession.ts';
import { ClientState, type GameRoomStateType, SeatState } from './RoomState.ts';

/** A connected client: its session id and, once seated, its member token. */
export interface ConnectedClient {
  sessionId: string;
  token: string | null;
}

export function syncRoomState(st: GameRoomStateType, s: GameSession, clients: ConnectedClient[]): void {
  st.code = s.code;
  st.title = s.title;
  st.scenario = s.state.scenario.id;
  st.phase = s.phase;
  st.round = s.state.round;
  st.rounds = s.state.rounds;
  st.deadline = s.session.deadline;
  st.paused = s.session.paused;
  st.remaining = s.session.remaining;
  st.status = s.status;
  st.facilitator = s.members.all().find((m) => m.role === 'facilitator')?.name ?? '';
  st.locked = s.session.locked;
  const seated = clients.flatMap((c) => {
    const m = c.token ? s.members.get(c.token) : undefined;
    return m ? [{ sessionId: c.sessionId, m }] : [];
  });
  // Spectators connected now: the count does not grow with every spectator who ever came.
  st.spectators = seated.filter(({ m }) => m.role === 'spectator').length;
  const agents = agentSeatsOf(s);
  for (const nation of Object.keys(s.state.nations)) {
    let seat = st.seats.get(nation);
    if (!seat) {
      seat = new SeatState();
      seat.nation = nation;
      st.seats.set(nation, seat);
    }
    const names = s.members.of(nation).map((m) => m.name);
    if (seat.players.join('\n') !== names.join('\n')) {
      seat.players.clear();
      for (const n of names) seat.players.push(n);
    }
    seat.connected = s.members.connectedCount(nation);
    seat.bot = s.session.botSeats.includes(nation);
    seat.forced = s.session.forcedBots.includes(nation);
    seat.asking = s.session.asking.includes(nation);
    seat.agent = nation in agents;
    seat.submitted = s.isSubmitted(nation);
    seat.ready = s.session.ready.includes(nation);
  }
  const live = new Set<string>();
  for (const { sessionId, m } of seated) {
    live.add(sessionId);
    let info = st.clients.get(sessionId);
    if (!info) {
      info = new ClientState();
      st.clients.set(sessionId, info);
    }
    info.name = m.name;
    info.role = m.role;
    info.nation = m.nation ?? '';
  }
  for (const id of [...st.clients.keys()]) if (!live.has(id)) st.clients.delete(id);
}
