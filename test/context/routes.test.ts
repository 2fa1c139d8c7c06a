/** HTTP route extraction (pure) and the `apiRoutes` of the gathered context on the examples. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { routePrefix } from '../../src/domain/author/signals.js';
import { extractOperations, extractRoutes } from '../../src/domain/context/routes.js';
import { exampleRepo } from './example-repos.js';

describe('extractRoutes', () => {
  it('reads router calls in TypeScript and JavaScript, with :params as {params}', () => {
    const ts = `router.add('GET', '/api/tasks', h).add('PATCH', '/api/tasks/:id/status', h);\napp.get("/healthz", h); import x from './x.js';`;
    assert.deepEqual(extractRoutes('src/routes/tasks.ts', ts), ['/api/tasks', '/api/tasks/{id}/status', '/healthz']);
  });
  it('joins FastAPI decorator paths with the router prefix', () => {
    const py = `router = APIRouter(prefix="/items", tags=["x"])\n\n@router.get("")\ndef a(): ...\n@router.post("/{name}/consume")\ndef b(): ...\n`;
    assert.deepEqual(extractRoutes('app/routers/items.py', py), ['/items', '/items/{name}/consume']);
  });
  it('reads Go handlers, Flask converters and OpenAPI paths', () => {
    assert.deepEqual(extractRoutes('cmd/main.go', 'http.HandleFunc("/digest", h)\nmux.Handle("/metrics", m)'), ['/digest', '/metrics']);
    assert.deepEqual(extractRoutes('app.py', '@app.route("/users/<int:user_id>")\ndef u(): ...'), ['/users/{user_id}']);
    const yaml = 'openapi: 3.1.0\npaths:\n  /api/labels:\n    get: {}\n  /api/tasks/{id}/labels:\n    post: {}\n';
    assert.deepEqual(extractRoutes('contracts/openapi/v1.yaml', yaml), ['/api/labels', '/api/tasks/{id}/labels']);
    assert.deepEqual(extractRoutes('config.yaml', 'paths:\n  /x:\n'), []);
  });
});

describe('extractOperations', () => {
  it('keeps the method written next to each path', () => {
    const ts = `router.add('GET', '/api/tasks', h).add('PATCH', '/api/tasks/:id/status', h);\napp.delete("/api/tasks/:id", h); http.HandleFunc("/x", h)`;
    assert.deepEqual(extractOperations('src/routes/tasks.ts', ts), ['DELETE /api/tasks/{id}', 'GET /api/tasks', 'PATCH /api/tasks/{id}/status']);
    const py = `router = APIRouter(prefix="/items")\n@router.get("")\ndef a(): ...\n@router.post("/{name}/consume")\ndef b(): ...\n`;
    assert.deepEqual(extractOperations('app/routers/items.py', py), ['GET /items', 'POST /items/{name}/consume']);
    const yaml = 'openapi: 3.1.0\npaths:\n  /api/labels:\n    get: {}\n    post: {}\n  /api/tasks/{id}/labels:\n    delete: {}\ncomponents:\n  schemas: {}\n';
    assert.deepEqual(extractOperations('contracts/openapi/v1.yaml', yaml), ['GET /api/labels', 'POST /api/labels', 'DELETE /api/tasks/{id}/labels']);
    assert.deepEqual(extractOperations('config.yaml', 'paths:\n  /x:\n    get: {}\n'), []);
  });
});

describe('routePrefix', () => {
  it('is the segment several resources share, else empty', () => {
    assert.equal(routePrefix(['/api/tasks', '/api/users/{id}', '/healthz']), '/api');
    assert.equal(routePrefix(['/api/v1/tasks', '/api/v1/users']), '/api/v1');
    assert.equal(routePrefix(['/items', '/items/{name}/consume', '/expiry']), '');
    assert.equal(routePrefix([]), '');
    assert.equal(routePrefix(['/users/{id}', '/users/profile', '/users/settings']), '', 'a resource is no prefix');
  });
});

describe('apiRoutes in the gathered context', () => {
  for (const [name, expected] of [
    ['taskboard', ['/api/tasks', '/api/tasks/{id}']],
    ['pantry-py', ['/items', '/items/{name}/consume']],
  ] as const) {
    it(name, async () => {
      const repoDir = await exampleRepo(name);
      const c = await gatherContextInProcess({ repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-run-')), request: 'list overdue things' });
      for (const r of expected) assert.ok(c.apiRoutes?.includes(r), `${r} in ${JSON.stringify(c.apiRoutes)}`);
      assert.ok((c.apiRoutes?.length ?? 0) <= 12);
      // Every operation is on a route the repository declares.
      assert.ok((c.apiOperations?.length ?? 0) > 0);
      for (const o of c.apiOperations ?? []) assert.match(o, /^(GET|POST|PUT|PATCH|DELETE) \//);
    });
  }
});
