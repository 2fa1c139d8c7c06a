import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '../../src/domain/draft.js';
import { groupOrder, groupTasks } from '../../src/domain/plan/task-groups.js';

const t = (title: string, boundary: string, kind: Task['kind']): Task => ({ id: '9.9', title, kind, boundary, files: [], scenarios: [], decisions: [] });

describe('task groups', () => {
  const boundaries = [
    { id: 'frontend', kind: 'frontend' as const, globs: ['web/**'] },
    { id: 'backend', kind: 'backend' as const, globs: ['src/**'] },
  ];
  const tasks = [
    t('integrate', 'integration', 'test'),
    t('backend code', 'backend', 'code'),
    t('backend check', 'backend', 'checkpoint'),
    t('backend test', 'backend', 'test'),
    t('worker code', 'worker', 'code'),
    t('contract', 'contracts', 'contract'),
    t('frontend test', 'frontend', 'test'),
  ];

  it('orders contracts, declared boundaries, undeclared ones, integration', () => {
    assert.deepEqual(groupOrder({ boundaries, tasks }), ['contracts', 'frontend', 'backend', 'worker', 'integration']);
  });

  it('drops empty groups, puts tests before code and checkpoints last, and renumbers', () => {
    const groups = groupTasks({ boundaries: [...boundaries, { id: 'docs', kind: 'docs', globs: ['docs/**'] }], tasks });
    assert.deepEqual(
      groups.map((g) => [g.section, g.boundary, g.tasks.map((x) => `${x.id} ${x.title}`)]),
      [
        [1, 'contracts', ['1.1 contract']],
        [2, 'frontend', ['2.1 frontend test']],
        [3, 'backend', ['3.1 backend test', '3.2 backend code', '3.3 backend check']],
        [4, 'worker', ['4.1 worker code']],
        [5, 'integration', ['5.1 integrate']],
      ],
    );
  });
});
