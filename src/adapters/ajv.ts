/**
 * Ajv (JSON Schema 2020-12) with ajv-formats: compiles event schemas strictly and validates
 * their examples; also validates mock responses against the OpenAPI document's schemas.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fail, pass, type CheckOutcome } from './check-outcome.js';
import { OPENAPI_SCHEMA_ID } from '../domain/contracts/probes.js';

// ajv-formats is CommonJS with `exports.default`; NodeNext sees the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const errorText = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`).join('; ');

export interface EventSchemaFile {
  /** For messages, e.g. `events/task.created.schema.json`. */
  name: string;
  schema: Record<string, unknown>;
}

/** Strict mode: an unknown keyword or bad format name in a schema is an error, not ignored. */
export function checkEventSchemas(files: readonly EventSchemaFile[]): CheckOutcome {
  const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
  const problems: string[] = [];
  let examples = 0;
  for (const file of files) {
    let validate;
    try {
      validate = ajv.compile(file.schema);
    } catch (err) {
      problems.push(`${file.name}: does not compile: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const list = Array.isArray(file.schema.examples) ? file.schema.examples : [];
    if (list.length === 0) problems.push(`${file.name}: has no examples`);
    list.forEach((example, i) => {
      examples++;
      if (!validate(example)) problems.push(`${file.name}: examples[${i}] ${errorText(validate.errors)}`);
    });
  }
  return problems.length > 0 ? fail(...problems) : pass(`${files.length} event schema(s) compiled, ${examples} example(s) valid`);
}

/**
 * A validator for response bodies against schemas of one OpenAPI 3.1 document. Not strict:
 * the document also holds OpenAPI keywords (`example`, `paths`) that are not JSON Schema.
 */
export function openApiBodyValidator(doc: Record<string, unknown>): (schema: Record<string, unknown>, body: unknown) => string | undefined {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ ...doc, $id: OPENAPI_SCHEMA_ID });
  return (schema, body) => {
    const validate = ajv.compile(schema);
    return validate(body) ? undefined : errorText(validate.errors);
  };
}
