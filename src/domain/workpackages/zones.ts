/**
 * The parallel-zones view: which packages may run at the same time, and whether their write
 * scopes and locks collide (the two overlap checks alone, without the other checks).
 */
import { parallelPairs } from './dag.js';
import {
  INTEGRATION_PACKAGE_ID,
  lockOverlapCheck,
  scopeOverlapCheck,
  type GlobMode,
  type LockOverlapCheck,
  type ScopeOverlapCheck,
} from './overlap.js';
import { packageViews } from './package-view.js';
import { formatCheckLines } from './validate.js';

export interface ParallelZones {
  file: string;
  /** True when both overlap checks pass. */
  valid: boolean;
  /** Every parallel pair `[a, b]` with a < b, including those with wp-integration. */
  parallel_pairs: Array<[string, string]>;
  /** Pairs skipped by the overlap checks because they involve wp-integration. */
  exempt_pairs: Array<[string, string]>;
  checks: { scope_overlap: ScopeOverlapCheck; lock_overlap: LockOverlapCheck };
}

export function parallelZones(doc: unknown, opts: { globMode: GlobMode; file?: string }): ParallelZones {
  const views = packageViews(doc);
  const pairs = parallelPairs(views);
  const isExempt = ([a, b]: [string, string]): boolean => a === INTEGRATION_PACKAGE_ID || b === INTEGRATION_PACKAGE_ID;
  const checked = pairs.filter((p) => !isExempt(p));
  const checks = {
    scope_overlap: scopeOverlapCheck(views, checked, opts.globMode),
    lock_overlap: lockOverlapCheck(views, checked),
  };
  return {
    file: opts.file ?? '<input>',
    valid: checks.scope_overlap.passed && checks.lock_overlap.passed,
    parallel_pairs: pairs,
    exempt_pairs: pairs.filter(isExempt),
    checks,
  };
}

export function formatZonesText(zones: ParallelZones): string {
  const pairLines = zones.parallel_pairs.map(
    ([a, b]) => `  ${a} || ${b}${zones.exempt_pairs.some(([x, y]) => x === a && y === b) ? '  (wp-integration: not checked)' : ''}`,
  );
  return (
    [
      `parallel zones: ${zones.valid ? 'CLEAR' : 'OVERLAPS'} (glob mode: ${zones.checks.scope_overlap.mode})`,
      `parallel pairs: ${zones.parallel_pairs.length}`,
      ...pairLines,
      ...formatCheckLines(zones.checks),
    ].join('\n') + '\n'
  );
}
