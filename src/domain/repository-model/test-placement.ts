/**
 * Where a new test file goes so that the repository's own runner collects it: beside the code
 * when the runner collects there (Go, Vitest/Jest defaults), in the tests folder that mirrors the
 * code's path when the runner collects only its tests folder (pytest `testpaths`), else at the
 * root of what the runner collects. Every candidate is checked against the runners' globs.
 *
 * Pure module.
 */
import { globMatches } from './glob-match.js';
import type { TestRunner } from './types.js';

const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};
const join = (dir: string, name: string): string => (dir === '' ? name : `${dir}/${name}`);

type Runner = Pick<TestRunner, 'runner' | 'root' | 'collects'>;

/** The literal folder a collect glob starts in (`backend/tests/**\/test_*.py` -> `backend/tests`). */
export function collectRoot(glob: string): string {
  const cut = glob.search(/[*?[{]/);
  const head = cut < 0 ? glob : glob.slice(0, cut);
  return head.endsWith('/') ? head.slice(0, -1) : dirOf(head);
}

const collected = (path: string, runners: readonly Runner[]): boolean => runners.some((r) => r.collects.some((g) => globMatches(g, path)));

const LANGUAGE_RUNNERS: Readonly<Record<string, ReadonlyArray<TestRunner['runner']>>> = {
  python: ['pytest', 'django'],
  go: ['go'],
  typescript: ['vitest', 'jest', 'mocha', 'node'],
  javascript: ['vitest', 'jest', 'mocha', 'node'],
};

export interface PlacementInput {
  /** The code files the tests are for (the first one decides the language and folder). */
  code: readonly string[];
  /** Kebab or snake name of what is tested (`item-archiving`). */
  name: string;
  runners: readonly Runner[];
  /** Existing files, to prefer folders that already hold tests. */
  exists?: (path: string) => boolean;
  /** Existing test files near the code (they show the naming style). */
  examples?: readonly string[];
  /** The file stem for TypeScript/JavaScript tests, used as given (`task-due-dates.backend`). */
  scriptStem?: string;
}

function languageOf(path: string): string | undefined {
  if (path.endsWith('.py')) return 'python';
  if (path.endsWith('.go')) return 'go';
  if (/\.[cm]?tsx?$/.test(path)) return 'typescript';
  if (/\.[cm]?jsx?$/.test(path)) return 'javascript';
  return undefined;
}

/** A new test file's path that a runner of the repository collects, or undefined when none would. */
export function placeNewTest({ code, name, runners, exists, examples = [], scriptStem }: PlacementInput): string | undefined {
  const first = code.find((c) => languageOf(c) !== undefined);
  if (!first) return undefined;
  const language = languageOf(first)!;
  const mine = runners.filter((r) => LANGUAGE_RUNNERS[language]!.includes(r.runner));
  if (mine.length === 0) return undefined;
  const dir = dirOf(first);
  const snake = name.replace(/[^a-zA-Z0-9]+/g, '_').toLowerCase();
  const kebab = name.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase();
  const candidates: string[] = [];
  if (language === 'go') candidates.push(join(dir, `${snake}_test.go`));
  else if (language === 'python') {
    const file = `test_${snake}.py`;
    const testDirs = [...new Set(examples.map(dirOf))].filter((d) => /(^|\/)tests?$/.test(d));
    // A dedicated tests folder the runner collects (pytest testpaths): mirror the code's place in it.
    for (const r of mine) {
      for (const g of r.collects) {
        const root = collectRoot(g);
        if (root === '' || root === r.root || first.startsWith(`${root}/`)) continue;
        const base = r.root === '' ? first : first.slice(r.root.length + 1);
        const parts = dirOf(base).split('/').filter((p) => p !== '');
        for (let drop = 1; drop <= parts.length; drop++) {
          const mirrored = join(root, parts.slice(drop).join('/'));
          if (exists?.(mirrored) || testDirs.includes(mirrored)) candidates.push(join(mirrored, file));
        }
        candidates.push(join(root, file));
      }
    }
    // A tests folder the code's package already has (hc/accounts/tests/), nearest first.
    for (let d = dir; ; d = dirOf(d)) {
      const near = testDirs.find((t) => t === join(d, 'tests') || t === join(d, 'test'));
      if (near) candidates.push(join(near, file));
      if (exists?.(join(d, 'tests'))) candidates.push(join(join(d, 'tests'), file));
      if (d === '') break;
    }
    candidates.push(join(dir, file), join(join(dir, 'tests'), file));
  } else {
    const ext = first.endsWith('.tsx') || first.endsWith('.jsx') ? first.slice(first.lastIndexOf('.') + 1).replace(/x$/, '') : first.slice(first.lastIndexOf('.') + 1);
    // The examples' style first (`.spec` or `.test`), then the other: the runner's globs decide.
    const kinds = examples.some((e) => /\.spec\.[cm]?[jt]sx?$/.test(e) && collected(e, mine)) ? ['spec', 'test'] : ['test', 'spec'];
    const style = examples.some((e) => /(^|\/)[a-z][a-zA-Z0-9]*\.(test|spec)\./.test(e) && /[A-Z]/.test(e.replace(/^.*\//, ''))) ? name.replace(/[-_](.)/g, (_m, c: string) => c.toUpperCase()) : kebab;
    for (const kind of kinds) {
      const fileName = `${scriptStem ?? style}.${kind}.${ext}`;
      candidates.push(join(dir, fileName), join(join(dir, '__tests__'), fileName));
      for (const r of mine) for (const g of r.collects) candidates.push(join(collectRoot(g), fileName));
    }
  }
  return [...new Set(candidates)].find((c) => collected(c, mine));
}
