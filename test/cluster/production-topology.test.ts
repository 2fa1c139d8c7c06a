/**
 * Production topology without Docker: the project against a PostgreSQL-backed Temporal server,
 * the way docker-compose.yml runs it, from pinned parts. PostgreSQL is Debian's, started as a
 * throwaway server by the project's own helper (src/adapters/postgres-server.ts); the Temporal
 * server 1.29.1 and temporal-sql-tool are built from the Go module proxy
 * (scripts/build-temporal-server.mjs) and the schema comes from the module's schema/ folder. The
 * search attributes are registered by the project's own registerSearchAttributes, two
 * `parallel-plan worker` processes poll the server, and the CLI plans an example repository. The
 * worker that holds the plan's workflow in its cache is SIGKILLed while the plan awaits
 * approval; the approval given with the CLI is then taken by the other worker, which rebuilds
 * the workflow from the PostgreSQL history, and the plan completes with its handoff.
 * Run with `npm run test:cluster` (not part of `npm test`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'node:net';
import { execa } from 'execa';
import { Client, Connection } from '@temporalio/client';
import { stringify } from 'yaml';
import { projectRoot } from '../../src/config/paths.js';
import { pgBinary } from '../../src/adapters/postgres.js';
import { reapOrphanedPostgres, startPostgresServer, stopPostgresServerSync, type PostgresServer } from '../../src/adapters/postgres-server.js';
import { registerSearchAttributes, temporalAnswers } from '../../src/server/dev-server.js';
import { resolveTemporalCli } from '../../src/server/temporal-cli.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared/constants.js';

interface ServerTools {
  version: string;
  server: string;
  sql: string;
  schema?: { temporal: string; visibility: string };
}

const NAMESPACE = 'default';
const CLI = join(projectRoot, 'bin', 'parallel-plan.js');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const bindable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/**
 * Free ports below 32768: the server records its ports in cluster_membership.rpc_port, a
 * SMALLINT, so the OS's ephemeral ports (32768 and up on Linux) make it exit at start-up.
 */
async function lowFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!ports.has(port) && (await bindable(port))) ports.add(port);
  }
  return [...ports];
}

/** Thrown by a probe to end the wait at once (a process it waits for has exited). */
class Fatal extends Error {}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      if (err instanceof Fatal) throw err;
      last = err;
    }
    await sleep(250);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${last instanceof Error ? last.message : String(last)})` : ''}`);
}

const tail = (file: string, lines = 25): string =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l)).join('\n') : '(no log)';

