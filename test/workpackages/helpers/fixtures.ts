/** Shared helpers of the work-packages tests: fixture paths and the conformance manifest. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/config/paths.js';
import type { GlobMode } from '../../../src/domain/workpackages/overlap.js';

export const conformanceDir = join(projectRoot, 'test', 'workpackages', 'conformance');
export const schemaFile = join(projectRoot, 'schemas', 'work-packages.schema.json');

export interface ConformanceCase {
  file: string;
  description: string;
  options: { checkOverlap: boolean; globMode: GlobMode };
  expect: { valid?: boolean; failing?: string[]; errors: string[]; unreadable?: boolean };
}

export function conformanceCases(): ConformanceCase[] {
  return (JSON.parse(readFileSync(join(conformanceDir, 'manifest.json'), 'utf8')) as { cases: ConformanceCase[] }).cases;
}

export const readConformance = (file: string): string => readFileSync(join(conformanceDir, file), 'utf8');

/** Replace the value at a random path of `doc` with `value` (in place). */
export function replaceAt(doc: unknown, steps: number[], value: unknown): unknown {
  if (steps.length === 0 || typeof doc !== 'object' || doc === null) return value;
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[steps[0]! % keys.length]!;
  (doc as Record<string, unknown>)[key] = replaceAt((doc as Record<string, unknown>)[key], steps.slice(1), value);
  return doc;
}
