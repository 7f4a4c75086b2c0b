/**
 * The compact wire form of views and reports (shared/protocol/wire.ts): what a client rebuilds is the
 * engine's view, with adoption shares to the nearest 0.1% and the history whole, from deltas.
 */
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { botOrders } from '../../shared/bots/index.ts';
import { createGame, eventsFor, type GameView, resolveRound, viewFor } from '../../shared/engine/index.ts';
import { packEvents, packView, unpackEvents, unpackView } from '../../shared/protocol/wire.ts';

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
