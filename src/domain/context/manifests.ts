/**
 * Package manifests (package.json, pyproject.toml, requirements.txt, setup.py, go.mod,
 * Cargo.toml, pom.xml, build.gradle, Gemfile, composer.json): languages, frameworks and the
 * command that runs the tests, read from the text only (nothing is executed or installed).
 *
 * Pure module.
 */
import { baseName, dirOf, isRecord, unique } from './paths.js';

export type ManifestKind = 'npm' | 'python' | 'go' | 'rust' | 'maven' | 'gradle' | 'ruby' | 'php';

export interface ManifestInfo {
  path: string;
  kind: ManifestKind;
  /** Folder of the manifest ('' for the repository root). */
  dir: string;
  languages: string[];
  frameworks: string[];
  /** Shell command run from the repository root (`cd <dir> && ...` when nested). */
  testCommand?: string;
  /** The project states the command itself (npm `scripts.test`, tox `commands`), not a default. */
  declared?: boolean;
}

const MANIFESTS: ReadonlyArray<[RegExp, ManifestKind]> = [
  [/^package\.json$/, 'npm'],
  [/^(pyproject\.toml|setup\.py|setup\.cfg|requirements(-[a-z]+)?\.txt|Pipfile|tox\.ini)$/, 'python'],
  [/^go\.mod$/, 'go'],
  [/^Cargo\.toml$/, 'rust'],
  [/^pom\.xml$/, 'maven'],
  [/^build\.gradle(\.kts)?$/, 'gradle'],
  [/^Gemfile$/, 'ruby'],
  [/^composer\.json$/, 'php'],
];

export function manifestKind(path: string): ManifestKind | undefined {
  const name = baseName(path);
  return MANIFESTS.find(([re]) => re.test(name))?.[1];
}

/** Dependency name (or prefix ending in `/`) -> framework or tool name. */
const FRAMEWORKS: Readonly<Record<ManifestKind, ReadonlyArray<[string, string]>>> = {
  npm: [
    ['react', 'React'], ['next', 'Next.js'], ['vue', 'Vue'], ['nuxt', 'Nuxt'], ['svelte', 'Svelte'],
    ['@sveltejs/kit', 'SvelteKit'], ['@angular/core', 'Angular'], ['express', 'Express'], ['fastify', 'Fastify'],
    ['koa', 'Koa'], ['hono', 'Hono'], ['@nestjs/core', 'NestJS'], ['@temporalio/', 'Temporal'], ['prisma', 'Prisma'],
    ['@prisma/client', 'Prisma'], ['typeorm', 'TypeORM'], ['sequelize', 'Sequelize'], ['knex', 'Knex'],
    ['drizzle-orm', 'Drizzle'], ['graphql', 'GraphQL'], ['jest', 'Jest'], ['vitest', 'Vitest'], ['mocha', 'Mocha'],
    ['@playwright/test', 'Playwright'], ['cypress', 'Cypress'], ['vite', 'Vite'], ['tailwindcss', 'Tailwind CSS'],
    ['zod', 'Zod'],
  ],
  python: [
    ['fastapi', 'FastAPI'], ['django', 'Django'], ['flask', 'Flask'], ['starlette', 'Starlette'], ['sqlalchemy', 'SQLAlchemy'],
    ['alembic', 'Alembic'], ['pydantic', 'Pydantic'], ['celery', 'Celery'], ['pytest', 'pytest'], ['temporalio', 'Temporal'],
    ['uvicorn', 'Uvicorn'],
  ],
  go: [
    ['github.com/gin-gonic/gin', 'Gin'], ['github.com/labstack/echo', 'Echo'], ['github.com/go-chi/chi', 'chi'],
    ['github.com/gofiber/fiber', 'Fiber'], ['go.temporal.io/sdk', 'Temporal'], ['github.com/spf13/cobra', 'Cobra'],
    ['gorm.io/gorm', 'GORM'], ['google.golang.org/grpc', 'gRPC'],
  ],
  rust: [
    ['actix-web', 'Actix Web'], ['axum', 'Axum'], ['rocket', 'Rocket'], ['tokio', 'Tokio'], ['diesel', 'Diesel'],
    ['sqlx', 'SQLx'], ['serde', 'Serde'],
  ],
  maven: [['spring-boot', 'Spring Boot'], ['junit', 'JUnit'], ['quarkus', 'Quarkus'], ['micronaut', 'Micronaut']],
  gradle: [['spring-boot', 'Spring Boot'], ['junit', 'JUnit'], ['ktor', 'Ktor'], ['quarkus', 'Quarkus']],
  ruby: [['rails', 'Rails'], ['sinatra', 'Sinatra'], ['rspec', 'RSpec'], ['sidekiq', 'Sidekiq']],
  php: [['laravel/framework', 'Laravel'], ['symfony/', 'Symfony'], ['phpunit/phpunit', 'PHPUnit']],
};


