import { emit, nationList, type ResolveContext } from './context.ts';

/**
 * Treaty diplomacy: withdrawals, answers to last round's proposals (accepted ones take effect now),
 * lapse of unanswered proposals, then this round's new proposals (answered next round).
 */
export function applyTreaties(ctx: ResolveContext): void {
  const { state, round } = ctx;
  const nations = nationList(state);
  for (const n of nations) {
    for (const id of ctx.orders[n.id]?.treaties.withdraw ?? []) {
      const t = state.treaties.find((x) => x.id === id && x.parties.includes(n.id));
      if (!t) continue;
      state.treaties = state.treaties.filter((x) => x !== t);
      emit(ctx, 'TreatyLapsed', {
        treaty: t.id,
        type: t.type,
        parties: [...t.parties],
        reason: 'withdrawn',
        by: n.id,
      });
    }
  }
  for (const n of nations) {
    for (const answer of ctx.orders[n.id]?.treaties.answer ?? []) {
      const p = state.proposals.find((x) => x.id === answer.id && x.to === n.id);
      if (!p) continue;
      state.proposals = state.proposals.filter((x) => x !== p);
      const duplicate = state.treaties.some(
        (t) => t.type === p.type && t.parties.includes(p.from) && t.parties.includes(p.to),
      );
      if (answer.accept && !duplicate) {
        const id = `T${state.nextId++}`;
        state.treaties.push({ id, type: p.type, parties: [p.from, p.to], since: round });
        emit(ctx, 'TreatySigned', { treaty: id, type: p.type, parties: [p.from, p.to] });
      } else {
        emit(ctx, 'TreatyRejected', { proposal: p.id, type: p.type, from: p.from, to: p.to }, [p.from, p.to]);
      }
    }
  }
  const lapsed = state.proposals.filter((p) => p.round < round);
  state.proposals = state.proposals.filter((p) => p.round >= round);
  for (const p of lapsed) {
    emit(
      ctx,
      'TreatyLapsed',
      { proposal: p.id, type: p.type, parties: [p.from, p.to], reason: 'unanswered', by: p.to },
      [p.from, p.to],
    );
  }
  for (const n of nations) {
    for (const prop of ctx.orders[n.id]?.treaties.propose ?? []) {
      const pending = state.proposals.some(
        (p) => p.from === n.id && p.to === prop.to && p.type === prop.type,
      );
      if (pending) continue;
      const id = `P${state.nextId++}`;
      state.proposals.push({ id, type: prop.type, from: n.id, to: prop.to, round });
      emit(ctx, 'TreatyProposed', { proposal: id, type: prop.type, from: n.id, to: prop.to }, [
        n.id,
        prop.to,
      ]);
    }
  }
}
