/**
 * Golden files: the full work-packages.yaml and "Why not parallel" section of the labels feature,
 * committed so any change to the planner's output shows up as a reviewable diff.
 * Regenerate with UPDATE_GOLDEN=1 after an intended change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/config/paths.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { toWorkPackagesYaml } from '../../src/domain/plan/serialize.js';
import { renderPackagesMermaid, renderWhyNotParallel } from '../../src/domain/plan/why-not-parallel.js';
import { labelsFeature } from '../helpers/plan-fixtures.js';

const goldenDir = join(projectRoot, 'test/plan/golden');

function compareGolden(name: string, actual: string): void {
  const path = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
}

test('labels feature: work-packages.yaml, why-not-parallel and the package graph match the golden files', () => {
  const { draft, context } = labelsFeature();
  const { doc, report } = generateWorkPackages({ draft, context, planRevision: 1, contractsRevision: 1, createdAt: '2026-11-25T08:00:00Z' });
  compareGolden('labels.work-packages.yaml', toWorkPackagesYaml(doc));
  compareGolden('labels.why-not-parallel.md', `${renderWhyNotParallel(report)}\n${renderPackagesMermaid(doc)}`);
});
