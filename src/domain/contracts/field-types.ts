/**
 * One table that maps each draft field type to JSON Schema, PostgreSQL and Python, so the
 * OpenAPI document, schema.sql and models.py can never disagree about a type. Pure module.
 */
import type { Field, FieldType } from '../draft.js';

export type JsonSchema = Record<string, unknown>;

interface TypeMapping {
  /** JSON Schema (OpenAPI 3.1 / 2020-12) without field-specific keywords. */
  json: JsonSchema;
  /** PostgreSQL type exactly as `format_type()` prints it, so the catalog check can compare. */
  sql: string;
  /** Python annotation inside models.py (see the imports pydantic.ts writes). */
  python: string;
}

/** Decimals travel as strings: JSON numbers would lose precision in most clients. */
const DECIMAL_PATTERN = '^-?[0-9]+(\\.[0-9]+)?$';

export const FIELD_TYPES: Readonly<Record<FieldType, TypeMapping>> = {
  string: { json: { type: 'string' }, sql: 'text', python: 'str' },
  text: { json: { type: 'string' }, sql: 'text', python: 'str' },
  integer: { json: { type: 'integer', format: 'int32' }, sql: 'integer', python: 'int' },
  bigint: { json: { type: 'integer', format: 'int64' }, sql: 'bigint', python: 'int' },
  number: { json: { type: 'number', format: 'double' }, sql: 'double precision', python: 'float' },
  decimal: { json: { type: 'string', pattern: DECIMAL_PATTERN }, sql: 'numeric', python: 'Decimal' },
  boolean: { json: { type: 'boolean' }, sql: 'boolean', python: 'bool' },
  date: { json: { type: 'string', format: 'date' }, sql: 'date', python: '_dt.date' },
  datetime: { json: { type: 'string', format: 'date-time' }, sql: 'timestamp with time zone', python: '_dt.datetime' },
  uuid: { json: { type: 'string', format: 'uuid' }, sql: 'uuid', python: 'UUID' },
  email: { json: { type: 'string', format: 'email' }, sql: 'text', python: 'EmailStr' },
  url: { json: { type: 'string', format: 'uri' }, sql: 'text', python: 'AnyUrl' },
  json: { json: { type: 'object', additionalProperties: true }, sql: 'jsonb', python: 'dict[str, Any]' },
};

export const isKnownFieldType = (type: string): type is FieldType => Object.hasOwn(FIELD_TYPES, type);

/** Types whose values are strings, so `maxLength` applies to them. */
export const isStringLike = (type: FieldType): boolean =>
  type === 'string' || type === 'text' || type === 'email' || type === 'url';

/** JSON Schema of one field, with its own description, enum and length limit. */
export function fieldJsonSchema(field: Field): JsonSchema {
  const schema: JsonSchema = { ...FIELD_TYPES[field.type].json };
  if (field.enum) schema.enum = [...field.enum];
  if (field.maxLength !== undefined && isStringLike(field.type)) schema.maxLength = field.maxLength;
  if (field.description) schema.description = field.description;
  return schema;
}
