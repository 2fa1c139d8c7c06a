/**
 * The validate, zones and graph commands end to end, through a CLI entry that registers only
 * them (test/workpackages/helpers/cli-entry.ts), as a real child process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { conformanceDir } from './helpers/fixtures.js';

import { projectRoot } from '../../src/config/paths.js';

const entry = fileURLToPath(new URL('./helpers/cli-entry.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'wp-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return runScript(entry, args);
}
function runScript(script: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const fixture = (name: string): string => join(conformanceDir, name);

describe('parallel-plan validate', () => {
  it('exits 0 with a VALID report', () => {
    const r = run('validate', fixture('valid-basic.yaml'), '--check-overlap');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^work-packages validation: VALID\n {2}\[pass\] schema\n/);
    assert.match(r.stdout, /\[pass\] lock_overlap/);
  });

  it('exits 1 with INVALID and prints one JSON document with --json', () => {
    const r = run('validate', fixture('compat-false-negative.yaml'), '--check-overlap', '--glob-mode', 'exact', '--json');
    assert.equal(r.code, 1, r.stderr);
    const result = JSON.parse(r.stdout) as { valid: boolean; file: string; checks: Record<string, { passed: boolean; mode?: string }> };
    assert.equal(result.valid, false);
    assert.equal(result.file, fixture('compat-false-negative.yaml'));
    assert.equal(result.checks.scope_overlap?.mode, 'exact');
    assert.equal(result.checks.scope_overlap?.passed, false);
  });

  it('skips overlap checks without --check-overlap', () => {
    const r = run('validate', fixture('lock-overlap-files.yaml'), '--json');
    assert.equal(r.code, 0);
    assert.deepEqual(Object.keys((JSON.parse(r.stdout) as { checks: object }).checks), ['schema', 'depends_on_refs', 'dag_cycles', 'lock_keys']);
  });

  it('exits 2 on unreadable input: missing file, not YAML, alias bomb, too big', () => {
    const missing = run('validate', join(tmp, 'nope.yaml'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^Error: .*nope\.yaml: unreadable input: file not found\nFix: /);
    assert.equal(run('validate', fixture('unreadable-not-yaml.yaml')).code, 2);
    const bomb = run('validate', fixture('unreadable-alias-bomb.yaml'), '--json');
    assert.equal(bomb.code, 2);
    assert.equal((JSON.parse(bomb.stdout) as { error: { exitCode: number } }).error.exitCode, 2);
    const big = join(tmp, 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(6 * 1024 * 1024)}\n`);
    const tooBig = run('validate', big);
    assert.equal(tooBig.code, 2);
    assert.match(tooBig.stderr, /larger than 5242880 bytes/);
    const binary = join(tmp, 'binary.yaml');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    assert.equal(run('validate', binary).code, 2);
  });

  it('exits 2 on a bad --glob-mode', () => {
    const r = run('validate', fixture('valid-basic.yaml'), '--glob-mode', 'fuzzy');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Allowed choices are compat, exact/);
  });
});

describe('parallel-plan zones and graph', () => {
  it('zones lists parallel pairs and the overlap checks', () => {
    const r = run('zones', fixture('valid-wp-integration-exempt.yaml'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /parallel zones: CLEAR \(glob mode: compat\)/);
    assert.match(r.stdout, /wp-frontend \|\| wp-integration {2}\(wp-integration: not checked\)/);
    const overlapping = run('zones', fixture('overlap-identical-globs.yaml'), '--json');
    assert.equal(overlapping.code, 1);
    assert.deepEqual((JSON.parse(overlapping.stdout) as { parallel_pairs: string[][] }).parallel_pairs, [['wp-backend', 'wp-frontend']]);
  });

  it('graph prints the report, JSON and Mermaid; a cycle exits 1', () => {
    const text = run('graph', fixture('valid-basic.yaml'));
    assert.equal(text.code, 0);
    assert.match(text.stdout, /critical path \(165 min by timeout_minutes\): wp-contracts -> wp-backend -> wp-integration/);
    const json = JSON.parse(run('graph', fixture('valid-basic.yaml'), '--json').stdout) as { maxParallelWidth: number };
    assert.equal(json.maxParallelWidth, 2);
    assert.match(run('graph', fixture('valid-basic.yaml'), '--mermaid').stdout, /^flowchart TD\n/);
    assert.equal(run('graph', fixture('cycle-two.yaml')).code, 1);
  });
});

describe('the parallel-plan binary', () => {
  const bin = join(projectRoot, 'bin', 'parallel-plan.js');
  const tracer = join(projectRoot, 'test/workpackages/helpers/trace-temporal-loads.mjs');
  it('validate, zones and graph load none of the Temporal packages; plan does', () => {
    for (const args of [['validate', fixture('valid-basic.yaml')], ['zones', fixture('valid-basic.yaml')], ['graph', fixture('valid-basic.yaml')], ['validate', '--help']]) {
      const r = spawnSync(process.execPath, ['--import', tracer, bin, ...args], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /LOADED/, `${args.join(' ')} loads Temporal`);
    }
    // The tracer sees them where they are loaded (so the check above can fail).
    const plan = spawnSync(process.execPath, ['--import', tracer, bin, 'plan', '--help'], { encoding: 'utf8' });
    assert.match(plan.stderr, /LOADED .*@temporalio/);
  });

  it('validate takes several files: each judged, the worst exit code, JSON per file', () => {
    const r = runScript(bin, ['validate', fixture('valid-basic.yaml'), fixture('cycle-two.yaml'), '--json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { valid: boolean; files: Array<{ file: string; valid?: boolean }> };
    assert.equal(out.valid, false);
    assert.deepEqual(out.files.map((f) => [f.file, f.valid]), [[fixture('valid-basic.yaml'), true], [fixture('cycle-two.yaml'), false]]);
    const missing = runScript(bin, ['validate', fixture('valid-basic.yaml'), join(tmp, 'nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /nope\.yaml: unreadable: .*file not found/);
    assert.match(missing.stdout, /valid-basic\.yaml:\nwork-packages validation: VALID/);
  });

  it('has validate, zones and graph wired in (one run: its startup loads the whole program)', () => {
    const r = runScript(join(projectRoot, 'bin', 'parallel-plan.js'), ['validate', fixture('cycle-two.yaml'), '--check-overlap']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^work-packages validation: INVALID\n/);
    assert.match(r.stdout, /cycle: wp-backend -> wp-contracts -> wp-backend/);
  });
});
