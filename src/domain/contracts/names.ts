/**
 * Naming rules shared by every contract generator, so OpenAPI schema names, Pydantic classes,
 * TypeScript types and file names always agree. Pure module.
 */
import type { Entity, Event, Operation } from '../draft.js';

/** `createTask` -> `CreateTask`, `task.created` -> `TaskCreated`, `order_item` -> `OrderItem`. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `order_item` -> `Order item`: readable titles and example text. */
export function humanize(text: string): string {
  const words = text.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const createSchemaName = (entity: Entity): string => `${entity.name}Create`;
export const updateSchemaName = (entity: Entity): string => `${entity.name}Update`;
export const inlineRequestSchemaName = (op: Operation): string => `${pascalCase(op.operationId)}Request`;
export const eventClassName = (event: Event): string => `${pascalCase(event.name)}Event`;
export const eventFileName = (event: Event): string => `${event.name}.schema.json`;

/** The shared RFC 7807 schema; no entity may take this name. */
export const PROBLEM_SCHEMA = 'Problem';

/**
 * 32-bit FNV-1a: a tiny deterministic hash for stable example values and shortened SQL names.
 * Not for security; pure so domain code stays free of node:crypto.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
