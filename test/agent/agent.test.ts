/**
 * The pure parts for agents (issue 18, parts 1 and 5): the text view holds a nation's position,
 * objectives, budget, policies, card, rivals, proposals and last round, and none of the others'
 * secrets; the orders' JSON Schema comes from the zod schema; an agent's answer is read by that
 * schema; the gym plays deterministic games, with rewards that add up to the final score.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../server/scenarioFiles.ts';
import { agentMessages, parseAgentAnswer, retryMessages } from '../../shared/agent/agentPrompt.ts';
import { lastRoundLines } from '../../shared/agent/lastRoundLines.ts';
import { ordersJsonSchema } from '../../shared/agent/ordersJsonSchema.ts';
import { textView } from '../../shared/agent/textView.ts';
import {
  createGame,
  eventsFor,
  OrdersSchema,
  parseOrders,
  resolveRound,
  scoreboard,
  viewFor,
} from '../../shared/engine/index.ts';
import { Gym } from '../../shared/sim/gym.ts';

const root = join(import.meta.dirname, '..', '..');
const en = JSON.parse(readFileSync(join(root, 'assets/i18n/en.json'), 'utf8')) as Record<string, string>;
const scenario = readScenario('sovereign-ai-2026');

describe('textView', () => {
  it("gives a nation its whole position, and nobody else's secrets", () => {
    let state = createGame(scenario, { seed: 11 });
    const us = parseOrders(state, 'US', {
      budget: { compute: 10 },
      treaties: { propose: [{ type: 'AiForum', to: 'EU' }] },
      exportControls: [{ target: 'CN', chips: 'embargo' }],
    });
    expect(us.ok).toBe(true);
    const resolved = resolveRound(state, { US: us.ok ? us.value : (undefined as never) });
    state = resolved.state;
    const lines = lastRoundLines(
      eventsFor(resolved.events, { kind: 'nation', nation: 'EU' }),
      scenario,
      'EU',
      en,
    );
    const view = viewFor(state, { kind: 'nation', nation: 'EU' });
    const text = textView(view, scenario, 'EU', { lastRound: { round: 1, lines } });
    for (const heading of [
      '## My position',
      '## Budget',
      '## My objectives',
      '## My standing policies',
      "## This round's event cards",
      "## Rivals' public positions",
      '## Treaties',
      '## Last round (1)',
    ])
      expect(text).toContain(heading);
    expect(text).toContain(`This round: ${view.nations.EU!.budget.toFixed(2)}`);
    expect(text).toMatch(/Proposals to me .*P\d+ AiForum from US/);
    expect(text).toMatch(/\| US \|.*\|/);
    expect(text).toContain('(secret)');
    expect(lines.length).toBeGreaterThan(0);
    expect(text).toContain(lines[0]!);
    // Its own secret objective by title; no other nation's (unless it is the same one).
    const mine = state.nations.EU!.secretObjective!;
    const title = (id: string) => scenario.objectives.find((o) => o.id === id)!.title;
    expect(text).toContain(title(mine));
    for (const n of Object.values(state.nations))
      if (
        n.id !== 'EU' &&
        n.secretObjective !== mine &&
        !n.publicObjectives.some((o) => title(o) === title(n.secretObjective!))
      )
        expect(text, n.id).not.toContain(title(n.secretObjective!));
    // The view US sees of the same proposal: its own, addressed to EU.
    expect(textView(viewFor(state, { kind: 'nation', nation: 'US' }), scenario, 'US')).toMatch(
      /My proposals awaiting an answer: P\d+ AiForum to EU/,
    );
  });
});

describe('the orders JSON Schema and the agent answer', () => {
  it('comes from the zod schema and reads answers with it', () => {
    const schema = ordersJsonSchema() as {
      type: string;
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(schema.type).toBe('object');
    // Every field of the orders' zod schema, and no other: a field added to the orders reaches agents.
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(OrdersSchema.shape).sort());
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['budget', 'exportControls', 'treaties']),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain('"maximum":0.5');
    expect(parseAgentAnswer('Here:\n```json\n{"budget":{"compute":5},"release":"open"}\n```')).toEqual({
      ok: true,
      value: { budget: { compute: 5 }, release: 'open' },
    });
    expect(parseAgentAnswer('I would rather not.')).toMatchObject({ ok: false, errors: [{ path: '' }] });
    expect(parseAgentAnswer('{"budget": {"compute": 5,}}')).toMatchObject({ ok: false });
    const bad = parseAgentAnswer('{"budget":{"compute":-1},"colour":"red"}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path).sort()).toEqual(['', 'budget.compute']);
    const first = agentMessages('US', 'VIEW', ordersJsonSchema());
    expect(first[0]!.content).toContain('"additionalProperties":false');
    const retry = retryMessages(first, '{"budget":{"compute":1e9}}', [
      { path: 'budget', message: 'too much' },
    ]);
    expect(retry.at(-1)!.content).toContain('- budget: too much');
  });
});

describe('Gym', () => {
  it('is deterministic, resolves when every agent stepped, and its rewards add up to the final score', () => {
    const small = readScenario('three-powers');
    const play = () => {
      const gym = new Gym();
      const seats = { US: 'agent', CN: 'agent', EU: { archetype: 'hawk', difficulty: 'normal' } } as const;
      gym.reset(small, 5, seats);
      const start = new Map(scoreboard(gym.game()).map((r) => [r.nation, r.score]));
      const rewards = { US: 0, CN: 0 };
      const trace: unknown[] = [];
      for (;;) {
        const us = gym.step('US', { budget: { compute: 10, safety: 5 } });
        expect(us.pending).toBe(true);
        const cn = gym.step('CN', { budget: { compute: 999999 } });
        expect(cn.pending).toBe(false);
        expect(cn.problems[0]!.path).toBe('budget');
        const usResult = gym.result('US')!;
        rewards.US += usResult.reward;
        rewards.CN += cn.reward;
        trace.push([usResult.reward, cn.reward, usResult.events.length]);
        if (cn.done) break;
      }
      const final = new Map(scoreboard(gym.game()).map((r) => [r.nation, r.score]));
      expect(rewards.US).toBeCloseTo(final.get('US')! - start.get('US')!, 6);
      return trace;
    };
    expect(play()).toEqual(play());
  });

  it('runs the 1,000-step example', () => {
    const run = spawnSync(process.execPath, ['examples/gym.ts', '--steps', '1000'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { steps: number; gamesFinished: number; refusedOrders: number };
    expect(out.steps).toBe(1000);
    expect(out.gamesFinished).toBeGreaterThan(50);
    expect(out.refusedOrders).toBe(0);
  });
});
