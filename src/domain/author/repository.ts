/**
 * Where in the repository a change lands: the boundaries it touches and the real files to cite,
 * all taken from the gathered context.
 *
 * Pure module.
 */
import type { BoundaryInfo, ContextSummary } from '../context/types.js';
import type { Boundary } from '../draft.js';
import { isTestFile, matchesAny } from './globs.js';
import type { Signals } from './signals.js';

const MAX_FILES = 4;

export interface TouchedBoundary {
  boundary: Boundary;
  /** Real source files to change (top-ranked context files inside the boundary), or its globs. */
  codeFiles: string[];
  /** Real test files to extend, or the glob where new tests go. */
  testFiles: string[];
}

function toBoundary(b: BoundaryInfo): Boundary {
  return { id: b.id, kind: b.kind, globs: [...b.globs], ...(b.testCommand ? { testCommand: b.testCommand } : {}) };
}

/** Boundaries the request's signals point at, else those holding the top-ranked files. */
function chooseBoundaries(context: ContextSummary, signals: Signals, docsOnly: boolean): BoundaryInfo[] {
  const candidates = context.boundaries.filter((b) => b.kind !== 'tests');
  if (docsOnly) return candidates.filter((b) => b.kind === 'docs');
  const kinds = new Set<string>();
  if (signals.api || signals.events || signals.auth) kinds.add('backend');
  if (signals.ui) kinds.add('frontend');
  if (signals.data) kinds.add(candidates.some((b) => b.kind === 'data') ? 'data' : 'backend');
  if (signals.docs) kinds.add('docs');
  let chosen = candidates.filter((b) => kinds.has(b.kind));
  if (chosen.length === 0) {
    const top = context.topFiles.slice(0, 3).map((f) => f.path);
    chosen = candidates.filter((b) => top.some((p) => matchesAny(p, b.globs)));
  }
  if (chosen.length === 0) chosen = candidates.filter((b) => b.kind === 'backend').slice(0, 1);
  if (chosen.length === 0) chosen = candidates.slice(0, 1);
  return chosen;
}

export function touchedBoundaries(context: ContextSummary, signals: Signals, docsOnly: boolean): TouchedBoundary[] {
  const chosen = chooseBoundaries(context, signals, docsOnly);
  const testGlobs = context.boundaries.filter((b) => b.kind === 'tests').flatMap((b) => b.globs);
  const ranked = context.topFiles.map((f) => f.path);
  const out: TouchedBoundary[] = chosen.map((b) => {
    const inside = ranked.filter((p) => matchesAny(p, b.globs));
    const code = inside.filter((p) => !isTestFile(p)).slice(0, MAX_FILES);
    const tests = [...inside.filter(isTestFile), ...ranked.filter((p) => isTestFile(p) && matchesAny(p, testGlobs))];
    return {
      boundary: toBoundary(b),
      codeFiles: code.length > 0 ? code : [...b.globs],
      testFiles: tests.length > 0 ? [...new Set(tests)].slice(0, MAX_FILES) : testGlobs.length > 0 ? [testGlobs[0]!] : [b.globs[0]!],
    };
  });
  if (out.length === 0 && docsOnly) {
    // No docs boundary was found: the docs the context lists are the boundary.
    const docs = context.docs.length > 0 ? [...context.docs] : ['README.md'];
    out.push({ boundary: { id: 'docs', kind: 'docs', globs: docs }, codeFiles: docs.slice(0, MAX_FILES), testFiles: [] });
  }
  return out;
}
