/**
 * A defensive view of the packages of a possibly invalid document.
 *
 * The checks after the schema check must run on anything (nulls, wrong types, `id` instead of
 * `package_id`), so they read only what has the right type and ignore the rest: the schema
 * check already reports every deviation.
 */
import type { DagNode } from './dag.js';
import { isRecord } from './util.js';

export interface PackageView extends DagNode {
  /** Position in `packages`, for messages about duplicates. */
  index: number;
  writeAllow: string[];
  lockKeys: string[];
  lockFiles: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The format's limit on a Glob. Longer ones are schema errors already; leaving them out of the
 * overlap checks keeps a hostile document from building huge regexes or automata.
 */
export const MAX_GLOB_LENGTH = 512;

const field = (v: unknown, key: string): unknown => (isRecord(v) ? v[key] : undefined);

/** Packages that have a string `package_id`, in document order (duplicates kept). */
export function packageViews(doc: unknown): PackageView[] {
  const packages = field(doc, 'packages');
  if (!Array.isArray(packages)) return [];
  const views: PackageView[] = [];
  packages.forEach((pkg: unknown, index) => {
    const id = field(pkg, 'package_id');
    if (typeof id !== 'string') return;
    const timeout = field(pkg, 'timeout_minutes');
    views.push({
      index,
      id,
      dependsOn: strings(field(pkg, 'depends_on')),
      weight: typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : 1,
      writeAllow: strings(field(field(pkg, 'scope'), 'write_allow')).filter((glob) => glob.length <= MAX_GLOB_LENGTH),
      lockKeys: strings(field(field(pkg, 'locks'), 'keys')),
      lockFiles: strings(field(field(pkg, 'locks'), 'files')),
    });
  });
  return views;
}
