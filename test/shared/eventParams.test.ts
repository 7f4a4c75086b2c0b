/**
 * Event params are typed per event type (EventParams): an event, an `emit` or a formatter spec with
 * a wrong or missing param fails to compile. `npm exec -- tsc -p .` checks the `@ts-expect-error`
 * lines below: if one of them compiled, tsc would report the directive as unused.
 */
import { describe, expect, it } from 'vitest';
import { emit, type ResolveContext } from '../../shared/engine/context.ts';
import { makeEvent } from '../../shared/engine/events.ts';
import { EVENT_SPECS, type EventSpec } from '../../shared/i18n/eventSpecs.ts';

describe('typed event params', () => {
  it('an event is built only with the params its type declares', () => {
    const ok = makeEvent('OrdersMissing', 3, { nation: 'US' });
    // @ts-expect-error: OrdersMissing has no param `target`
    const extra = makeEvent('OrdersMissing', 3, { nation: 'US', target: 'CN' });
    // @ts-expect-error: TrustChanged's `reasons` is missing
    const missing = makeEvent('TrustChanged', 3, { nation: 'US', from: 50, to: 45 });
    // @ts-expect-error: TariffChanged's `to` is a number (a share), not text
    const wrongType = makeEvent('TariffChanged', 3, { nation: 'US', target: 'CN', from: 0, to: '10%' });
    expect(ok).toEqual({
      type: 'OrdersMissing',
      key: 'event.OrdersMissing',
      round: 3,
      params: { nation: 'US' },
      audience: 'all',
    });
    expect([extra.type, missing.type, wrongType.type]).toEqual([
      'OrdersMissing',
      'TrustChanged',
      'TariffChanged',
    ]);
  });

  it('emit takes the params of the type it emits', () => {
    const events: unknown[] = [];
    const ctx = { round: 2, events } as unknown as ResolveContext;
    emit(ctx, 'SanctionChanged', { nation: 'US', target: 'CN', active: true });
    // @ts-expect-error: SanctionChanged's `active` is a boolean
    emit(ctx, 'SanctionChanged', { nation: 'US', target: 'CN', active: 'yes' });
    expect(events).toHaveLength(2);
  });

  it('a formatter spec names exactly the params of its event', () => {
    const ok: EventSpec<'OrdersMissing'> = { params: { nation: 'nation' } };
    // @ts-expect-error: OrdersMissing has no param `target`
    const extra: EventSpec<'OrdersMissing'> = { params: { nation: 'nation', target: 'nation' } };
    // @ts-expect-error: GameEnded's `winner` is not shown
    const missing: EventSpec<'GameEnded'> = { params: { ranking: 'ranking' } };
    const variant: EventSpec<'SanctionChanged'> = {
      params: EVENT_SPECS.SanctionChanged.params,
      // @ts-expect-error: a variant must be one of the event's params
      variants: ['on'],
    };
    expect(ok).toEqual(EVENT_SPECS.OrdersMissing);
    expect([extra, missing, variant].every((s) => typeof s.params === 'object')).toBe(true);
  });
});
