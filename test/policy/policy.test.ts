/**
 * The repository policy: parsing (unknown keys and wrong types are errors naming the field),
 * reading (the repository's file, a configured path, links refused), and the checks a plan must
 * pass: protected paths in write scopes, waves wider than allowed, approvers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy, policyRefusal, policyViolations, type PlanPolicy } from '../../src/domain/policy/policy.js';
import type { WorkPackagesDoc } from '../../src/domain/workpackages/types.js';
import { readPolicy } from '../../src/io/policy-file.js';

test('a policy parses its three fields; typos and wrong types are named', () => {
  const ok = parsePolicy('approvers: [alice, bob, alice]\nmax_parallel_width: 2\nprotected_paths: ["infra/**", ".github/**"]\n');
  assert.deepEqual(ok, { ok: true, policy: { approvers: ['alice', 'bob'], maxParallelWidth: 2, protectedPaths: ['infra/**', '.github/**'] } });
  assert.deepEqual(parsePolicy(''), { ok: true, policy: {} });
  const typo = parsePolicy('approver: [alice]\n');
  assert.equal(typo.ok, false);
  assert.match((typo as { issues: string[] }).issues.join('\n'), /approver/);
  const width = parsePolicy('max_parallel_width: "two"\n');
  assert.match((width as { issues: string[] }).issues.join('\n'), /max_parallel_width/);
  assert.match((parsePolicy('approvers: [') as { issues: string[] }).issues[0]!, /syntax error/);
});

test('reading: the repository file, a configured path, and refusals', () => {
  const repo = mkdtempSync(join(tmpdir(), 'pp-policy-'));
  assert.equal(readPolicy(repo, ''), undefined, 'no file: no policy');
  mkdirSync(join(repo, '.parallel-plan'));
  writeFileSync(join(repo, '.parallel-plan/policy.yaml'), 'approvers: [alice]\n');
  const p = readPolicy(repo, '');
  assert.equal(p?.source, '.parallel-plan/policy.yaml');
  assert.deepEqual(p?.approvers, ['alice']);
  assert.match(p!.sha256, /^[0-9a-f]{64}$/);
  const elsewhere = join(mkdtempSync(join(tmpdir(), 'pp-policy-conf-')), 'org-policy.yaml');
  writeFileSync(elsewhere, 'max_parallel_width: 3\n');
  assert.equal(readPolicy(repo, elsewhere)?.maxParallelWidth, 3, 'the configured path wins');
  assert.throws(() => readPolicy(repo, join(repo, 'missing.yaml')), /\(PARALLEL_PLAN_POLICY\) does not exist/);
  writeFileSync(join(repo, '.parallel-plan/policy.yaml'), 'approvers: []\n');
  assert.throws(() => readPolicy(repo, ''), /policy .* is invalid:\n  approvers/);
  const linked = mkdtempSync(join(tmpdir(), 'pp-policy-link-'));
  mkdirSync(join(linked, '.parallel-plan'));
  symlinkSync(elsewhere, join(linked, '.parallel-plan/policy.yaml'));
  assert.throws(() => readPolicy(linked, ''), /symbolic link/);
});

const doc = (packages: Array<[string, string[], string[]]>): WorkPackagesDoc =>
  ({
    schema_version: 1,
    feature: { id: 'x', plan_revision: 1 },
    contracts: { revision: 1, openapi: { primary: 'a', files: ['a'] } },
    packages: packages.map(([id, deps, write]) => ({ package_id: id, depends_on: deps, scope: { write_allow: write, read_allow: ['**'] } })),
  }) as unknown as WorkPackagesDoc;

test('a plan that writes protected paths or runs wider than allowed violates the policy, naming both', () => {
  const policy: PlanPolicy = { source: '.parallel-plan/policy.yaml', sha256: 'x', maxParallelWidth: 2, protectedPaths: ['infra/**', 'backend/app/core/config.py'] };
  const plan = doc([
    ['wp-contracts', [], ['openspec/changes/x/contracts/**']],
    ['wp-backend', ['wp-contracts'], ['backend/app/**']],
    ['wp-frontend', ['wp-contracts'], ['frontend/src/**']],
    ['wp-infra', ['wp-contracts'], ['infra/terraform/*.tf']],
  ]);
  assert.deepEqual(policyViolations(policy, plan), [
    "policy-protected-path: wp-backend may write 'backend/app/**', which the policy (.parallel-plan/policy.yaml) protects: 'backend/app/core/config.py'",
    "policy-protected-path: wp-infra may write 'infra/terraform/*.tf', which the policy (.parallel-plan/policy.yaml) protects: 'infra/**'",
    'policy-max-parallel-width: wave 2 runs 3 packages at once (wp-backend, wp-frontend, wp-infra); the policy (.parallel-plan/policy.yaml) allows 2',
  ]);
  assert.deepEqual(policyViolations({ source: 'p', sha256: 'x', maxParallelWidth: 3, protectedPaths: ['docs/**'] }, plan), []);
  assert.equal(policyRefusal({ source: 'p', approvers: ['alice'] }, 'alice'), undefined);
  assert.match(policyRefusal({ source: '.parallel-plan/policy.yaml', approvers: ['alice'] }, 'mallory')!, /mallory may not decide on plans of this repository: the policy \(.parallel-plan\/policy.yaml\) allows alice/);
  assert.equal(policyRefusal(undefined, 'anyone'), undefined);
});
