/**
 * Pydantic v2 models (models.py) for entities, request bodies, events and the shared Problem.
 * Class names equal the OpenAPI schema names so a check can pair every example with its model.
 * Pure module.
 */
import type { Field, PlanDraft } from '../draft.js';
import { FIELD_TYPES } from './field-types.js';
import { bodyFields, entityView, exampleObject, requestBodies } from './model.js';
import { eventClassName, PROBLEM_SCHEMA } from './names.js';

/**
 * Names that cannot be a Python attribute as-is: keywords, builtins our annotations use (a field
 * `str = None` would shadow `str` for later fields), and BaseModel methods. They get an alias.
 */
const NEEDS_ALIAS = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not',
  'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
  'str', 'int', 'float', 'bool', 'dict', 'list',
  'copy', 'json', 'schema', 'schema_json', 'validate', 'construct', 'fields', 'parse_obj',
  'parse_raw', 'parse_file', 'from_orm', 'update_forward_refs',
]);

interface ModelSpec {
  name: string;
  /** Owner name for example seeds (the entity for its request bodies). */
  owner: string;
  doc: string;
  fields: readonly Field[];
  allOptional: boolean;
}

const pyString = (s: string): string => JSON.stringify(s);

function annotation(field: Field): string {
  if (field.enum) return `Literal[${field.enum.map(pyString).join(', ')}]`;
  return FIELD_TYPES[field.type].python;
}

function fieldLine(field: Field, optional: boolean): string {
  const attr = NEEDS_ALIAS.has(field.name) ? `${field.name}_` : field.name;
  const args: string[] = [];
  if (optional) args.push('default=None');
  if (attr !== field.name) args.push(`alias=${pyString(field.name)}`);
  // Pydantic applies max_length to plain strings only; email/url lengths are enforced by SQL and JSON Schema.
  if (field.maxLength !== undefined && (field.type === 'string' || field.type === 'text') && !field.enum) {
    args.push(`max_length=${field.maxLength}`);
  }
  if (field.description) args.push(`description=${pyString(field.description)}`);
  const type = optional ? `${annotation(field)} | None` : annotation(field);
  if (args.length === 0) return `    ${attr}: ${type}`;
  if (args.length === 1 && args[0] === 'default=None') return `    ${attr}: ${type} = None`;
  return `    ${attr}: ${type} = Field(${args.join(', ')})`;
}

function classText(spec: ModelSpec): string {
  const aliased = spec.fields.some((f) => NEEDS_ALIAS.has(f.name));
  const config = aliased ? 'ConfigDict(extra="forbid", populate_by_name=True)' : 'ConfigDict(extra="forbid")';
  const lines = [
    `class ${spec.name}(BaseModel):`,
    `    ${pyString(spec.doc.replace(/\s+/g, ' '))}`,
    '',
    `    model_config = ${config}`,
    '',
    ...spec.fields.map((f) => fieldLine(f, spec.allOptional || !f.required)),
  ];
  return lines.join('\n');
}

const PROBLEM_CLASS = `class ${PROBLEM_SCHEMA}(BaseModel):
    "RFC 7807 problem details returned with application/problem+json."

    # Problem types may add members (RFC 7807 section 3.2), so extra keys are allowed.
    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int = Field(ge=100, le=599)
    detail: str | None = None
    instance: str | None = None`;

export function modelSpecs(draft: PlanDraft): ModelSpec[] {
  const specs: ModelSpec[] = [];
  for (const entity of draft.entities) {
    specs.push({ name: entity.name, owner: entity.name, doc: entity.description ?? `${entity.name} record (table ${entity.table}).`, fields: entityView(entity).fields, allOptional: false });
  }
  for (const body of requestBodies(draft)) {
    const { fields, allOptional } = bodyFields(body);
    const doc = body.kind === 'inline' ? `Request body of ${body.operationId}.` : `Fields sent to ${body.kind} a ${body.entity.name}.`;
    specs.push({ name: body.schema, owner: body.kind === 'inline' ? body.schema : body.entity.name, doc, fields, allOptional });
  }
  for (const event of draft.events) {
    specs.push({ name: eventClassName(event), owner: eventClassName(event), doc: `Event ${event.name} v${event.version}: ${event.description}`, fields: event.fields, allOptional: false });
  }
  return specs;
}

