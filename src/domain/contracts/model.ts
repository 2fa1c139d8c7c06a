/**
 * The contract view of a plan draft: entities with their effective primary key, resolved
 * references, and which schema each operation sends and returns. Every generator reads this,
 * so they agree on names and shapes. Pure module; assumes a draft that passed check-draft.
 */
import type { Entity, Field, Operation, PlanDraft } from '../draft.js';
import { exampleValue } from './examples.js';
import { createSchemaName, inlineRequestSchemaName, updateSchemaName } from './names.js';

/** The id column added when an entity names no primary key and has no `id` field. */
export const GENERATED_ID: Field = {
  name: 'id',
  type: 'uuid',
  required: true,
  unique: false,
  description: 'Identifier assigned by the server.',
};

export interface EntityView {
  entity: Entity;
  /** Fields in column order; a generated id comes first. */
  fields: Field[];
  primaryKey: string[];
  /** True when `id` was added by the generator: clients do not send it on create. */
  generatedId: boolean;
}

export function entityView(entity: Entity): EntityView {
  if (entity.primaryKey && entity.primaryKey.length > 0) {
    return { entity, fields: entity.fields, primaryKey: entity.primaryKey, generatedId: false };
  }
  if (entity.fields.some((f) => f.name === 'id')) {
    return { entity, fields: entity.fields, primaryKey: ['id'], generatedId: false };
  }
  return { entity, fields: [GENERATED_ID, ...entity.fields], primaryKey: ['id'], generatedId: true };
}

/** Fields a client sends when creating: everything except a server-generated id. */
export const createFields = (view: EntityView): Field[] =>
  view.generatedId ? view.fields.filter((f) => f !== GENERATED_ID) : view.fields;

/** An entity is found by its schema name (`Task`) or its table name (`tasks`). */
export function findEntity(draft: Pick<PlanDraft, 'entities'>, name: string): Entity | undefined {
  return draft.entities.find((e) => e.name === name) ?? draft.entities.find((e) => e.table === name);
}

export interface ResolvedReference {
  entity: Entity;
  field: Field;
}

/** `Project` or `Project.id` (or `projects.id`) -> the target entity and column; the default column is the single primary key. */
export function resolveReference(draft: Pick<PlanDraft, 'entities'>, ref: string): ResolvedReference | undefined {
  const [entityName = '', fieldName] = ref.split('.', 2);
  const entity = findEntity(draft, entityName);
  if (!entity) return undefined;
  const view = entityView(entity);
  const target = fieldName ?? (view.primaryKey.length === 1 ? view.primaryKey[0] : undefined);
  const field = view.fields.find((f) => f.name === target);
  return field ? { entity, field } : undefined;
}

/** Seed for example values: a reference shares the seed of its target so example ids line up. */
export function exampleSeed(draft: Pick<PlanDraft, 'entities'>, owner: string, field: Field): string {
  if (field.references) {
    const target = resolveReference(draft, field.references);
    if (target) return `${target.entity.name}.${target.field.name}`;
  }
  return `${owner}.${field.name}`;
}

/** Example payload; a referencing field shows its target's example, so the sample data joins up. */
export function exampleObject(draft: Pick<PlanDraft, 'entities'>, owner: string, fields: readonly Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const target = f.references && f.example === undefined ? resolveReference(draft, f.references) : undefined;
    out[f.name] = target ? exampleValue(target.field, `${target.entity.name}.${target.field.name}`) : exampleValue(f, exampleSeed(draft, owner, f));
  }
  return out;
}

export type RequestBody =
  | { kind: 'create' | 'update'; schema: string; entity: Entity }
  | { kind: 'inline'; schema: string; fields: Field[]; operationId: string };

/** What an operation sends: POST/PUT send `<Entity>Create`, PATCH `<Entity>Update`, inline fields `<OpId>Request`. */
export function requestBody(draft: Pick<PlanDraft, 'entities'>, op: Operation): RequestBody | undefined {
  if (op.requestFields && op.requestFields.length > 0) {
    return { kind: 'inline', schema: inlineRequestSchemaName(op), fields: op.requestFields, operationId: op.operationId };
  }
  if (!op.requestEntity) return undefined;
  const entity = findEntity(draft, op.requestEntity);
  if (!entity) return undefined;
  return op.method === 'PATCH'
    ? { kind: 'update', schema: updateSchemaName(entity), entity }
    : { kind: 'create', schema: createSchemaName(entity), entity };
}

export function responseEntity(draft: Pick<PlanDraft, 'entities'>, op: Operation): Entity | undefined {
  return op.responseEntity ? findEntity(draft, op.responseEntity) : undefined;
}

/** Success status: explicit, else 201 for a POST that returns a resource, 204 when nothing is returned, else 200. */
export function successStatus(draft: Pick<PlanDraft, 'entities'>, op: Operation): number {
  if (op.successStatus !== undefined) return op.successStatus;
  if (!responseEntity(draft, op)) return 204;
  return op.method === 'POST' && !op.responseList ? 201 : 200;
}

/** Names of the entity and request schemas the generators emit, each with what produced it (for clash checks). */
export function schemaNames(draft: PlanDraft): Array<{ name: string; origin: string }> {
  const out: Array<{ name: string; origin: string }> = [];
  for (const e of draft.entities) out.push({ name: e.name, origin: `entities.${e.name}` });
  for (const body of requestBodies(draft)) {
    const origin = body.kind === 'inline' ? `operations.${body.operationId}` : `entities.${body.entity.name} (${body.kind} body)`;
    out.push({ name: body.schema, origin });
  }
  return out;
}

/** Schemas of request bodies, first use wins: several operations may send the same `<Entity>Create`. */
export function requestBodies(draft: PlanDraft): RequestBody[] {
  const seen = new Set<string>();
  const out: RequestBody[] = [];
  for (const op of draft.operations) {
    const body = requestBody(draft, op);
    if (body && !seen.has(body.schema)) {
      seen.add(body.schema);
      out.push(body);
    }
  }
  return out;
}

/** Update bodies make every field optional (PATCH semantics). */
export function bodyFields(body: RequestBody): { fields: Field[]; allOptional: boolean } {
  if (body.kind === 'inline') return { fields: body.fields, allOptional: false };
  return { fields: createFields(entityView(body.entity)), allOptional: body.kind === 'update' };
}
