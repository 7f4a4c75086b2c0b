/** The client's Phaser-free logic: the orders form's budget cap and error routing, the countdown, the store. */
import { describe, expect, it } from 'vitest';
import { Store } from '../../client/src/state/store.ts';
import { capLine, fieldOf } from '../../client/src/ui/OrdersPanel.ts';
import { clock } from '../../client/src/ui/PhaseBar.ts';

describe('orders form', () => {
  it('caps a budget line so the allocation never exceeds the budget', () => {
    expect(capLine(100, 60, 30)).toBe(30);
    expect(capLine(100, 60, 50)).toBe(40);
    expect(capLine(100, 120, 5)).toBe(0);
    expect(capLine(10.555, 0, 20)).toBe(10.55);
  });

  it('routes a server problem to its field', () => {
    expect(fieldOf('orders.budget.compute')).toBe('budget.compute');
    expect(fieldOf('budget')).toBe('budget');
    expect(fieldOf('exportControls.0.target')).toBe('exportControls');
    expect(fieldOf('orders.release')).toBe('release');
  });
});

describe('phase bar', () => {
  it('shows time left as m:ss, never negative', () => {
    expect(clock(125_000)).toBe('2:05');
    expect(clock(999)).toBe('0:01');
    expect(clock(-5000)).toBe('0:00');
  });
});

describe('store', () => {
  it('tells listeners about each change and stops when unsubscribed', () => {
    const store = new Store();
    const seen: string[] = [];
    const stop = store.subscribe((s) => seen.push(s.screen));
    store.set({ screen: 'lobby' });
    stop();
    store.set({ screen: 'game' });
    expect(seen).toEqual(['lobby']);
    expect(store.get().screen).toBe('game');
  });
});
