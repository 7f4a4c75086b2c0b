/**
 * Every string the client shows goes through the translation layer: each key it uses, literally or
 * through a family of keys (phases, roles, tabs, map modes, budget lines…), has an English message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../assets/i18n/en.json';
import { MAP_MODES } from '../../client/src/map/mapModes.ts';
import { DASHBOARD_QUANTITIES } from '../../client/src/ui/Dashboard.ts';
import { CHARTED } from '../../client/src/ui/DebriefScreen.ts';
import {
  BUDGET_LINES,
  CONTROL_TIERS,
  REGULATION_LEVELS,
  RELEASE_POLICIES,
  STACK_LAYERS,
  TREATY_TYPES,
  VISA_POLICIES,
} from '../../shared/engine/index.ts';
import { PHASES, ROLES } from '../../shared/protocol/schemas.ts';

const messages = en as Record<string, string>;
const clientDir = join(import.meta.dirname, '..', '..', 'client', 'src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );

describe('client translations', () => {
  it('has an English message for every literal key the client uses', () => {
    const used = new Set<string>();
    for (const file of sources(clientDir)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    // A plural key is written as its forms (`key_one`, `key_other`) and used by its base name with `count`.
    const missing = [...used].filter((k) => !(k in messages) && !(`${k}_other` in messages));
    expect(missing).toEqual([]);
  });

  it('has every key of the families built at run time', () => {
    const families: string[] = [
      ...PHASES.map((p) => `ui.phase.${p}`),
      ...ROLES.map((r) => `ui.role.${r}`),
      ...['orders', 'dashboard', 'chat', 'news', 'console'].map((tab) => `ui.tab.${tab}`),
      ...MAP_MODES.map((m) => `ui.map.modes.${m}`),
      ...BUDGET_LINES.flatMap((l) => [`budget.${l}`, `tooltip.budget.${l}`]),
      ...CONTROL_TIERS.map((x) => `tier.${x}`),
      ...TREATY_TYPES.map((x) => `treaty.${x}`),
      ...RELEASE_POLICIES.map((x) => `policy.release.${x}`),
      ...REGULATION_LEVELS.map((x) => `policy.regulation.${x}`),
      ...VISA_POLICIES.map((x) => `policy.visa.${x}`),
      ...DASHBOARD_QUANTITIES.flatMap(([q]) => [`quantity.${q}`, `tooltip.${q}`]),
      ...STACK_LAYERS.flatMap((l) => [`quantity.${l}`, `tooltip.${l}`]),
      ...CHARTED.map((q) => `quantity.${q}`),
    ];
    expect(families.filter((k) => !(k in messages))).toEqual([]);
  });
});
