/**
 * Helpers of the facilitator's power-tools tests (issue 19): a game of three-powers with two human
 * nations (US, CN) and a bot (EU), played round by round through the real protocol.
 */
import { expect } from 'vitest';
import {
  code,
  createGame,
  join,
  NO_TIMERS,
  type Player,
  spend,
  roomState as state,
  view,
  waitFor,
  welcome,
} from './harness.ts';

export const token = (p: Player) => welcome(p).seatToken;

export async function ok(p: Player, type: string, message: unknown) {
  const reply = await p.request(type, message);
  expect(reply.type, `${type} ${JSON.stringify(message)} → ${JSON.stringify(reply.message)}`).toBe('ok');
  return reply.message;
}

/** A game of three-powers: the facilitator, Ann for the US and Chen for China; a bot plays the EU. */
export async function threePowers(url: string, game: Record<string, unknown> = {}) {
  const fac = await createGame(url, { scenario: 'three-powers', rounds: 3, timers: NO_TIMERS, ...game });
  const c = code(fac);
  const ann = await join(url, c, { name: 'Ann', nation: 'US' });
  const chen = await join(url, c, { name: 'Chen', nation: 'CN' });
  await ok(fac, 'command', { type: 'Start' });
  await waitFor('briefing', () => state(fac).phase === 'briefing');
  return { fac, ann, chen, code: c };
}

/**
 * Plays the current round: each player submits (safety set to its marker, so the orders can be
 * found in what a reader receives), then says ready until the round resolves.
 */
export async function playRound(fac: Player, players: { p: Player; nation: string; safety: number }[]) {
  const round = state(fac).round as number;
  await waitFor('a view of this round', () => view(fac)?.round === round);
  for (const { p, nation, safety } of players) {
    const budget = view(fac).nations[nation]!.budget;
    await ok(p, 'submit', { orders: { budget: { ...spend(budget), safety } } });
  }
  while (state(fac).round === round && state(fac).phase !== 'ended') {
    const before = state(fac).phase;
    if (before === 'briefing' || before === 'negotiation')
      for (const { p } of players) await p.request('ready', { ready: true });
    await waitFor(
      `leaving ${before} of round ${round}`,
      () => state(fac).phase !== before || state(fac).round !== round,
    );
  }
  await waitFor(
    'the next round in the view',
    () => view(fac)?.round !== round || view(fac)?.status === 'ended',
  );
}

/** GET a path of the server as text, with its status. */
export async function get(url: string, path: string) {
  const res = await fetch(`${url}${path}`);
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}
