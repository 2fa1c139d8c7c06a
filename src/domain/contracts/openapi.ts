/**
 * OpenAPI 3.1.0 document for a plan draft's operations and entities. The document is built as a
 * plain object in a fixed key order, then printed as YAML, so the same draft always gives the
 * same bytes. Pure module.
 */
import { portableYaml } from '../portable-yaml.js';
import type { Field, Operation, PlanDraft } from '../draft.js';
import { fieldJsonSchema, type JsonSchema } from './field-types.js';
import { exampleValue } from './examples.js';
import {
  bodyFields,
  entityView,
  exampleObject,
  findEntity,
  GENERATED_ID,
  requestBodies,
  requestBody,
  responseEntity,
  successStatus,
  type RequestBody,
} from './model.js';
import { PROBLEM_SCHEMA, pascalCase } from './names.js';

export type OpenApiDocument = Record<string, unknown>;

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const JSON_MEDIA = 'application/json';
const PROBLEM_MEDIA = 'application/problem+json';

/** Shared RFC 7807 problem responses, in the order they are listed on an operation. */
const PROBLEMS = [
  { status: 400, name: 'BadRequest', title: 'Bad Request', detail: 'The request is malformed.', slug: 'bad-request' },
  { status: 401, name: 'Unauthorized', title: 'Unauthorized', detail: 'Missing or invalid credentials.', slug: 'unauthorized' },
  { status: 404, name: 'NotFound', title: 'Not Found', detail: 'No resource matches the given identifier.', slug: 'not-found' },
  { status: 422, name: 'UnprocessableEntity', title: 'Unprocessable Entity', detail: 'The request body failed validation.', slug: 'validation-error' },
  { status: 500, name: 'InternalServerError', title: 'Internal Server Error', detail: 'An unexpected error occurred.', slug: 'internal-error' },
] as const;

