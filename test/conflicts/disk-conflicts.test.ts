/**
 * Unarchived changes on disk gate approval: a change folder with a work-packages.yaml whose
 * write scopes or locks overlap this plan's holds no claim in the registry (it was never approved
 * here, or was written by hand), yet its agents will write there. The approval is refused with
 * the verdict and the other change named, nothing is written, and with acknowledgement
 * handoff.json records the verdict. Archived changes and changes that write elsewhere do not count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createApprovalActivities } from '../../src/activities/approval.js';
import { coordinatorFactory } from '../../src/coordinator/index.js';
import { examplesDir, prepareExample } from '../../src/examples/prepare.js';
import type { PlanInput, PlanStatus } from '../../src/shared/plan-types.js';

const template = join(examplesDir, 'taskboard/openspec/changes/add-task-labels/work-packages.yaml');

/** A change `id` whose packages are add-task-labels' with no locked files and their write scopes and keys rewritten by `edit`. */
function writeChange(repo: string, id: string, edit: (pkg: { package_id: string; scope: { write_allow: string[] }; locks: { keys: string[]; files: string[] } }) => void): void {
  const doc = parse(readFileSync(template, 'utf8'));
  doc.feature.id = id;
  for (const p of doc.packages) {
    p.locks.files = [];
    edit(p);
  }
  mkdirSync(join(repo, 'openspec/changes', id), { recursive: true });
  writeFileSync(join(repo, 'openspec/changes', id, 'work-packages.yaml'), stringify(doc));
}

function decideOn(repo: string, changeId: string) {
  const { recordDecision } = createApprovalActivities({ coordinators: coordinatorFactory() });
  const input = { repoDir: repo, changeId, coordinator: 'none' } as unknown as PlanInput;
  const status = { tier: 'coordinated', revision: 1, artifacts: [], changeId, repoDir: repo } as unknown as PlanStatus;
  return (acknowledgeConflicts?: boolean) =>
    recordDecision({ input, status, decision: { kind: 'approve', by: 'alice', at: '2026-12-02T00:00:00.000Z', revision: 1, ...(acknowledgeConflicts ? { acknowledgeConflicts } : {}) } });
}

test('an unarchived change on disk whose scopes overlap refuses the approval, naming it; acknowledged, handoff.json records the verdict', async () => {
  const repo = await prepareExample('taskboard');
  // Every package writes under src/server/**, which add-task-labels' wp-backend may write too.
  writeChange(repo, 'add-task-due-dates', (p) => {
    p.scope.write_allow = [`src/server/due-dates/${p.package_id}/**`];
    p.locks.keys = [`feature:due-dates:${p.package_id}`];
  });
  const approve = decideOn(repo, 'add-task-due-dates');
  const refused = await approve();
  assert.equal(refused.verdict, 'SEQUENTIAL');
  assert.match(
    refused.refused!,
    /^approval refused: SEQUENTIAL \(5 of 5 packages conflict: wp-contracts, wp-data, wp-backend, wp-frontend, wp-integration\): their write scopes or locks overlap those of the unarchived change add-task-labels in this repository .*--acknowledge-conflicts.*openspec archive/,
  );
  assert.equal(existsSync(join(repo, 'openspec/changes/add-task-due-dates/handoff.json')), false, 'nothing written');

  const taken = await approve(true);
  assert.equal(taken.refused, undefined);
  const handoff = JSON.parse(readFileSync(join(repo, 'openspec/changes/add-task-due-dates/handoff.json'), 'utf8'));
  assert.equal(handoff.conflict_verdict, 'SEQUENTIAL');
  assert.equal(handoff.conflicts_acknowledged, true);
});

test('one shared lock key makes a PARTIAL verdict; archived changes and changes writing elsewhere do not gate', async () => {
  const repo = await prepareExample('taskboard');
  // add-task-labels landed: it is in the archive now.
  renameSync(join(repo, 'openspec/changes/add-task-labels'), join(repo, 'openspec/changes/archive/2026-11-01-add-task-labels'));
  writeChange(repo, 'add-task-export', (p) => {
    p.scope.write_allow = [`src/export/${p.package_id}/**`];
    p.locks.keys = [`feature:export:${p.package_id}`];
  });
  writeChange(repo, 'add-task-search', (p) => {
    p.scope.write_allow = [`src/search/${p.package_id}/**`];
    p.locks.keys = p.package_id === 'wp-data' ? ['feature:export:wp-data'] : [`feature:search:${p.package_id}`];
  });
  const approveSearch = decideOn(repo, 'add-task-search');
  const partial = await approveSearch();
  assert.equal(partial.verdict, 'PARTIAL');
  assert.match(partial.refused!, /^approval refused: PARTIAL \(1 of 5 packages conflict: wp-data\): .*the unarchived change add-task-export /);

  // A change whose packages share nothing with the others is approved without acknowledgement.
  writeChange(repo, 'add-task-colors', (p) => {
    p.scope.write_allow = [`web/colors/${p.package_id}/**`];
    p.locks.keys = [`feature:colors:${p.package_id}`];
  });
  const free = await decideOn(repo, 'add-task-colors')();
  assert.equal(free.refused, undefined);
  assert.equal(JSON.parse(readFileSync(join(repo, 'openspec/changes/add-task-colors/handoff.json'), 'utf8')).conflicts_acknowledged, false);
});
