/**
 * Renderers against committed golden files. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 node --test dist/test/render/` and review the diff.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/paths.js';
import { parseBrief } from '../../src/domain/brief.js';
import type { AuthorInput } from '../../src/domain/author/input.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { LINEAR_WARNING_PREFIX, renderChange, type RenderContext } from '../../src/domain/render/index.js';
import { checkChangeStructure } from '../../src/domain/render/structure-check.js';
import { emptyContext, taskboardContext } from '../helpers/context-fixtures.js';

const goldenDir = join(projectRoot, 'test/render/golden');

function briefFile(name: string) {
  const r = parseBrief(readFileSync(join(projectRoot, 'examples/briefs', name), 'utf8'));
  assert.ok(r.ok);
  return r.brief;
}

const cases: Array<{ name: string; input: () => AuthorInput; render: RenderContext }> = [
  {
    name: 'api-feature',
    input: () => ({ request: 'Add an endpoint to archive tasks', context: taskboardContext(), changeId: 'add-endpoint-archive-tasks', revision: 1 }),
    render: { context: taskboardContext() },
  },
  {
    name: 'brief-revision-2',
    input: () => ({
      request: 'Let users comment on tasks',
      brief: briefFile('taskboard-comments.yaml'),
      context: taskboardContext(),
      changeId: 'add-task-comments',
      revision: 2,
      feedback: ['Comments must be limited to 2000 characters', 'Say who may delete a comment'],
    }),
    render: { context: taskboardContext() },
  },
  {
    name: 'linear-docs',
    input: () => ({
      request: 'Document the deployment process',
      context: emptyContext({ docs: ['README.md', 'docs/ops.md'] }),
      changeId: 'document-deployment-process',
      revision: 1,
    }),
    render: { tier: 'linear', tierReason: 'the coordinator lacks CAN_LOCK', withDesign: false },
  },
];

/** `specs/x/spec.md` -> `<case>.specs-x-spec.md`, so every golden file is a flat *.md. */
const goldenName = (caseName: string, path: string) => `${caseName}.${path.replace(/\//g, '-')}`;

describe('renderers match the committed golden files', () => {
  for (const c of cases) {
    it(c.name, () => {
      const files = renderChange(ruleBasedDraft(c.input()), c.render);
      assert.deepEqual(renderChange(ruleBasedDraft(c.input()), c.render), files, 'byte-identical for identical inputs');
      for (const f of files) {
        const golden = join(goldenDir, goldenName(c.name, f.path));
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, f.content);
        assert.ok(existsSync(golden), `missing golden file ${golden}; run with UPDATE_GOLDEN=1`);
        assert.equal(f.content, readFileSync(golden, 'utf8'), `${f.path} differs from ${golden}`);
      }
      const result = checkChangeStructure(files, { tier: c.render.tier ?? 'coordinated' });
      assert.deepEqual(result.issues, []);
    });
  }

  it('the linear tier writes proposal, tasks and spec deltas with a warning that says why', () => {
    const files = renderChange(ruleBasedDraft(cases[2]!.input()), cases[2]!.render);
    assert.deepEqual(files.map((f) => f.path), ['proposal.md', 'tasks.md', 'specs/deployment-process-documentation/spec.md']);
    const proposal = files[0]!.content;
    const warning = proposal.split('\n').find((l) => l.startsWith(LINEAR_WARNING_PREFIX));
    assert.ok(warning?.includes('the coordinator lacks CAN_LOCK'), proposal);
    assert.ok(warning?.includes('no generated contracts and no work packages'), warning);
    const withDesign = renderChange(ruleBasedDraft(cases[2]!.input()), { tier: 'linear', tierReason: 'x' });
    assert.ok(withDesign.some((f) => f.path === 'design.md'), 'design is optional in the linear tier, included by default');
    assert.equal(checkChangeStructure(files.filter((f) => f.path !== 'proposal.md').concat({ path: 'proposal.md', content: proposal.replace(warning!, '') }), { tier: 'linear' }).issues[0]?.code, 'missing_tier_warning');
  });

  it('a coordinated-tier proposal carries no tier warning', () => {
    const files = renderChange(ruleBasedDraft(cases[0]!.input()), cases[0]!.render);
    assert.ok(!files[0]!.content.includes(LINEAR_WARNING_PREFIX));
  });
});

describe('lessons from earlier plans', () => {
  it("the proposal renders the context's recalled lessons as a section, newest first, one line each; none, no section", () => {
    const context = {
      ...taskboardContext(),
      lessons: [
        { at: '2025-05-02T10:00:00.000Z', kind: 'package-failed' as const, changeId: 'add-labels', revision: 1, packageId: 'wp-backend', by: 'agent-1', text: 'migration\ndoes not apply' },
        { at: '2025-05-01T09:00:00.000Z', kind: 'rejected' as const, changeId: 'add-due-dates', revision: 2, by: 'carol', text: 'belongs to the scheduler' },
        { at: '2025-04-30T08:00:00.000Z', kind: 'changes-requested' as const, changeId: 'add-due-dates', revision: 1, text: 'use UTC' },
      ],
    };
    const proposal = renderChange(ruleBasedDraft(cases[0]!.input()), { context })[0]!.content;
    const section = proposal.split('## Lessons from earlier plans\n\n')[1]!.trimEnd().split('\n');
    assert.deepEqual(section, [
      '- Package failed in dispatch (`add-labels`, revision 1, package `wp-backend`, by agent-1, 2025-05-02): migration does not apply',
      '- Rejected (`add-due-dates`, revision 2, by carol, 2025-05-01): belongs to the scheduler',
      '- Changes requested (`add-due-dates`, revision 1, 2025-04-30): use UTC',
    ]);
    assert.ok(!renderChange(ruleBasedDraft(cases[0]!.input()), cases[0]!.render)[0]!.content.includes('Lessons from earlier plans'));
  });
});
