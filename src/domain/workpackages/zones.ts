/**
 * The parallel-zones view: which packages may run at the same time, and whether their write
 * scopes and locks collide (the two overlap checks alone, without the other checks).
 */
import { involvesIntegration, overlapReport, type GlobMode, type LockOverlapCheck, type ScopeOverlapCheck } from './overlap.js';
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
  const report = overlapReport(packageViews(doc), opts.globMode);
  return {
    file: opts.file ?? '<input>',
    valid: report.scope_overlap.passed && report.lock_overlap.passed,
    parallel_pairs: report.parallelPairs,
    exempt_pairs: report.exemptPairs,
    checks: { scope_overlap: report.scope_overlap, lock_overlap: report.lock_overlap },
  };
}

export function formatZonesText(zones: ParallelZones): string {
  const pairLines = zones.parallel_pairs.map(
    (pair) => `  ${pair[0]} || ${pair[1]}${involvesIntegration(pair) ? '  (wp-integration: not checked)' : ''}`,
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
