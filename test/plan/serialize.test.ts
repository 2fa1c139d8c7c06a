import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { toWorkPackagesYaml } from '../../src/domain/plan/serialize.js';
import type { WorkPackagesDoc } from '../../src/domain/workpackages/types.js';
import { parseWorkPackagesYaml } from '../../src/domain/workpackages/parse.js';
import { validateWorkPackages } from '../../src/domain/workpackages/validate.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { projectRoot } from '../../src/config/paths.js';
import { boundary, capability, context, draft, labelsFeature, requirement, task } from '../helpers/plan-fixtures.js';

// ajv-formats is CommonJS with `exports.default`; NodeNext sees the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

function generated(): WorkPackagesDoc {
  const { draft, context } = labelsFeature();
  return generateWorkPackages({ draft, context, planRevision: 1, contractsRevision: 1 }).doc;
}

test('YAML round-trips to the same document and passes the validator after parsing', () => {
  const doc = generated();
  const text = toWorkPackagesYaml(doc);
  assert.deepEqual(parse(text), doc);
  const reread = parseWorkPackagesYaml(text);
  assert.equal(validateWorkPackages(reread, { checkOverlap: true, globMode: 'exact' }).valid, true);
});

test('keys follow the format document order whatever order the object was built in', () => {
  const doc = generated();
  const shuffled = {
    packages: doc.packages.map((p) => Object.fromEntries(Object.entries(p).reverse())),
    defaults: doc.defaults,
    contracts: doc.contracts,
    feature: { plan_revision: doc.feature.plan_revision, id: doc.feature.id },
    schema_version: 1,
  } as unknown as WorkPackagesDoc;
  const text = toWorkPackagesYaml(shuffled);
  const topKeys = text.split('\n').filter((l) => /^[a-z_]+:/.test(l)).map((l) => l.split(':')[0]);
  assert.deepEqual(topKeys, ['schema_version', 'feature', 'contracts', 'defaults', 'packages']);
  assert.match(text, /^feature:\n {2}id: add-task-labels\n {2}plan_revision: 1\n/m);
  const packageKeys = text
    .slice(text.indexOf('\npackages:\n'))
    .split('\n')
    .filter((l) => /^ {2}(- | {2})[a-z_]+:/.test(l))
    .slice(0, 8)
    .map((l) => l.trim().replace(/^- /, '').split(':')[0]);
  assert.deepEqual(packageKeys, ['package_id', 'task_type', 'description', 'depends_on', 'priority', 'locks', 'scope', 'worktree']);
});

test('no anchors or aliases even when objects are shared, and long commands stay on one line', () => {
  const doc = generated();
  const shared = ['**'];
  for (const p of doc.packages) p.scope.read_allow = shared;
  const longCommand = `npm run test -- ${'--grep very-long-pattern '.repeat(12)}`.trim();
  doc.packages[1]!.verification.steps[0]!.command = longCommand;
  const text = toWorkPackagesYaml(doc);
  assert.ok(!/[&*][a-z0-9]+\s*$/m.test(text.replace(/"\*\*"/g, '')), 'no anchors/aliases');
  assert.ok(text.split('\n').some((l) => l.trim() === `command: ${longCommand}`));
});

test('written YAML conforms to the committed JSON Schema (ajv, draft 2020-12), split and single-package alike', () => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(projectRoot, 'schemas/work-packages.schema.json'), 'utf8')) as object);
  const { draft: labels, context: labelsContext } = labelsFeature();
  const docsOnly = draft({
    capabilities: [capability('guide', [requirement('Explain', ['read it'])])],
    tasks: [task('docs', 'Write the guide', ['guide/Explain/read it'], { kind: 'docs' })],
  });
  const docs = [
    generateWorkPackages({ draft: labels, context: labelsContext, planRevision: 3, contractsRevision: 2, createdAt: '2026-11-25T08:00:00Z' }).doc,
    generateWorkPackages({ draft: docsOnly, context: context({ boundaries: [boundary('docs', 'docs', ['docs/**'])] }), planRevision: 1, contractsRevision: 1 }).doc,
  ];
  for (const doc of docs) {
    const ok = validate(parse(toWorkPackagesYaml(doc)));
    assert.ok(ok, JSON.stringify(validate.errors));
  }
});
