/**
 * Impact analysis and the plans built on it, on the three fixture repositories (real context
 * gathering with the repository model, the rule-based author, packaging), asserting properties a
 * reviewer relies on rather than phrasings:
 * - a change to an existing field or route reaches its model, its handler and its tests;
 * - no write scope holds a generated or a locale file (a generated one only as the output of a
 *   codegen source the change edits, see generated-outputs.test.ts);
 * - a new test file in a scope is one the repository's runner collects;
 * - each package but wp-integration runs only the test commands of the boundaries it writes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { deriveChangeId } from '../../src/domain/change-id.js';
import type { ContextSummary } from '../../src/domain/context/types.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { INTEGRATION_PACKAGE_ID } from '../../src/domain/plan/packaging-defaults.js';
import { matchesAnyGlob } from '../../src/domain/repository-model/glob-match.js';
import { collectedBy } from '../../src/domain/repository-model/test-runners.js';
import type { RepositoryModel } from '../../src/domain/repository-model/types.js';
import { fixtureRepo } from '../helpers/authoring.js';

type Fixture = Parameters<typeof fixtureRepo>[0];

interface Planned {
  repoDir: string;
  context: ContextSummary;
  model: RepositoryModel;
  doc: ReturnType<typeof generateWorkPackages>['doc'];
}

const repos = new Map<Fixture, Promise<string>>();
const repoOf = (f: Fixture): Promise<string> => {
  if (!repos.has(f)) repos.set(f, fixtureRepo(f));
  return repos.get(f)!;
};

async function plan(fixture: Fixture, request: string): Promise<Planned> {
  const repoDir = await repoOf(fixture);
  const changeId = deriveChangeId(request, []);
  const context = await gatherContextInProcess({ repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-impact-')), request, changeId });
  const model = JSON.parse(readFileSync(context.facets.find((f) => f.facet === 'model')!.ref.path, 'utf8')) as RepositoryModel;
  const draft = ruleBasedDraft({ request, context, changeId, revision: 1, feedback: [] });
  const { doc } = generateWorkPackages({ draft, context, planRevision: 1, contractsRevision: 1 });
  return { repoDir, context, model, doc };
}

const reached = (p: Planned): Set<string> => new Set((p.context.impact?.files ?? []).filter((f) => f.level !== 'new').map((f) => f.path));

const changes: Array<{ fixture: Fixture; request: string; reaches: string[] }> = [
  {
    fixture: 'fastapi-sqlmodel',
    request: 'fix the bug where updating an item with a null title returns a 500 instead of a validation error',
    reaches: ['backend/app/models.py', 'backend/app/api/routes/items.py', 'backend/tests/api/routes/test_items.py'],
  },
  {
    fixture: 'fastapi-sqlmodel',
    request: 'let the endpoint that lists items accept an optional search query on the item title',
    reaches: ['backend/app/api/routes/items.py', 'backend/app/models.py', 'backend/tests/api/routes/test_items.py'],
  },
  {
    fixture: 'next-prisma',
    request: 'only list published posts in the posts API unless the author asks for drafts',
    reaches: ['app/api/posts/route.ts', 'lib/posts.ts', 'tests/unit/posts.test.ts'],
  },
  {
    fixture: 'go-gin-gorm',
    request: 'let repository owners star a repository: count stars on the repository and add an endpoint that stars it',
    reaches: ['internal/models/repository.go', 'internal/handlers/repos.go', 'internal/handlers/repos_test.go'],
  },
  {
    fixture: 'go-gin-gorm',
    request: 'closing an issue through the issue edit endpoint should record who closed it',
    reaches: ['internal/models/issue.go', 'internal/handlers/issues.go', 'internal/handlers/issues_test.go'],
  },
];

const requests: Array<{ fixture: Fixture; request: string }> = [
  ...changes,
  { fixture: 'fastapi-sqlmodel', request: 'let users archive items instead of deleting them, hide archived items by default and add a filter to show them on the items page' },
  { fixture: 'fastapi-sqlmodel', request: 'show each item\'s creation date in the items table' },
  { fixture: 'next-prisma', request: 'a weekly email digest of new comments on a user\'s posts' },
  { fixture: 'next-prisma', request: 'add tags to posts: store tags in the database, let authors attach tags when they create a post and filter the post list by tag' },
  { fixture: 'go-gin-gorm', request: 'show the number of open issues on the repository page' },
];

describe('impact reaches the model, handler and tests of an existing field or route', () => {
  for (const c of changes) {
    it(`${c.fixture}: ${c.request}`, async () => {
      const p = await plan(c.fixture, c.request);
      const set = reached(p);
      for (const f of c.reaches) assert.ok(set.has(f), `${f} is in the impact set (${[...set].slice(0, 12).join(', ')})`);
      // ... and the plan's packages (but integration) may write them.
      const scopes = p.doc.packages.filter((x) => x.package_id !== INTEGRATION_PACKAGE_ID).flatMap((x) => x.scope.write_allow);
      for (const f of c.reaches) assert.ok(matchesAnyGlob(f, scopes), `${f} is writable by a package (${scopes.join(', ')})`);
    });
  }
});

describe('plans on the model keep to what a reviewer expects', () => {
  for (const r of requests) {
    it(`${r.fixture}: ${r.request}`, async () => {
      const p = await plan(r.fixture, r.request);
      const files = Object.keys(p.model.roles);
      for (const pkg of p.doc.packages) {
        const scope = pkg.scope.write_allow;
        // No write scope holds a generated or a locale file.
        const bad = files.filter((f) => (p.model.roles[f] === 'generated' || p.model.roles[f] === 'locale') && matchesAnyGlob(f, scope));
        assert.deepEqual(bad, [], `${pkg.package_id} may write generated or locale files`);
        // Existing migrations are history: no package but integration writes one.
        if (pkg.package_id !== INTEGRATION_PACKAGE_ID) {
          const history = files.filter((f) => p.model.roles[f] === 'migration' && matchesAnyGlob(f, scope));
          assert.deepEqual(history, [], `${pkg.package_id} may edit existing migrations`);
        }
        // A new test file named in a scope is collected by the repository's runner.
        for (const g of scope) {
          const isNewTest = !/[*?[{]/.test(g) && !existsSync(join(p.repoDir, g)) && /(^|\/)test_[^/]*\.py$|_test\.go$|\.(test|spec)\.[cm]?[jt]sx?$/.test(g);
          if (isNewTest) assert.ok(collectedBy(g, p.model.tests).length > 0, `${pkg.package_id}: new test ${g} is collected by a runner`);
        }
      }
      // Each package but integration runs only the commands of the boundaries it writes.
      for (const pkg of p.doc.packages.filter((x) => x.package_id !== INTEGRATION_PACKAGE_ID && x.role !== 'contracts')) {
        const commands = pkg.verification.steps.filter((s) => s.kind === 'command' && !/openspec/.test(s.command ?? '')).map((s) => s.command!);
        const writes = pkg.scope.write_allow;
        const allowed = new Set(
          p.context.boundaries
            .filter((b) => files.some((f) => matchesAnyGlob(f, b.globs) && matchesAnyGlob(f, writes)))
            .flatMap((b) => (b.testCommand ? [b.testCommand] : [])),
        );
        for (const c of commands) assert.ok(allowed.has(c), `${pkg.package_id} runs ${c}, not a command of the boundaries it writes (${[...allowed].join(', ')})`);
      }
    });
  }
});