/**
 * One example per model, built like the OpenAPI examples. Lets the Python check exercise every
 * model even when the change has no API (and so no examples in openapi/v1.yaml).
 */
export function modelExampleCases(draft: PlanDraft): Array<{ where: string; model: string; list: boolean; example: unknown }> {
  return modelSpecs(draft).map((s) => ({ where: `draft example of ${s.name}`, model: s.name, list: false, example: exampleObject(draft, s.owner, s.fields) }));
}

/** True when models.py has anything to hold: any API (Problem), entity or event. */
export const hasModels = (draft: PlanDraft): boolean =>
  draft.operations.length > 0 || draft.entities.length > 0 || draft.events.length > 0;

function imports(specs: readonly ModelSpec[], withProblem: boolean, needsAny = false): string[] {
  const fields = specs.flatMap((s) => s.fields);
  const uses = (t: string): boolean => fields.some((f) => !f.enum && f.type === t);
  const typing = [
    ...(uses('json') || (withProblem && needsAny) ? ['Any'] : []),
    ...(fields.some((f) => f.enum) ? ['Literal'] : []),
  ];
  const pyd = [
    ...(uses('url') ? ['AnyUrl'] : []),
    'BaseModel',
    'ConfigDict',
    ...(uses('email') ? ['EmailStr'] : []),
  ];
  const needsField = withProblem || fields.some((f) => f.description || f.maxLength !== undefined || NEEDS_ALIAS.has(f.name));
  if (needsField) pyd.push('Field');
  const out: string[] = [];
  if (uses('date') || uses('datetime')) out.push('import datetime as _dt');
  if (uses('decimal')) out.push('from decimal import Decimal');
  if (typing.length > 0) out.push(`from typing import ${typing.join(', ')}`);
  if (uses('uuid')) out.push('from uuid import UUID');
  out.push('', `from pydantic import ${pyd.join(', ')}`);
  return out;
}

/** A one-field error body class that allows the repository's other fields. */
const errorBodyClass = (name: string, doc: string, field: string): string => `class ${name}(BaseModel):
    "${doc}"

    model_config = ConfigDict(extra="allow")

    ${field}`;

/** The error body class of the repository's error style (the draft's `api.errorShape`). */
const ERROR_CLASSES: Readonly<Record<'problem' | 'detail' | 'message' | 'error', { name: string; text: string }>> = {
  problem: { name: PROBLEM_SCHEMA, text: PROBLEM_CLASS },
  detail: {
    name: 'ErrorDetail',
    text: errorBodyClass('ErrorDetail', 'Error body as the repository answers it (FastAPI): a message, or the validation errors.', 'detail: str | list[dict[str, Any]]'),
  },
  message: { name: 'ErrorMessage', text: errorBodyClass('ErrorMessage', 'Error body as the repository answers it.', 'message: str') },
  error: { name: 'ErrorBody', text: errorBodyClass('ErrorBody', 'Error body as the repository answers it.', 'error: str') },
};

export function renderPydantic(draft: PlanDraft): string {
  const specs = modelSpecs(draft);
  const withProblem = draft.operations.length > 0;
  const errorClass = ERROR_CLASSES[draft.api?.errorShape ?? 'problem'];
  const names = [...(withProblem ? [errorClass.name] : []), ...specs.map((s) => s.name)];
  const parts = [
    `"""Pydantic v2 models for change ${draft.changeId}.`,
    '',
    'Generated from the plan draft by parallel-plan; do not edit by hand.',
    'Class names match the schema names in openapi/v1.yaml and the event schema titles.',
    '"""',
    ...imports(specs, withProblem, errorClass.name === 'ErrorDetail'),
    '',
    `__all__ = [${names.map(pyString).join(', ')}]`,
    '',
  ];
  const classes = [...(withProblem ? [errorClass.text] : []), ...specs.map(classText)];
  return `${parts.join('\n')}\n\n${classes.join('\n\n\n')}\n`;
}
