#!/usr/bin/env node
// Builds the Temporal server and its SQL schema tool (temporal-sql-tool) from the Go module proxy
// into the git-ignored `.tools/temporal-server-<version>/bin/` (binaries `server` and `sql`), for
// the production topology test (test/cluster). The version is the one docker-compose.yml runs.
// Idempotent: when both binaries exist and report the pinned version, nothing is built. When
// another `go install` of the server is already running, it waits for that one instead of
// starting a second. The first build takes 5 to 15 minutes on 2 cores (module downloads plus
// compilation); Go keeps its module and build caches, so a rebuild is faster.
// Usage: node scripts/build-temporal-server.mjs [--json]
// Imported, it gives the pin and the paths (temporalServerTools()) without building anything.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one pin: the Go module version of go.temporal.io/server. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'go.temporal.io/server';
const PACKAGES = [`${MODULE}/cmd/server`, `${MODULE}/cmd/tools/sql`];
const WAIT_FOR_OTHER_BUILD_MS = 40 * 60_000;

/** Where the binaries go and where the schema and sample configs of the module are. */
export function temporalServerTools() {
  const bin = join(root, '.tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'bin');
  let modDir;
  try {
    const modcache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
    modDir = join(modcache, `${MODULE}@v${TEMPORAL_SERVER_VERSION}`);
  } catch {
    modDir = undefined;
  }
  return {
    version: TEMPORAL_SERVER_VERSION,
    bin,
    server: join(bin, 'server'),
    sql: join(bin, 'sql'),
    /** The module's source in Go's module cache (schema/, config/), once downloaded. */
    moduleDir: modDir,
    schema: modDir && {
      temporal: join(modDir, 'schema', 'postgresql', 'v12', 'temporal', 'versioned'),
      visibility: join(modDir, 'schema', 'postgresql', 'v12', 'visibility', 'versioned'),
    },
  };
}

/** The version a binary reports with --version (urfave/cli: "<name> version <v>"), or undefined. */
function reportedVersion(binary) {
  if (!existsSync(binary)) return undefined;
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return undefined;
  return /version\s+(\S+)/.exec(r.stdout)?.[1];
}

function otherBuildRunning() {
  const r = spawnSync('pgrep', ['-f', `go install ${MODULE}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n').filter((pid) => pid && Number(pid) !== process.pid) : [];
}

const fail = (message) => {
  console.error(`build-temporal-server: ${message}`);
  process.exit(1);
};

async function main() {
  const json = process.argv.includes('--json');
  const log = (m) => console.error(m);
  const tools = temporalServerTools();
  const upToDate = () => [tools.server, tools.sql].every((b) => reportedVersion(b) === TEMPORAL_SERVER_VERSION);
  const done = (built) => {
    const info = { ...temporalServerTools(), built };
    if (!info.schema || !existsSync(info.schema.temporal) || !existsSync(info.schema.visibility)) {
      fail(`the binaries are there but the schema is not in Go's module cache (${info.moduleDir ?? 'go env GOMODCACHE failed'}); run: go mod download ${MODULE}@v${TEMPORAL_SERVER_VERSION}`);
    }
    if (json) console.log(JSON.stringify(info, null, 2));
    else log(`temporal server ${TEMPORAL_SERVER_VERSION}: ${info.server}, ${info.sql}; schema in ${dirname(info.schema.temporal)}`);
  };

  const others = otherBuildRunning();
  if (others.length > 0) {
    log(`another 'go install ${MODULE}' is running (pid ${others.join(', ')}); waiting for it instead of starting a second build`);
    const deadline = Date.now() + WAIT_FOR_OTHER_BUILD_MS;
    while (otherBuildRunning().length > 0) {
      if (Date.now() > deadline) fail(`the other build (pid ${others.join(', ')}) is still running after ${WAIT_FOR_OTHER_BUILD_MS / 60_000} minutes`);
      await new Promise((r) => setTimeout(r, 5000));
    }
    log('the other build finished');
  }

  if (upToDate()) {
    log(`temporal server ${TEMPORAL_SERVER_VERSION}: already built (server --version and sql --version report ${TEMPORAL_SERVER_VERSION})`);
    return done(false);
  }

  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    fail(`Go is needed to build the Temporal server (${MODULE} v${TEMPORAL_SERVER_VERSION} needs Go >= 1.25): install it from https://go.dev/dl/ or apt-get install golang-go`);
  }
  mkdirSync(tools.bin, { recursive: true });
  const args = ['install', ...PACKAGES.map((p) => `${p}@v${TEMPORAL_SERVER_VERSION}`)];
  log(`${go.stdout.trim()}`);
  log(`building: GOBIN=${tools.bin} go ${args.join(' ')}`);
  log('(a first build downloads the modules and compiles for 5 to 15 minutes on 2 cores)');
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn('go', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, GOBIN: tools.bin } });
    child.on('error', (err) => {
      log(String(err));
      resolve(1);
    });
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
  if (code !== 0) fail(`go install failed (exit ${code}) after ${Math.round((Date.now() - started) / 1000)} s; see the output above`);
  if (!upToDate()) {
    fail(`go install succeeded but ${tools.server} and ${tools.sql} do not both report version ${TEMPORAL_SERVER_VERSION}`);
  }
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return done(true);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
}
