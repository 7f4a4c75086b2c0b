/**
 * The wire protocol between clients (browsers, bots, AI agents) and the game server: the options
 * of a new game, the options of a join, and every message a client may send. Each is a zod
 * schema; the server parses every message with it and answers a failure with an `error` message
 * naming the field and the reason. docs/PROTOCOL.md documents them for bot authors.
 */
import { z } from 'zod';
import { OrdersSchema } from '../engine/ordersSchema.ts';
import { EventCardSchema } from '../engine/scenarioSchema.ts';

const nationId = z.string().regex(/^[A-Z]{2}$/, 'must be a nation id (two capital letters)');
/**
 * Characters a name may not hold: controls, and format characters (zero-width spaces, right-to-left
 * overrides and other bidirectional controls), except the zero-width joiner inside emoji sequences.
 */
const HIDDEN_IN_NAME = /[\p{Cc}\p{Cf}]/u;
const ZWJ = /\u200D/gu;
/** A character that shows: not a space, control or format character. */
const VISIBLE = /[^\p{Z}\p{Cc}\p{Cf}\s]/u;
/** Controls other than a newline or a tab, and bidirectional overrides and isolates: refused in chat. */
const HIDDEN_IN_CHAT = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const NEWLINE_OR_TAB = /[\n\t]/g;

/** A display name or title: trimmed, with a visible character and no hidden or direction-changing one. */
const displayText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !HIDDEN_IN_NAME.test(s.replace(ZWJ, '')), {
      message: `${what} may not contain control, zero-width or text-direction characters`,
    })
    .refine((s) => VISIBLE.test(s), { message: `${what} must contain a visible character` });

/**
 * The same name for the server's duplicate check: Unicode-normalized (NFKC), case-folded, spaces
 * collapsed ('Ann', 'ANN' and 'Ａｎｎ' are one name).
 */
export const nameKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const seconds = (max: number) => z.number().int('must be a whole number of seconds').min(0).max(max);

