/**
 * What the contract checks derive from an OpenAPI document alone: the example/model pairs the
 * Python check validates and the requests the Prism probe sends. Reading the document rather
 * than the draft means the checks verify what was actually written. Pure module.
 */
import type { JsonSchema } from './field-types.js';
import type { OpenApiDocument } from './openapi.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** `{ $ref: '#/components/schemas/Task' }` -> Task; `{type: array, items: {$ref}}` -> Task (list). */
export function schemaModel(schema: unknown): { model: string; list: boolean } | undefined {
  if (!isObj(schema)) return undefined;
  const direct = typeof schema.$ref === 'string' ? SCHEMA_REF.exec(schema.$ref) : null;
  if (direct?.[1]) return { model: direct[1], list: false };
  if (schema.type === 'array' && isObj(schema.items) && typeof schema.items.$ref === 'string') {
    const item = SCHEMA_REF.exec(schema.items.$ref);
    if (item?.[1]) return { model: item[1], list: true };
  }
  return undefined;
}

export interface ExampleCase {
  /** Where the example sits, for messages: `paths./tasks.post.requestBody`. */
  where: string;
  model: string;
  list: boolean;
  example: unknown;
}

export interface Operationish {
  path: string;
  method: (typeof METHODS)[number];
  op: Obj;
}

export function operationsOf(doc: OpenApiDocument): Operationish[] {
  const out: Operationish[] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of METHODS) if (isObj(item[method])) out.push({ path, method, op: item[method] as Obj });
  }
  return out;
}

function mediaCases(where: string, content: unknown, out: ExampleCase[]): void {
  if (!isObj(content)) return;
  for (const [media, body] of Object.entries(content)) {
    if (!isObj(body) || !('example' in body)) continue;
    const target = schemaModel(body.schema);
    if (target) out.push({ where: `${where}.content.${media}.example`, ...target, example: body.example });
  }
}

/** Every example in the document that belongs to a named schema (and so to a Pydantic model). */
export function exampleCases(doc: OpenApiDocument): ExampleCase[] {
  const out: ExampleCase[] = [];
  const components = isObj(doc.components) ? doc.components : {};
  const schemas = isObj(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObj(schema) || !Array.isArray(schema.examples)) continue;
    schema.examples.forEach((example, i) => out.push({ where: `components.schemas.${name}.examples[${i}]`, model: name, list: false, example }));
  }
  const responses = isObj(components.responses) ? components.responses : {};
  for (const [name, response] of Object.entries(responses)) {
    if (isObj(response)) mediaCases(`components.responses.${name}`, response.content, out);
  }
  for (const { path, method, op } of operationsOf(doc)) {
    const at = `paths.${path}.${method}`;
    if (isObj(op.requestBody)) mediaCases(`${at}.requestBody`, op.requestBody.content, out);
    const opResponses = isObj(op.responses) ? op.responses : {};
    for (const [status, response] of Object.entries(opResponses)) {
      if (isObj(response)) mediaCases(`${at}.responses.${status}`, response.content, out);
    }
  }
  return out;
}

export interface Probe {
  operationId: string;
  method: string;
  /** Path with parameters filled in and the query string appended. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  expectStatus: number;
  /** Response schema with refs made absolute against `OPENAPI_SCHEMA_ID`, or undefined for no body. */
  responseSchema?: JsonSchema;
}

/** The id under which a verifier registers the whole document with Ajv. */
export const OPENAPI_SCHEMA_ID = 'urn:parallel-plan:openapi';

/** Rewrites `#/components/...` refs to `<OPENAPI_SCHEMA_ID>#/components/...` so a fragment compiles alone. */
export function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${OPENAPI_SCHEMA_ID}${v}` : absoluteRefs(v);
  }
  return out;
}

/** Headers or query values that satisfy an operation's security requirement in Prism. */
function credentials(doc: OpenApiDocument, op: Obj): { headers: Record<string, string>; query: Record<string, string> } {
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  const requirement = Array.isArray(op.security) ? op.security[0] : undefined;
  const components = isObj(doc.components) ? doc.components : {};
  const schemes = isObj(components.securitySchemes) ? components.securitySchemes : {};
  for (const name of isObj(requirement) ? Object.keys(requirement) : []) {
    const scheme = schemes[name];
    if (!isObj(scheme)) continue;
    if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
      (scheme.in === 'query' ? query : headers)[scheme.name] = 'mock-api-key';
    } else if (scheme.type === 'http' && scheme.scheme === 'basic') {
      headers.Authorization = 'Basic bW9jazptb2Nr';
    } else {
      headers.Authorization = 'Bearer mock-token';
    }
  }
  return { headers, query };
}

/** One example request per operation, and what the mock must answer. */
export function probePlan(doc: OpenApiDocument): Probe[] {
  return operationsOf(doc).map(({ path, method, op }) => {
    const { headers, query } = credentials(doc, op);
    let url = path;
    for (const p of Array.isArray(op.parameters) ? op.parameters : []) {
      if (!isObj(p) || typeof p.name !== 'string') continue;
      const value = String(p.example ?? '');
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (p.in === 'query' && p.required === true) query[p.name] = value;
    }
    const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    if (qs) url += `?${qs}`;
    const responses = isObj(op.responses) ? op.responses : {};
    const success = Object.keys(responses).filter((s) => /^2\d\d$/.test(s)).sort()[0] ?? '200';
    const successResponse = responses[success];
    const media = isObj(successResponse) && isObj(successResponse.content) ? successResponse.content['application/json'] : undefined;
    const probe: Probe = { operationId: String(op.operationId ?? `${method} ${path}`), method: method.toUpperCase(), url, headers, expectStatus: Number(success) };
    if (isObj(op.requestBody) && isObj(op.requestBody.content)) {
      const body = op.requestBody.content['application/json'];
      if (isObj(body) && 'example' in body) {
        probe.body = body.example;
        probe.headers['Content-Type'] = 'application/json';
      }
    }
    if (isObj(media) && media.schema !== undefined) probe.responseSchema = absoluteRefs(media.schema) as JsonSchema;
    return probe;
  });
}
