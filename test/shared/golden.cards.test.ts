/**
 * Golden cases: event cards (shared/engine/applyEventCards.ts, injectEvent.ts) and modifier expiry
 * (end of resolveRound: a modifier with `until` = this round is reported and dropped).
 */
import { describe, expect, it } from 'vitest';
import { injectEvent } from '../../shared/engine/index.ts';
import { card, inject, nation, ofType, play, playRounds, setup, shares, sum } from './helpers.ts';

describe('event cards', () => {
  it('CRD-1 the scandal card takes 5 trust from the capability leader before the trust update', () => {
    const { state, events } = play(inject(setup(), 'scandal'), {});
    const e = ofType(events, 'CardEffect');
    expect(e).toHaveLength(1);
    expect(e[0]!.params).toMatchObject({
      card: 'scandal',
      nations: ['US'],
      quantity: 'trust',
      from: 50,
      to: 45,
    });
    // then the trust update from 45: 45 + balanced 0.3 x (100 - 45)/50 + 0.1 x (50 - 45)
    // = 45 + 0.33 + 0.5 = 45.83
    expect(nation(state, 'US').trust).toBeCloseTo(45.83, 12);
    // CN: 50 + (open 0.5 + balanced 0.3) x 50/50 + 0.1 x 0 = 50.8
    expect(nation(state, 'CN').trust).toBeCloseTo(50.8, 12);
    expect(state.pendingCards).toEqual([]);
  });

  it('CRD-2 the fab card halves fabrication of every holder of at least 10% of the layer', () => {
    const s0 = setup({
      mutate: (j) => {
        j.nations[0]!.stack.fabrication = 2; // US: 2 / 32 x 0.92 = 5.75% < 10%
      },
    });
    const { state } = play(inject(s0, 'fab'), {});
    expect(nation(state, 'US').stack.fabrication).toBe(2);
    expect(nation(state, 'CN').stack.fabrication).toBe(10);
    expect(nation(state, 'EU').stack.fabrication).toBe(5);
  });

  it('CRD-3 AdjustQuantity clamps bounded quantities to [0, 100] and others at 0', () => {
    const s0 = inject(
      setup(),
      card('boom', [
        { type: 'AdjustQuantity', quantity: 'capability', nations: ['EU'], factor: 10 },
        { type: 'AdjustQuantity', quantity: 'compute', nations: ['CN'], delta: -1000 },
      ]),
    );
    const { events } = play(s0, {});
    const e = ofType(events, 'CardEffect');
    expect(e[0]!.params).toMatchObject({ nations: ['EU'], from: 60, to: 100 });
    expect(e[1]!.params).toMatchObject({ nations: ['CN'], from: 100, to: 0 });
  });

  it('CRD-4 a two-round modifier applies in rounds 1 and 2 and expires at the end of round 2', () => {
    const s0 = inject(setup(), 'efficiency');
    const r1 = play(s0, {});
    expect(r1.state.modifiers).toEqual([
      { cardId: 'efficiency', until: 2, kind: 'trainingCost', nations: ['US', 'CN', 'EU'], factor: 0.7 },
    ]);
    expect(ofType(r1.events, 'ModifierExpired')).toHaveLength(0);
    const r2 = play(r1.state, {});
    expect(r2.state.modifiers).toEqual([]);
    const exp = ofType(r2.events, 'ModifierExpired');
    expect(exp).toHaveLength(1);
    expect(exp[0]!.params).toEqual({
      card: 'efficiency',
      modifier: 'trainingCost',
      nations: ['US', 'CN', 'EU'],
    });
  });

  it('CRD-5 an AdoptionShift card moves share toward its providers in its region only', () => {
    const base = play(setup(), {}).state;
    const s0 = inject(
      setup(),
      card('deal', [{ type: 'AdoptionShift', nations: ['EU'], region: 'Sub-Saharan Africa', amount: 0.2 }]),
    );
    const { state } = play(s0, {});
    expect(shares(state, 'NG').EU!).toBeGreaterThan(shares(base, 'NG').EU! + 0.1);
    expect(shares(state, 'BR').EU!).toBeCloseTo(shares(base, 'BR').EU!, 12);
    expect(sum(shares(state, 'NG'))).toBeCloseTo(1, 12);
  });

  it('CRD-6 the deck: one card is announced at the start and one drawn at the end of each round', () => {
    const s0 = setup({ keepCards: true });
    expect(s0.pendingCards).toHaveLength(1);
    expect(s0.deck).toHaveLength(2);
    const { state, events } = play(s0, {});
    const drawn = ofType(events, 'EventCardDrawn');
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.params).toMatchObject({ card: s0.deck[0], round: 2 });
    expect(state.pendingCards.map((c) => c.id)).toEqual([s0.deck[0]]);
    expect(state.deck).toEqual(s0.deck.slice(1));
    // After the whole deck is used, rounds go on without cards.
    const later = playRounds(state, 2, {}).state;
    expect(later.deck).toEqual([]);
  });

  it('CRD-7 injectEvent refuses unknown cards and nations, and takes an injected deck card out of the deck', () => {
    const s0 = setup({ keepCards: true });
    const missing = injectEvent(s0, 'nope');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]).toMatchObject({ path: 'card' });
    const bad = injectEvent(s0, card('x', [{ type: 'Incident', nations: ['XX'] }]));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors).toEqual([{ path: 'effects.0.nations.0', message: "unknown nation 'XX'" }]);
    const region = injectEvent(
      s0,
      card('x', [{ type: 'AdoptionShift', nations: ['US'], region: 'Mars', amount: 0.1 }]),
    );
    expect(region.ok).toBe(false);
    const id = s0.deck[0]!;
    const ok = injectEvent(s0, id);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.value.state.deck).not.toContain(id);
      expect(ok.value.state.pendingCards.map((c) => c.id)).toContain(id);
      expect(ok.value.events[0]!.type).toBe('EventCardInjected');
      expect(s0.deck).toContain(id); // input unchanged
    }
  });
});
