/**
 * The built `parallel-plan` binary end to end, as a user runs it: plan (with the worker it runs
 * in-process), status, list, approve, JSON output and exit codes; and the embedded server
 * commands on a state folder of their own.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { prepareExample } from '../../src/examples/prepare.js';
import { freePort } from '../../src/io/ports.js';
import { cli } from '../helpers/cli.js';
import { closeTestEnv, testEnv } from '../helpers/temporal.js';

after(closeTestEnv);

const bin = fileURLToPath(new URL('../../../bin/parallel-plan.js', import.meta.url));
const run = promisify(execFile);

function runWithInput(args: string[], env: Record<string, string>, input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(input);
  });
}


test('plan -> status -> list -> approve through the binary, with an in-process worker', async () => {
  const { address } = await testEnv();
  const env = { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default', PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-cli-home-')) };
  const repo = await prepareExample('taskboard');

  const plan = await cli(['plan', 'add task priorities shown on the web board', '--repo', repo, '--json'], env);
  assert.equal(plan.code, 0, plan.stderr);
  assert.doesNotMatch(plan.stderr, /verify-environment/, 'no progress lines with --json');
  const planned = JSON.parse(plan.stdout);
  assert.equal(planned.status.state, 'awaiting-approval');
  const id: string = planned.status.changeId;
  assert.ok(existsSync(join(repo, 'openspec/changes', id, 'work-packages.yaml')));

  const text = await cli(['status', id, '--repo', repo], env);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /awaiting-approval/);
  assert.match(text.stdout, /Coordinator: temporal; available CAN_DISCOVER, CAN_QUEUE_WORK, CAN_LOCK, /, 'the worker gives its activities a client');
  assert.match(text.stdout, new RegExp(`parallel-plan approve ${id} --by <name>`));

  const list = await cli(['list', '--json'], env);
  assert.equal(list.code, 0, list.stderr);
  assert.ok(JSON.parse(list.stdout).plans.some((p: { changeId: string }) => p.changeId === id));

  // The example ships a change in flight, add-task-labels, that may write almost everything: the
  // approval is refused with the verdict and what to do, and nothing is written.
  const refused = await cli(['approve', id, '--by', 'erin', '--repo', repo, '--json'], env);
  assert.equal(refused.code, 2, refused.stderr + refused.stdout);
  assert.match(refused.stderr + refused.stdout, /approval refused: (PARTIAL|SEQUENTIAL) \(\d+ of \d+ packages conflict: .*\): .*the unarchived change add-task-labels .*--acknowledge-conflicts/);
  assert.match(refused.stderr + refused.stdout, /approve with --acknowledge-conflicts to approve anyway \(recorded in handoff\.json\)/, 'the refusal says how to acknowledge it');
  assert.equal(existsSync(join(repo, 'openspec/changes', id, 'handoff.json')), false);
  const approve = await cli(['approve', id, '--by', 'erin', '--repo', repo, '--acknowledge-conflicts', '--json'], env);
  assert.equal(approve.code, 0, approve.stderr);
  assert.equal(JSON.parse(approve.stdout).status.state, 'approved');
  assert.ok(existsSync(join(repo, 'openspec/changes', id, 'handoff.json')));
  const handoff = JSON.parse(readFileSync(join(repo, 'openspec/changes', id, 'handoff.json'), 'utf8'));
  assert.equal(handoff.lock_registration.registered, true, JSON.stringify(handoff.lock_registration));
  assert.equal(handoff.lock_registration.registry, 'parallel-plan-lock-registry');
  assert.equal(handoff.conflicts_acknowledged, true);
  assert.match(handoff.conflict_verdict, /^(PARTIAL|SEQUENTIAL)$/);

  const locks = await cli(['locks', '--repo', repo, '--json'], env);
  assert.equal(locks.code, 0, locks.stderr + locks.stdout);
  const held = JSON.parse(locks.stdout).claims;
  assert.deepEqual(held.map((c: { changeId: string }) => c.changeId), [id]);
  const lockText = await cli(['locks', '--repo', repo], env);
  assert.match(lockText.stdout, new RegExp(`^${id} r1 \\(`, 'm'));
  const release = await cli(['release-locks', id, '--repo', repo], env);
  assert.equal(release.code, 0, release.stderr);
  assert.match(release.stdout, new RegExp(`Released the lock claims of ${id} \\(revision 1\\)`));
  assert.deepEqual(JSON.parse((await cli(['locks', '--repo', repo, '--json'], env)).stdout).claims, []);

  const again = await cli(['approve', id, '--by', 'erin', '--repo', repo], env);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /^Error: plan '.*' is approved, not awaiting approval/m);
});

test('usage errors of any subcommand exit 2; a request that starts with "-" is told to go after "--"', async () => {
  const env = { PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-cli-usage-')) };
  const missing = await cli(['status'], env);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing required argument 'id'/);
  const dashed = await cli(['plan', '- add labels to tasks', '--repo', '.'], env);
  assert.equal(dashed.code, 2);
  assert.match(dashed.stderr, /^Fix: put a request that starts with "-" after "--"/m);
});

test('bad input exits 2 with Error and Fix lines, before anything runs', async () => {
  const env = { PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-cli-bad-')) };
  const notGit = mkdtempSync(join(tmpdir(), 'pp-cli-notgit-'));
  const r = await cli(['plan', 'add x', '--repo', notGit], env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^Error: .* is not a git repository$/m);
  assert.match(r.stderr, /^Fix: /m);
  const j = await cli(['plan', '  ', '--repo', notGit, '--json'], env);
  assert.equal(j.code, 2);
  assert.equal(JSON.parse(j.stdout).error.message, 'the feature request is empty');
  assert.equal(existsSync(join(env.PARALLEL_PLAN_HOME, 'server.json')), false, 'no server was started for bad input');
});

test('a long request is refused with a pointer to --brief; --request-file reads a file or standard input', async () => {
  const env = { PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-cli-long-')) };
  const repo = await prepareExample('taskboard');
  const long = 'add labels to tasks and show them on the board. '.repeat(400);
  const file = join(mkdtempSync(join(tmpdir(), 'pp-cli-req-')), 'request.txt');
  writeFileSync(file, long);
  const fromFile = await cli(['plan', '--request-file', file, '--repo', repo], env);
  assert.equal(fromFile.code, 2);
  assert.match(fromFile.stderr, /^Error: the feature request is too long \(\d+ characters; at most 16000 characters\)$/m);
  assert.match(fromFile.stderr, /^Fix: .*--brief <file>/m);
  const piped = await runWithInput(['plan', '--request-file', '-', '--repo', repo, '--json'], env, 'x'.repeat(200_000));
  assert.equal(piped.code, 2);
  assert.match(JSON.parse(piped.stdout).error.message, /too long \(more than \d+ bytes/);
  const neither = await cli(['plan', '--repo', repo], env);
  assert.equal(neither.code, 2);
  assert.match(neither.stderr, /^Error: no feature request given$/m);
  const both = await cli(['plan', 'add x', '--request-file', file, '--repo', repo], env);
  assert.equal(both.code, 2);
  const missing = await cli(['plan', '--request-file', join(repo, 'nope.txt'), '--repo', repo], env);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /request file .*nope\.txt does not exist/);
  assert.equal(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' }), '', 'nothing was written');
  assert.equal(existsSync(join(env.PARALLEL_PLAN_HOME, 'server.json')), false, 'no server was started for bad input');
});

test('server start, status and stop manage an embedded dev server in the state folder', async () => {
  const env = { PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-cli-server-')) };
  const port = String(await freePort());
  try {
    const start = await cli(['server', 'start', '--port', port, '--json'], env);
    assert.equal(start.code, 0, start.stderr);
    const info = JSON.parse(start.stdout);
    assert.equal(info.address, `127.0.0.1:${port}`);
    assert.ok(existsSync(info.dbFile), 'SQLite state file');
    const again = await cli(['server', 'start', '--port', port, '--json'], env);
    assert.equal(JSON.parse(again.stdout).reused, true);
    const status = await cli(['server', 'status'], env);
    assert.equal(status.code, 0);
    assert.match(status.stdout, new RegExp(`Running: 127.0.0.1:${port}`));
  } finally {
    const stop = await cli(['server', 'stop'], env);
    assert.match(stop.stdout, /Stopped/);
  }
  const after = await cli(['server', 'status'], env);
  assert.equal(after.code, 1);
  assert.match(after.stdout, /Not running/);
});

test('serve: the API on a real socket, tokens required, stopped by SIGTERM; no tokens is exit 2', async () => {
  const { address } = await testEnv();
  const env = { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default', PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-cli-home-')) };
  const none = await cli(['serve', '--port', '0'], { ...env, PARALLEL_PLAN_API_TOKENS: '' });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no API tokens/);

  const port = await freePort();
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--inline-worker', 'never', '--json'], {
    env: { ...process.env, ...env, PARALLEL_PLAN_API_TOKENS: 'viewer-token-0123456789:viewer' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const listening = await new Promise<{ address: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out) as { address: string });
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${String(code)}`)));
    });
    assert.equal(listening.address, `http://127.0.0.1:${port}`);
    assert.equal((await fetch(`${listening.address}/healthz`)).status, 200);
    assert.equal((await fetch(`${listening.address}/plans`)).status, 401);
    const list = await fetch(`${listening.address}/plans?limit=5`, { headers: { authorization: 'Bearer viewer-token-0123456789' } });
    assert.equal(list.status, 200);
    assert.ok(Array.isArray(((await list.json()) as { plans: unknown[] }).plans));
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  assert.equal(code, 0, 'SIGTERM ends serve cleanly');
});

test('plan prints a line per step on stderr as it runs (plain lines when not a terminal)', async () => {
  const { address } = await testEnv();
  const env = { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default', PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-cli-home-')) };
  const repo = await prepareExample('taskboard');
  const plan = await cli(['plan', 'add task priorities', '--repo', repo], env);
  assert.equal(plan.code, 0, plan.stderr);
  const lines = plan.stderr.split('\n');
  for (const step of ['verify-environment', 'gather-context', 'scaffold-proposal', 'generate-contracts', 'generate-work-packages', 'validate']) {
    assert.ok(lines.some((l) => new RegExp(`^✓ ${step}  \\d+\\.\\d s$`).test(l)), `${step} done line in:\n${plan.stderr}`);
  }
  assert.ok(lines.includes('… awaiting approval'));
  assert.doesNotMatch(plan.stderr, /\x1b\[/, 'no terminal control sequences when not a TTY');
  assert.match(plan.stdout, /awaiting-approval/);
});
