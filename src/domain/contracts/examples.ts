/**
 * Realistic example values derived from a field's type, name and enum, so mocks and docs show
 * data a person recognises instead of "string". Deterministic: the same field always gets the
 * same value. An explicit `example` in the draft always wins. Pure module.
 */
import type { Field } from '../draft.js';
import { fnv1a, humanize } from './names.js';

/** A v4-shaped UUID derived from a seed, so a foreign key example equals its target's id. */
export function exampleUuid(seed: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) hex += fnv1a(`${round}:${seed}`).toString(16).padStart(8, '0');
  const variant = '89ab'[parseInt(hex.charAt(16), 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Shortest examples that still pass both JSON Schema formats and Pydantic (EmailStr, AnyUrl). */
const SHORT_FORMAT_EXAMPLES: Partial<Record<Field['type'], string>> = { email: 'a@b.io', url: 'https://a.io' };

/** A maxLength below this cannot hold any valid value of the type (check-draft rejects it). */
export const MIN_MAX_LENGTH: Partial<Record<Field['type'], number>> = {
  email: SHORT_FORMAT_EXAMPLES.email?.length,
  url: SHORT_FORMAT_EXAMPLES.url?.length,
};

const has = (name: string, ...words: string[]): boolean => words.some((w) => name === w || name.split('_').includes(w));

function stringExample(name: string): string {
  if (has(name, 'email')) return 'ada@example.com';
  if (has(name, 'first')) return 'Ada';
  if (has(name, 'last', 'surname')) return 'Lovelace';
  if (has(name, 'username', 'login', 'handle')) return 'ada';
  if (has(name, 'name')) return 'Ada Lovelace';
  if (has(name, 'title', 'subject')) return 'Prepare the quarterly report';
  if (has(name, 'sku')) return 'SKU-10042';
  if (has(name, 'code')) return 'ABC-123';
  if (has(name, 'currency')) return 'EUR';
  if (has(name, 'country')) return 'DE';
  if (has(name, 'locale', 'language', 'lang')) return 'en-GB';
  if (has(name, 'phone', 'mobile')) return '+44 20 7946 0958';
  if (has(name, 'slug')) return 'quarterly-report';
  if (has(name, 'status', 'state')) return 'active';
  if (has(name, 'channel')) return 'email';
  if (has(name, 'city')) return 'London';
  if (has(name, 'address', 'street')) return '221B Baker Street';
  if (has(name, 'description', 'summary', 'note', 'notes', 'comment')) return 'Numbers for the board meeting.';
  if (has(name, 'message', 'body', 'content', 'text')) return 'Your order has shipped.';
  if (has(name, 'token', 'secret', 'key')) return 'tok_3f9a1c2b';
  if (has(name, 'version')) return '1.0.0';
  if (has(name, 'location', 'warehouse')) return 'Warehouse A';
  return `${humanize(name)} example`;
}

function integerExample(name: string): number {
  if (has(name, 'quantity', 'qty', 'count', 'stock', 'on_hand', 'available')) return 12;
  if (has(name, 'priority', 'rank', 'level')) return 2;
  if (has(name, 'age')) return 36;
  if (has(name, 'year')) return 2026;
  if (has(name, 'limit', 'size', 'per_page')) return 20;
  if (has(name, 'offset', 'page')) return 0;
  if (has(name, 'attempts', 'retries')) return 3;
  return 7;
}

function numberExample(name: string): number {
  if (has(name, 'price', 'amount', 'cost', 'total')) return 19.99;
  if (has(name, 'lat', 'latitude')) return 51.5072;
  if (has(name, 'lon', 'lng', 'longitude')) return -0.1276;
  if (has(name, 'weight')) return 1.25;
  if (has(name, 'rate', 'ratio', 'score')) return 0.75;
  return 3.5;
}

/** Example value of a field; `seed` (e.g. `Task.id`) makes ids stable across files. */
export function exampleValue(field: Field, seed: string): unknown {
  if (field.example !== undefined) return field.example;
  if (field.enum && field.enum.length > 0) return field.enum[0];
  const name = field.name;
  let value: unknown;
  switch (field.type) {
    case 'string':
      value = stringExample(name);
      break;
    case 'text':
      value = has(name, 'body', 'content', 'message') ? stringExample(name) : 'A longer free-text description of the item.';
      break;
    case 'integer':
      value = integerExample(name);
      break;
    case 'bigint':
      value = has(name, 'bytes', 'size') ? 1048576 : 9007199254;
      break;
    case 'number':
      value = numberExample(name);
      break;
    case 'decimal':
      value = has(name, 'rate', 'ratio') ? '0.0750' : '19.99';
      break;
    case 'boolean':
      value = !(name.startsWith('is_deleted') || has(name, 'archived', 'deleted', 'disabled'));
      break;
    case 'date':
      value = has(name, 'birth', 'birthday') ? '1990-12-10' : '2026-03-14';
      break;
    case 'datetime':
      value = has(name, 'updated', 'modified') ? '2026-03-14T10:15:00Z' : '2026-03-14T09:30:00Z';
      break;
    case 'uuid':
      value = exampleUuid(seed);
      break;
    case 'email':
      value = 'ada@example.com';
      break;
    case 'url':
      value = has(name, 'avatar', 'image', 'photo') ? 'https://example.com/images/ada.png' : 'https://example.com/resources/42';
      break;
    case 'json':
      value = { source: 'web', tags: ['priority'] };
      break;
  }
  // Respect maxLength so the example validates against its own schema; formatted values get a
  // short valid stand-in instead of a cut that would break their format.
  if (typeof value === 'string' && field.maxLength !== undefined && value.length > field.maxLength) {
    const short = SHORT_FORMAT_EXAMPLES[field.type];
    value = short !== undefined && short.length <= field.maxLength ? short : value.slice(0, field.maxLength);
  }
  return value;
}