/** Phases of a round, plus the lobby before the first round and the end. */
export const PHASES = ['lobby', 'briefing', 'negotiation', 'orders', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

/** Seconds each phase lasts; 0 means no deadline (the facilitator or the players' readiness moves on). */
/** The longest each phase's clock may be set to, in seconds (the create form reads these too). */
export const TIMER_MAX_SECONDS = { briefing: 3600, negotiation: 7200, orders: 7200 } as const;

export const TimersSchema = z
  .object({
    briefing: seconds(TIMER_MAX_SECONDS.briefing).default(20),
    negotiation: seconds(TIMER_MAX_SECONDS.negotiation).default(120),
    orders: seconds(TIMER_MAX_SECONDS.orders).default(120),
  })
  .strict();
export type Timers = z.infer<typeof TimersSchema>;

/** The largest scenario file the server takes from a client (the largest built one is about 0.2 MiB). */
export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;

/** Options of a new game, given by its creator (who becomes its facilitator). */
export const CreateOptionsSchema = z
  .object({
    /** Scenario id (GET /api/scenarios lists them). */
    scenario: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,60}$/, 'must be a scenario id')
      .default('sovereign-ai-2026'),
    /** Number of rounds (default: the scenario's). */
    rounds: z.number().int().min(1).max(40).optional(),
    timers: TimersSchema.prefault({}),
    /** Private games are not listed; they are joined by code only. */
    private: z.boolean().default(false),
    /** Bots play the seats nobody takes and the seats abandoned past the grace period. */
    bots: z.boolean().default(true),
    /** Several clients may share a nation as a team. */
    teams: z.boolean().default(true),
    /** How well bots play: easy ones leave money unspent and ignore treaties; hard ones adapt. */
    botDifficulty: z.enum(['easy', 'normal', 'hard']).default('normal'),
    /** Seconds a dropped player's seat waits before a bot takes it (bots on). */
    graceSeconds: seconds(3600).default(60),
    /** PRNG seed; the same seed, scenario and orders replay the same game. Random if omitted. */
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
    /** A title for the game list. */
    title: displayText(60, 'a title').optional(),
    /** Starts the game by itself once this many members hold a nation (a launcher of several bots need not poll). */
    startWhen: z.number().int().min(1).max(64).optional(),
    /**
     * Branch: start from the start of a round of another game (running or finished), as it was then,
     * with the number of rounds (`rounds`) and the deck still to draw optionally changed. Only that
     * game's facilitator may (its seat token).
     */
    branch: z
      .object({
        code: z.string().regex(/^[A-Za-z0-9]{3,12}$/, 'must be a game code'),
        round: z.number().int().min(1).max(40),
        token: z.string().min(8).max(64),
        /** The cards still to draw, in order (ids of the scenario's cards); default: the game's deck then. */
        deck: z.array(z.string().min(1).max(60)).max(200).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CreateOptions = z.infer<typeof CreateOptionsSchema>;

/** Close code of a client the facilitator removed (Colyseus keeps 4000–4010 for itself). */
export const KICKED_CLOSE_CODE = 4900;
/** Close code of a client whose request to join a team was refused (by the team or the facilitator). */
export const JOIN_DENIED_CLOSE_CODE = 4901;
/** Close code of a client that sent more bytes per second than allowed. */
export const TOO_MANY_BYTES_CLOSE_CODE = 4902;

/** Who a client joins as. */
export const ROLES = ['facilitator', 'player', 'spectator'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Options of a join (and of a create, merged with CreateOptions there). With a `seatToken` from an
 * earlier `welcome`, the client gets its role, nation and name back and the other fields are ignored.
 */
export const JoinOptionsSchema = z
  .object({
    name: displayText(24, 'a name'),
    /** 'facilitator' only for the game's creator. */
    role: z.enum(ROLES).default('player'),
    /** For a player: the nation to play (default: the first free one). The facilitator may also play one. */
    nation: nationId.optional(),
    seatToken: z.string().min(8).max(64).optional(),
  })
  .strict();
export type JoinOptions = z.infer<typeof JoinOptionsSchema>;

/** Chat channels: everyone, the sender's team, or the two teams of a bilateral channel. */
export const ChatChannelSchema = z.union([z.literal('public'), z.literal('team'), nationId]);
export type ChatChannel = z.infer<typeof ChatChannelSchema>;

/** An inject's card: a deck card by id, or one written on the spot (exactly one of the two). */
const cardChoice = { cardId: z.string().min(1).max(60).optional(), card: EventCardSchema.optional() };
const oneCard = (c: { cardId?: string; card?: unknown }) =>
  (c.cardId === undefined) !== (c.card === undefined);
const ONE_CARD = { message: 'give exactly one of cardId or card', path: ['cardId'] };

/** Facilitator commands. A player or spectator sending one gets a refusal. */
export const CommandSchema = z.discriminatedUnion('type', [
  /** Leaves the lobby: round 1's briefing begins. */
  z.object({ type: z.literal('Start') }).strict(),
  z.object({ type: z.literal('Pause') }).strict(),
  z.object({ type: z.literal('Resume') }).strict(),
  /** Adds (or with a negative number removes) time from the current phase. */
  z.object({ type: z.literal('AddTime'), seconds: z.number().int().min(-7200).max(7200) }).strict(),
  /** Ends the current phase now (in the orders phase: resolves the round). */
  z.object({ type: z.literal('Advance') }).strict(),
  /** Resolves the round now, whatever the phase. */
  z.object({ type: z.literal('ForceResolve') }).strict(),
  /** Injects an event card: from the scenario's deck by id, or written on the spot. */
  z
    .object({ type: z.literal('InjectEvent'), ...cardChoice })
    .strict()
    .refine(oneCard, ONE_CARD),
  /** Hands a seat to a bot (on) or back to its humans (off). */
  z.object({ type: z.literal('BotSeat'), nation: nationId, on: z.boolean() }).strict(),
  /** Gives a seat nobody plays to the server's language-model agent (on), or takes it back (off). */
  z.object({ type: z.literal('AgentSeat'), nation: nationId, on: z.boolean() }).strict(),
  z.object({ type: z.literal('Kick'), sessionId: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('Mute'), sessionId: z.string().min(1).max(64), muted: z.boolean() }).strict(),
  z.object({ type: z.literal('EndGame') }).strict(),
  /**
   * Takes the game back to the start of an earlier round (or of this one): later rounds' orders are
   * discarded (kept in the log as rewound) and every screen follows.
   */
  z.object({ type: z.literal('Rewind'), round: z.number().int().min(1).max(40) }).strict(),
  /**
   * Sets the schedule of injects (replacing the cards still to come): each a deck card (`cardId`) or
   * a written card or headline (`card`), injected when its round begins.
   */
  z
    .object({
      type: z.literal('ScheduleInjects'),
      injects: z
        .array(
          z
            .object({ round: z.number().int().min(1).max(40), ...cardChoice })
            .strict()
            .refine(oneCard, ONE_CARD),
        )
        .max(40),
    })
    .strict(),
  /** Locks the game to new joins (rejoining with a seat token still works), or opens it again. */
  z.object({ type: z.literal('Lock'), locked: z.boolean() }).strict(),
]);
export type Command = z.infer<typeof CommandSchema>;

/** Every message a client may send, by type. */
export const CLIENT_MESSAGES = {
  /** The team's shared draft of its orders (checked for shape, not yet against the budget). */
  draft: z.object({ orders: OrdersSchema }).strict(),
  /**
   * Submits the nation's orders for this round (fully checked); the last submission counts. Allowed
   * from the briefing on; the round resolves early once the orders phase has begun and every human
   * nation has submitted.
   */
  submit: z.object({ orders: OrdersSchema }).strict(),
  /** Takes the submission back (any phase of a running round before it resolves). */
  retract: z.object({}).strict(),
  /** Ready to leave the current briefing or negotiation phase (all human nations ready → next phase). */
  ready: z.object({ ready: z.boolean() }).strict(),
  chat: z
    .object({
      channel: ChatChannelSchema,
      text: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(500, 'must be at most 500 characters')
        .refine((s) => !HIDDEN_IN_CHAT.test(s.replace(NEWLINE_OR_TAB, '')), {
          message: 'may not contain control or text-direction characters',
        })
        .refine((s) => VISIBLE.test(s), { message: 'must contain a visible character' }),
    })
    .strict(),
  command: CommandSchema,
  /**
   * A member of a seat the facilitator handed to a bot asks to play it again: the facilitator is told,
   * and the seat's `asking` is true until the facilitator decides.
   */
  askSeat: z.object({}).strict(),
  /**
   * A member of a nation (or the facilitator) answers a request to join that nation's team: the
   * requester is named by its session id (`joinRequests`).
   */
  admit: z.object({ sessionId: z.string().min(1).max(64), accept: z.boolean() }).strict(),
} as const;
export type ClientMessageType = keyof typeof CLIENT_MESSAGES;
export type ClientMessage<T extends ClientMessageType> = z.infer<(typeof CLIENT_MESSAGES)[T]>;
