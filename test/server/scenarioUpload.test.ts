/**
 * Scenarios from the editor (issue 19, part 4) on a real server: an uploaded scenario is validated by
 * the same schema that loads the built ones (a bad field refused with its path and the schema's
 * message, an oversize file refused), kept, served by id, and a game starts from it; the CLI
 * `npm run scenario:check` prints the same problems.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES } from '../../shared/protocol/schemas.ts';
import { createGame, roomState as state, useServer, view, waitFor } from './harness.ts';
import { ok } from './powerTools.ts';

const root = join(import.meta.dirname, '..', '..');
const server = useServer();

const upload = (body: string) =>
  fetch(`${server.url}/api/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('uploaded scenarios', () => {
  it('are checked by the scenario schema, kept, and start games', { timeout: 60_000 }, async () => {
    const base = (await (await fetch(`${server.url}/api/scenarios/three-powers`)).json()) as {
      title: string;
      defaultRounds: number;
      nations: { id: string; baseBudget: number; color: string }[];
    };
    // A bad field: refused with its path and the schema's message; the CLI says the same.
    const bad = structuredClone(base);
    bad.nations[0]!.color = 'red';
    const refused = await upload(JSON.stringify(bad));
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: string; problems: { path: string; message: string }[] };
    expect(body.problems[0]!.path).toBe('nations.0.color');
    const dir = mkdtempSync(join(tmpdir(), 'sovereign-scenario-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const cli = spawnSync(process.execPath, ['scripts/scenarioCheck.ts', join(dir, 'bad.json')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`nations.0.color: ${body.problems[0]!.message}`);
    // Too large, or not JSON.
    expect((await upload('x'.repeat(MAX_SCENARIO_BYTES + 10))).status).toBe(413);
    expect((await (await upload('{nope')).json()).error).toContain('not JSON');

    // A valid edit: kept under its id, served, and a game starts from it.
    const edited = structuredClone(base);
    edited.title = 'Three Powers, edited';
    edited.defaultRounds = 2;
    edited.nations[0]!.baseBudget = 150;
    const res = await upload(JSON.stringify(edited));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^custom-[0-9a-f]{12}$/);
    expect(
      ((await (await fetch(`${server.url}/api/scenarios/${id}`)).json()) as { title: string }).title,
    ).toBe('Three Powers, edited');
    const fac = await createGame(server.url, {
      scenario: id,
      timers: { briefing: 0, negotiation: 0, orders: 0 },
    });
    await ok(fac, 'command', { type: 'Start' });
    await waitFor('the game from the edited scenario', () => state(fac).phase === 'briefing' && view(fac));
    expect(view(fac).rounds).toBe(2);
    expect(view(fac).nations[base.nations[0]!.id]!.budget).toBe(150);
    await fac.room.leave();
  });
});
