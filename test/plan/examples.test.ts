/**
 * Work packages for the shipped example repositories, from the REAL context gatherer (all four
 * facets in process) and the real rule-based author with the shipped briefs, plus a small
 * hand-written draft over the gathered boundaries.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { createRuleBasedAuthor } from '../../src/authors/rule-based.js';
import { projectRoot } from '../../src/config/paths.js';
import type { ContextSummary } from '../../src/domain/context/types.js';
import type { PlanDraft } from '../../src/domain/draft.js';
import { parseBrief } from '../../src/domain/brief.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { newFileGlob } from '../../src/domain/plan/impact-scope.js';
import { toWorkPackagesYaml } from '../../src/domain/plan/serialize.js';
import { checkTraceability } from '../../src/domain/plan/traceability.js';
import { renderWhyNotParallel } from '../../src/domain/plan/why-not-parallel.js';
import { parseWorkPackagesYaml } from '../../src/domain/workpackages/parse.js';
import { validateWorkPackages } from '../../src/domain/workpackages/validate.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { capability, draft, pkg, ref, requirement, task, validatorFindings } from '../helpers/plan-fixtures.js';

const cleanup: string[] = [];
after(() => cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function realContext(example: string, request: string, changeId: string): Promise<ContextSummary> {
  const repoDir = await prepareExample(example);
  const runDir = mkdtempSync(join(tmpdir(), 'pp-plan-run-'));
  cleanup.push(dirname(repoDir), runDir);
  return gatherContextInProcess({ repoDir, runDir, request, changeId });
}

function briefOf(file: string) {
  const parsed = parseBrief(readFileSync(join(projectRoot, 'examples/briefs', file), 'utf8'));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.brief;
}

/**
 * Every write glob is one the context gave: a boundary's glob, a hub file, a file the impact
 * analysis ranked (or its folder), a new file it named in the repository's conventions, a file a
 * task names, or the contracts.
 */
function assertRealScopes(doc: ReturnType<typeof generateWorkPackages>['doc'], context: ContextSummary, d: PlanDraft): void {
  const impacted = context.impact?.files ?? [];
  const real = new Set([
    ...context.boundaries.flatMap((b) => b.globs),
    ...context.hubFiles,
    ...d.tasks.flatMap((t) => t.files),
    ...context.topFiles.map((f) => f.path),
    ...impacted.filter((f) => f.level !== 'new').flatMap((f) => [f.path, `${f.path.slice(0, f.path.lastIndexOf('/'))}/**`]),
    ...impacted.filter((f) => f.level === 'new').map((f) => newFileGlob(f.path, d.changeId)),
    `openspec/changes/${d.changeId}/contracts/**`,
  ]);
  for (const p of doc.packages) {
    for (const glob of p.scope.write_allow) assert.ok(real.has(glob), `${p.package_id} writes ${glob}, which the context does not have`);
  }
}

function assertWrittenFileValid(repoDir: string, changeId: string, yaml: string): void {
  const path = join(repoDir, 'openspec/changes', changeId, 'work-packages.yaml');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, yaml);
  const reread = parseWorkPackagesYaml(readFileSync(path, 'utf8'), path);
  for (const globMode of ['compat', 'exact'] as const) {
    const result = validateWorkPackages(reread, { checkOverlap: true, globMode, file: path });
    assert.equal(result.valid, true, JSON.stringify(result.checks));
  }
}

