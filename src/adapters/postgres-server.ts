/**
 * A throwaway PostgreSQL server in a temporary folder on a free port: initdb, pg_ctl start,
 * pg_ctl stop, delete. Used by the contract check when no server is configured, and by tests.
 * initdb refuses to run as root, so as root every server command runs as the unprivileged
 * `postgres` user (Debian's package creates it) and the folder is handed to that user.
 */
import { chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { freePort } from '../io/ports.js';
import { toolFailed, toolMissing } from '../errors.js';
import { pgBinary } from './postgres.js';

export interface PostgresServer {
  /** libpq URI, e.g. `postgresql://postgres@127.0.0.1:5433/postgres`. */
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const SERVER_USER = 'postgres';
const START_TIMEOUT_S = 60;

const isRoot = (): boolean => process.getuid?.() === 0;

/** True when initdb and pg_ctl can be found, i.e. a throwaway server can be started here. */
export function canStartPostgres(): boolean {
  try {
    pgBinary('initdb');
    pgBinary('pg_ctl');
    return true;
  } catch {
    return false;
  }
}

function userIds(user: string): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw toolMissing(`running as root, but there is no '${user}' user to run PostgreSQL as`, 'install the postgresql package (it creates the user) or run as a normal user');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a server binary, as `postgres` when we are root. */
async function runServerCommand(bin: string, args: string[], signal?: AbortSignal): Promise<void> {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', SERVER_USER, '--', bin, ...args]] : [bin, args];
  const result = await execa(cmd, argv as string[], {
    stdin: 'ignore',
    reject: false,
    timeout: (START_TIMEOUT_S + 30) * 1000,
    ...(signal ? { cancelSignal: signal } : {}),
  });
  if (result.exitCode !== 0) {
    throw toolFailed(`${bin} ${args[0] ?? ''} failed (exit ${String(result.exitCode)}): ${(result.stderr || result.stdout).trim().slice(-2000)}`);
  }
}

const SERVER_PREFIX = 'pp-postgres-';
/** Written into each server's folder: the process that owns it, so a later one can tell it died. */
const OWNER_FILE = 'owner.json';

interface Owner {
  pid: number;
  /** The owner's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for it. */
  started?: string;
}

function processStarted(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStarted(owner.pid);
  return owner.started === undefined || started === undefined || started === owner.started;
}

/**
 * Stops and deletes the throwaway servers whose owning process is gone (a worker killed while a
 * contract check ran): each server's folder names its owner, and one with a dead owner is shut
 * down (immediate mode) and removed. Runs before a new server starts and when a worker starts.
 * Returns the folders it removed.
 */
export async function reapOrphanedPostgres(root: string = tmpdir()): Promise<string[]> {
  const reaped: string[] = [];
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => n.startsWith(SERVER_PREFIX));
  } catch {
    return reaped;
  }
  for (const name of names) {
    const dir = join(root, name);
    let owner: Owner;
    try {
      owner = JSON.parse(await readFile(join(dir, OWNER_FILE), 'utf8')) as Owner;
    } catch {
      continue; // not ours, or still being created
    }
    if (typeof owner.pid !== 'number' || alive(owner)) continue;
    try {
      await runServerCommand(pgBinary('pg_ctl'), ['stop', '-D', join(dir, 'data'), '-m', 'immediate', '-w']);
    } catch {
      // not running any more
    }
    await rm(dir, { recursive: true, force: true }).then(
      () => reaped.push(dir),
      () => undefined,
    );
  }
  return reaped;
}

export async function startPostgresServer(opts: { signal?: AbortSignal } = {}): Promise<PostgresServer> {
  const initdb = pgBinary('initdb');
  const pgCtl = pgBinary('pg_ctl');
  await reapOrphanedPostgres().catch(() => undefined);
  const dir = await mkdtemp(join(tmpdir(), SERVER_PREFIX));
  const data = join(dir, 'data');
  try {
    const owner: Owner = { pid: process.pid, ...(processStarted(process.pid) ? { started: processStarted(process.pid) } : {}) };
    await writeFile(join(dir, OWNER_FILE), JSON.stringify(owner));
    if (isRoot()) {
      const { uid, gid } = userIds(SERVER_USER);
      await chown(dir, uid, gid);
    }
    // trust auth on 127.0.0.1 only; fsync off because the data is thrown away.
    await runServerCommand(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], opts.signal);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await runServerCommand(pgCtl, ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', String(START_TIMEOUT_S), '-o', serverOpts], opts.signal);
      } catch (err) {
        // Another process may have taken the port between freePort() and start: try another.
        lastError = err;
        continue;
      }
      const stop = async (): Promise<void> => {
        await runServerCommand(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w'], undefined).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      };
      return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
    }
    throw lastError;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Synchronous best-effort stop for process exit handlers, where no promise can finish. */
export function stopPostgresServerSync(server: PostgresServer): void {
  const pgCtl = pgBinary('pg_ctl');
  const args = ['stop', '-D', join(server.dir, 'data'), '-m', 'immediate', '-w'];
  if (isRoot()) spawnSync('runuser', ['-u', SERVER_USER, '--', pgCtl, ...args], { stdio: 'ignore' });
  else spawnSync(pgCtl, args, { stdio: 'ignore' });
  spawnSync('rm', ['-rf', server.dir], { stdio: 'ignore' });
}

/** Where the PostgreSQL contract check gets a server; `skipped` says why there is none. */
export interface PostgresProvider {
  acquire(signal?: AbortSignal): Promise<{ url: string } | { skipped: string }>;
  /** Stops anything the provider started. */
  close(): Promise<void>;
}

export const PG_URL_ENV = 'PARALLEL_PLAN_PG_URL';
export const NO_POSTGRES = `no PostgreSQL (set ${PG_URL_ENV})`;

/** A server someone else runs. */
export function urlPostgresProvider(url: string): PostgresProvider {
  return { acquire: async () => ({ url }), close: async () => undefined };
}

/**
 * The product default: PARALLEL_PLAN_PG_URL when set; else a throwaway local server started on
 * first use and kept for the worker's lifetime (about a second to start, so once, not per
 * check); else the check is skipped with a message that says how to enable it.
 */
export function defaultPostgresProvider(env: NodeJS.ProcessEnv = process.env): PostgresProvider {
  const url = env[PG_URL_ENV];
  if (url) return urlPostgresProvider(url);
  let server: Promise<PostgresServer> | undefined;
  let onExit: (() => void) | undefined;
  return {
    acquire: async (signal) => {
      if (!canStartPostgres()) return { skipped: NO_POSTGRES };
      if (!server) {
        server = startPostgresServer({ signal });
        server.then(
          (s) => {
            onExit = () => stopPostgresServerSync(s);
            process.once('exit', onExit);
          },
          () => {
            server = undefined;
          },
        );
      }
      return { url: (await server).url };
    },
    close: async () => {
      const s = server;
      server = undefined;
      if (onExit) process.removeListener('exit', onExit);
      if (s) await (await s).stop();
    },
  };
}
