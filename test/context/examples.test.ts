/**
 * The example repositories are real projects: their OpenSpec folders pass the real CLI's strict
 * validation, the in-flight work-packages.yaml passes every check, and their own test suites
 * (tsc + node:test, pytest, go test) pass with the real tools.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { npmBin, projectRoot } from '../../src/config/paths.js';
import { validateWorkPackages } from '../../src/domain/workpackages/validate.js';
import { readWorkPackagesFile } from '../../src/io/work-packages-file.js';

const example = (name: string): string => join(projectRoot, 'examples', name);

for (const name of ['taskboard', 'pantry-py']) {
  test(`${name}: openspec validate --all --strict passes`, { timeout: 120_000 }, async () => {
    const res = await execa(npmBin('openspec'), ['validate', '--all', '--strict', '--json', '--no-interactive'], {
      cwd: example(name),
      env: { OPENSPEC_TELEMETRY: '0' },
      reject: false,
      stdin: 'ignore',
    });
    assert.equal(res.exitCode, 0, `${res.stdout}\n${res.stderr}`);
    const report = JSON.parse(res.stdout) as { summary: { totals: { items: number; failed: number } } };
    assert.equal(report.summary.totals.failed, 0);
    assert.equal(report.summary.totals.items, name === 'taskboard' ? 5 : 3);
  });
}

test('taskboard: the in-flight work-packages.yaml passes every check, overlap included', async () => {
  const file = join(example('taskboard'), 'openspec/changes/add-task-labels/work-packages.yaml');
  const result = validateWorkPackages(await readWorkPackagesFile(file), { checkOverlap: true, globMode: 'compat' });
  assert.equal(result.valid, true, JSON.stringify(result.checks, null, 2));
  const exact = validateWorkPackages(await readWorkPackagesFile(file), { checkOverlap: true, globMode: 'exact' });
  assert.equal(exact.valid, true, JSON.stringify(exact.checks, null, 2));
});

test('taskboard: compiles with tsc --strict and its node:test suite passes', { timeout: 120_000 }, async () => {
  const out = await mkdtemp(join(tmpdir(), 'pp-taskboard-build-'));
  const tsc = await execa(npmBin('tsc'), ['-p', 'tsconfig.json', '--outDir', out, '--typeRoots', join(projectRoot, 'node_modules/@types')], {
    cwd: example('taskboard'),
    reject: false,
  });
  assert.equal(tsc.exitCode, 0, tsc.stdout);
  // A nested `node --test` inherits NODE_TEST_CONTEXT and would report to its parent, not stdout.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT'));
  const run = await execa(process.execPath, ['--test', join(out, 'test')], { reject: false, env, extendEnv: false });
  assert.equal(run.exitCode, 0, run.stdout);
  assert.match(run.stdout, /# pass 12/);
});

test('pantry-py: the pytest suite passes', { timeout: 120_000 }, async () => {
  const run = await execa('python3', ['-m', 'pytest', '-q', '-o', 'addopts=', '-p', 'no:cacheprovider'], {
    cwd: example('pantry-py'),
    reject: false,
    env: { PYTHONDONTWRITEBYTECODE: '1' },
  });
  assert.equal(run.exitCode, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /8 passed/);
});

test('pantry-py: the Go worker vets and its tests pass', { timeout: 180_000 }, async () => {
  const cwd = join(example('pantry-py'), 'worker');
  const vet = await execa('go', ['vet', './...'], { cwd, reject: false });
  assert.equal(vet.exitCode, 0, vet.stderr);
  const run = await execa('go', ['test', '-count=1', './...'], { cwd, reject: false });
  assert.equal(run.exitCode, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /ok\s+example\.com\/pantry\/worker\/digest/);
});
