/**
 * Contract-first plans on a real dev server: three API-bearing features planned from the shipped
 * briefs on the example repositories; every contract must pass its own tool inside the
 * workflow's validate step (swagger-parser, tsc, Python + pydantic, PostgreSQL, ajv, Prism),
 * none skipped but the generated types of a language the repository does not use, and work-packages.yaml must point at the generated contracts.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createActivities } from '../../src/activities/index.js';
import { examplesDir } from '../../src/examples/prepare.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, startPlan, waitForState } from '../../src/service/plans.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-contract-plans-'));
const TOOLS = ['swagger-parser', 'tsc', 'python', 'postgres', 'ajv', 'prism'];

// Generated types are for the repository's own languages: the other language's tool is skipped, saying why.
const CASES = [
  { example: 'taskboard', brief: 'taskboard-comments.yaml', request: 'let users comment on tasks', other: { tool: 'python', file: 'generated/models.py', why: /no Python code/ } },
  { example: 'taskboard', brief: 'taskboard-webhooks.yaml', request: 'send webhooks when tasks change', other: { tool: 'python', file: 'generated/models.py', why: /no Python code/ } },
  { example: 'pantry-py', brief: 'pantry-stock-history.yaml', request: 'keep a history of stock changes', other: { tool: 'tsc', file: 'generated/types.ts', why: /no TypeScript code/ } },
];

for (const c of CASES) {
  test(`${c.brief} on ${c.example}: every contract passes its tool inside the plan`, async () => {
    const repo = await exampleWithNoChangeInFlight(c.example);
    const prepared = await preparePlan({ request: c.request, repo, stateDir, brief: join(examplesDir, 'briefs', c.brief) });
    await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
      const handle = await startPlan(client, prepared, taskQueue);
      const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
      assert.equal(status.state, 'awaiting-approval', status.error);
      const checks = new Map(status.validation!.checks.map((k) => [k.name, k]));
      for (const tool of TOOLS) {
        const check = checks.get(`contracts: ${tool}`);
        assert.ok(check, `no ${tool} check`);
        if (tool === c.other.tool) {
          assert.equal(check.skipped, true, `${tool} runs although the repository has no such code`);
          assert.match(check.issues.join('; '), c.other.why);
          continue;
        }
        assert.equal(check.skipped ?? false, false, `${tool} was skipped: ${check.issues.join('; ')}`);
        assert.equal(check.passed, true, `${tool}: ${check.issues.join('; ')}`);
      }
      assert.equal(status.validation!.passed, true);

      const dir = join(repo, 'openspec', 'changes', prepared.input.changeId);
      const wp = parse(readFileSync(join(dir, 'work-packages.yaml'), 'utf8'));
      assert.equal(wp.contracts.openapi.primary, `openspec/changes/${prepared.input.changeId}/contracts/openapi/v1.yaml`);
      for (const f of wp.contracts.openapi.files as string[]) assert.ok(existsSync(join(repo, f)), `${f} listed but missing`);
      assert.match(wp.contracts.mocks.prism.command, /prism-cli@5\.14\.2 mock .*openapi\/v1\.yaml/);
      for (const f of ['schema.sql', 'generated/types.ts', 'generated/models.py']) assert.equal(existsSync(join(dir, 'contracts', f)), f !== c.other.file, f);
      assert.equal(wp.packages[0].package_id, 'wp-contracts');
      assert.ok(wp.packages.some((p: { locks: { keys: string[] } }) => p.locks.keys.some((k) => k.startsWith('api:'))), 'api: locks');
      assert.ok(wp.packages.some((p: { locks: { keys: string[] } }) => p.locks.keys.some((k) => k.startsWith('db:schema:'))), 'db:schema: locks');

      await decide(handle, 'approve', { by: 'contract-test' });
      assert.equal((await planResult(handle)).state, 'approved');
    });
  });
}
