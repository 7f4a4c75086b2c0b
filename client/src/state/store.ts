/**
 * The client's state: what the server sent, nothing computed by rules. Screens subscribe and
 * re-render from it. Phaser-free and DOM-free, so it is unit-testable in Node.
 */
import type { GameEvent, GameView, Scenario } from '../../../shared/engine/index.ts';
import type {
  ChatLine,
  JoinRequest,
  RoundReportMessage,
  TeamOrdersMessage,
  WaitingMessage,
  WelcomeMessage,
} from '../../../shared/protocol/serverMessages.ts';

/** A round report as the screens use it: the events rebuilt from their wire form. */
export interface ClientReport extends Omit<RoundReportMessage, 'events'> {
  events: GameEvent[];
}

/** The public room state, as plain data. */
export interface RoomSnapshot {
  code: string;
  title: string;
  scenario: string;
  phase: string;
  round: number;
  rounds: number;
  deadline: number;
  paused: boolean;
  remaining: number;
  status: string;
  facilitator: string;
  spectators: number;
  /** The facilitator locked the game to new joins. */
  locked?: boolean;
  seats: Record<
    string,
    {
      nation: string;
      players: string[];
      connected: number;
      bot: boolean;
      /** The facilitator handed the seat to a bot (its humans cannot submit). */
      forced?: boolean;
      /** Its humans asked the facilitator for the seat back. */
      asking?: boolean;
      /** The server's language-model agent plays it. */
      agent?: boolean;
      submitted: boolean;
      ready: boolean;
    }
  >;
  clients: Record<string, { name: string; role: string; nation: string }>;
}

export interface ClientState {
  screen: 'home' | 'lobby' | 'game' | 'debrief';
  connection: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'lost';
  /** Which rejoin attempt is under way while reconnecting. */
  reconnectAttempt: number;
  /** The player's display name (remembered). */
  name: string;
  welcome: WelcomeMessage | null;
  /** Asked to join a team that has players: waiting for its answer (no welcome yet). */
  waiting: WaitingMessage | null;
  /** Requests to join that I may answer (my team's; all for the facilitator). */
  joinRequests: JoinRequest[];
  scenario: Scenario | null;
  room: RoomSnapshot | null;
  view: GameView | null;
  team: TeamOrdersMessage | null;
  chat: ChatLine[];
  /**
   * The reports this client may see, oldest first, with their events unpacked (shared/protocol/wire.ts):
   * the past ones sent on joining, then each as it comes.
   */
  reports: ClientReport[];
  /** How many reports arrived live on this page (a new one opens the round report; the past ones do not). */
  liveReports: number;
  /** The server's last refusal per message type, with its problems. */
  errors: Record<string, { path: string; message: string }[]>;
  notices: string[];
  /** Unread chat lines per channel key. */
  unread: Record<string, number>;
}

export const initialState = (): ClientState => ({
  screen: 'home',
  connection: 'idle',
  reconnectAttempt: 0,
  name: '',
  welcome: null,
  waiting: null,
  joinRequests: [],
  scenario: null,
  room: null,
  view: null,
  team: null,
  chat: [],
  reports: [],
  liveReports: 0,
  errors: {},
  notices: [],
  unread: {},
});

type Listener = (state: ClientState) => void;

/** A minimal observable store: replace parts of the state, listeners are told after each change. */
export class Store {
  private state: ClientState = initialState();
  private readonly listeners = new Set<Listener>();

  get(): ClientState {
    return this.state;
  }

  set(patch: Partial<ClientState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The chat key a line belongs to for unread counts: 'public', 'team' or the bilateral pair. */
export function chatKey(line: ChatLine): string {
  return line.channel;
}
