/**
 * Overlap of write scopes as the validator sees it, in BOTH of its glob modes at once.
 *
 * The planner keeps parallel packages apart by construction, so it must never accept a pair of
 * globs that either mode would flag: compatibility mode has false negatives, exact mode is
 * stricter about `*` and `/`, and a plan is checked in whichever mode the reader picks.
 */
import { globOverlapFn, type GlobMode } from '../workpackages/overlap.js';

const MODES: readonly GlobMode[] = ['compat', 'exact'];

export interface GlobClash {
  a: string;
  b: string;
  /** The modes that report the overlap. */
  modes: GlobMode[];
}

export function globClash(a: string, b: string): GlobClash | undefined {
  const modes = MODES.filter((mode) => globOverlapFn(mode)(a, b));
  return modes.length > 0 ? { a, b, modes } : undefined;
}

/** The first clashing pair between two glob lists (in list order), if any. */
export function firstClash(left: readonly string[], right: readonly string[]): GlobClash | undefined {
  for (const a of left) {
    for (const b of right) {
      const clash = globClash(a, b);
      if (clash) return clash;
    }
  }
  return undefined;
}

/** Whether the repository path `path` falls under any of `globs` (in either mode). */
export function pathInScope(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => globClash(path, glob) !== undefined);
}

/**
 * The directory a glob starts from: the segments before the first wildcard. A literal path is
 * its own root. `src/api/**` -> `src/api`, `**\/*.py` -> `` (the repository root).
 */
export function globRoot(glob: string): string {
  const segments = glob.split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (/[*?[{]/.test(segment)) break;
    literal.push(segment);
  }
  return literal.join('/');
}

/** `dir` contains `path` (or is it); the root directory `` contains everything. */
export function isUnderDir(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
