/**
 * Generated files follow their source: a change that reaches a `.proto` regenerates the Go, gateway
 * and TypeScript files generated from it and the whole-API documents of their generator, so the
 * package that edits the source may write them; generated files from other sources stay out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedOutputs } from '../../src/domain/repository-model/impact.js';
import { planScope } from '../../src/domain/plan/impact-scope.js';
import type { ImpactedFile, RepositoryModel } from '../../src/domain/repository-model/types.js';
import { context } from '../helpers/plan-fixtures.js';

const roles: RepositoryModel['roles'] = {
  'proto/api/v1/auth_service.proto': 'source',
  'proto/api/v1/memo_service.proto': 'source',
  'proto/gen/api/v1/auth_service.pb.go': 'generated',
  'proto/gen/api/v1/auth_service_grpc.pb.go': 'generated',
  'proto/gen/api/v1/auth_service.pb.gw.go': 'generated',
  'proto/gen/api/v1/memo_service.pb.go': 'generated',
  'proto/gen/openapi.yaml': 'generated',
  'web/src/types/proto/api/v1/auth_service.ts': 'generated',
  'web/src/types/proto/api/v1/memo_service.ts': 'generated',
  'web/src/api/openapi.json': 'generated',
  'server/auth_service.go': 'source',
};
const model = { roles } as unknown as RepositoryModel;
const file = (path: string, score: number): ImpactedFile => ({ path, level: 'may', score, reason: 'test', role: roles[path] ?? 'source' });

test('the files generated from an impacted .proto, and the API document above them, join the impact; other sources\' outputs do not', () => {
  const out = generatedOutputs(model, [file('proto/api/v1/auth_service.proto', 0.5), file('server/auth_service.go', 0.4)]);
  assert.deepEqual(out.map((f) => f.path).sort(), [
    'proto/gen/api/v1/auth_service.pb.go',
    'proto/gen/api/v1/auth_service.pb.gw.go',
    'proto/gen/api/v1/auth_service_grpc.pb.go',
    'proto/gen/openapi.yaml',
    'web/src/types/proto/api/v1/auth_service.ts',
  ]);
  assert.ok(out.every((f) => f.generatedFrom === 'proto/api/v1/auth_service.proto' && f.role === 'generated' && f.score < 0.5));
  // No codegen source reached: nothing generated joins.
  assert.deepEqual(generatedOutputs(model, [file('server/auth_service.go', 0.4)]), []);
});

test('the plan scope writes a generated file only as the output of a source, never on its own', () => {
  const impacted = [file('proto/api/v1/auth_service.proto', 0.5), ...generatedOutputs(model, [file('proto/api/v1/auth_service.proto', 0.5)]), file('web/src/types/proto/api/v1/memo_service.ts', 0.45)];
  const scope = planScope({ ...context({ boundaries: [] }), filesScanned: 400, impact: { matched: { entities: [], fields: [], routes: [], pages: [], symbols: [] }, files: impacted } });
  assert.ok(scope.includes('proto/gen/api/v1/auth_service.pb.go'), scope.join(' '));
  assert.ok(scope.includes('web/src/types/proto/api/v1/auth_service.ts'), scope.join(' '));
  assert.ok(!scope.includes('web/src/types/proto/api/v1/memo_service.ts'), scope.join(' '));
});

test('a chosen source brings its generated files even when the budget is spent', () => {
  const source = file('proto/api/v1/auth_service.proto', 0.5);
  const impacted = [source, file('server/auth_service.go', 0.48), ...generatedOutputs(model, [source])];
  // 20 files: a budget of 2 files, both taken by the two sources.
  const scope = planScope({ ...context({ boundaries: [] }), filesScanned: 20, impact: { matched: { entities: [], fields: [], routes: [], pages: [], symbols: [] }, files: impacted } });
  assert.ok(scope.includes('proto/api/v1/auth_service.proto') && scope.includes('server/auth_service.go'), scope.join(' '));
  for (const g of ['proto/gen/api/v1/auth_service.pb.go', 'proto/gen/api/v1/auth_service_grpc.pb.go', 'web/src/types/proto/api/v1/auth_service.ts']) assert.ok(scope.includes(g), `${g} in ${scope.join(' ')}`);
});
