/**
 * The embedded default: a `temporal server start-dev` process with a SQLite file in the state
 * folder (plans survive restarts), the web UI on, and the project's search attributes registered.
 * Started detached so it outlives the CLI command that started it; found again via server.json.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { freePort, portOpen } from '../io/ports.js';
import { pidAlive } from '../io/processes.js';
import { join } from 'node:path';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../shared/constants.js';
import { resolveTemporalCli, type ResolvedCli } from './temporal-cli.js';
import { toolFailed } from '../errors.js';

export { freePort };

export interface ServerInfo {
  pid: number;
  address: string;
  uiUrl: string;
  dbFile: string;
  logFile: string;
  cli: ResolvedCli;
  startedAt: string;
}

export interface DevServerOptions {
  stateDir: string;
  port?: number;
  uiPort?: number;
  /** How long to wait for the server to answer; start-up takes a few seconds on 2 cores. */
  readyTimeoutMs?: number;
}

const DEFAULT_PORT = 7233;
const infoFile = (stateDir: string): string => join(stateDir, 'server.json');

function readInfo(stateDir: string): ServerInfo | undefined {
  try {
    return JSON.parse(readFileSync(infoFile(stateDir), 'utf8')) as ServerInfo;
  } catch {
    return undefined;
  }
}


/** True when a Temporal frontend answers at `address`. */
export async function temporalAnswers(address: string, timeoutMs = 2000): Promise<boolean> {
  let conn: Connection | undefined;
  try {
    conn = await Connection.connect({ address, connectTimeout: timeoutMs });
    await conn.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  } finally {
    await conn?.close().catch(() => undefined);
  }
}

/**
 * Registers the project's search attributes; already-registered ones are fine. `server` is an
 * address, or a cluster's full connection options (TLS, API key) as the worker has them.
 */
export async function registerSearchAttributes(server: string | ConnectionOptions, namespace: string): Promise<void> {
  const conn = await Connection.connect(typeof server === 'string' ? { address: server } : server);
  try {
    const existing = await conn.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !(name in (existing.customAttributes ?? {})));
    if (missing.length === 0) return;
    const typeCode = { Keyword: 2, Int: 3, Text: 1 } as const;
    await conn.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map(([name, kind]) => [name, typeCode[kind]])),
    });
  } finally {
    await conn.close();
  }
}

export async function serverStatus(stateDir: string): Promise<{ running: boolean; info?: ServerInfo }> {
  const info = readInfo(stateDir);
  if (!info || !pidAlive(info.pid)) return { running: false, info };
  return { running: await temporalAnswers(info.address), info };
}

async function waitReady(address: string, pid: number, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw toolFailed(`temporal server start-dev exited during start-up; last log lines:\n${log}`);
    }
    if (await temporalAnswers(address, 1000)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw toolFailed(`temporal server start-dev did not answer at ${address} within ${timeoutMs} ms (log: ${logFile})`);
}

/**
 * Returns a running embedded server, starting one when needed. A Temporal server already
 * answering on the default port (started by hand, say) is reused rather than fought over.
 */
/**
 * One task-queue partition (a dev server has one host; more partitions only add forwarding
 * hops) and eager activity dispatch (an activity scheduled by a workflow task goes straight to
 * the worker that completed it when it has a free slot, skipping the matching round trip).
 */
const DEV_SERVER_DYNAMIC_CONFIG = ['matching.numTaskqueueReadPartitions=1', 'matching.numTaskqueueWritePartitions=1', 'system.enableActivityEagerExecution=true'];

export async function ensureDevServer(opts: DevServerOptions): Promise<ServerInfo & { reused: boolean }> {
  const status = await serverStatus(opts.stateDir);
  if (status.running && status.info) return { ...status.info, reused: true };
  mkdirSync(opts.stateDir, { recursive: true });
  // Two processes starting at once (a worker and a CLI command) would both start a server on the
  // same SQLite file, and one of them fails with SQLITE_BUSY: one starts it, the other waits and
  // reuses it.
  return withStartLock(opts.stateDir, (opts.readyTimeoutMs ?? 60_000) + 30_000, async () => {
    const again = await serverStatus(opts.stateDir);
    if (again.running && again.info) return { ...again.info, reused: true };
    return startDevServer(opts);
  });
}

/** Runs `fn` holding `<stateDir>/server-start.lock` (created exclusively; one left by a dead process is taken over). */
async function withStartLock<T>(stateDir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const lock = join(stateDir, 'server-start.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = 0;
    try {
      holder = Number(readFileSync(lock, 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    // An empty file was just created by its holder, which writes its pid next.
    if (holder > 0 && !pidAlive(holder)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw toolFailed(`another process (pid ${holder || 'unknown'}) is starting the embedded Temporal server and has not finished within ${Math.round(timeoutMs / 1000)} s; if no parallel-plan process runs, remove ${lock}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

async function startDevServer(opts: DevServerOptions): Promise<ServerInfo & { reused: boolean }> {
  let port = opts.port ?? DEFAULT_PORT;
  if (await portOpen(port)) {
    const address = `127.0.0.1:${port}`;
    if (opts.port === undefined && (await temporalAnswers(address))) {
      await registerSearchAttributes(address, 'default');
      return {
        pid: 0,
        address,
        uiUrl: `http://localhost:${port + 1000}`,
        dbFile: '',
        logFile: '',
        cli: { path: '', source: 'PATH' },
        startedAt: new Date().toISOString(),
        reused: true,
      };
    }
    if (opts.port !== undefined) throw toolFailed(`port ${port} is in use by something that is not a Temporal server`);
    port = await freePort();
  }
  const uiPort = opts.uiPort ?? (port + 1000 <= 65535 && !(await portOpen(port + 1000)) ? port + 1000 : await freePort());
  const cli = await resolveTemporalCli({ downloadDir: join(opts.stateDir, 'sdk-download') });
  const dbFile = join(opts.stateDir, 'temporal.db');
  const logFile = join(opts.stateDir, 'server.log');
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    dbFile,
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--log-level',
    'warn',
    ...DEV_SERVER_DYNAMIC_CONFIG.flatMap((v) => ['--dynamic-config-value', v]),
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, kind]) => ['--search-attribute', `${name}=${kind}`]),
  ];
  const out = openSync(logFile, 'a');
  const child = spawn(cli.path, args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  if (!child.pid) throw toolFailed(`could not start ${cli.path}`);
  const address = `127.0.0.1:${port}`;
  await waitReady(address, child.pid, logFile, opts.readyTimeoutMs ?? 60_000);
  // A server started on an older state file may predate an attribute added since.
  await registerSearchAttributes(address, 'default');
  const info: ServerInfo = {
    pid: child.pid,
    address,
    uiUrl: `http://localhost:${uiPort}`,
    dbFile,
    logFile,
    cli,
    startedAt: new Date().toISOString(),
  };
  const tmp = `${infoFile(opts.stateDir)}.tmp`;
  writeFileSync(tmp, JSON.stringify(info, null, 2));
  renameSync(tmp, infoFile(opts.stateDir));
  return { ...info, reused: false };
}

export async function stopDevServer(stateDir: string): Promise<{ stopped: boolean; info?: ServerInfo }> {
  const info = readInfo(stateDir);
  if (!info || !pidAlive(info.pid)) {
    rmSync(infoFile(stateDir), { force: true });
    return { stopped: false, info };
  }
  process.kill(info.pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (pidAlive(info.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(info.pid)) process.kill(info.pid, 'SIGKILL');
  rmSync(infoFile(stateDir), { force: true });
  return { stopped: true, info };
}
