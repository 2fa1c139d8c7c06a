/**
 * Which boundary a context file belongs to, with the same glob semantics the work-packages
 * validator uses in exact mode. Pure module.
 */
import { globMatchesPath } from '../workpackages/glob-exact.js';

export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => globMatchesPath(g, path));
}

const TEST_FILE = /(^|\/)(test|tests|__tests__|spec)\/|\.(test|spec)\.[a-z]+$|(^|\/)test_[^/]*\.py$|_test\.(go|py)$/;

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}