export const SECURITY_SCHEMES = {
  bearer: { name: 'bearerAuth', scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  apiKey: { name: 'apiKeyAuth', scheme: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
  oauth2: {
    name: 'oauth2',
    scheme: {
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/oauth2/token', scopes: {} } },
    },
  },
} as const;

/** The scheme in force: the draft's, or bearer when only single operations ask for auth. */
export function securityKind(draft: PlanDraft): keyof typeof SECURITY_SCHEMES | undefined {
  if (draft.auth !== 'none') return draft.auth;
  return draft.operations.some((op) => op.auth) ? 'bearer' : undefined;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

function propertySchema(field: Field): JsonSchema {
  const schema = fieldJsonSchema(field);
  if (field === GENERATED_ID) schema.readOnly = true;
  if (field.references) {
    // The column stays a scalar; the description names the target so readers can follow it.
    const note = `References ${field.references}.`;
    schema.description = schema.description ? `${String(schema.description)} ${note}` : note;
  }
  return schema;
}

function objectSchema(draft: PlanDraft, owner: string, fields: readonly Field[], allOptional: boolean, description?: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of fields) properties[f.name] = propertySchema(f);
  const required = allOptional ? [] : fields.filter((f) => f.required).map((f) => f.name);
  const schema: JsonSchema = { type: 'object' };
  if (description) schema.description = description;
  schema.properties = properties;
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = false;
  schema.examples = [exampleObject(draft, owner, fields)];
  return schema;
}

function bodySchema(draft: PlanDraft, body: RequestBody): JsonSchema {
  const { fields, allOptional } = bodyFields(body);
  const owner = body.kind === 'inline' ? body.schema : body.entity.name;
  const what = body.kind === 'inline' ? `Request body of ${body.operationId}.` : `Fields sent to ${body.kind} a ${body.entity.name}.`;
  return objectSchema(draft, owner, fields, allOptional, what);
}

/**
 * How the repository answers errors (the draft's `api.errorShape`): RFC 7807 problems by default,
 * FastAPI's `{"detail": ...}` (with its 422 validation body), or a `{"message"}` / `{"error"}` body.
 */
interface ErrorStyle {
  schema: string;
  media: string;
  body: () => JsonSchema;
  example: (p: (typeof PROBLEMS)[number]) => Record<string, unknown>;
}

const ERROR_STYLES: Readonly<Record<'problem' | 'detail' | 'message' | 'error', ErrorStyle>> = {
  problem: { schema: PROBLEM_SCHEMA, media: PROBLEM_MEDIA, body: () => problemSchema(), example: (p) => problemExample(p) },
  detail: {
    schema: 'ErrorDetail',
    media: JSON_MEDIA,
    body: () => ({
      type: 'object',
      description: 'Error body as the repository answers it (FastAPI: `{"detail": ...}`; validation errors list their locations).',
      properties: {
        detail: {
          oneOf: [
            { type: 'string' },
            { type: 'array', items: { type: 'object', properties: { loc: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }, msg: { type: 'string' }, type: { type: 'string' } }, required: ['loc', 'msg', 'type'] } },
          ],
        },
      },
      required: ['detail'],
      additionalProperties: true,
      examples: [{ detail: 'Item not found' }],
    }),
    example: (p) => (p.status === 422 ? { detail: [{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }] } : { detail: p.detail }),
  },
  message: {
    schema: 'ErrorMessage',
    media: JSON_MEDIA,
    body: () => ({ type: 'object', description: 'Error body as the repository answers it: `{"message": ...}`.', properties: { message: { type: 'string' } }, required: ['message'], additionalProperties: true, examples: [{ message: 'not found' }] }),
    example: (p) => ({ message: p.detail }),
  },
  error: {
    schema: 'ErrorBody',
    media: JSON_MEDIA,
    body: () => ({ type: 'object', description: 'Error body as the repository answers it: `{"error": ...}`.', properties: { error: { type: 'string' } }, required: ['error'], additionalProperties: true, examples: [{ error: 'not found' }] }),
    example: (p) => ({ error: p.detail }),
  },
};

export const errorStyleOf = (draft: PlanDraft): ErrorStyle => ERROR_STYLES[draft.api?.errorShape ?? 'problem'];

function problemSchema(): JsonSchema {
  return {
    type: 'object',
    description: 'RFC 7807 problem details.',
    properties: {
      type: { type: 'string', format: 'uri-reference', description: 'Identifies the problem type.' },
      title: { type: 'string', description: 'Short, human-readable summary of the problem type.' },
      status: { type: 'integer', minimum: 100, maximum: 599, description: 'HTTP status code.' },
      detail: { type: 'string', description: 'Explanation specific to this occurrence.' },
      instance: { type: 'string', format: 'uri-reference', description: 'Identifies this occurrence.' },
    },
    required: ['type', 'title', 'status'],
    additionalProperties: true,
    examples: [problemExample(PROBLEMS[2])],
  };
}

function problemExample(p: (typeof PROBLEMS)[number]): Record<string, unknown> {
  return { type: `https://example.com/problems/${p.slug}`, title: p.title, status: p.status, detail: p.detail };
}

/** Path parameter `id` of an operation on Task shares Task's example id, so mock calls look consistent. */
function parameterSeed(draft: PlanDraft, op: Operation, name: string): string {
  const entity = responseEntity(draft, op) ?? (op.requestEntity ? findEntity(draft, op.requestEntity) : undefined);
  if (entity && name === 'id') return `${entity.name}.id`;
  const owner = draft.entities.find((e) => name === `${e.table}_id` || name === `${e.name.toLowerCase()}_id` || name === `${e.name.charAt(0).toLowerCase()}${e.name.slice(1)}Id`);
  return owner ? `${owner.name}.id` : `param:${name}`;
}

function parameterObjects(draft: PlanDraft, op: Operation): JsonSchema[] {
  return op.parameters.map((p) => {
    const field: Field = { name: p.name, type: p.type, required: p.required, unique: false };
    const out: JsonSchema = { name: p.name, in: p.in, required: p.in === 'path' ? true : p.required };
    if (p.description) out.description = p.description;
    out.schema = fieldJsonSchema(field);
    out.example = exampleValue(field, parameterSeed(draft, op, p.name));
    return out;
  });
}

function errorStatuses(op: Operation, hasBody: boolean): number[] {
  const out: number[] = [];
  if (hasBody || op.parameters.length > 0) out.push(400);
  if (op.auth) out.push(401);
  if (op.parameters.some((p) => p.in === 'path')) out.push(404);
  if (hasBody) out.push(422);
  out.push(500);
  return out;
}

function operationObject(draft: PlanDraft, op: Operation, schemes: string | undefined): JsonSchema {
  const out: JsonSchema = { operationId: op.operationId, summary: op.summary };
  if (op.capability) out.tags = [op.capability];
  if (op.auth && schemes) out.security = [{ [schemes]: [] }];
  if (op.parameters.length > 0) out.parameters = parameterObjects(draft, op);
  const body = requestBody(draft, op);
  if (body) {
    const { fields } = bodyFields(body);
    const owner = body.kind === 'inline' ? body.schema : body.entity.name;
    out.requestBody = {
      required: true,
      content: { [JSON_MEDIA]: { schema: ref(body.schema), example: exampleObject(draft, owner, fields) } },
    };
  }
  const status = successStatus(draft, op);
  const entity = responseEntity(draft, op);
  const success: JsonSchema = { description: op.summary };
  if (entity && status !== 204) {
    const item = exampleObject(draft, entity.name, entityView(entity).fields);
    success.content = {
      [JSON_MEDIA]: op.responseList
        ? { schema: { type: 'array', items: ref(entity.name) }, example: [item] }
        : { schema: ref(entity.name), example: item },
    };
  }
  const responses: JsonSchema = { [String(status)]: success };
  for (const code of errorStatuses(op, body !== undefined)) {
    const p = PROBLEMS.find((x) => x.status === code);
    if (p) responses[String(code)] = { $ref: `#/components/responses/${p.name}` };
  }
  out.responses = responses;
  return out;
}

/** The document as a plain object (what openapi-typescript, swagger-parser and Prism read). */
export function buildOpenApi(draft: PlanDraft): OpenApiDocument {
  const info: JsonSchema = { title: draft.title, version: '1.0.0' };
  if (draft.operations.length === 0) {
    info.description = 'This change adds no HTTP API, so paths is empty on purpose; see README.md beside this file.';
    return { openapi: '3.1.0', info, paths: {} };
  }
  info.description = `HTTP contract of change ${draft.changeId}. Generated from the plan draft; do not edit by hand.`;
  const kind = securityKind(draft);
  const schemeName = kind ? SECURITY_SCHEMES[kind].name : undefined;

  const tags = [...new Set(draft.operations.flatMap((op) => (op.capability ? [op.capability] : [])))].sort();
  const paths: Record<string, JsonSchema> = {};
  for (const path of [...new Set(draft.operations.map((op) => op.path))].sort()) {
    const item: JsonSchema = {};
    for (const method of METHOD_ORDER) {
      const op = draft.operations.find((o) => o.path === path && o.method === method);
      if (op) item[method.toLowerCase()] = operationObject(draft, op, schemeName);
    }
    paths[path] = item;
  }

  const schemas: Record<string, JsonSchema> = {};
  for (const entity of draft.entities) {
    const view = entityView(entity);
    schemas[entity.name] = objectSchema(draft, entity.name, view.fields, false, entity.description ?? `${pascalCase(entity.table)} record.`);
  }
  for (const body of requestBodies(draft)) schemas[body.schema] = bodySchema(draft, body);
  const style = errorStyleOf(draft);
  schemas[style.schema] = style.body();

  const used = new Set<number>();
  for (const op of draft.operations) for (const s of errorStatuses(op, requestBody(draft, op) !== undefined)) used.add(s);
  const responses: Record<string, JsonSchema> = {};
  for (const p of PROBLEMS) {
    if (!used.has(p.status)) continue;
    responses[p.name] = {
      description: p.title,
      content: { [style.media]: { schema: ref(style.schema), example: style.example(p) } },
    };
  }

  const components: JsonSchema = { schemas, responses };
  if (kind) components.securitySchemes = { [SECURITY_SCHEMES[kind].name]: SECURITY_SCHEMES[kind].scheme };
  const doc: OpenApiDocument = { openapi: '3.1.0', info };
  if (tags.length > 0) doc.tags = tags.map((name) => ({ name }));
  doc.paths = paths;
  doc.components = components;
  return doc;
}

/**
 * YAML text: no anchors (some tools mishandle them), no line folding, stable order. String
 * values are always double-quoted: YAML 1.1 readers (js-yaml in the validator) would otherwise
 * turn an example like `2026-03-14` into a Date and `on` into a boolean.
 */
export function renderOpenApiYaml(doc: OpenApiDocument): string {
  return portableYaml(doc, { quoteStrings: true });
}

