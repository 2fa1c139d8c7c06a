/**
 * The fit checks of step 6 on real plans of the fixture repositories (context with the repository
 * model, the rule-based author, packaging, the contract): the plans pass every check, and each
 * check fails on a copy of a plan that breaks the property it guards, naming what is wrong.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { readModel, repositorySlice } from '../../src/activities/context/model-facet.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { deriveChangeId } from '../../src/domain/change-id.js';
import { buildOpenApi } from '../../src/domain/contracts/openapi.js';
import { FIT_CHECKS, fitChecks, type FitInput } from '../../src/domain/fit/checks.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { numberTasks } from '../../src/domain/plan/task-groups.js';
import { fixtureRepo } from '../helpers/authoring.js';

async function plan(fixture: Parameters<typeof fixtureRepo>[0], request: string): Promise<FitInput> {
  const repoDir = await fixtureRepo(fixture);
  const changeId = deriveChangeId(request, []);
  const context = await gatherContextInProcess({ repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-fit-')), request, changeId });
  const repository = await repositorySlice(context);
  const draft = ruleBasedDraft({ request, context, changeId, revision: 1, feedback: [], ...(repository ? { repository } : {}) });
  const { doc } = generateWorkPackages({ draft, context, planRevision: 1, contractsRevision: 1 });
  const model = await readModel(context.facets.find((f) => f.facet === 'model')!.ref);
  return { draft, doc, openapi: buildOpenApi(draft), boundaries: context.boundaries, model, exists: (p) => existsSync(join(repoDir, p)) };
}

const failing = (input: FitInput) => fitChecks(input).filter((c) => !c.passed);
const only = (input: FitInput, name: string): string[] => {
  const bad = failing(input);
  assert.deepEqual(bad.map((c) => c.name), [name], JSON.stringify(bad, null, 1));
  return bad[0]!.issues;
};
const copy = (input: FitInput): FitInput => ({ ...input, draft: structuredClone(input.draft), doc: structuredClone(input.doc), openapi: structuredClone(input.openapi) });

const PLANS: Array<[Parameters<typeof fixtureRepo>[0], string]> = [
  ['fastapi-sqlmodel', 'let users tag items: store tags in a tags table linked to items, add API endpoints to create, list and delete tags'],
  ['fastapi-sqlmodel', 'change the endpoint that lists items so that it accepts an optional search query'],
  ['next-prisma', 'add tags to posts: store tags in the database and filter the post list by tag'],
  ['go-gin-gorm', 'let users filter the repository list by owner and star a repository through the API'],
  ['go-gin-gorm', 'show the number of open issues on the repository page'],
];

describe('plans of the rule-based author pass every fit check', () => {
  for (const [fixture, request] of PLANS) {
    it(`${fixture}: ${request}`, async () => {
      const p = await plan(fixture, request);
      assert.deepEqual(failing(p), []);
    });
  }
});

describe('each fit check fails on a plan that breaks it', () => {
  let base: FitInput;
  before(async () => {
    base = await plan('fastapi-sqlmodel', PLANS[0]![1]);
    assert.deepEqual(failing(base), [], 'the plan the cases start from passes');
  });

  it('a task naming a file outside its package', () => {
    const p = copy(base);
    const code = p.draft.tasks.find((t) => t.kind === 'code' && t.boundary !== 'contracts' && t.boundary !== 'integration')!;
    code.files.push('frontend/src/main.tsx');
    const issues = only(p, FIT_CHECKS.tasks);
    assert.ok(issues.some((i) => i.includes('frontend/src/main.tsx') && i.includes('outside')), issues.join('\n'));
  });

  it('a scenario expecting a status the contract does not answer, and an operation no scenario sends', () => {
    const p = copy(base);
    const sc = p.draft.capabilities.flatMap((c) => c.requirements.flatMap((r) => r.scenarios)).find((s) => /sends POST/.test(s.when))!;
    sc.then = 'the service responds with status 418 and the created tag';
    let issues = only(p, FIT_CHECKS.scenarios);
    assert.ok(issues.some((i) => /expects status 418/.test(i)), issues.join('\n'));
    const q = copy(base);
    for (const c of q.draft.capabilities) for (const r of c.requirements) for (const s of r.scenarios) if (/sends DELETE/.test(s.when)) s.when = 'a client removes a tag';
    issues = only(q, FIT_CHECKS.scenarios);
    assert.ok(issues.some((i) => /DELETE .*: no scenario .*sends it/.test(i)), issues.join('\n'));
    // A capability told in prose only (a person's brief) is not read for calls: nothing to match.
    const r = copy(base);
    for (const c of r.draft.capabilities) for (const q2 of c.requirements) for (const s of q2.scenarios) s.when = s.when.replace(/\b(GET|POST|PUT|PATCH|DELETE)\s+\/\S*/g, 'a request');
    assert.deepEqual(failing(r).map((c) => c.name), []);
  });

  it('an entity, a field or a route the repository has, added again; a task editing an existing migration', () => {
    const p = copy(base);
    const item = p.draft.entities.find((e) => e.name === 'Item')!;
    delete item.existing;
    let issues = only(p, FIT_CHECKS.readded);
    assert.ok(issues.some((i) => /entity Item .*backend\/app\/models\.py/.test(i)), issues.join('\n'));
    const q = copy(base);
    q.draft.operations.push({ operationId: 'readItemsAgain', method: 'GET', path: '/api/v1/items/', summary: 'List items', parameters: [], responseList: true, auth: false });
    issues = only(q, FIT_CHECKS.readded);
    assert.ok(issues.some((i) => /GET \/api\/v1\/items\/ is new/.test(i)), issues.join('\n'));
    const r = copy(base);
    r.draft.tasks.find((t) => t.kind === 'code')!.files.push('backend/app/alembic/versions/e2412789c190_initialize_models.py');
    issues = failing(r).flatMap((c) => c.issues);
    assert.ok(issues.some((i) => /edits backend\/app\/alembic\/versions\/e2412789c190_initialize_models\.py, an existing migration/.test(i)), issues.join('\n'));
  });

  it('a new test no runner collects, and a package running another boundary\'s command', () => {
    const p = copy(base);
    const t = p.draft.tasks.find((x) => x.kind === 'test' && x.boundary !== 'integration')!;
    t.files.push('backend/app/api/routes/test_tags.py');
    const owner = p.doc.packages.find((x) => (x.inputs as { tasks?: string[] }).tasks?.includes(numberTasks(p.draft).find((n) => n.title === t.title)!.id))!;
    owner.scope.write_allow.push('backend/app/api/routes/test_tags.py');
    let issues = only(p, FIT_CHECKS.tests);
    assert.ok(issues.some((i) => /test_tags\.py, which no test runner/.test(i)), issues.join('\n'));
    const q = copy(base);
    const zone = q.doc.packages.find((x) => !['wp-contracts', 'wp-integration'].includes(x.package_id))!;
    zone.verification.steps.push({ name: 'tests: frontend', kind: 'command', command: 'cd frontend && npm test', evidence: { artifacts: [], result_keys: ['x'] } });
    issues = only(q, FIT_CHECKS.tests);
    assert.ok(issues.some((i) => /runs `cd frontend && npm test`/.test(i)), issues.join('\n'));
  });

  it('a write scope holding generated files, unless the request is about them', () => {
    const p = copy(base);
    p.doc.packages.find((x) => !['wp-contracts', 'wp-integration'].includes(x.package_id))!.scope.write_allow.push('frontend/src/client/**');
    const issues = only(p, FIT_CHECKS.roles);
    assert.ok(issues.some((i) => /sdk\.gen\.ts \(generated\)/.test(i)), issues.join('\n'));
    const asked = copy(p);
    asked.draft.request = `${asked.draft.request}, and regenerate the API client`;
    assert.deepEqual(failing(asked), []);
  });
});
