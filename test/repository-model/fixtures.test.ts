/**
 * The repository model built with the real parsers (tree-sitter, Prisma's schema engine,
 * PostgreSQL's parser) on three small repositories written in the shapes of real ones
 * (test/fixtures/repos/*, each described in its FIXTURE.md): a FastAPI + SQLModel + alembic
 * backend with a React client, a Next.js app-router app with Prisma, and a Go service with gin
 * route groups and GORM. It must find what they declare: routes with full paths, entities with
 * fields and relations, migrations and how the next is named, runners and what they collect,
 * and the role of every file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherModel, readModel } from '../../src/activities/context/model-facet.js';
import { collectedBy } from '../../src/domain/repository-model/test-runners.js';
import type { RepositoryModel } from '../../src/domain/repository-model/types.js';
import { fixtureRepo } from '../helpers/authoring.js';

async function modelOf(name: Parameters<typeof fixtureRepo>[0]): Promise<RepositoryModel> {
  const repoDir = await fixtureRepo(name);
  const result = await gatherModel({ facet: 'model', repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-model-')), request: 'x' });
  return readModel(result.ref);
}

const routes = (m: RepositoryModel) => m.routes.map((r) => `${r.method} ${r.path}`).sort();
const entity = (m: RepositoryModel, name: string) => {
  const e = m.entities.find((x) => x.name === name);
  assert.ok(e, `entity ${name} among ${m.entities.map((x) => x.name).join(', ')}`);
  return e;
};

test('FastAPI + SQLModel: router prefixes, include_router chains and settings constants resolve to full paths; table models only', async () => {
  const m = await modelOf('fastapi-sqlmodel');
  assert.deepEqual(routes(m), [
    'DELETE /api/v1/items/{id}',
    'GET /api/v1/items/',
    'GET /api/v1/items/{id}',
    'GET /api/v1/users/',
    'GET /api/v1/users/me',
    'GET /api/v1/users/{user_id}',
    'POST /api/v1/items/',
    'POST /api/v1/login/access-token',
    'POST /api/v1/users/',
    'PUT /api/v1/items/{id}',
  ]);
  const read = m.routes.find((r) => r.method === 'GET' && r.path === '/api/v1/items/')!;
  assert.equal(read.file, 'backend/app/api/routes/items.py');
  assert.equal(read.handler, 'read_items');
  assert.deepEqual(read.params, ['skip', 'limit']);
  // SQLModel: only table=True classes are entities; fields inherited from ItemBase are included.
  assert.deepEqual(m.entities.map((e) => e.name).sort(), ['Item', 'User']);
  const item = entity(m, 'Item');
  assert.equal(item.table, 'item');
  assert.equal(item.file, 'backend/app/models.py');
  for (const f of ['id', 'title', 'description', 'created_at', 'owner_id']) assert.ok(item.fields.some((x) => x.name === f), `Item.${f}`);
  assert.equal(item.fields.find((f) => f.name === 'id')?.primaryKey, true);
  assert.equal(item.fields.find((f) => f.name === 'owner_id')?.references, 'user.id');
  assert.deepEqual(item.relations, [{ name: 'owner', target: 'User', many: false }]);
  assert.deepEqual(entity(m, 'User').relations, [{ name: 'items', target: 'Item', many: true }]);
  assert.deepEqual(m.conventions, { prefix: '/api/v1', plural: true, idStyle: '{id}', errorShape: 'detail', pagination: ['skip', 'limit'], trailingSlash: false });
  const alembic = m.migrations.find((t) => t.tool === 'alembic');
  assert.equal(alembic?.dir, 'backend/app/alembic/versions');
  assert.equal(alembic?.head, '9c0a54914c78', 'the head is the revision no other names as down_revision');
  assert.equal(alembic?.next, 'backend/app/alembic/versions/<revision>_<name>.py');
  const pytest = m.tests.find((t) => t.runner === 'pytest')!;
  assert.equal(pytest.root, 'backend');
  assert.equal(pytest.command, 'cd backend && pytest tests');
  assert.deepEqual(collectedBy('backend/tests/api/routes/test_items.py', m.tests).map((r) => r.runner), ['pytest']);
  assert.deepEqual(collectedBy('backend/app/api/routes/test_items.py', m.tests), [], 'pytest collects only its testpaths');
  assert.deepEqual(collectedBy('frontend/src/utils.test.ts', m.tests).map((r) => r.runner), ['vitest']);
  assert.deepEqual(collectedBy('frontend/tests/items.spec.ts', m.tests).map((r) => r.runner), ['playwright']);
  // Roles: the OpenAPI client and the route tree are generated; locale files are locale files.
  for (const f of ['frontend/src/client/sdk.gen.ts', 'frontend/src/client/types.gen.ts', 'frontend/src/routeTree.gen.ts']) assert.equal(m.roles[f], 'generated', f);
  assert.equal(m.roles['frontend/src/locales/de.json'], 'locale');
  assert.equal(m.roles['backend/app/alembic/versions/e2412789c190_initialize_models.py'], 'migration');
  assert.equal(m.roles['backend/app/api/routes/items.py'], 'source');
  // Pages of the file-system router, and the UI reaching the API through the generated client.
  assert.ok(m.pages.some((p) => p.path === '/items' && p.file === 'frontend/src/routes/_layout/items.tsx'));
  assert.ok(m.uiCalls.some((c) => c.route === 'GET /api/v1/items/'));
  // The reference graph: the items route module imports the models and the crud module.
  const edge = (a: string, b: string) => m.graph.edges.some(([x, y]) => m.graph.nodes[x] === a && m.graph.nodes[y] === b);
  assert.ok(edge('backend/app/api/routes/items.py', 'backend/app/models.py'));
  assert.ok(edge('backend/app/main.py', 'backend/app/api/main.py'));
});

test('Next.js app router + Prisma: route handlers from folders, pages, Prisma models with table maps and relations, migrations', async () => {
  const m = await modelOf('next-prisma');
  assert.deepEqual(routes(m), [
    'DELETE /api/posts/{id}',
    'GET /api/health',
    'GET /api/posts',
    'GET /api/posts/{id}',
    'GET /api/posts/{id}/comments',
    'PATCH /api/posts/{id}',
    'POST /api/posts',
    'POST /api/posts/{id}/comments',
  ]);
  assert.equal(m.routes.find((r) => r.path === '/api/posts/{id}' && r.method === 'PATCH')?.file, 'app/api/posts/[id]/route.ts');
  assert.deepEqual(
    m.pages.filter((p) => p.framework === 'nextjs').map((p) => p.path).sort(),
    ['/', '/login', '/posts', '/posts/new', '/posts/{id}'],
    'route groups like (auth) are not part of the URL',
  );
  const post = entity(m, 'Post');
  assert.equal(post.source, 'prisma');
  assert.equal(post.table, 'posts');
  assert.equal(post.file, 'prisma/schema.prisma');
  assert.ok(post.fields.some((f) => f.name === 'authorId'));
  assert.deepEqual(post.relations.map((r) => `${r.name}:${r.target}${r.many ? '[]' : ''}`).sort(), ['author:User', 'comments:Comment[]']);
  assert.equal(m.entities.filter((e) => e.source === 'sql').length, 0, 'migrated tables the Prisma schema models are not listed twice');
  const prisma = m.migrations.find((t) => t.tool === 'prisma');
  assert.equal(prisma?.next, 'prisma/migrations/<timestamp>_<name>/migration.sql');
  assert.equal(prisma?.count, 2);
  assert.deepEqual(collectedBy('tests/unit/comments.test.ts', m.tests).map((r) => r.runner), ['vitest']);
  assert.deepEqual(collectedBy('lib/comments.test.ts', m.tests), [], 'vitest includes only tests/unit');
  for (const f of ['messages/en.json', 'messages/de.json', 'messages/fr.json']) assert.equal(m.roles[f], 'locale', f);
  assert.ok(m.uiCalls.some((c) => c.file === 'components/PostList.tsx' && c.route === 'GET /api/posts'));
});

test('Go + gin + GORM: nested route groups, handlers, GORM structs with TableName, golang-migrate numbering, go test packages', async () => {
  const m = await modelOf('go-gin-gorm');
  assert.deepEqual(routes(m), [
    'DELETE /api/v1/repos/{owner}/{name}',
    'GET /',
    'GET /api/v1/repos',
    'GET /api/v1/repos/{owner}/{name}',
    'GET /api/v1/repos/{owner}/{name}/issues',
    'GET /api/v1/users/{username}',
    'GET /{owner}/{name}',
    'PATCH /api/v1/repos/{owner}/{name}/issues/{index}',
    'POST /api/v1/repos',
    'POST /api/v1/repos/{owner}/{name}/issues',
  ]);
  assert.equal(m.routes.find((r) => r.path === '/api/v1/repos' && r.method === 'GET')?.handler, 'handlers.ListRepos');
  const repo = entity(m, 'Repository');
  assert.equal(repo.table, 'repositories', 'TableName() decides');
  assert.equal(entity(m, 'User').table, 'users', "GORM's default: snake case, plural");
  assert.deepEqual(repo.fields.map((f) => f.name), ['id', 'owner_id', 'name', 'description', 'is_private', 'stars', 'created_at', 'updated_at']);
  assert.deepEqual(repo.relations, [{ name: 'Owner', target: 'User', many: false }]);
  assert.deepEqual(entity(m, 'User').relations, [{ name: 'Repos', target: 'Repository', many: true }]);
  const migrate = m.migrations.find((t) => t.tool === 'golang-migrate');
  assert.equal(migrate?.next, 'migrations/000004_<name>.up.sql');
  assert.equal(m.conventions.prefix, '/api/v1');
  assert.equal(m.conventions.errorShape, 'message');
  assert.deepEqual(m.tests.map((t) => `${t.runner}:${t.command}`), ['go:go test ./...']);
  assert.equal(m.roles['options/locale/locale_de-DE.ini'], 'locale');
  assert.equal(m.roles['templates/repo/home.tmpl'], 'template');
  // Handlers are reached through their package: routes.go imports internal/handlers.
  const reaches = m.graph.edges.some(([a, b]) => m.graph.nodes[a] === 'internal/routes/routes.go' && m.graph.nodes[b] === 'pkg:internal/handlers');
  assert.ok(reaches);
});
