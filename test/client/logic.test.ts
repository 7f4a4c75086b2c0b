/** The client's Phaser-free logic: the orders form's conversions and error routing, the countdown, the store. */
import { describe, expect, it } from 'vitest';
import { budgetLeft, formToOrders, ordersToForm } from '../../client/src/orders/orderForm.ts';
import { fieldOf } from '../../client/src/orders/problems.ts';
import { Store } from '../../client/src/state/store.ts';
import { clock } from '../../client/src/ui/PhaseBar.ts';
import type { OrdersInput } from '../../shared/engine/index.ts';

describe('orders form', () => {
  const full: OrdersInput = {
    budget: { compute: 4.5, training: 3, chips: 0, talent: 1.25, safety: 1, aid: 0.5 },
    release: 'open',
    regulation: 'strict',
    visa: 'restrictive',
    aidRegion: 'South Asia',
    programmeBase: null,
    exportControls: [
      { target: 'CN', chips: 'embargo', models: 'licensed' },
      { target: 'EU', chips: 'open', models: 'open' },
    ],
    tariffs: [
      { target: 'CN', rate: 0.25 },
      { target: 'EU', rate: 0 },
    ],
    sanctions: [
      { target: 'CN', active: true },
      { target: 'EU', active: false },
    ],
    tierControls: [
      { tier: 1, chips: 'open', models: 'open' },
      { tier: 2, chips: 'licensed', models: 'open' },
      { tier: 3, chips: 'embargo', models: 'embargo' },
    ],
    treaties: {
      propose: [
        { type: 'SafetyPact', to: 'EU' },
        { type: 'AiForum', to: 'CN' },
        { type: 'JointModel', to: 'EU' },
      ],
      answer: [{ id: 'P4', accept: false }],
    },
  };
  const shape = { targets: ['CN', 'EU'], incoming: ['P4', 'P5'] };

  it('reads back from the form every field it was filled with: proposals, answers, tariffs and sanctions too', () => {
    expect(formToOrders(ordersToForm(full), shape)).toEqual(full);
  });

  it("a teammate's draft with fewer proposals clears the extra rows only when asked", () => {
    const mine = ordersToForm(full);
    const theirs = ordersToForm({ treaties: { propose: [{ type: 'AiForum', to: 'EU' }] } }, 3);
    const merged = formToOrders({ ...mine, ...theirs }, shape);
    expect(merged.treaties?.propose).toEqual([{ type: 'AiForum', to: 'EU' }]);
    // A draft that says nothing of treaties leaves the proposals in the form alone.
    const budgetOnly = formToOrders({ ...mine, ...ordersToForm({ budget: { compute: 9 } }) }, shape);
    expect(budgetOnly.treaties?.propose).toHaveLength(3);
    expect(budgetOnly.budget?.compute).toBe(9);
  });

  it('keeps an over-budget allocation as typed and says by how much it is over', () => {
    const v = ordersToForm({ budget: { compute: 20, training: 0, chips: 0, talent: 0, safety: 0, aid: 0 } });
    expect(budgetLeft(v, 17.18)).toEqual({ spent: 20, left: -2.82 });
    expect(formToOrders(v, shape).budget?.compute).toBe(20);
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