/** The Temporal server's configuration: both stores on PostgreSQL, one node, its own ports. */
function serverConfig(pg: PostgresServer, ports: number[], dynamicConfigFile: string): object {
  const [frontend, frontendMembership, frontendHttp, history, historyMembership, matching, matchingMembership, worker, workerMembership] = ports;
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `127.0.0.1:${pg.port}`,
      connectProtocol: 'tcp',
      user: 'postgres',
      password: '',
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const rpc = (grpcPort: number | undefined, membershipPort: number | undefined, extra: object = {}) => ({ rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra } });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: 4,
      datastores: { 'postgres-default': store('temporal', 20), 'postgres-visibility': store('temporal_visibility', 4) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: rpc(frontend, frontendMembership, { httpPort: frontendHttp }),
      history: rpc(history, historyMembership),
      matching: rpc(matching, matchingMembership),
      worker: rpc(worker, workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${frontend}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

test('production topology: PostgreSQL-backed Temporal server, two workers, one SIGKILLed while the plan awaits approval, approved with the CLI', { timeout: 5 * 60_000 }, async (t) => {
  const build = (await import(pathToFileURL(join(projectRoot, 'scripts', 'build-temporal-server.mjs')).href)) as { temporalServerTools(): ServerTools };
  const tools = build.temporalServerTools();
  for (const bin of [tools.server, tools.sql]) assert.ok(existsSync(bin), `${bin} is missing: run node scripts/build-temporal-server.mjs (npm run test:cluster does)`);
  assert.ok(tools.schema && existsSync(tools.schema.temporal) && existsSync(tools.schema.visibility), `the schema of go.temporal.io/server@v${tools.version} is not in Go's module cache`);

  const root = mkdtempSync(join(tmpdir(), 'pp-cluster-'));
  const home = join(root, 'home');
  const logs = join(root, 'logs');
  mkdirSync(home);
  mkdirSync(logs);
  const started = Date.now();
  const phase = (name: string): void => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s: ${name}`);

  let pg: PostgresServer | undefined;
  let server: ChildProcess | undefined;
  const workers: ChildProcess[] = [];
  // Last resort if the test process itself is ended: nothing it started may outlive it.
  const onExit = (): void => {
    for (const p of [...workers, server]) if (p?.pid && p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    if (pg) stopPostgresServerSync(pg);
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    onExit();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = async (p: ChildProcess | undefined, graceMs: number): Promise<void> => {
    if (!p?.pid || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGTERM');
    const kill = setTimeout(() => p.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(kill);
  };

  try {
    // 1. PostgreSQL: Debian's binaries, as the `postgres` user when we are root.
    pg = await startPostgresServer();
    phase(`PostgreSQL on port ${pg.port}`);

    // 2. Databases and schema with temporal-sql-tool, as the admin-tools step of docker-compose.yml does.
    const sqlTool = async (db: string, ...args: string[]): Promise<string> => {
      const r = await execa(tools.sql, ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(pg!.port), '-u', 'postgres', '--db', db, ...args], { reject: false, stdin: 'ignore', timeout: 60_000 });
      assert.equal(r.exitCode, 0, `sql ${db} ${args.join(' ')}: ${r.stderr || r.stdout}`);
      return r.stdout + r.stderr;
    };
    for (const [db, dir] of [['temporal', tools.schema.temporal], ['temporal_visibility', tools.schema.visibility]] as const) {
      await sqlTool(db, 'create-database');
      await sqlTool(db, 'setup-schema', '-v', '0.0');
      await sqlTool(db, 'update-schema', '-d', dir);
    }
    const schemaVersion = (db: string): string =>
      spawnSync(pgBinary('psql'), ['-h', '127.0.0.1', '-p', String(pg!.port), '-U', 'postgres', '-d', db, '-Atc', 'SELECT curr_version FROM schema_version'], { encoding: 'utf8' }).stdout.trim();
    const versions = { temporal: schemaVersion('temporal'), visibility: schemaVersion('temporal_visibility') };
    assert.match(versions.temporal, /^1\.\d+$/);
    assert.match(versions.visibility, /^1\.\d+$/);
    phase(`schema: temporal ${versions.temporal}, visibility ${versions.visibility}`);

    // 3. The Temporal server: `--root <dir> --config config --env <name>` reads config/<name>.yaml.
    const ports = await lowFreePorts(9);
    const frontend = `127.0.0.1:${ports[0]}`;
    const configDir = join(root, 'config');
    mkdirSync(configDir);
    const dynamicConfigFile = join(configDir, 'dynamicconfig.yaml');
    // As the module's config/dynamicconfig/development-sql.yaml: ids of at most 255 characters.
    writeFileSync(dynamicConfigFile, stringify({ 'limit.maxIDLength': [{ value: 255, constraints: {} }] }));
    writeFileSync(join(configDir, 'production-topology.yaml'), stringify(serverConfig(pg, ports, dynamicConfigFile)));
    const serverLog = join(logs, 'temporal-server.log');
    const out = openSync(serverLog, 'a');
    server = spawn(tools.server, ['--root', root, '--config', 'config', '--env', 'production-topology', '--allow-no-auth', 'start'], { stdio: ['ignore', out, out] });
    closeSync(out);
    const serverProcess = server;
    await until(`the Temporal server answering at ${frontend} (log: ${serverLog})`, 90_000, async () => {
      if (serverProcess.exitCode !== null) throw new Fatal(`the server exited (${serverProcess.exitCode}); its log follows`);
      return (await temporalAnswers(frontend, 1000)) || undefined;
    });
    phase(`Temporal server ${tools.version} answering at ${frontend}`);

    // 4. The namespace, as the temporal-setup step of docker-compose.yml creates it.
    const cli = await resolveTemporalCli({ downloadDir: join(root, 'sdk-download') });
    const created = await execa(cli.path, ['operator', 'namespace', 'create', '--namespace', NAMESPACE, '--retention', '1d', '--address', frontend], { reject: false, stdin: 'ignore', timeout: 60_000 });
    assert.equal(created.exitCode, 0, `namespace create: ${created.stderr || created.stdout}`);
    const connection = await Connection.connect({ address: frontend });
    const client = new Client({ connection, namespace: NAMESPACE });
    try {
      await until('the namespace to be known', 60_000, async () => (await connection.workflowService.describeNamespace({ namespace: NAMESPACE })).namespaceInfo ?? undefined);
      phase(`namespace '${NAMESPACE}' created with ${cli.path} (${cli.source})`);

      // 5. The project's search attributes, through the code the worker uses on a cluster.
      await registerSearchAttributes({ address: frontend }, NAMESPACE);
      const listed = await connection.operatorService.listSearchAttributes({ namespace: NAMESPACE });
      for (const name of Object.keys(SEARCH_ATTRIBUTES)) assert.ok(name in (listed.customAttributes ?? {}), `search attribute ${name} registered`);
      phase(`search attributes registered: ${Object.keys(SEARCH_ATTRIBUTES).join(', ')}`);

      // 6. Two worker processes, configured by environment only, sharing one state folder.
      const env = { ...process.env, TEMPORAL_ADDRESS: frontend, TEMPORAL_NAMESPACE: NAMESPACE, PARALLEL_PLAN_HOME: home, OPENSPEC_TELEMETRY: '0' };
      for (const n of [1, 2]) {
        const log = join(logs, `worker-${n}.log`);
        const fd = openSync(log, 'a');
        const w = spawn(process.execPath, [CLI, 'worker'], { env, stdio: ['ignore', fd, fd] });
        closeSync(fd);
        workers.push(w);
      }
      await Promise.all(
        workers.map((w, i) =>
          until(`worker ${i + 1} polling`, 90_000, async () => {
            const log = join(logs, `worker-${i + 1}.log`);
            if (w.exitCode !== null) throw new Fatal(`worker ${i + 1} exited (${w.exitCode}); its log follows`);
            return readFileSync(log, 'utf8').includes('parallel-plan worker polling') || undefined;
          }),
        ),
      );
      phase(`workers polling (pids ${workers.map((w) => w.pid).join(', ')})`);

      // 7. A plan on a fresh copy of the example repository, with the CLI, no worker of its own.
      const run = async (...args: string[]) => {
        const r = await execa(process.execPath, [CLI, ...args], { env, reject: false, stdin: 'ignore', timeout: 180_000 });
        assert.equal(r.exitCode, 0, `parallel-plan ${args.join(' ')} (exit ${r.exitCode}):\n${r.stderr}\n${r.stdout}`);
        return JSON.parse(r.stdout) as Record<string, unknown>;
      };
      const repo = (await run('example', 'taskboard', '--dir', join(root, 'taskboard'), '--json')).path as string;
      const planned = await run('plan', 'add task priorities: store a priority on each task and let the API sort tasks by it', '--repo', repo, '--by', 'alice', '--inline-worker', 'never', '--wait', 'approval', '--json');
      const status = planned.status as { state: string; changeId: string; error?: string };
      assert.equal(status.state, 'awaiting-approval', status.error);
      const workflowId = planned.workflowId as string;
      phase(`plan ${status.changeId} awaiting approval (workflow ${workflowId})`);

      // The visibility store on PostgreSQL answers a query on the project's search attributes.
      const listedPlans = async (state: string): Promise<number> => {
        let n = 0;
        for await (const _ of client.workflow.list({ query: `PlanChangeId = '${status.changeId}' AND PlanStatus = '${state}'` })) n++;
        return n;
      };
      await until('the plan listed as awaiting-approval by search attributes', 30_000, async () => ((await listedPlans('awaiting-approval')) === 1) || undefined);

      // 8. SIGKILL the worker that completed the last workflow task: it holds the workflow in its cache.
      const identities = async (): Promise<string[]> => {
        const history = await client.workflow.getHandle(workflowId).fetchHistory();
        return (history.events ?? []).map((e) => e.workflowTaskCompletedEventAttributes?.identity).filter((id): id is string => !!id);
      };
      const before = await identities();
      const holder = Number(before.at(-1)?.split('@')[0]);
      const victim = workers.find((w) => w.pid === holder);
      assert.ok(victim, `the last workflow task was completed by one of the two workers (identity ${before.at(-1)}, pids ${workers.map((w) => w.pid).join(', ')})`);
      const survivor = workers.find((w) => w !== victim)!;
      const activityWorkers = new Set(
        ((await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).map((e) => e.activityTaskStartedEventAttributes?.identity).filter((id): id is string => !!id),
      );
      t.diagnostic(`activities ran on ${[...activityWorkers].join(', ')}; workflow tasks on ${[...new Set(before)].join(', ')}`);
      const victimExit = new Promise<NodeJS.Signals | null>((r) => victim.once('exit', (_code, sig) => r(sig)));
      victim.kill('SIGKILL');
      assert.equal(await victimExit, 'SIGKILL');
      phase(`worker ${holder} SIGKILLed`);

      // 9. Approve with the CLI: the surviving worker takes the update after the sticky queue times out.
      // The example ships a change in flight (add-task-labels) that overlaps the plan: acknowledged.
      const approved = await run('approve', status.changeId, '--by', 'alice', '--acknowledge-conflicts', '--inline-worker', 'never', '--json');
      const after = approved.status as { state: string; error?: string };
      assert.equal(after.state, 'approved', after.error);
      phase('approved');
      const described = await run('status', status.changeId, '--json');
      assert.equal((described.status as { state: string }).state, 'approved');
      const handoffFile = join(repo, 'openspec', 'changes', status.changeId, 'handoff.json');
      assert.ok(existsSync(handoffFile), `${handoffFile} written`);
      const handoff = JSON.parse(readFileSync(handoffFile, 'utf8')) as Record<string, unknown>;
      assert.equal(handoff.change_id, status.changeId);
      assert.equal(handoff.tier, 'coordinated', 'the Temporal coordinator (visibility, lock registry) works on this server');
      const closed = await client.workflow.getHandle(workflowId).describe();
      assert.equal(closed.status.name, 'COMPLETED');
      const after_ = await identities();
      const newTasks = after_.slice(before.length);
      assert.ok(newTasks.length > 0 && newTasks.every((id) => Number(id.split('@')[0]) === survivor.pid), `the workflow tasks after the kill ran on the surviving worker ${survivor.pid}: ${newTasks.join(', ')}`);
      await until('the plan listed as approved by search attributes', 30_000, async () => ((await listedPlans('approved')) === 1) || undefined);
      phase(`completed on worker ${survivor.pid}; handoff.json present`);
    } finally {
      await connection.close().catch(() => undefined);
    }
  } catch (err) {
    for (const f of ['temporal-server.log', 'worker-1.log', 'worker-2.log']) t.diagnostic(`--- ${f}\n${tail(join(logs, f), 40)}`);
    throw err;
  } finally {
    // Tear down in reverse: workers, the Temporal server, PostgreSQL (and any a killed worker left), the folders.
    await Promise.all(workers.map((w) => stop(w, 10_000)));
    await stop(server, 15_000);
    await reapOrphanedPostgres().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    rmSync(root, { recursive: true, force: true });
    phase('torn down');
  }
});
