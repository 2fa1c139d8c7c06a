/** What `status` prints of the policy, the runs of a continued plan, recalled lessons and the conflict verdict. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderStatus } from '../../src/cli/render-status.js';
import { STEPS, type PlanStatus } from '../../src/shared/plan-types.js';

test('status names the policy, the runs, the lessons recalled and the verdict against changes in flight', () => {
  const status = {
    changeId: 'add-tags',
    repoDir: '/repos/app',
    state: 'awaiting-approval',
    currentStep: 'present-for-approval',
    revision: 2,
    runs: 3,
    tier: 'coordinated',
    steps: Object.fromEntries(STEPS.map((s) => [s, { status: 'done', attempts: 1 }])),
    warnings: [],
    artifacts: [],
    validation: null,
    decisions: [],
    policy: { source: '.parallel-plan/policy.yaml', sha256: 'x', approvers: ['alice'], maxParallelWidth: 2 },
    context: {
      filesScanned: 10, filesSkipped: 0, specsCount: 1, languages: ['typescript'], relatedSpecs: [], boundaries: [], topFiles: [], changesInFlight: [{ id: 'add-search', capabilities: [], writeGlobs: [], lockKeys: [] }],
      lessons: [{ at: '2026-12-01T00:00:00Z', kind: 'rejected', changeId: 'add-tags-v1', by: 'bob', text: 'tags belong to users, not items' }],
    },
    packages: { packages: 4, waves: [['wp-contracts'], ['wp-backend', 'wp-frontend'], ['wp-integration']], maxParallelWidth: 2, criticalPath: [], conflicts: { verdict: 'PARTIAL', conflicting: ['wp-backend'], with: ['add-search'] } },
  } as unknown as PlanStatus;
  const text = renderStatus(status).join('\n');
  assert.match(text, /Runs: 3 \(the plan continued as new 2 time\(s\); one workflow id\)/);
  assert.match(text, /Policy: \.parallel-plan\/policy\.yaml \(approvers alice; at most 2 packages at once\)/);
  assert.match(text, /- rejected add-tags-v1 \(bob\): tags belong to users, not items/);
  assert.match(text, /parallel with changes in flight: PARTIAL: wp-backend collides with add-search/);
});