describe('examples/taskboard', () => {
  it('the shipped brief, authored by the rule-based author, packages into valid parallel work', async () => {
    const changeId = 'add-task-comments';
    const context = await realContext('taskboard', 'Let users comment on tasks', changeId);
    const brief = briefOf('taskboard-comments.yaml');
    const d = await createRuleBasedAuthor().draft({ request: 'Let users comment on tasks', brief, context, changeId, revision: 1 });
    const { doc, report } = generateWorkPackages({ draft: d, context, planRevision: 1, contractsRevision: 1 });
    assert.deepEqual(validatorFindings(doc), []);
    assert.deepEqual(checkTraceability(d, doc), []);
    assertRealScopes(doc, context, d);
    assert.equal(doc.packages[0]!.package_id, 'wp-contracts');
    assert.equal(doc.packages.at(-1)!.package_id, 'wp-integration');
    // The endpoints of the brief are implemented by the backend package, with canonical keys.
    const backend = pkg(doc, 'wp-backend');
    for (const op of d.operations) assert.ok(backend.locks.keys.includes(`api:${op.method} ${op.path}`), `${op.method} ${op.path}`);
    // The example carries a change in flight that writes src/server/**: the collision is reported.
    assert.ok(report.inFlight.some((c) => c.packageId === 'wp-backend' && c.changeId === 'add-task-labels'), JSON.stringify(report.inFlight));
    assert.match(renderWhyNotParallel(report), /add-task-labels/);
    assertWrittenFileValid(context.repoDir, changeId, toWorkPackagesYaml(doc));
  });

  it('a small API + UI draft over the gathered boundaries runs backend and frontend in parallel', async () => {
    const changeId = 'add-task-priority';
    const context = await realContext('taskboard', 'Let users set a task priority', changeId);
    const ids = context.boundaries.map((b) => b.id);
    assert.ok(ids.includes('backend') && ids.includes('frontend'), ids.join(', '));
    const cap = 'task-priority';
    const refs = [ref(cap, 'Set priority', 'set high'), ref(cap, 'Set priority', 'show badge')];
    const d = draft({
      changeId,
      capabilities: [capability(cap, [requirement('Set priority', ['set high', 'show badge'])])],
      operations: [{ operationId: 'setTaskPriority', method: 'PUT', path: '/tasks/{taskId}/priority', summary: 'Set priority' }],
      tasks: [task('backend', 'Implement setTaskPriority', [refs[0]!]), task('frontend', 'Priority badge on task cards', [refs[1]!])],
    });
    const { doc } = generateWorkPackages({ draft: d, context, planRevision: 1, contractsRevision: 1 });
    assert.deepEqual(validatorFindings(doc), []);
    assertRealScopes(doc, context, d);
    assert.deepEqual(pkg(doc, 'wp-backend').depends_on, ['wp-contracts']);
    assert.deepEqual(pkg(doc, 'wp-frontend').depends_on, ['wp-contracts']);
    assert.equal(pkg(doc, 'wp-backend').verification.tier_required, 'A');
    // The root manifest and lockfile serve both: the backend owns them, the frontend keeps out.
    assert.ok(pkg(doc, 'wp-backend').locks.files.includes('package.json'));
    assert.ok(pkg(doc, 'wp-frontend').scope.deny?.includes('package.json'));
  });
});

describe('examples/pantry-py', () => {
  it('the shipped brief packages into valid work with real Python test commands', async () => {
    const changeId = 'add-stock-history';
    const context = await realContext('pantry-py', 'Keep a history of stock changes', changeId);
    const brief = briefOf('pantry-stock-history.yaml');
    const d = await createRuleBasedAuthor().draft({ request: 'Keep a history of stock changes', brief, context, changeId, revision: 1 });
    const { doc } = generateWorkPackages({ draft: d, context, planRevision: 1, contractsRevision: 1 });
    assert.deepEqual(validatorFindings(doc), []);
    assert.deepEqual(checkTraceability(d, doc), []);
    assertRealScopes(doc, context, d);
    const commands = doc.packages.flatMap((p) => p.verification.steps.flatMap((s) => (s.command ? [s.command] : [])));
    for (const command of commands.filter((c) => !c.includes('openspec'))) {
      assert.ok(context.testCommands.includes(command) || context.boundaries.some((b) => b.testCommand === command), `${command} is not a test command of the repository`);
    }
    const tables = doc.packages.flatMap((p) => p.locks.keys.filter((k) => k.startsWith('db:schema:')));
    assert.deepEqual(tables, d.entities.map((e) => `db:schema:${e.table}`));
    assertWrittenFileValid(context.repoDir, changeId, toWorkPackagesYaml(doc));
  });
});
