/**
 * A replay file: everything needed to play a finished game again offline and check it — the
 * scenario, the seed (or the start state of a branched game), and each round's injected cards and
 * resolved orders — with the recorded history to compare against: each round's events, a hash of the
 * state after it, and the final history of quantities. Parsed with zod: a replay is untrusted input.
 */
import { z } from 'zod';
import type { GameEvent } from '../engine/index.ts';

export const REPLAY_FORMAT = 'sovereign-replay';
/** Replay files are bounded (a 40-round game of the largest scenario stays far below). */
export const MAX_REPLAY_BYTES = 20 * 1024 * 1024;

/**
 * An event as recorded: compared with the replayed one as JSON, byte for byte, so it is checked for
 * its outline and kept exactly as it is (a zod object would reorder its keys).
 */
const event = z.custom<GameEvent>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { type?: unknown }).type === 'string' &&
    typeof (v as { round?: unknown }).round === 'number',
  'must be an event with a type and a round',
);

export const ReplayStepSchema = z
  .object({
    round: z.number().int().min(1).max(40),
    /** Cards the facilitator injected during the round, in order: a deck card's id or a written card. */
    injects: z.array(z.object({ card: z.unknown(), events: z.array(event) }).strict()).max(100),
    /** Each nation's submission that the round resolved with (as sent: parsed again when replayed). */
    orders: z.record(z.string(), z.unknown()),
    /** Who sent each nation's orders ('bot' for a bot). */
    by: z.record(z.string(), z.string()),
    /** The facilitator ended the game in this round (EndGame) instead of resolving it. */
    concluded: z.boolean(),
    /** The events the round produced, as recorded. */
    events: z.array(event),
    /** SHA-256 (hex) of the state after the round, as stored (without its scenario). */
    stateHash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type ReplayStep = z.infer<typeof ReplayStepSchema>;

export const ReplayFileSchema = z
  .object({
    format: z.literal(REPLAY_FORMAT),
    version: z.literal(1),
    game: z.object({ code: z.string().max(12), title: z.string().max(200) }).strict(),
    seed: z.number().int().min(0),
    rounds: z.number().int().min(1).max(40),
    /** The scenario as the game loaded it (checked again by loadScenario when replayed). */
    scenario: z.record(z.string(), z.unknown()),
    /** The state before round 1 (without its scenario) when it is not createGame's (a branched game). */
    start: z.record(z.string(), z.unknown()).nullable(),
    steps: z.array(ReplayStepSchema).max(40),
    /** The recorded quantities per round (the final state's history). */
    history: z.array(z.record(z.string(), z.unknown())),
  })
  .strict();
export type ReplayFile = z.infer<typeof ReplayFileSchema>;
