/**
 * Messages the server sends to a client (besides the synced room state). Each goes only to the
 * clients allowed to see it: a nation's draft and orders to its team, a bilateral chat line to the
 * two teams and the facilitator, a view cut by the engine's viewFor for each client.
 */
import type { OrdersInput } from '../engine/ordersSchema.ts';
import type { Problem } from '../engine/result.ts';
import type { ChatChannel, Role } from './schemas.ts';
import type { DeflatedMessage, WireEvent, WireView } from './wire.ts';

/** First message after a join: who the client is. Keep `seatToken` to get the same seat back. */
export interface WelcomeMessage {
  sessionId: string;
  role: Role;
  nation: string | null;
  name: string;
  seatToken: string;
  code: string;
  scenario: string;
}

/**
 * Sent instead of `welcome` to a client that asked to join a nation that already has players: its
 * team (or the facilitator) must let it in. Then `welcome` follows; a refusal closes the connection
 * with JOIN_DENIED_CLOSE_CODE.
 */
export interface WaitingMessage {
  code: string;
  nation: string;
  name: string;
}

/** A request to join a nation's team, waiting for an answer (`admit`). */
export interface JoinRequest {
  /** The requester's session id: answer with `admit { sessionId, accept }`. */
  sessionId: string;
  name: string;
  nation: string;
  /** Server time of the request, ms since the epoch. */
  at: number;
}

/** A chat line. `channel` is 'public', 'team' or, for a bilateral line, the pair 'CN-US' (sorted). */
export interface ChatLine {
  id: number;
  round: number;
  channel: 'public' | 'team' | `${string}-${string}`;
  /** The team channel's nation (team lines only). */
  team?: string;
  from: { name: string; nation: string | null; role: Role };
  text: string;
  /** Server time, ms since the epoch. */
  at: number;
}

/** The team's orders: the shared draft and the submitted orders of the current round. */
export interface TeamOrdersMessage {
  nation: string;
  round: number;
  draft: OrdersInput | null;
  draftBy: string | null;
  submitted: OrdersInput | null;
  submittedBy: string | null;
}

/** Why a bot played its seat as it did (published with the round it played). */
export interface BotExplanation {
  nation: string;
  archetype: string;
  explanation: string;
}

/**
 * What a report is about: a resolved round, an event card the facilitator injected during a round,
 * or the end of the game (the last round resolved, or the facilitator ended it).
 */
export type ReportKind = 'round' | 'inject' | 'end';

/** A round's resolution as this client may see it (events in their wire form: see wire.ts). */
export interface RoundReportMessage {
  round: number;
  kind: ReportKind;
  events: WireEvent[];
  /** The bots that played this round, and why they chose their orders ([] in past reports). */
  bots: BotExplanation[];
}

/**
 * Every report this client may see so far, oldest first, each cut as its live `report` was: sent on
 * every join and reconnection, before the `view`. A client replaces its list of reports with it.
 */
export interface PastReportsMessage {
  reports: RoundReportMessage[];
}

/** A refusal: which message, which field (dotted path, '' for the whole message) and why. */
export interface ErrorMessage {
  message: string;
  problems: Problem[];
}

/** The deflated messages once inflated. */
export interface InflatedMessages {
  view: WireView;
  report: RoundReportMessage;
  reports: PastReportsMessage;
}

/** Server → client messages by type. */
export interface ServerMessages {
  welcome: WelcomeMessage;
  /** The client's view: a WireView (see wire.ts: unpackView), deflated (wire.ts: Inflater). */
  view: DeflatedMessage;
  team: TeamOrdersMessage;
  /** A RoundReportMessage, deflated (wire.ts: Inflater). */
  report: DeflatedMessage;
  /** A PastReportsMessage, deflated (wire.ts: Inflater); on every join and reconnection, before `view`. */
  reports: DeflatedMessage;
  chat: ChatLine;
  chatHistory: ChatLine[];
  /** Acknowledges an accepted message (submit, retract, command…). */
  ok: { message: string; detail?: string };
  error: ErrorMessage;
  /** A notice to this client (muted, seat taken over by a bot…). */
  notice: { text: string };
  /** Instead of `welcome`: the request to join a team waits for the team's answer. */
  waiting: WaitingMessage;
  /** The requests to join that this member may answer (its nation's; all for the facilitator). */
  joinRequests: { requests: JoinRequest[] };
}

export type { ChatChannel };
