/**
 * The rule-based author on context gathered for real from the example repositories (every
 * facet in process, the repository model included), rendered and validated with the real openspec CLI.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { openspecValidate } from '../../src/adapters/openspec.js';
import { createRuleBasedAuthor } from '../../src/authors/rule-based.js';
import { deriveChangeId } from '../../src/domain/change-id.js';
import { renderChange } from '../../src/domain/render/index.js';
import { checkChangeStructure } from '../../src/domain/render/structure-check.js';
import { exampleRepo, writeChange } from '../helpers/authoring.js';

const cases = [
  { example: 'taskboard' as const, request: 'Change task creation to allow titles up to 500 characters', modifies: 'task-management/Task Creation' },
  { example: 'pantry-py' as const, request: 'Fix consume stock so it takes the oldest batch first', modifies: 'pantry-inventory/Consume Stock' },
  { example: 'taskboard' as const, request: 'Support dark mode in the web UI', boundaries: ['frontend'] },
  { example: 'pantry-py' as const, request: 'Document how to run the expiry digest worker', boundaries: ['docs'] },
];

describe('rule-based author on gathered context', () => {
  for (const c of cases) {
    it(`${c.example}: ${c.request}`, async () => {
      const repo = await exampleRepo(c.example);
      const context = await gatherContextInProcess({ repoDir: repo, runDir: mkdtempSync(join(tmpdir(), 'pp-run-')), request: c.request });
      const changeId = deriveChangeId(c.request, context.changesInFlight.map((x) => x.id));
      const draft = await createRuleBasedAuthor().draft({ request: c.request, context, changeId, revision: 1 });
      if (c.modifies) {
        const [cap, name] = c.modifies.split('/');
        const req = draft.capabilities.find((x) => x.name === cap)?.requirements.find((r) => r.name === name);
        assert.equal(req?.operation, 'MODIFIED', JSON.stringify(draft.capabilities));
      }
      if (c.boundaries) assert.deepEqual(draft.boundaries.map((b) => b.id), c.boundaries);
      // Code and docs files come from the context; test tasks may also name the new test file
      // of their boundary (named after the feature and the boundary, so packages never share it).
      const cited = new Set(draft.tasks.flatMap((t) => t.files));
      const newTests = new Set(draft.tasks.filter((t) => t.kind === 'test').flatMap((t) => t.files.filter((f) => f.includes(t.boundary.replace(/-/g, '_')) || f.includes(`.${t.boundary}.`) || f.endsWith('_test.go'))));
      for (const f of cited) {
        if (f.startsWith('openspec/changes/') || newTests.has(f)) continue;
        const real =
          context.topFiles.some((t) => t.path === f) ||
          (context.impact?.files ?? []).some((t) => t.path === f) ||
          context.boundaries.some((b) => b.globs.includes(f)) ||
          context.docs.includes(f);
        assert.ok(real, `task file ${f} comes from the context`);
      }
      const files = renderChange(draft, { context });
      assert.deepEqual(checkChangeStructure(files).issues, []);
      writeChange(repo, changeId, files);
      const result = await openspecValidate(repo, changeId);
      assert.deepEqual(result, { changeId, valid: true, issues: [] });
    });
  }
});
