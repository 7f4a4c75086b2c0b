/**
 * Real Redis and PostgreSQL servers for the multi-process tests, each started in a temporary folder
 * on a free port and stopped afterwards (Debian's redis-server and postgresql packages; `.ci/run`
 * installs them). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnLogged } from './harness.ts';

export interface Service {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on localhost. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function findPostgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  return null;
}

/** Whether this machine has the servers the multi-process tests need. */
export function servicesAvailable(): { ok: boolean; missing: string[] } {
  const missing: string[] = [];
  if (!existsSync('/usr/bin/redis-server')) missing.push('redis-server');
  if (!findPostgresBin()) missing.push('postgresql');
  if (!existsSync('/usr/sbin/nginx')) missing.push('nginx');
  return { ok: missing.length === 0, missing };
}

async function waitUntil(what: string, check: () => boolean, child: ChildProcess, out: () => string) {
  const start = Date.now();
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`${what} exited: ${out()}`);
    if (Date.now() - start > 30_000) throw new Error(`${what} did not start: ${out()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stopChild = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

export async function startRedis(): Promise<Service> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sovereign-redis-'));
  const { child, output } = spawnLogged('/usr/bin/redis-server', [
    ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
  ]);
  await waitUntil('redis-server', () => output().includes('Ready to accept connections'), child, output);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startPostgres(): Promise<Service> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sovereign-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // As root, the cluster belongs to the postgres user (created by the Debian package).
  const run = (cmd: string, args: string[]) =>
    asRoot ? { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { cmd, args };
  if (asRoot) {
    chmodSync(dir, 0o777);
  }
  const init = run(join(bin, 'initdb'), ['-D', data, '-U', 'sovereign', '--auth=trust', '-E', 'UTF8']);
  execFileSync(init.cmd, init.args, { stdio: 'pipe' });
  const serve = run(join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=on',
  ]);
  const { child, output } = spawnLogged(serve.cmd, serve.args);
  await waitUntil('postgres', () => output().includes('ready to accept connections'), child, output);
  return {
    url: `postgres://sovereign@127.0.0.1:${port}/postgres`,
    stop: async () => {
      // runuser does not pass signals on: pg_ctl asks the server itself to stop.
      const exited = stopChild(child, 'SIGTERM');
      const ctl = run(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
      try {
        execFileSync(ctl.cmd, ctl.args, { stdio: 'pipe' });
      } catch {}
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * nginx with a site configuration (the text of a file meant for nginx's http block), in a temporary
 * prefix folder, on a free port that replaces the site's `listen 80`.
 */
export async function startNginx(
  site: (port: number) => string,
  port?: number,
): Promise<Service & { port: number }> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sovereign-nginx-'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(join(dir, 'site.conf'), site(port));
  writeFileSync(
    conf,
    [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log;`,
      'events {}',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
      `  include ${dir}/site.conf;`,
      '}',
    ].join('\n'),
  );
  const { child, output } = spawnLogged('nginx', ['-p', dir, '-c', conf, '-g', 'daemon off;']);
  let up = false;
  const probe = setInterval(() => {
    fetch(`http://127.0.0.1:${port}/`).then(
      () => {
        up = true;
      },
      () => {},
    );
  }, 100);
  try {
    await waitUntil(
      'nginx',
      () => up,
      child,
      () => output() + (existsSync(`${dir}/error.log`) ? readFileSync(`${dir}/error.log`, 'utf8') : ''),
    );
  } finally {
    clearInterval(probe);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const nginxAvailable = () => existsSync('/usr/sbin/nginx');
