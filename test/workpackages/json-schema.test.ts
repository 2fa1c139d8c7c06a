/**
 * The committed JSON Schema is generated from the zod schema and both judge the conformance
 * documents the same way (ajv draft 2020-12 with formats).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parseWorkPackagesYaml } from '../../src/domain/workpackages/parse.js';
import { workPackagesJsonSchema } from '../../src/domain/workpackages/schema.js';
import { schemaErrors } from '../../src/domain/workpackages/schema-errors.js';
import { conformanceCases, readConformance, replaceAt, schemaFile } from './helpers/fixtures.js';

// ajv-formats is CommonJS with `exports.default`; NodeNext sees the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const committed = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;

describe('schemas/work-packages.schema.json', () => {
  it('is up to date with the zod schema (regenerate: npm run schemas)', () => {
    assert.deepEqual(committed, workPackagesJsonSchema());
  });

  it('declares draft 2020-12 and forbids unknown top-level keys', () => {
    assert.equal(committed.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(committed.additionalProperties, false);
  });

  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(committed);

  it('ajv and zod agree on every readable conformance document', () => {
    let compared = 0;
    let invalid = 0;
    for (const c of conformanceCases()) {
      if (c.expect.unreadable) continue;
      const doc = parseWorkPackagesYaml(readConformance(c.file));
      const zodErrors = schemaErrors(doc);
      const ajvValid = validate(doc);
      assert.equal(ajvValid, zodErrors.length === 0, `${c.file}: ajv ${JSON.stringify(validate.errors)} zod ${zodErrors.join('; ')}`);
      compared++;
      if (!ajvValid) invalid++;
    }
    assert.ok(compared >= 60 && invalid >= 30, `compared ${compared}, invalid ${invalid}`);
  });

  it('ajv and zod agree on valid documents with one subtree replaced (property)', () => {
    const base = parseWorkPackagesYaml(readConformance('valid-basic.yaml'));
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(null, [], {}, '', ' ', '/abs', 'x ', 0, -1, 1.5, 11, 481, 'A', 'D', 'tier_b', 'wp-x', 'api:GET /x', 'api:get', ['a', 'a'], [''], 'command', 'ci', 'manual', '2026-11-25T08:00:00Z', '2026-11-25'),
    );
    let invalid = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 7 }), replacement, (steps, value) => {
        const doc = replaceAt(structuredClone(base), steps, value);
        const zodErrors = schemaErrors(doc);
        assert.equal(validate(doc), zodErrors.length === 0, `ajv ${JSON.stringify(validate.errors)} zod ${zodErrors.join('; ')}`);
        if (zodErrors.length > 0) invalid++;
      }),
      { numRuns: 2000, seed: 11 },
    );
    assert.ok(invalid > 500, `only ${invalid} invalid variants`);
  });
});
