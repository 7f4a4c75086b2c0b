/**
 * The phase machine (server/game/phases.ts) on a fixed clock: no server, no storage, no timers.
 * Timers: briefing 60 s, negotiation 120 s, orders 0 s (no deadline); the clock reads NOW.
 */
import { describe, expect, it } from 'vitest';
import { nextPhase, statusOf } from '../../server/game/phases.ts';
import type { SessionSnapshot } from '../../server/storage/Storage.ts';

const NOW = 1_000_000;
const TIMERS = { briefing: 60, negotiation: 120, orders: 0 };

const session = (over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  phase: 'lobby',
  deadline: 0,
  paused: false,
  remaining: 0,
  botSeats: [],
  forcedBots: [],
  ready: [],
  muted: [],
  kicked: [],
  asking: [],
  locked: false,
  barredNames: [],
  drafts: [],
  ...over,
});

describe('nextPhase', () => {
  it('derives the status from the phase', () => {
    expect(['lobby', 'briefing', 'negotiation', 'orders', 'ended'].map(statusOf)).toEqual([
      'lobby',
      'running',
      'running',
      'running',
      'ended',
    ]);
  });

  it('starts a lobby in the briefing, with its deadline 60 s from now', () => {
    const t = nextPhase(session(), { type: 'start' }, NOW, TIMERS);
    expect(t.session.phase).toBe('briefing');
    expect(t.session.deadline).toBe(1_060_000); // 1 000 000 + 60 × 1000
    expect(t.effects).toEqual(['seat-bots', 'deliver-scheduled', 'save', 'changed', 'check-ready']);
    expect(nextPhase(t.session, { type: 'start' }, NOW, TIMERS).refused?.message).toBe(
      'the game has already started',
    );
  });

  it('moves on at the deadline, not before', () => {
    const briefing = session({ phase: 'briefing', deadline: 1_060_000, ready: ['US'] });
    const before = nextPhase(briefing, { type: 'tick' }, 1_059_999, TIMERS);
    expect(before).toEqual({ session: briefing, effects: ['check-ready'] });
    const at = nextPhase(briefing, { type: 'tick' }, 1_060_000, TIMERS);
    expect(at.session).toMatchObject({ phase: 'negotiation', deadline: 1_180_000, ready: [] }); // + 120 s
    expect(at.effects).toEqual(['save', 'changed', 'check-ready']);
  });

  it('opens the orders phase with no deadline and the bots submitting; a deadline-less tick only checks', () => {
    const t = nextPhase(session({ phase: 'negotiation', deadline: 5 }), { type: 'advance' }, NOW, TIMERS);
    expect(t.session).toMatchObject({ phase: 'orders', deadline: 0 });
    expect(t.effects).toEqual(['submit-bots', 'save', 'changed', 'check-ready']);
    expect(nextPhase(t.session, { type: 'tick' }, NOW + 10_000_000, TIMERS).effects).toEqual(['check-ready']);
  });

  it('resolves from the orders phase (ready-all, advance, force-resolve)', () => {
    const orders = session({ phase: 'orders' });
    for (const type of ['ready-all', 'advance', 'force-resolve'] as const)
      expect(nextPhase(orders, { type }, NOW, TIMERS)).toEqual({ session: orders, effects: ['resolve'] });
  });

  it('enters the next briefing after a resolved round, its drafts cleared', () => {
    const draft = { round: 1, nation: 'US', orders: {}, by: 'Ann' };
    const t = nextPhase(
      session({ phase: 'orders', drafts: [draft] }),
      { type: 'round-resolved' },
      NOW,
      TIMERS,
    );
    expect(t.session).toMatchObject({ phase: 'briefing', deadline: 1_060_000, drafts: [] });
  });

  it('pauses with the time left, resumes with it, and refuses twice', () => {
    const running = session({ phase: 'briefing', deadline: 1_030_000 });
    const paused = nextPhase(running, { type: 'pause' }, NOW, TIMERS);
    expect(paused.session).toMatchObject({ paused: true, remaining: 30_000 }); // 1 030 000 − 1 000 000
    expect(nextPhase(paused.session, { type: 'pause' }, NOW, TIMERS).refused?.message).toBe('already paused');
    // Paused, the deadline does not move the game on, nor does everyone being ready.
    expect(nextPhase(paused.session, { type: 'tick' }, 2_000_000, TIMERS).effects).toEqual(['check-ready']);
    expect(nextPhase(paused.session, { type: 'ready-all' }, NOW, TIMERS).effects).toEqual([]);
    const resumed = nextPhase(paused.session, { type: 'resume' }, 1_500_000, TIMERS);
    expect(resumed.session).toMatchObject({ paused: false, deadline: 1_530_000 }); // 1 500 000 + 30 000
    expect(resumed.effects).toEqual(['save', 'changed', 'check-ready']);
    expect(nextPhase(resumed.session, { type: 'resume' }, NOW, TIMERS).refused?.message).toBe('not paused');
  });

  it('enters a phase while paused with its whole timer kept for later', () => {
    const t = nextPhase(session({ phase: 'briefing', paused: true }), { type: 'advance' }, NOW, TIMERS);
    expect(t.session).toMatchObject({ phase: 'negotiation', deadline: 0, remaining: 120_000 });
  });

  it('adds time to the deadline, to the time left when paused, never to a phase without a timer', () => {
    const running = session({ phase: 'briefing', deadline: 1_030_000 });
    expect(nextPhase(running, { type: 'add-time', seconds: 30 }, NOW, TIMERS).session.deadline).toBe(
      1_060_000,
    );
    // Taking more time than is left ends the phase now, not in the past.
    expect(nextPhase(running, { type: 'add-time', seconds: -60 }, NOW, TIMERS).session.deadline).toBe(NOW);
    const paused = session({ phase: 'briefing', paused: true, remaining: 10_000 });
    expect(nextPhase(paused, { type: 'add-time', seconds: -20 }, NOW, TIMERS).session.remaining).toBe(0);
    const orders = session({ phase: 'orders' });
    expect(nextPhase(orders, { type: 'add-time', seconds: 30 }, NOW, TIMERS).refused?.path).toBe('seconds');
  });

  it('ignores the clock and the facilitator outside a running game', () => {
    for (const phase of ['lobby', 'ended'])
      for (const type of ['tick', 'advance', 'force-resolve', 'ready-all'] as const)
        expect(nextPhase(session({ phase }), { type }, NOW, TIMERS).effects).toEqual([]);
  });

  it('ends a game and abandons only a lobby', () => {
    const ended = nextPhase(
      session({ phase: 'orders', deadline: 5, paused: true, remaining: 7, ready: ['US'] }),
      { type: 'end' },
      NOW,
      TIMERS,
    );
    expect(ended.session).toMatchObject({
      phase: 'ended',
      deadline: 0,
      paused: false,
      remaining: 0,
      ready: [],
    });
    expect(nextPhase(session(), { type: 'abandon' }, NOW, TIMERS)).toMatchObject({
      session: { phase: 'ended' },
      effects: ['save'],
    });
    expect(nextPhase(session({ phase: 'briefing' }), { type: 'abandon' }, NOW, TIMERS).effects).toEqual([]);
  });
});
