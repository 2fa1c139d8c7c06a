/** Reading current specs for MODIFIED deltas, and rejecting briefs that modify what is not there. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadExistingRequirements } from '../../src/authors/existing-specs.js';
import { projectRoot } from '../../src/config/paths.js';
import { existingRequirementsFrom } from '../../src/domain/author/existing.js';
import { parseBrief } from '../../src/domain/brief.js';
import { PlanError } from '../../src/errors.js';
import { spec, taskboardContext } from '../helpers/context-fixtures.js';

const repoDir = join(projectRoot, 'examples/taskboard');

function briefModifying(capability: string, name: string) {
  const r = parseBrief(JSON.stringify({
    capabilities: [{ name: capability, requirements: [{ name, modifies: true, text: 'The system SHALL do it.', scenarios: [{ name: 'S', when: 'w', then: 't' }] }] }],
  }));
  assert.ok(r.ok);
  return r.brief;
}

describe('existing specs', () => {
  it('loads the top related spec when it is relevant enough', async () => {
    const context = { ...taskboardContext({ relatedSpecs: [spec('task-management', 0.8, ['Status Flow'])] }), repoDir };
    const existing = await loadExistingRequirements({ request: 'Change the status flow', context, changeId: 'x', revision: 1 });
    const flow = existing.find((r) => r.name === 'Status Flow');
    assert.equal(flow?.capability, 'task-management');
    assert.deepEqual(flow?.scenarios.map((s) => s.name), ['Allowed transition', 'Disallowed transition']);
    assert.equal(flow?.scenarios[0]?.when, 'a task in `todo` is moved to `in_progress`');
  });

  it('loads nothing for an unrelated request', async () => {
    const context = { ...taskboardContext(), repoDir };
    assert.deepEqual(await loadExistingRequirements({ request: 'Add dark mode', context, changeId: 'x', revision: 1 }), []);
  });

  it('rejects a brief that modifies a requirement the spec does not have, listing the real headers', async () => {
    const context = { ...taskboardContext(), repoDir };
    await assert.rejects(loadExistingRequirements({ request: 'r', brief: briefModifying('task-management', 'Task creation'), context, changeId: 'x', revision: 1 }), (err: unknown) => {
      assert.ok(err instanceof PlanError && err.type === 'BadInput');
      assert.match(err.message, /capabilities\[0\]\.requirements\[0\]\.name: expected the exact header of a requirement in openspec\/specs\/task-management\/spec\.md \("Task Creation", "Status Flow", .*\), got "Task creation"/);
      return true;
    });
    await assert.rejects(loadExistingRequirements({ request: 'r', brief: briefModifying('no-such-cap', 'X'), context, changeId: 'x', revision: 1 }), /openspec\/specs\/no-such-cap\/spec\.md does not exist/);
  });

  it('reads GIVEN/WHEN/THEN/AND steps and skips requirements it cannot restate faithfully', () => {
    const out = existingRequirementsFrom('cap', [
      { name: 'Good', text: 'It SHALL work.', scenarios: [{ name: 'S', steps: ['**GIVEN** a', '**AND** b', '**WHEN** c', '**THEN** d', '**AND** e'] }] },
      { name: 'No then', text: 'It SHALL work.', scenarios: [{ name: 'S', steps: ['**WHEN** c'] }] },
      { name: 'Weak', text: 'It works.', scenarios: [{ name: 'S', steps: ['**WHEN** c', '**THEN** d'] }] },
    ]);
    assert.deepEqual(out, [{ capability: 'cap', name: 'Good', text: 'It SHALL work.', scenarios: [{ name: 'S', given: 'a and b', when: 'c', then: 'd and e' }] }]);
  });
});