function frameworksOf(kind: ManifestKind, dependencies: readonly string[]): string[] {
  const deps = dependencies.map((d) => d.toLowerCase());
  return unique(
    FRAMEWORKS[kind]
      .filter(([name]) => deps.some((d) => (name.endsWith('/') ? d.startsWith(name) : d === name || d.startsWith(`${name}/`))))
      .map(([, fw]) => fw),
  );
}

const inDir = (dir: string, command: string): string => (dir ? `cd ${dir} && ${command}` : command);

/**
 * The test command of tox's default environment (`[testenv]` commands, run in its changedir),
 * with tox's substitutions for a plain shell; `tox` itself when it cannot be read that way.
 */
export function toxTestCommand(text: string): string {
  const section = /^\[testenv\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const value = (key: string): string[] => {
    const m = new RegExp(`^${key}\\s*=\\s*(.*)$((?:\\n[ \\t]+.*)*)`, 'm').exec(section);
    return m ? [m[1]!, ...m[2]!.split('\n')].map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')) : [];
  };
  const first = value('commands')[0];
  if (!first) return 'tox';
  const command = first
    .replace(/\{envpython\}/g, 'python')
    .replace(/\{posargs(?::[^}]*)?\}/g, '')
    .replace(/\{toxinidir\}\/?/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (command === '' || /[{}]/.test(command)) return 'tox';
  const changedir = value('changedir')[0]?.replace(/\{toxinidir\}\/?/g, '');
  return changedir && !/[{}]/.test(changedir) ? `cd ${changedir} && ${command}` : command;
}

/** Names of the files beside the manifest (lockfiles, wrappers) decide the runner. */
export function parseManifest(path: string, text: string, siblings: ReadonlySet<string> = new Set()): ManifestInfo | undefined {
  const kind = manifestKind(path);
  if (!kind) return undefined;
  const dir = dirOf(path);
  const base: ManifestInfo = { path, kind, dir, languages: [], frameworks: [] };
  switch (kind) {
    case 'npm':
      return parsePackageJson(base, text, siblings);
    case 'python': {
      if (baseName(path) === 'tox.ini') return { ...base, languages: ['Python'], testCommand: inDir(dir, toxTestCommand(text)), declared: true };
      const deps = pythonDependencies(baseName(path), text);
      const hasPytest = deps.includes('pytest') || /\[tool\.pytest/.test(text);
      // A requirements file lists packages; only a project file says how tests run without pytest.
      const runner = hasPytest ? 'pytest' : /^(pyproject\.toml|setup\.py)$/.test(baseName(path)) ? 'python -m unittest' : undefined;
      return { ...base, languages: ['Python'], frameworks: frameworksOf(kind, deps), ...(runner ? { testCommand: inDir(dir, runner), ...(hasPytest ? { declared: true } : {}) } : {}) };
    }
    case 'go': {
      const deps = [...text.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+\/[^\s]+)\s+v[0-9]/gm)].map((m) => m[1]!);
      return { ...base, languages: ['Go'], frameworks: frameworksOf(kind, deps), testCommand: inDir(dir, 'go test ./...') };
    }
    case 'rust':
      return { ...base, languages: ['Rust'], frameworks: frameworksOf(kind, tomlTableKeys(text, /^\[(dev-)?dependencies\]$/)), testCommand: inDir(dir, 'cargo test') };
    case 'maven':
      return { ...base, languages: ['Java'], frameworks: frameworksOf(kind, [...text.matchAll(/<artifactId>([^<]+)<\/artifactId>/g)].map((m) => m[1]!).flatMap(prefixes)), testCommand: inDir(dir, siblings.has('mvnw') ? './mvnw test' : 'mvn test') };
    case 'gradle': {
      const deps = [...text.matchAll(/["']([\w.-]+):([\w.-]+)(?::[^"']*)?["']/g)].map((m) => m[2]!).flatMap(prefixes);
      const languages = path.endsWith('.kts') || /kotlin/.test(text) ? ['Kotlin'] : ['Java'];
      return { ...base, languages, frameworks: frameworksOf(kind, deps), testCommand: inDir(dir, siblings.has('gradlew') ? './gradlew test' : 'gradle test') };
    }
    case 'ruby': {
      const deps = [...text.matchAll(/^\s*gem\s+["']([^"']+)["']/gm)].map((m) => m[1]!);
      return { ...base, languages: ['Ruby'], frameworks: frameworksOf(kind, deps), testCommand: inDir(dir, deps.includes('rspec') || deps.includes('rspec-rails') ? 'bundle exec rspec' : 'bundle exec rake test') };
    }
    case 'php': {
      const json = parseJson(text);
      const deps = [...Object.keys(record(json?.require)), ...Object.keys(record(json?.['require-dev']))];
      return { ...base, languages: ['PHP'], frameworks: frameworksOf(kind, deps), testCommand: inDir(dir, 'vendor/bin/phpunit') };
    }
  }
}

