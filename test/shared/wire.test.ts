/**
 * The compact wire form of views and reports (shared/protocol/wire.ts): what a client rebuilds is the
 * engine's view, with adoption shares to the nearest 0.1% and the history whole, from deltas; views
 * and reports travel deflated, each primed with the client's previous one.
 */
import { describe, expect, it } from 'vitest';
import { Deflater, encode } from '../../server/rooms/Deflater.ts';
import { readScenario } from '../../server/scenarioFiles.ts';
import { botOrders } from '../../shared/bots/index.ts';
import {
  createGame,
  type EventType,
  eventsFor,
  type GameEvent,
  type GameView,
  ownView,
  resolveRound,
  viewFor,
  withOwn,
} from '../../shared/engine/index.ts';
import {
  Inflater,
  ownEvents,
  packEvents,
  packView,
  unpackEvents,
  unpackView,
  withOwnEvents,
} from '../../shared/protocol/wire.ts';

function playedViews(rounds: number) {
  let state = createGame(readScenario('sovereign-ai-2026'), { seed: 11 });
  const views: GameView[] = [viewFor(state, { kind: 'nation', nation: 'US' })];
  const reports = [];
  for (let r = 1; r <= rounds; r++) {
    const orders = Object.fromEntries(
      Object.keys(state.nations).map((n) => [
        n,
        botOrders(state, n, { archetype: 'hedger', difficulty: 'normal' }, r).orders,
      ]),
    );
    const result = resolveRound(state, orders);
    state = result.state;
    views.push(viewFor(state, { kind: 'nation', nation: 'US' }));
    reports.push({ round: r, events: eventsFor(result.events, { kind: 'nation', nation: 'US' }) });
  }
  return { views, reports };
}

describe('the wire form', () => {
  const { views, reports } = playedViews(3);

  it('rebuilds a whole view: every field equal, adoption shares within 0.05 percentage points', () => {
    const view = views.at(-1)!;
    const rebuilt = unpackView(packView(view), null);
    const { adoption, ...rest } = rebuilt;
    const { adoption: exact, ...exactRest } = view;
    expect(rest).toEqual(exactRest);
    expect(Object.keys(adoption)).toEqual(Object.keys(exact));
    for (const [market, row] of Object.entries(exact)) {
      expect(Object.keys(adoption[market]!)).toEqual(Object.keys(row));
      for (const [stack, share] of Object.entries(row))
        expect(Math.abs(adoption[market]![stack]! - share)).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
  });

  it('sends only the history a client lacks, and the client rebuilds all of it', () => {
    let client: GameView | null = null;
    let sent = 0;
    for (const view of views) {
      const wire = packView(view, sent);
      expect(wire.history.length).toBe(view.history.length - sent);
      sent = view.history.length;
      client = unpackView(wire, client);
      expect(client.history).toEqual(view.history);
    }
    expect(views.at(-1)!.history.length).toBeGreaterThan(2);
  });

  it('refuses a delta that continues a history the client does not have', () => {
    const last = views.at(-1)!;
    expect(() => unpackView(packView(last, last.history.length), null)).toThrow(/history from/);
  });

  it('rebuilds every event of a report exactly', () => {
    for (const r of reports) {
      const wire = packEvents(r.events, r.round);
      expect(wire.every((e) => !('key' in e))).toBe(true);
      expect(unpackEvents(wire, r.round)).toEqual(r.events);
    }
  });
});

describe('deflated messages', () => {
  const { views, reports } = playedViews(4);
  const wires = views.map((v, i) => packView(v, i === 0 ? 0 : views[i - 1]!.history.length));

  it('inflate to the same message, each view primed with the one before, and get smaller for it', () => {
    const deflater = new Deflater();
    const inflater = new Inflater();
    const sizes: { raw: number; deflated: number; dictionary: number }[] = [];
    for (const wire of wires) {
      const bytes = encode(wire);
      const sent = deflater.deflate('client-1', 'view', bytes);
      sizes.push({ raw: bytes.byteLength, deflated: sent.deflated.byteLength, dictionary: sent.dictionary });
      expect(inflater.message('view', sent)).toEqual(wire);
    }
    // The first is not primed; each later one is, with the previous one's bytes.
    expect(sizes.map((s) => s.dictionary)).toEqual([0, ...sizes.slice(0, -1).map((s) => s.raw)]);
    // Primed, a round's view is under two fifths of its msgpack bytes (the first, alone, over that).
    for (const s of sizes.slice(1)) expect(s.deflated).toBeLessThan(0.4 * s.raw);
    expect(sizes[0]!.deflated).toBeGreaterThan(0.4 * sizes[0]!.raw);
  });

  it('keeps one chain per client and per type, and starts a forgotten client afresh', () => {
    const deflater = new Deflater();
    const a = new Inflater();
    const b = new Inflater();
    const report = (i: number) =>
      encode({ round: reports[i]!.round, events: packEvents(reports[i]!.events, i) });
    expect(a.message('view', deflater.deflate('a', 'view', encode(wires[0])))).toEqual(wires[0]);
    expect(a.message('report', deflater.deflate('a', 'report', report(0)))).toMatchObject({ round: 1 });
    expect(b.message('view', deflater.deflate('b', 'view', encode(wires[1])))).toEqual(wires[1]);
    const primed = deflater.deflate('a', 'view', encode(wires[1]));
    expect(primed.dictionary).toBeGreaterThan(0);
    expect(a.message('view', primed)).toEqual(wires[1]);
    deflater.forget('a');
    const fresh = deflater.deflate('a', 'view', encode(wires[2]));
    expect(fresh.dictionary).toBe(0);
    // A client that reconnected with a new inflater reads it.
    expect(new Inflater().message('view', fresh)).toEqual(wires[2]);
  });

  it('refuses a message primed with bytes the client does not have', () => {
    const deflater = new Deflater();
    deflater.deflate('a', 'view', encode(wires[0]));
    const primed = deflater.deflate('a', 'view', encode(wires[1]));
    // A client that missed the first view (a new page) cannot read the second.
    expect(() => new Inflater().message('view', primed)).toThrow(
      /primed with a previous message of \d+ bytes, but this client has none/,
    );
    // Nor one that has another view as its last.
    const other = new Inflater();
    other.message('view', new Deflater().deflate('x', 'view', encode(wires[3])));
    expect(() => other.message('view', primed)).toThrow(/but this client has one of \d+/);
  });
});

describe("a nation's own part", () => {
  // States of a whole game (the last one ended), plus one with proposals between several nations.
  let state = createGame(readScenario('sovereign-ai-2026'), { seed: 5, rounds: 3 });
  const states = [state];
  while (state.status === 'running') {
    const orders = Object.fromEntries(
      Object.keys(state.nations).map((n) => [
        n,
        botOrders(state, n, { archetype: 'trustBuilder', difficulty: 'hard' }, 5).orders,
      ]),
    );
    state = resolveRound(state, orders).state;
    states.push(state);
  }
  const withProposals = structuredClone(states[1]!);
  withProposals.proposals = [
    { id: 'P90', type: 'AiForum', from: 'US', to: 'EU', round: 1 },
    { id: 'P91', type: 'AiForum', from: 'CN', to: 'US', round: 1 },
    { id: 'P92', type: 'AiForum', from: 'IN', to: 'JP', round: 1 },
  ] as typeof withProposals.proposals;
  states.push(withProposals);

  it("applied to the spectators' view gives each nation's view exactly, during the game and at its end", () => {
    expect(states.at(-2)!.status).toBe('ended');
    for (const s of states) {
      const spectators = viewFor(s, { kind: 'spectator' });
      for (const nation of Object.keys(s.nations)) {
        const expected = viewFor(s, { kind: 'nation', nation });
        const rebuilt = withOwn(spectators, ownView(s, nation));
        expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(expected));
      }
    }
    // The own part carries the nation's secret and only its proposals.
    const us = ownView(withProposals, 'US');
    expect(us.secretObjective).toBe(withProposals.nations.US!.secretObjective);
    expect(us.proposals.map((p) => p.id)).toEqual(['P90', 'P91']);
    expect(viewFor(withProposals, { kind: 'spectator' }).proposals).toEqual([]);
  });

  it('travels beside the deflated view, and the inflater applies it', () => {
    const deflater = new Deflater();
    const inflater = new Inflater();
    for (const s of states.slice(0, 3)) {
      const spectators = packView(viewFor(s, { kind: 'spectator' }));
      const sent = { ...deflater.deflate('cn', 'view', encode(spectators)), own: ownView(s, 'CN') };
      expect(inflater.message('view', sent)).toEqual(packView(viewFor(s, { kind: 'nation', nation: 'CN' })));
    }
  });
});

