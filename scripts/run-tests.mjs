#!/usr/bin/env node
// Runs the whole suite against ONE real Temporal dev server: starts it on free ports in a
// temporary state folder, passes its address (TEMPORAL_TEST_ADDRESS) and its web UI's URL
// (TEMPORAL_TEST_UI, for test/ui) to every test process, stops it afterwards.
// Usage: node scripts/run-tests.mjs [path-filter ...]   (after `npm run build`)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const { ensureDevServer, stopDevServer, freePort } = await import(join(root, 'dist/src/server/dev-server.js'));

function testFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...testFiles(p));
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

const filters = process.argv.slice(2);
// test/cluster needs its own PostgreSQL-backed Temporal server (`npm run test:cluster`); test/load
// runs 50 plans at once for minutes (`npm run test:load`); test/faults kills workers in every step
// and waits out heartbeat timeouts (`npm run test:faults`): they run on their own.
const ownRuns = ['cluster', 'load', 'faults'].map((d) => join(root, 'dist/test', d));
const files = testFiles(join(root, 'dist/test')).filter(
  (f) => !ownRuns.some((d) => f.startsWith(d)) && (filters.length === 0 || filters.some((flt) => relative(root, f).includes(flt))),
);
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(2);
}

const stateDir = mkdtempSync(join(tmpdir(), 'parallel-plan-suite-'));
const started = Date.now();
const server = await ensureDevServer({ stateDir, port: await freePort(), uiPort: await freePort(), readyTimeoutMs: 90_000 });
console.error(`# Temporal dev server ${server.address} (UI ${server.uiUrl}) up in ${Date.now() - started} ms (${server.cli.source})`);

const code = await new Promise((resolve) => {
  const child = spawn(
    process.execPath,
    ['--test', '--test-concurrency=2', '--test-timeout=600000', ...files],
    {
      stdio: 'inherit',
      env: { ...process.env, TEMPORAL_TEST_ADDRESS: server.address, TEMPORAL_TEST_UI: server.uiUrl, OPENSPEC_TELEMETRY: '0' },
    },
  );
  child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
});

await stopDevServer(stateDir);
rmSync(stateDir, { recursive: true, force: true });
process.exit(code);
