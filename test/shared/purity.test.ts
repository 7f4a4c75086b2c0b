/**
 * Purity of shared/: the project's Biome configuration (override for shared/** with the
 * no-nondeterminism plugin and restricted imports) flags Math.random, Date.now and Node imports,
 * and no source file under shared/ imports Node, the server, the client, Phaser or Colyseus.
 *
 * Biome 2.5 does not print lint diagnostics in --stdin-file-path mode (it prints the input back and
 * fails with "The contents aren't fixed" even for clean code), so the probe is written as
 * shared/engine/probe.ts into a temporary copy of the lint configuration and linted there.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

const sandbox = mkdtempSync(join(tmpdir(), 'sovereign-purity-'));
mkdirSync(join(sandbox, 'shared', 'engine'), { recursive: true });
mkdirSync(join(sandbox, 'tools', 'lint'), { recursive: true });
copyFileSync(join(ROOT, 'biome.json'), join(sandbox, 'biome.json'));
copyFileSync(
  join(ROOT, 'tools', 'lint', 'no-nondeterminism.grit'),
  join(sandbox, 'tools', 'lint', 'no-nondeterminism.grit'),
);
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

/** Lints `source` as shared/engine/probe.ts under the project's Biome configuration. */
function lintProbe(source: string): { status: number | null; output: string } {
  writeFileSync(join(sandbox, 'shared', 'engine', 'probe.ts'), source);
  const r = spawnSync(BIOME, ['lint', '--vcs-enabled=false', '--colors=off', 'shared/engine/probe.ts'], {
    cwd: sandbox,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('Biome guards the purity of shared/', () => {
  it('PUR-1 Math.random is refused with the PRNG message', () => {
    const r = lintProbe('export const roll = (): number => Math.random();\n');
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('The engine is deterministic: use the seeded PRNG in the game state');
  });

  it('PUR-2 Date.now is refused with the clock message', () => {
    const r = lintProbe('export const now = (): number => Date.now();\n');
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('The engine is pure: time comes from the caller, never Date.now.');
  });

  it('PUR-3 a Node import is refused with the restricted-import message', () => {
    const r = lintProbe(
      "import fs from 'node:fs';\n\nexport const exists = (p: string): boolean => fs.existsSync(p);\n",
    );
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('lint/style/noRestrictedImports');
    expect(r.output).toContain('shared/ is pure: no Node imports.');
  });

  it('PUR-4 server, client and Colyseus imports are refused', () => {
    const r = lintProbe(
      "import { Room } from 'colyseus';\nimport { x } from '../../server/rooms.ts';\n\nexport const y = [Room, x];\n",
    );
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('shared/ knows nothing of servers, clients or storage.');
    expect(r.output).toContain('shared/ may not import server/ or client/.');
  });

  it('PUR-5 clean deterministic code passes (exit 0)', () => {
    const r = lintProbe('export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    expect(r.output).not.toContain('×');
    expect(r.status).toBe(0);
  });
});

/** Every .ts file under a directory, tests excluded. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const FORBIDDEN = [
  /^node:/,
  /^(fs|path|os|crypto|child_process|worker_threads)$/,
  /(^|\/)server(\/|$)/,
  /(^|\/)client(\/|$)/,
  /^phaser/,
  /^@?colyseus/,
  /^better-sqlite3/,
];

/** Module specifiers of static imports, re-exports and dynamic imports in a source text. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

describe('shared/ imports nothing impure', () => {
  it('PUR-6 the specifier scanner finds the imports it must forbid', () => {
    const found = specifiers(
      "import fs from 'node:fs';\nimport type { A } from '../server/x.ts';\nexport * from 'phaser';\nconst c = await import('colyseus');\n",
    );
    expect(found).toEqual(['node:fs', '../server/x.ts', 'phaser', 'colyseus']);
    expect(found.every((s) => FORBIDDEN.some((re) => re.test(s)))).toBe(true);
  });

  it('PUR-7 no file under shared/ imports node:, server, client, phaser or colyseus', () => {
    const files = sources(join(ROOT, 'shared'));
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(join('engine', 'resolveRound.ts')))).toBe(true);
    const offences: string[] = [];
    let scanned = 0;
    for (const file of files) {
      const imports = specifiers(readFileSync(file, 'utf8'));
      scanned += imports.length;
      for (const s of imports)
        if (FORBIDDEN.some((re) => re.test(s))) offences.push(`${relative(ROOT, file)} imports '${s}'`);
    }
    // The scanner really read the files' imports (more than one per file on average), so an empty
    // list of offences means something.
    expect(scanned).toBeGreaterThan(files.length);
    expect(offences).toEqual([]);
  });
});