describe("a nation's own events", () => {
  const { reports } = playedViews(2);
  // A report's events with private ones among the public: proposals and lapses between two parties.
  const mixed = (round: number): GameEvent[] => {
    const pub = reports[0]!.events.filter((e) => e.audience === 'all').slice(0, 6);
    const priv = (type: EventType, parties: string[]): GameEvent =>
      ({
        type,
        key: `event.${type}`,
        round,
        params: { proposal: `P${parties.join('')}`, type: 'AiForum', from: parties[0]!, to: parties[1]! },
        audience: parties,
      }) as GameEvent;
    return [
      priv('TreatyProposed', ['US', 'EU']),
      pub[0]!,
      pub[1]!,
      priv('TreatyProposed', ['CN', 'IN']),
      pub[2]!,
      priv('TreatyLapsed', ['US', 'CN']),
      priv('TreatyRejected', ['EU', 'US']),
      ...pub.slice(3),
      priv('TreatyProposed', ['JP', 'US']),
    ];
  };

  it('put back among the public ones give exactly the events the nation may see, in order', () => {
    const events = mixed(1);
    const pub = packEvents(
      events.filter((e) => e.audience === 'all'),
      1,
    );
    for (const nation of ['US', 'EU', 'CN', 'IN', 'JP', 'KR']) {
      const own = ownEvents(events, nation, 1);
      expect(withOwnEvents(pub, own)).toEqual(packEvents(eventsFor(events, { kind: 'nation', nation }), 1));
    }
    expect(ownEvents(events, 'US', 1).at).toEqual([0, 4, 5, 9]);
    expect(ownEvents(events, 'KR', 1)).toEqual({ events: [], at: [] });
  });

  it('travel beside the deflated report, and the inflater puts them back', () => {
    const events = mixed(2);
    const deflater = new Deflater();
    const inflater = new Inflater();
    const pub = encode({
      round: 2,
      events: packEvents(
        events.filter((e) => e.audience === 'all'),
        2,
      ),
      bots: [],
    });
    const sent = { ...deflater.deflate('us', 'report', pub), ownEvents: ownEvents(events, 'US', 2) };
    expect(inflater.message('report', sent)).toEqual({
      round: 2,
      events: packEvents(eventsFor(events, { kind: 'nation', nation: 'US' }), 2),
      bots: [],
    });
  });
});
