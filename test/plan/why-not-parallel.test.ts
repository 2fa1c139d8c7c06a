import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conflictVerdict, verdictLine } from '../../src/domain/conflicts/verdict.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { renderWhyNotParallel } from '../../src/domain/plan/why-not-parallel.js';
import { computeWaves } from '../../src/domain/workpackages/dag.js';
import { renderProposal } from '../../src/domain/render/proposal.js';
import { labelsFeature } from '../helpers/plan-fixtures.js';

test('the section lists every reason, or says nothing limits parallel work', () => {
  assert.equal(renderWhyNotParallel({ whyNotParallel: ['a waits for b.'] }), '## Why not parallel\n\n- a waits for b.\n');
  assert.equal(renderWhyNotParallel({ whyNotParallel: [] }), '## Why not parallel\n\nNothing in this change limits parallel work.\n');
});

test("step 5's proposal is the draft's proposal with the packaging sections at its end and the verdict in Impact", () => {
  const { draft, context } = labelsFeature();
  const { doc, report } = generateWorkPackages({ draft, context, planRevision: 1, contractsRevision: 1 });
  const waves = computeWaves(doc.packages.map((p) => ({ id: p.package_id, dependsOn: p.depends_on, weight: 1 }))).waves;
  const before = renderProposal(draft, { tier: 'coordinated', context });
  const conflicts = conflictVerdict(
    doc.packages.map((p) => ({ packageId: p.package_id, keys: p.locks.keys, files: p.locks.files, writeAllow: p.scope.write_allow })),
    [{ changeId: 'add-task-search', keys: [], files: [], writeGlobs: [doc.packages.find((p) => p.package_id !== 'wp-contracts')!.scope.write_allow[0]!] }],
  );
  const after = renderProposal(draft, { tier: 'coordinated', context, packaging: { doc, waves, whyNotParallel: report.whyNotParallel, conflicts } });
  assert.ok(!before.includes('## Work Packages') && !before.includes('## Why not parallel'), 'step 3 renders neither section');
  const sections = after.split('\n').filter((l) => l.startsWith('## '));
  assert.deepEqual(sections.slice(-2), ['## Work Packages', '## Why not parallel']);
  assert.match(after, new RegExp(`- Parallel with changes in flight: (PARTIAL|SEQUENTIAL): .* with add-task-search`));
  assert.equal(after.replace(/\n- Parallel with changes in flight: .*\n/, '\n').split('\n## Work Packages')[0]!.trimEnd(), before.trimEnd(), 'nothing else changes');
  assert.equal(verdictLine(conflictVerdict([{ packageId: 'wp-a', keys: ['db:table:tags'], files: [] }], [])), 'FULL: no package collides with a change in flight');
});
