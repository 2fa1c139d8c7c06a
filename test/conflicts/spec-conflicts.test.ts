/**
 * Spec-level conflicts: two unarchived changes that modify, remove or rename the same
 * requirement. The delta sections are read with the project's spec parser; an approval that
 * meets such a conflict is refused unless acknowledged, and handoff.json records it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApprovalActivities, specConflictsOf } from '../../src/activities/approval.js';
import { requirementTouches, specConflicts } from '../../src/domain/conflicts/spec-conflicts.js';
import { coordinatorFactory } from '../../src/coordinator/index.js';
import type { PlanInput, PlanStatus } from '../../src/shared/plan-types.js';

function delta(sections: Record<string, string[]>): string {
  const lines = ['# Delta'];
  for (const [op, reqs] of Object.entries(sections)) {
    lines.push(`## ${op} Requirements`);
    for (const r of reqs) {
      if (op === 'RENAMED') lines.push(`- FROM: \`### Requirement: ${r}\``, `- TO: \`### Requirement: ${r} v2\``);
      else lines.push(`### Requirement: ${r}`, 'The system SHALL do it.', '#### Scenario: it', '- **WHEN** x', '- **THEN** y');
    }
  }
  return lines.join('\n');
}

test('the requirements a delta touches: MODIFIED and REMOVED headers, RENAMED FROM names; ADDED ones do not count', () => {
  const touches = requirementTouches('tasks', delta({ ADDED: ['Task labels'], MODIFIED: ['Task listing'], REMOVED: ['Legacy export'], RENAMED: ['Task owner'] }));
  assert.deepEqual(touches, [
    { capability: 'tasks', requirement: 'Task listing', operation: 'MODIFIED' },
    { capability: 'tasks', requirement: 'Legacy export', operation: 'REMOVED' },
    { capability: 'tasks', requirement: 'Task owner', operation: 'RENAMED' },
  ]);
  const clashes = specConflicts(touches, [
    { changeId: 'other', touches: requirementTouches('tasks', delta({ MODIFIED: ['task  LISTING'], ADDED: ['Legacy export'] })) },
    { changeId: 'elsewhere', touches: requirementTouches('users', delta({ MODIFIED: ['Task listing'] })) },
  ]);
  assert.deepEqual(clashes, [{ changeId: 'other', capability: 'tasks', requirement: 'Task listing', mine: 'MODIFIED', theirs: 'MODIFIED' }]);
});

function repoWith(changes: Record<string, Record<string, string>>): string {
  const repo = mkdtempSync(join(tmpdir(), 'pp-spec-conflicts-'));
  for (const [id, specs] of Object.entries(changes)) {
    for (const [cap, text] of Object.entries(specs)) {
      mkdirSync(join(repo, 'openspec/changes', id, 'specs', cap), { recursive: true });
      writeFileSync(join(repo, 'openspec/changes', id, 'specs', cap, 'spec.md'), text);
    }
  }
  mkdirSync(join(repo, 'openspec/changes/archive/2026-01-01-old/specs/tasks'), { recursive: true });
  writeFileSync(join(repo, 'openspec/changes/archive/2026-01-01-old/specs/tasks/spec.md'), delta({ MODIFIED: ['Task listing'] }));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  return repo;
}

test('an approval that meets a spec conflict is refused naming it, and with acknowledgement handoff.json records it', async () => {
  const repo = repoWith({
    'add-task-search': { tasks: delta({ MODIFIED: ['Task listing'] }) },
    'add-task-paging': { tasks: delta({ MODIFIED: ['Task listing'] }) },
    'add-user-avatars': { users: delta({ MODIFIED: ['User profile'] }) },
  });
  assert.deepEqual(specConflictsOf(repo, 'add-task-search').map((c) => c.changeId), ['add-task-paging'], 'archived changes and other capabilities do not count');
  const { recordDecision } = createApprovalActivities({ coordinators: coordinatorFactory() });
  const input = { repoDir: repo, changeId: 'add-task-search', coordinator: 'none' } as unknown as PlanInput;
  const status = { tier: 'coordinated', revision: 1, artifacts: [], changeId: 'add-task-search', repoDir: repo } as unknown as PlanStatus;
  const refused = await recordDecision({ input, status, decision: { kind: 'approve', by: 'alice', at: '2026-12-02T00:00:00.000Z', revision: 1 } });
  assert.match(refused.refused!, /approval refused: spec conflicts: add-task-paging also modifies requirement 'Task listing' of tasks \(this change modifies it\)/);
  assert.equal(existsSync(join(repo, 'openspec/changes/add-task-search/handoff.json')), false, 'nothing written');
  const taken = await recordDecision({ input, status, decision: { kind: 'approve', by: 'alice', at: '2026-12-02T00:00:00.000Z', revision: 1, acknowledgeConflicts: true } });
  assert.equal(taken.refused, undefined);
  const handoff = JSON.parse(readFileSync(join(repo, 'openspec/changes/add-task-search/handoff.json'), 'utf8'));
  assert.deepEqual(handoff.spec_conflicts, [{ change_id: 'add-task-paging', capability: 'tasks', requirement: 'Task listing', this_change: 'MODIFIED', other_change: 'MODIFIED' }]);
});
