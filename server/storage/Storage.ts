/**
 * What the game server keeps. Two implementations: SQLite (node:sqlite, the default, one process:
 * SqliteStorage.ts) and PostgreSQL (several processes: PostgresStorage.ts).
 *
 * The game logic stays synchronous: writes are methods that return at once, and reads of a game are
 * answered from memory or a local file. What makes it durable is `flush()`: it resolves once every
 * write made before the call is committed, and the server sends no acknowledgement (and no view or
 * report) before it resolves. With SQLite each write is committed before it returns, so `flush()`
 * resolves at once; with PostgreSQL writes are committed in order, in batches.
 */
import type { GameEvent } from '../../shared/engine/events.ts';
import type { OrdersInput } from '../../shared/engine/ordersSchema.ts';
import type { GameState } from '../../shared/engine/types.ts';
import type { CreateOptions, Role } from '../../shared/protocol/schemas.ts';
import type { ChatLine } from '../../shared/protocol/serverMessages.ts';

/** The room-level situation that is not part of the engine state: phase, clock, seats. */
export interface SessionSnapshot {
  phase: string;
  /** Epoch ms when the current phase ends (0: no deadline). */
  deadline: number;
  paused: boolean;
  /** Ms left in the phase when paused. */
  remaining: number;
  /** Nations played by a bot. */
  botSeats: string[];
  /** Bot seats the facilitator set (a returning human does not take these back by joining). */
  forcedBots: string[];
  /** Tokens the facilitator removed from the game. */
  kicked: string[];
  /** Nations ready to leave the current briefing or negotiation phase. */
  ready: string[];
  /** Tokens of muted members. */
  muted: string[];
  /** Nations handed to a bot by the facilitator whose players asked to play them again. */
  asking: string[];
  /** The facilitator locked the game: no new joins (rejoining with a seat token still works). */
  locked: boolean;
  /** Names (nameKey) of members the facilitator removed: nobody may join under them again. */
  barredNames: string[];
  /** The round in which the facilitator ended the game early (EndGame), if it was so ended. */
  concludedRound?: number;
  /** The facilitator's schedule of injects: cards (or headlines) that arrive at a round's start. */
  schedule?: ScheduledInject[];
  /** Each team's shared draft of the round being played (kept so a restart does not lose it). */
  drafts: { round: number; nation: string; orders: OrdersInput; by: string }[];
}

/** A card the facilitator scheduled for a round: a deck card's id or a written card. */
export interface ScheduledInject {
  round: number;
  card: string | Record<string, unknown>;
  /** Set once the card has been injected. */
  done?: boolean;
}

export interface GameRecord {
  code: string;
  options: CreateOptions;
  /** 'lobby', 'running' or 'ended'. */
  status: string;
  title: string;
  createdAt: number;
  session: SessionSnapshot;
}

export interface MemberRecord {
  token: string;
  code: string;
  role: Role;
  nation: string | null;
  name: string;
}

export interface OrderRecord {
  code: string;
  round: number;
  nation: string;
  /** null: the submission was retracted. */
  orders: OrdersInput | null;
  by: string;
  at: number;
  /** The facilitator rewound the game to before this order's round: kept in the log, not played. */
  rewound?: boolean;
}

export interface RoundRecord {
  round: number;
  events: GameEvent[];
}

/** An event card the facilitator injected during a round (its round is the one being played). */
export interface InjectRecord extends RoundRecord {
  /** The card as the facilitator gave it: a deck card's id, or a written card (null in old games). */
  card?: string | Record<string, unknown> | null;
}

/** A rewind: the game went back to the start of `round`; what was discarded stays in the log. */
export interface RewindRecord {
  round: number;
  /** The round being played when the facilitator rewound. */
  from: number;
  at: number;
  /** The discarded rounds' events and the discarded injects. */
  rounds: RoundRecord[];
  injects: InjectRecord[];
}

export interface Storage {
  createGame(game: GameRecord, state: GameState): void;
  /** Saves the game's status and session, and the engine state if given (the state at the start of a round). */
  updateGame(code: string, status: string, session: SessionSnapshot, state?: GameState): void;
  getGame(code: string): GameRecord | undefined;
  /** The latest saved engine state of a game. */
  latestState(code: string): GameState | undefined;
  addMember(member: MemberRecord): void;
  members(code: string): MemberRecord[];
  /** Records a submission (or a retraction) before it is acknowledged. */
  addOrder(order: OrderRecord): void;
  /** Every submission of a game, oldest first (optionally one round's). */
  orders(code: string, round?: number): OrderRecord[];
  /** Records a resolved round's events and the state after it, in one transaction. */
  addRound(
    code: string,
    round: number,
    events: GameEvent[],
    state: GameState,
    session: SessionSnapshot,
    status: string,
  ): void;
  rounds(code: string): RoundRecord[];
  /** Records an injected card's events and the state after it, in one transaction. */
  addInject(
    code: string,
    round: number,
    events: GameEvent[],
    state: GameState,
    session: SessionSnapshot,
    status: string,
    card?: InjectRecord['card'],
  ): void;
  /** The injected cards' events (and the cards), oldest first. */
  injects(code: string): InjectRecord[];
  /** The engine state the game started from (before round 1), if stored (games since issue 19). */
  origin(code: string): GameState | undefined;
  /** The engine state after a resolved round (the start of the next one). */
  stateAfter(code: string, round: number): GameState | undefined;
  /**
   * Takes the game back to the start of `round` with `state`, in one transaction: the rounds from
   * `round` on and their injects move to the rewind log, their orders are marked rewound.
   */
  rewind(
    code: string,
    rewind: RewindRecord,
    state: GameState,
    session: SessionSnapshot,
    status: string,
  ): void;
  /** The rewinds, oldest first. */
  rewinds(code: string): RewindRecord[];
  /** Every order, the rewound ones included (flagged), oldest first. */
  orderLog(code: string): OrderRecord[];
  /** Keeps a scenario a facilitator uploaded (validated before), by its id (issue 19, part 4). */
  saveScenario(id: string, json: string): void;
  /** An uploaded scenario's JSON text, from any process. */
  uploadedScenario(id: string): Promise<string | undefined>;
  /** Stores a chat line (its id is numbered per game by the caller). */
  addChat(code: string, line: ChatLine): void;
  chat(code: string): ChatLine[];
  /** Resolves once every write made before the call is durable; rejects if one failed. */
  flush(): Promise<void>;
  /**
   * Makes a saved game readable by the synchronous reads above (PostgreSQL copies it into memory;
   * SQLite has nothing to do). Resolves to false if there is no such game.
   */
  load(code: string): Promise<boolean>;
  /** Whether a game code is used by any game, in any process. */
  exists(code: string): Promise<boolean>;
  /**
   * The unfinished games this process should run now, loaded (see `load`): at start every unfinished
   * game (one process), or those whose process has stopped (several processes; called periodically).
   */
  claimGames(): Promise<GameRecord[]>;
  /** Drops a game this process no longer runs from memory (the database keeps it). */
  forget(code: string): void;
  close(): Promise<void>;
}
