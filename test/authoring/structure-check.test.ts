import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { renderChange, type RenderedFile } from '../../src/domain/render/index.js';
import { checkChangeStructure } from '../../src/domain/render/structure-check.js';
import { taskboardContext } from '../helpers/context-fixtures.js';

const base = renderChange(ruleBasedDraft({ request: 'Add an endpoint to archive tasks', context: taskboardContext(), changeId: 'add-archive', revision: 1 }));

function edit(path: string, change: (s: string) => string): RenderedFile[] {
  return base.map((f) => (f.path === path ? { ...f, content: change(f.content) } : f));
}

function codes(files: readonly RenderedFile[], tier: 'coordinated' | 'linear' = 'coordinated'): string[] {
  return checkChangeStructure(files, { tier }).issues.map((i) => `${i.level}:${i.code}`);
}

describe('checkChangeStructure', () => {
  it('accepts rendered artifacts', () => {
    assert.deepEqual(checkChangeStructure(base), { valid: true, issues: [] });
  });

  it('flags a short Why with path, message and fix', () => {
    const r = checkChangeStructure(edit('proposal.md', (s) => s.replace(/## Why\n\n[^\n]+/, '## Why\n\nBecause.')));
    assert.equal(r.valid, false);
    assert.deepEqual(r.issues, [
      { code: 'why_too_short', level: 'error', path: 'proposal.md#Why', message: 'the Why section has 8 characters; at least 50 are needed', fix: 'explain the problem and who it affects in one or two sentences' },
    ]);
  });

  it('flags missing sections: errors for required ones, warnings for expected ones', () => {
    const files = edit('proposal.md', (s) => s.replace('## Impact', '## Effects').replace('## Approaches Considered', '## Options'));
    assert.deepEqual(codes(files), ['error:missing_section', 'warning:missing_section']);
    assert.deepEqual(codes(edit('design.md', (s) => s.replace('## Migration Plan', '## Rollout'))), ['error:missing_section']);
  });

  it('flags broken task numbering and a section without checkpoint', () => {
    assert.deepEqual(codes(edit('tasks.md', (s) => s.replace('- [ ] 2.2 ', '- [ ] 2.5 '))), ['error:task_numbering']);
    assert.deepEqual(codes(edit('tasks.md', (s) => s.replace('## 2. backend', '## 3. backend'))), ['error:section_numbering']);
    assert.deepEqual(codes(edit('tasks.md', (s) => s.replace(/- \[ \] 2\.3 Checkpoint: [^\n]+\n/, ''))), ['error:missing_checkpoint']);
  });

  it('traces every scenario to a task and every citation to a definition', () => {
    const uncovered = edit('tasks.md', (s) => s.split('\n').filter((l) => !l.includes('Scenarios:')).join('\n'));
    assert.deepEqual(codes(uncovered), ['error:scenario_not_covered', 'error:scenario_not_covered']);
    const renamed = edit('specs/task-archiving/spec.md', (s) => s.replace('#### Scenario: Valid', '#### Scenario: Good'));
    assert.deepEqual([...new Set(codes(renamed))], ['error:scenario_not_covered', 'error:unknown_scenario']);
    assert.deepEqual([...new Set(codes(edit('tasks.md', (s) => s.replace('Decisions: D1, D2', 'Decisions: D1, D9'))))], ['error:unknown_decision']);
  });

  it('checks decision numbering', () => {
    assert.deepEqual(codes(edit('design.md', (s) => s.replace('### D2: ', '### D3: '))), ['error:decision_numbering', ...Array(4).fill('error:unknown_decision')]);
    assert.deepEqual(codes(edit('design.md', (s) => s.replace('### D2: ', '### '))).slice(0, 1), ['error:decision_not_numbered']);
  });

  it('requires design.md in the coordinated tier only, and the warning line in the linear tier', () => {
    const noDesign = base.filter((f) => f.path !== 'design.md');
    assert.deepEqual(codes(noDesign), ['error:missing_file']);
    assert.deepEqual(codes(noDesign, 'linear'), ['error:missing_tier_warning']);
  });
});
