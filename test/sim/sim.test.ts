import { describe, expect, it } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { ARCHETYPES, DIFFICULTIES } from '../../shared/bots/botTypes.ts';
import { playGame, toRecord } from '../../shared/sim/playGame.ts';
import { csvRows } from '../../shared/sim/report.ts';
import { assignSeats, gameSeed, parseBots, parseWhatIf } from '../../shared/sim/seats.ts';
import { compareWhatIf, distribution, pairedDifference, summarise } from '../../shared/sim/summarise.ts';

const scenario = readScenario('three-powers');

describe('seats', () => {
  it('derives distinct game seeds from the run seed and the index', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => gameSeed(1, i)));
    expect(seeds.size).toBe(1000);
    expect(gameSeed(1, 5)).toBe(gameSeed(1, 5));
    expect(gameSeed(1, 5)).not.toBe(gameSeed(2, 5));
    for (const s of seeds) expect(Number.isInteger(s)).toBe(true);
  });

  it('parses every form of --bots and refuses unknown names', () => {
    expect(parseBots('mix', scenario)).toEqual({
      ok: true,
      value: { '*': { archetype: 'mix', difficulty: 'normal' } },
    });
    expect(parseBots('hawk:hard', scenario)).toEqual({
      ok: true,
      value: { '*': { archetype: 'hawk', difficulty: 'hard' } },
    });
    const list = parseBots('US=hawk, CN=openChampion:hard,*=hedger', scenario);
    expect(list).toEqual({
      ok: true,
      value: {
        US: { archetype: 'hawk', difficulty: 'normal' },
        CN: { archetype: 'openChampion', difficulty: 'hard' },
        '*': { archetype: 'hedger', difficulty: 'normal' },
      },
    });
    expect(parseBots('US=dove', scenario)).toMatchObject({ ok: false, error: /unknown archetype 'dove'/ });
    expect(parseBots('ZZ=hawk', scenario)).toMatchObject({ ok: false, error: /unknown nation 'ZZ'/ });
    expect(parseBots('US=hawk,US=hedger', scenario)).toMatchObject({ ok: false, error: /twice/ });
    expect(parseWhatIf('EU=trustBuilder:easy', scenario)).toEqual({
      ok: true,
      value: { nation: 'EU', seat: { archetype: 'trustBuilder', difficulty: 'easy' } },
    });
    expect(parseWhatIf('EU=mix', scenario)).toMatchObject({ ok: false });
  });

  it('assigns seats from the game seed only, and fixing one nation leaves the others drawn alike', () => {
    const mix = assignSeats(scenario, 42);
    expect(assignSeats(scenario, 42)).toEqual(mix);
    for (const seat of Object.values(mix)) {
      expect(ARCHETYPES).toContain(seat.archetype);
      expect(seat.difficulty).toBe('normal');
    }
    const fixed = assignSeats(scenario, 42, { US: { archetype: 'hawk', difficulty: 'hard' } });
    expect(fixed.US).toEqual({ archetype: 'hawk', difficulty: 'hard' });
    expect(fixed.CN).toEqual(mix.CN);
    expect(fixed.EU).toEqual(mix.EU);
    const drawn = new Set(Array.from({ length: 200 }, (_, s) => assignSeats(scenario, s).US!.archetype));
    expect(drawn.size).toBe(ARCHETYPES.length);
  });
});

describe('playing and summarising', () => {
  it('plays every archetype and difficulty to the end of a game', () => {
    for (const archetype of ARCHETYPES)
      for (const difficulty of DIFFICULTIES) {
        const seats = assignSeats(scenario, 11, { '*': { archetype, difficulty } });
        const result = playGame(scenario, 11, seats, 2);
        expect(result.final.status).toBe('ended');
        expect(result.ranking.map((r) => r.rank)).toEqual([1, 2, 3]);
      }
  });

  it('summarises records: one winner per game, trajectories per round, policy links', () => {
    const records = [0, 1, 2, 3].map((i) => {
      const seed = gameSeed(9, i);
      return toRecord(i, playGame(scenario, seed, assignSeats(scenario, seed), 3));
    });
    const s = summarise(records);
    expect(s.games).toBe(4);
    expect(Object.values(s.nations).reduce((n, x) => n + x.wins, 0)).toBe(4);
    expect(Object.values(s.archetypes).reduce((n, x) => n + x.seats, 0)).toBe(12);
    expect(s.overallWinRate).toBeCloseTo(1 / 3, 3);
    expect(s.trajectory.CN!.map((p) => p.round)).toEqual([0, 1, 2, 3]);
    expect(s.winningPolicies.some((p) => p.kind === 'release')).toBe(true);
    for (let i = 1; i < s.winningPolicies.length; i++)
      expect(s.winningPolicies[i - 1]!.difference).toBeGreaterThanOrEqual(s.winningPolicies[i]!.difference);
    expect(csvRows(records[0]!)).toHaveLength(4 * 3);
    // The what-if comparison of a run with itself: no difference, a zero-width interval.
    const same = compareWhatIf('US', records, records);
    expect(same.difference.score).toEqual({ mean: 0, ci95: [0, 0] });
    expect(same.unchanged).toBe(4);
  });

  it('computes distributions and paired confidence intervals', () => {
    expect(distribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({
      mean: 5.5,
      p10: 1.9,
      p50: 5.5,
      p90: 9.1,
    });
    const d = pairedDifference([1, 0, 1, 1, 0, 1, 1, 0]);
    expect(d.mean).toBeCloseTo(0.625, 3);
    const half = 1.96 * Math.sqrt((5 * 0.375 ** 2 + 3 * 0.625 ** 2) / 7 / 8);
    expect(d.ci95![0]).toBeCloseTo(0.625 - half, 3);
    expect(d.ci95![1]).toBeCloseTo(0.625 + half, 3);
    expect(pairedDifference([2]).ci95).toBeNull();
  });
});
