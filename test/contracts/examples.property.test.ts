/**
 * Property: for any draft the checker accepts, every example the generators write validates
 * against its own schema (OpenAPI via Ajv, the same validator the Prism probe uses) and every
 * event example against its event schema, and the YAML reads back unchanged under YAML 1.1.
 * Catches example rules that ignore a constraint and scalars a YAML 1.1 reader would retype.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { checkEventSchemas, openApiBodyValidator } from '../../src/adapters/ajv.js';
import { checkDraft } from '../../src/domain/contracts/check-draft.js';
import { eventSchema } from '../../src/domain/contracts/events.js';
import { buildOpenApi, renderOpenApiYaml } from '../../src/domain/contracts/openapi.js';
import { absoluteRefs, exampleCases } from '../../src/domain/contracts/probes.js';
import { FieldTypeSchema, type PlanDraftInput } from '../../src/domain/draft.js';
import { baseDraft } from './fixtures.js';

const NAMES = ['name', 'title', 'email', 'code', 'sku', 'price', 'amount', 'quantity', 'status', 'note', 'url', 'link', 'created_at', 'due_date', 'is_active', 'owner_id', 'payload', 'rate', 'phone', 'avatar_url', 'weight', 'year'];
const STRINGISH = new Set(['string', 'text', 'email', 'url']);

const fieldArb = fc
  .record({
    name: fc.constantFrom(...NAMES),
    type: fc.constantFrom(...FieldTypeSchema.options),
    required: fc.boolean(),
    enumValues: fc.option(fc.uniqueArray(fc.constantFrom('draft', 'active', 'closed', 'on', 'yes', '2026-01-01'), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    maxLength: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
  })
  .map(({ name, type, required, enumValues, maxLength }) => ({
    name,
    type,
    required,
    ...(type === 'string' && enumValues ? { enum: enumValues } : {}),
    ...(STRINGISH.has(type) && maxLength !== undefined ? { maxLength } : {}),
  }));

const fieldsArb = fc.uniqueArray(fieldArb, { minLength: 1, maxLength: 8, selector: (f) => f.name });

const draftArb = fc.tuple(fieldsArb, fieldsArb).map(([itemFields, eventFields]): PlanDraftInput =>
  baseDraft('property-draft', {
    auth: 'bearer',
    entities: [{ name: 'Item', table: 'items', fields: itemFields }],
    operations: [
      { operationId: 'createItem', method: 'POST', path: '/items', summary: 'Create', requestEntity: 'Item', responseEntity: 'Item', auth: true },
      { operationId: 'patchItem', method: 'PATCH', path: '/items/{id}', summary: 'Patch', requestEntity: 'Item', responseEntity: 'Item', parameters: [{ name: 'id', in: 'path', type: 'uuid' }] },
      { operationId: 'listItems', method: 'GET', path: '/items', summary: 'List', responseEntity: 'Item', responseList: true },
    ],
    events: [{ name: 'item.changed', description: 'An item changed.', fields: eventFields }],
  }),
);

describe('generated examples', () => {
  it('validate against their own schemas for any accepted draft', () => {
    fc.assert(
      fc.property(draftArb, (input) => {
        const check = checkDraft(input);
        fc.pre(check.valid);
        const draft = check.draft;
        assert.ok(draft);
        const doc = buildOpenApi(draft);
        const validate = openApiBodyValidator(doc);
        for (const c of exampleCases(doc)) {
          const ref = { $ref: `#/components/schemas/${c.model}` };
          const schema = absoluteRefs(c.list ? { type: 'array', items: ref } : ref) as Record<string, unknown>;
          const error = validate(schema, c.example);
          assert.equal(error, undefined, `${c.where}: ${error} in ${JSON.stringify(c.example)}`);
        }
        // YAML 1.1 readers (js-yaml in swagger-parser) must read back exactly the same document.
        assert.deepEqual(parse(renderOpenApiYaml(doc), { version: '1.1' }), doc);
        const events = checkEventSchemas(draft.events.map((e) => ({ name: e.name, schema: eventSchema(draft, e) })));
        assert.equal(events.passed, true, events.messages.join('\n'));
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });
});