/** `spring-boot-starter-web` also counts as `spring-boot`. */
function prefixes(artifact: string): string[] {
  const parts = artifact.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-'));
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const record = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

const NPM_DEFAULT_TEST = /no test specified/;

function parsePackageJson(base: ManifestInfo, text: string, siblings: ReadonlySet<string>): ManifestInfo {
  const json = parseJson(text);
  if (!json) return { ...base, languages: ['JavaScript'] };
  const deps = [
    ...Object.keys(record(json.dependencies)),
    ...Object.keys(record(json.devDependencies)),
    ...Object.keys(record(json.peerDependencies)),
  ];
  const scripts = record(json.scripts);
  const test = typeof scripts.test === 'string' && !NPM_DEFAULT_TEST.test(scripts.test) ? scripts.test : undefined;
  const runners: string[] = [];
  if (test && /\bnode\s+(--[\w-]+\s+)*--test\b/.test(test)) runners.push('node:test');
  const frameworks = unique([...frameworksOf('npm', deps), ...runners]);
  const typescript = deps.includes('typescript') || siblings.has('tsconfig.json');
  const runner = siblings.has('pnpm-lock.yaml') ? 'pnpm' : siblings.has('yarn.lock') ? 'yarn' : siblings.has('bun.lockb') || siblings.has('bun.lock') ? 'bun run' : 'npm';
  return {
    ...base,
    languages: typescript ? ['TypeScript', 'JavaScript'] : ['JavaScript'],
    frameworks,
    ...(test ? { testCommand: inDir(base.dir, `${runner} test`), declared: true } : {}),
  };
}

/** Dependency names from pyproject.toml, setup.py/cfg, Pipfile or a requirements file. */
function pythonDependencies(name: string, text: string): string[] {
  if (name.startsWith('requirements')) {
    return text
      .split(/\r?\n/)
      .map((l) => /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(l.replace(/#.*/, ''))?.[1])
      .filter((d): d is string => d !== undefined)
      .map(normalizePython);
  }
  const quoted = [...text.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:[<>=!~;].*?)?["']/g)].map((m) => m[1]!);
  const keys = tomlTableKeys(text, /^\[(tool\.poetry\.(dev-)?dependencies|tool\.poetry\.group\.[\w-]+\.dependencies|packages|dev-packages)\]$/);
  return unique([...quoted, ...keys].map(normalizePython));
}

const normalizePython = (name: string): string => name.toLowerCase().replace(/_/g, '-');

/** Keys of the TOML tables whose header matches `header`. */
function tomlTableKeys(text: string, header: RegExp): string[] {
  const keys: string[] = [];
  let inside = false;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) {
      inside = header.test(trimmed);
      continue;
    }
    const key = inside ? /^([A-Za-z0-9_.-]+)\s*=/.exec(trimmed)?.[1] : undefined;
    if (key) keys.push(key);
  }
  return keys;
}
