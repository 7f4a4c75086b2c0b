/**
 * The public state every client of a game room receives through Colyseus' schema sync: the phase
 * and its deadline, and each seat's public status. Everything nation-private (views, drafts, orders,
 * chat) travels as per-client messages instead, cut by the engine's viewFor.
 */
import { MapSchema, schema, t } from '@colyseus/schema';

export const SeatState = schema(
  {
    /** The nation's id. */
    nation: t.string(),
    /** Display names of the humans on this nation's team. */
    players: t.array('string'),
    /** Clients of the team connected now. */
    connected: t.uint16(),
    /** A bot plays the seat. */
    bot: t.boolean(),
    /** The facilitator handed the seat to a bot: its humans may not play it until given it back. */
    forced: t.boolean(),
    /** The seat's players asked (askSeat) to play it again; cleared when the facilitator decides. */
    asking: t.boolean(),
    /** The server's language-model agent plays the seat (AgentSeat). */
    agent: t.boolean(),
    /** The nation has submitted orders this round (their content stays private). */
    submitted: t.boolean(),
    /** The nation is ready to leave the current briefing or negotiation phase. */
    ready: t.boolean(),
  },
  'SeatState',
);

/** A connected client, so the facilitator can name it in Kick and Mute. */
export const ClientState = schema(
  {
    name: t.string(),
    /** 'facilitator', 'player' or 'spectator'. */
    role: t.string(),
    /** The nation played, '' for none. */
    nation: t.string(),
  },
  'ClientState',
);

export const GameRoomState = schema(
  {
    code: t.string(),
    title: t.string(),
    scenario: t.string(),
    /** 'lobby', 'briefing', 'negotiation', 'orders' or 'ended'. */
    phase: t.string(),
    round: t.uint16(),
    rounds: t.uint16(),
    /** When the phase ends, ms since the epoch (server clock); 0 when there is no deadline. */
    deadline: t.float64(),
    paused: t.boolean(),
    /** Ms left in the phase while paused. */
    remaining: t.float64(),
    /** 'lobby', 'running' or 'ended'. */
    status: t.string(),
    facilitator: t.string(),
    /** Spectators connected now. */
    spectators: t.uint16(),
    /** The facilitator locked the game: nobody new may join. */
    locked: t.boolean(),
    seats: t.map(SeatState),
    /** Connected clients by session id. */
    clients: t.map(ClientState),
  },
  'GameRoomState',
);

export type GameRoomStateType = InstanceType<typeof GameRoomState>;
export { MapSchema };
