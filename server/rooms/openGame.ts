/**
 * The session a new room holds: a saved game restored (only the server itself may ask, with its
 * secret), or a new game created from checked options. The creator's own join options are checked
 * before anything is created or stored; every refusal names its field.
 */
import { randomInt } from 'node:crypto';
import { ServerError } from '@colyseus/core';
import type { Scenario } from '../../shared/engine/index.ts';
import { type CreateOptions, CreateOptionsSchema, JoinOptionsSchema } from '../../shared/protocol/schemas.ts';
import { branchStart } from '../game/branch.ts';
import { GameSession } from '../game/GameSession.ts';
import { newJoinCode } from '../game/joinCode.ts';
import type { Storage } from '../storage/Storage.ts';
import { findScenario } from '../uploadedScenarios.ts';
import { optionProblems, problemText } from './roomOptions.ts';

export interface OpenContext {
  storage: Storage;
  /** Live games by join code (a new code must be free here and in storage). */
  games: Map<string, GameSession>;
  restoreSecret: string;
}

/** The session for a room's create options; `created` is true for a new game (not a restore). */
export async function openGame(
  options: Record<string, unknown>,
  { storage, games, restoreSecret }: OpenContext,
): Promise<{ session: GameSession; created: boolean }> {
  if (typeof options.restore === 'string') {
    if (options.restoreSecret !== restoreSecret) throw new ServerError(403, 'restore: not allowed');
    if (!(await storage.load(options.restore))) throw new ServerError(404, 'restore: no such game');
    return { session: GameSession.restore(storage, options.restore, Date.now()), created: false };
  }
  const { game: _g, ...creatorOptions } = options;
  const creatorJoin = JoinOptionsSchema.safeParse({ ...creatorOptions, role: 'facilitator' });
  if (!creatorJoin.success) throw new ServerError(400, problemText(optionProblems(creatorJoin.error)));
  const parsed = CreateOptionsSchema.safeParse(options.game ?? {});
  if (!parsed.success) throw new ServerError(400, problemText(optionProblems(parsed.error, ['game'])));
  if (parsed.data.branch) return { session: await branch(parsed.data, { storage, games }), created: true };
  let scenario: Scenario;
  try {
    scenario = await findScenario(storage, parsed.data.scenario);
  } catch (e) {
    throw new ServerError(400, `game.scenario: ${(e as Error).message}`);
  }
  let code = newJoinCode((c) => games.has(c));
  while (await storage.exists(code)) code = newJoinCode((c) => games.has(c));
  const seed = parsed.data.seed ?? randomInt(2_147_483_647);
  return {
    session: GameSession.create(storage, code, parsed.data, scenario, seed, Date.now()),
    created: true,
  };
}

/** A new game branched from a round of another (server/game/branch.ts). */
async function branch(options: CreateOptions, { storage, games }: Omit<OpenContext, 'restoreSecret'>) {
  const start = await branchStart(storage, new Set(games.keys()), options.branch!, options.rounds);
  if (!start.ok) throw new ServerError(400, problemText(start.errors));
  let code = newJoinCode((c) => games.has(c));
  while (await storage.exists(code)) code = newJoinCode((c) => games.has(c));
  return GameSession.create(
    storage,
    code,
    options,
    start.value.scenario,
    start.value.seed,
    Date.now(),
    start.value,
  );
}
