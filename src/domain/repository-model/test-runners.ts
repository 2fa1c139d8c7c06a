/**
 * What each test runner of the repository collects and how it is run, from its configuration:
 * pytest (`testpaths`, `python_files` in pytest.ini, pyproject.toml, setup.cfg, tox.ini), Django's
 * `manage.py test`, Vitest (`test.include`), Jest (`testMatch`, `roots`), Playwright (`testDir`,
 * `testMatch`) and `go test` (every package with `_test.go` files). A new test file belongs where
 * a runner collects it: `collectedBy` says which runner, if any, would.
 *
 * Pure module.
 */
import { globMatches } from './glob-match.js';
import type { TestRunner } from './types.js';

const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};
const under = (root: string, glob: string): string => (root === '' ? glob : `${root}/${glob.replace(/^\.\//, '')}`);

const JS_EXT = '{js,jsx,ts,tsx,mjs,cjs,mts,cts}';
export const DEFAULT_JS_TESTS = [`**/*.{test,spec}.${JS_EXT}`];
const JEST_DEFAULT = [`**/__tests__/**/*.${JS_EXT}`, `**/*.{test,spec}.${JS_EXT}`];

/** The strings of `key: [ ... ]` or `key = [ ... ]` (or a single string) in a config text. */
function listValue(text: string, key: string): string[] | undefined {
  const arr = new RegExp(`\\b${key}\\s*[:=]\\s*\\[([^\\]]*)\\]`).exec(text);
  if (arr) return [...arr[1]!.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]!);
  const one = new RegExp(`\\b${key}\\s*[:=]\\s*["'\`]([^"'\`]+)["'\`]`).exec(text);
  if (one) return [one[1]!];
  return undefined;
}

/** INI-style `key = a b` (pytest.ini, setup.cfg, tox.ini) inside `[section]`. */
function iniValue(text: string, section: string, key: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const s = /^\s*\[([^\]]+)\]/.exec(l);
    if (s) {
      inSection = s[1]!.trim() === section;
      continue;
    }
    if (!inSection) continue;
    const m = new RegExp(`^\\s*${key}\\s*=\\s*(.*)$`).exec(l);
    if (!m) continue;
    const parts = [m[1]!];
    for (let j = i + 1; j < lines.length && /^\s+\S/.test(lines[j]!); j++) parts.push(lines[j]!);
    return parts.join(' ').split(/[\s,]+/).filter((x) => x !== '');
  }
  return undefined;
}

