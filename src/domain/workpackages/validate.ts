/**
 * The work-packages.yaml validator: the checks of docs/work-packages-format.md, in order, none
 * stopping the later ones, producing the result document of the format.
 *
 * Beyond the format's wording, depends_on_refs also reports a package_id used by more than one
 * package: every later check identifies packages by id, so duplicates would make them ambiguous.
 */
import { findCycles, missingDependencies } from './dag.js';
import { lockKeyError } from './lock-keys.js';
import { overlapReport, type GlobMode, type LockOverlapCheck, type ScopeOverlapCheck } from './overlap.js';
import { packageViews, type PackageView } from './package-view.js';
import { schemaErrors } from './schema-errors.js';

export interface ErrorsCheck {
  passed: boolean;
  errors: string[];
}

export interface WorkPackagesValidation {
  file: string;
  valid: boolean;
  checks: {
    schema: ErrorsCheck;
    depends_on_refs: ErrorsCheck;
    dag_cycles: { passed: boolean; cycles: string[][] };
    lock_keys: ErrorsCheck;
    scope_overlap?: ScopeOverlapCheck;
    lock_overlap?: LockOverlapCheck;
  };
}

export interface ValidateOptions {
  checkOverlap: boolean;
  globMode: GlobMode;
  /** Shown in the result; `<input>` when not given. */
  file?: string;
}

const errorsCheck = (errors: string[]): ErrorsCheck => ({ passed: errors.length === 0, errors });

function dependencyErrors(views: readonly PackageView[]): string[] {
  const missing = missingDependencies(views).map(({ id, dep }) => `${id}: depends_on '${dep}' not found in packages`);
  const positions = new Map<string, number[]>();
  for (const v of views) positions.set(v.id, [...(positions.get(v.id) ?? []), v.index]);
  const duplicates = [...positions]
    .filter(([, at]) => at.length > 1)
    .map(([id, at]) => `${id}: package_id is used by more than one package (${at.map((i) => `packages.${i}`).join(', ')})`);
  return [...missing, ...duplicates];
}

function lockKeyErrors(views: readonly PackageView[]): string[] {
  return views.flatMap((v) => v.lockKeys.map((key) => lockKeyError(v.id, key)).filter((e): e is string => e !== undefined));
}

/** Validates a parsed document (any value). Never throws. */
export function validateWorkPackages(doc: unknown, opts: ValidateOptions): WorkPackagesValidation {
  const views = packageViews(doc);
  const cycles = findCycles(views);
  const checks: WorkPackagesValidation['checks'] = {
    schema: errorsCheck(schemaErrors(doc)),
    depends_on_refs: errorsCheck(dependencyErrors(views)),
    dag_cycles: { passed: cycles.length === 0, cycles },
    lock_keys: errorsCheck(lockKeyErrors(views)),
  };
  if (opts.checkOverlap) {
    const overlaps = overlapReport(views, opts.globMode);
    checks.scope_overlap = overlaps.scope_overlap;
    checks.lock_overlap = overlaps.lock_overlap;
  }
  const valid = Object.values(checks).every((check) => check.passed);
  return { file: opts.file ?? '<input>', valid, checks };
}

/** One line per finding of a check, as the text report shows them. */
export function checkLines(check: { errors?: string[]; cycles?: string[][] }): string[] {
  return [...(check.errors ?? []), ...(check.cycles ?? []).map((cycle) => `cycle: ${cycle.join(' -> ')}`)];
}

/** `[pass|FAIL] <check>` followed by its indented findings. */
export function formatCheckLines(checks: Record<string, { passed: boolean; errors?: string[]; cycles?: string[][] }>): string[] {
  return Object.entries(checks).flatMap(([name, check]) => [
    `  [${check.passed ? 'pass' : 'FAIL'}] ${name}`,
    ...checkLines(check).map((line) => `    ${line}`),
  ]);
}

export function formatValidationText(result: WorkPackagesValidation): string {
  return [`work-packages validation: ${result.valid ? 'VALID' : 'INVALID'}`, ...formatCheckLines(result.checks)].join('\n') + '\n';
}
