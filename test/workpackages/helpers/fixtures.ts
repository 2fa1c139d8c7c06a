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