/** The TOML table `[tool.pytest.ini_options]`'s text. */
function tomlTable(text: string, table: string): string | undefined {
  const start = text.indexOf(`[${table}]`);
  if (start < 0) return undefined;
  const rest = text.slice(start + table.length + 2);
  const end = rest.search(/^\s*\[/m);
  return end < 0 ? rest : rest.slice(0, end);
}

const pyGlobs = (root: string, paths: string[], patterns: string[]): string[] =>
  paths.flatMap((p) => patterns.map((pat) => under(root, `${p === '.' ? '' : `${p.replace(/\/$/, '')}/`}**/${pat}`)));

function pytestRunner(configPath: string, text: string): TestRunner | undefined {
  const name = configPath.split('/').pop()!;
  let testpaths: string[] | undefined;
  let pyFiles: string[] | undefined;
  if (name === 'pyproject.toml') {
    const t = tomlTable(text, 'tool.pytest.ini_options') ?? tomlTable(text, 'tool.pytest');
    if (t === undefined) return undefined;
    testpaths = listValue(t, 'testpaths');
    pyFiles = listValue(t, 'python_files');
  } else {
    const section = name === 'setup.cfg' ? 'tool:pytest' : 'pytest';
    if (!text.includes(`[${section}]`)) return undefined;
    testpaths = iniValue(text, section, 'testpaths');
    pyFiles = iniValue(text, section, 'python_files');
  }
  const root = dirOf(configPath);
  const patterns = pyFiles ?? ['test_*.py', '*_test.py'];
  const run = testpaths ? `pytest ${testpaths.join(' ')}` : 'pytest';
  return { runner: 'pytest', root, collects: pyGlobs(root, testpaths ?? ['.'], patterns), command: root === '' ? run : `cd ${root} && ${run}`, config: configPath };
}

function jsRunner(runner: 'vitest' | 'jest' | 'playwright', configPath: string, text: string, scripts: Record<string, string>): TestRunner {
  const root = dirOf(configPath);
  let collects: string[];
  if (runner === 'playwright') {
    const dir = listValue(text, 'testDir')?.[0] ?? '.';
    const match = listValue(text, 'testMatch') ?? [`*.{spec,test}.${JS_EXT}`];
    collects = match.map((m) => under(root, `${dir.replace(/^\.\/?/, '').replace(/\/$/, '')}${dir === '.' || dir === './' ? '' : '/'}**/${m.replace(/^\*\*\//, '')}`));
  } else if (runner === 'vitest') {
    const testBlock = /\btest\s*:\s*\{([\s\S]*)/.exec(text)?.[1] ?? text;
    collects = (listValue(testBlock, 'include') ?? DEFAULT_JS_TESTS).map((g) => under(root, g.replace(/^\.\//, '')));
  } else {
    const roots = listValue(text, 'roots')?.map((r) => r.replace(/^<rootDir>\/?/, ''));
    const match = listValue(text, 'testMatch')?.map((g) => g.replace(/^<rootDir>\/?/, ''));
    collects = (match ?? JEST_DEFAULT).flatMap((g) => (roots && !match ? roots.map((r) => under(root, `${r}/${g}`)) : [under(root, g)]));
  }
  // The script that runs the runner once: `test` first, never a watch, UI or coverage variant.
  const scriptName = Object.entries(scripts)
    .filter(([name, cmd]) => new RegExp(`\\b${runner}\\b`).test(cmd) && !/watch|:ui\b|coverage|--ui\b/.test(`${name} ${cmd}`))
    .sort(([a], [b]) => (a === 'test' ? -1 : b === 'test' ? 1 : a.length - b.length))[0]?.[0];
  const run = scriptName ? (scriptName === 'test' ? 'npm test' : `npm run ${scriptName}`) : runner === 'playwright' ? 'npx playwright test' : runner === 'vitest' ? 'npx vitest run' : 'npx jest';
  return { runner, root, collects, command: root === '' ? run : `cd ${root} && ${run}`, config: configPath };
}

export interface RunnerInput {
  files: readonly string[];
  /** Texts of the configuration files (pyproject.toml, *.config.*, package.json, ...). */
  texts: Readonly<Record<string, string>>;
}

/** Files whose text the runner detection needs. */
export function runnerConfigFiles(files: readonly string[]): string[] {
  return files.filter((f) => /(^|\/)(pyproject\.toml|pytest\.ini|setup\.cfg|tox\.ini|package\.json|(vitest|vite|jest|playwright)\.config\.[cm]?[jt]s|vitest\.workspace\.[jt]s|go\.mod)$/.test(f) && !/node_modules\//.test(f));
}

export function detectTestRunners({ files, texts }: RunnerInput): TestRunner[] {
  const out: TestRunner[] = [];
  const scriptsOf = (dir: string): Record<string, string> => {
    const pkg = texts[dir === '' ? 'package.json' : `${dir}/package.json`];
    if (!pkg) return {};
    try {
      const parsed = JSON.parse(pkg) as { scripts?: Record<string, string>; jest?: unknown };
      return parsed.scripts ?? {};
    } catch {
      return {};
    }
  };
  for (const [path, text] of Object.entries(texts)) {
    const name = path.split('/').pop()!;
    if (/^(pyproject\.toml|pytest\.ini|setup\.cfg|tox\.ini)$/.test(name)) {
      const r = pytestRunner(path, text);
      if (r && !out.some((o) => o.runner === 'pytest' && o.root === r.root)) out.push(r);
    } else if (/^vitest\.config\./.test(name) || (/^vite\.config\./.test(name) && /\btest\s*:/.test(text))) {
      out.push(jsRunner('vitest', path, text, scriptsOf(dirOf(path))));
    } else if (/^jest\.config\./.test(name)) out.push(jsRunner('jest', path, text, scriptsOf(dirOf(path))));
    else if (/^playwright\.config\./.test(name)) out.push(jsRunner('playwright', path, text, scriptsOf(dirOf(path))));
    else if (name === 'package.json') {
      const dir = dirOf(path);
      try {
        const pkg = JSON.parse(text) as { jest?: Record<string, unknown>; scripts?: Record<string, string>; devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
        const deps = { ...(pkg.dependencies ?? {}), ...(pkg.devDependencies ?? {}) };
        const hasConfig = (r: string) => out.some((o) => o.runner === r && o.root === dir) || Object.keys(texts).some((p) => dirOf(p) === dir && new RegExp(`(^|/)${r}\\.config\\.`).test(p));
        if (pkg.jest && !hasConfig('jest')) out.push(jsRunner('jest', path, JSON.stringify(pkg.jest), pkg.scripts ?? {}));
        else if (deps.vitest && !hasConfig('vitest') && !Object.keys(texts).some((p) => dirOf(p) === dir && /vite\.config\./.test(p) && /\btest\s*:/.test(texts[p]!))) out.push(jsRunner('vitest', `${dir ? `${dir}/` : ''}vitest.config.ts`, '', pkg.scripts ?? {}));
        else if (deps.jest && !hasConfig('jest')) out.push(jsRunner('jest', `${dir ? `${dir}/` : ''}jest.config.js`, '', pkg.scripts ?? {}));
      } catch {
        /* an unreadable package.json runs no tests */
      }
    } else if (name === 'go.mod') {
      const root = dirOf(path);
      out.push({ runner: 'go', root, collects: [under(root, '**/*_test.go')], command: root === '' ? 'go test ./...' : `cd ${root} && go test ./...`, config: path });
    }
  }
  // Django's own runner when there is a manage.py and no pytest configuration for its folder.
  for (const m of files.filter((f) => /(^|\/)manage\.py$/.test(f))) {
    const root = dirOf(m);
    if (out.some((o) => o.runner === 'pytest' && (o.root === root || root.startsWith(`${o.root}/`) || o.root === ''))) continue;
    out.push({ runner: 'django', root, collects: [under(root, '**/tests.py'), under(root, '**/test*.py'), under(root, '**/tests/**/*.py')], command: root === '' ? 'python manage.py test' : `cd ${root} && python manage.py test`, config: m });
  }
  // Python tests with no configuration at all: pytest's defaults from the repository root.
  if (!out.some((o) => o.runner === 'pytest' || o.runner === 'django') && files.some((f) => /(^|\/)test_[^/]*\.py$|_test\.py$/.test(f))) {
    out.push({ runner: 'pytest', root: '', collects: ['**/test_*.py', '**/*_test.py'], command: 'pytest' });
  }
  return out.sort((a, b) => a.root.localeCompare(b.root) || a.runner.localeCompare(b.runner));
}

/** The runners that collect a (new or existing) test file. */
export function collectedBy(path: string, runners: readonly TestRunner[]): TestRunner[] {
  return runners.filter((r) => r.collects.some((g) => globMatches(g, path)));
}

/** The command that runs the tests of a folder: the runner whose root is nearest and that collects there. */
export function commandFor(dir: string, runners: readonly TestRunner[], language?: string): string | undefined {
  const speaking = runners.filter((r) => !language || RUNNER_LANGUAGE[r.runner] === language);
  const containing = speaking.filter((r) => r.root === '' || dir === r.root || dir.startsWith(`${r.root}/`)).sort((a, b) => b.root.length - a.root.length);
  const r = containing.find((x) => x.runner !== 'playwright') ?? containing[0];
  if (!r) return undefined;
  if (r.runner === 'go') {
    const rel = r.root === '' ? dir : dir.slice(r.root.length + 1);
    return r.root === '' ? `go test ./${rel ? `${rel}/` : ''}...` : `cd ${r.root} && go test ./${rel ? `${rel}/` : ''}...`;
  }
  return r.command;
}

export const RUNNER_LANGUAGE: Readonly<Record<TestRunner['runner'], string>> = {
  pytest: 'python', django: 'python', vitest: 'javascript', jest: 'javascript', playwright: 'javascript', go: 'go', mocha: 'javascript', node: 'javascript',
};

/** Runner language of a boundary language name (`TypeScript` -> javascript). */
const BOUNDARY_LANGUAGE: Readonly<Record<string, string>> = { Python: 'python', Go: 'go', TypeScript: 'javascript', JavaScript: 'javascript' };

/**
 * The test command of each boundary from the runners that collect in it: a Go boundary runs
 * `go test ./internal/...`, not the whole module; a Python folder under `backend/` runs the
 * backend's pytest. Boundaries no runner covers keep the command they had.
 */
export function boundaryTestCommand(globs: readonly string[], languages: readonly string[], runners: readonly TestRunner[]): string | undefined {
  const folder = globs.length === 1 && globs[0]!.endsWith('/**') ? globs[0]!.slice(0, -3) : undefined;
  if (folder === undefined) return undefined;
  for (const l of languages) {
    const lang = BOUNDARY_LANGUAGE[l];
    if (!lang) continue;
    const cmd = commandFor(folder, runners, lang);
    if (cmd) return cmd;
  }
  return undefined;
}
