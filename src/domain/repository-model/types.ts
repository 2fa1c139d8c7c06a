/**
 * The repository model: what a repository already has, read with real parsers, so that every
 * planning step stands on facts rather than on words. Per-file facts come out of the parsers
 * (`FileFacts`, one parse per file, written by the shard activities); `resolve.ts` joins them
 * into the `RepositoryModel` (routes with full paths, entities with fields, the reference graph);
 * `impact.ts` ranks the files a request must and may change.
 *
 * Pure module (types only).
 */

/** What a file is for. Only `source`, `test`, `config`, `docs` and `asset` files are ever planned as edits. */
export type FileRole =
  | 'source'
  | 'test'
  | 'generated'
  | 'lockfile'
  | 'locale'
  | 'vendored'
  | 'fixture'
  | 'docs'
  | 'config'
  | 'migration'
  | 'template'
  | 'asset'
  | 'other';

/** A prefix or path written as literals and references to constants (`settings.API_V1_STR + "/x"`). */
export type PathPart = { lit: string } | { ref: string };

export interface ImportFact {
  /** As written: `app.api.routes`, `./routes/items`, `miniflux.app/v2/internal/model`. */
  spec: string;
  /** Python relative import depth (`from ..x import y` is 2). */
  level?: number;
  /** Names bound by the import: local name -> exported name (`*` for a whole module). */
  names: Array<{ local: string; imported: string }>;
  line: number;
}

export interface RouterFact {
  /** Local name in the file (qualified by function for Go: `Register.api`). */
  name: string;
  framework: string;
  prefix: PathPart[];
  /** A parent router in the same file this one is derived from (`api := r.Group("/api")`). */
  parent?: string;
}

export interface MountFact {
  /** Local name of the router that mounts (`app`, `api_router`, `router`). */
  parent: string;
  /** Expression naming the mounted router: a local name, `module.router`, an imported name. */
  child: string;
  prefix: PathPart[];
  line: number;
}

export interface RouteFact {
  method: string;
  path: PathPart[];
  /** Local name of the router it is registered on ('' for file-system routes). */
  router: string;
  handler?: string;
  /** Parameters of the handler that are plain values (query parameters, for FastAPI). */
  params?: string[];
  framework: string;
  line: number;
}

export interface FieldFact {
  name: string;
  type?: string;
  primaryKey?: boolean;
  nullable?: boolean;
  unique?: boolean;
  /** `table.column` or an entity name this field points at. */
  references?: string;
  /** A relation attribute (not a column): the entity it leads to. */
  relation?: { target: string; many: boolean };
}

export type EntitySource =
  | 'sqlmodel'
  | 'sqlalchemy'
  | 'django'
  | 'prisma'
  | 'typeorm'
  | 'sequelize'
  | 'drizzle'
  | 'gorm'
  | 'xorm'
  | 'sql';

export interface EntityFact {
  name: string;
  /** Table name when written or derived by the ORM's own rule. */
  table?: string;
  source: EntitySource;
  fields: FieldFact[];
  line: number;
  /** Base classes as written (for inherited fields). */
  bases?: string[];
  /** false for schema-only classes (SQLModel without table=True, abstract models). */
  isTable: boolean;
}

export interface ApiCallFact {
  method?: string;
  path: string;
  line: number;
}

export interface PageFact {
  /** URL path of the page (`/items`, `/posts/{id}`). */
  path: string;
  framework: string;
  line: number;
  component?: string;
}

export interface FileFacts {
  path: string;
  imports: ImportFact[];
  /** Top-level definitions (classes, functions, exported constants, types). */
  symbols: string[];
  /** The name a module exports as default (TS), when it is a local name. */
  defaultExport?: string;
  routers: RouterFact[];
  mounts: MountFact[];
  routes: RouteFact[];
  entities: EntityFact[];
  /** Module- and class-level string constants: NAME -> value. */
  constants: Record<string, string>;
  apiCalls: ApiCallFact[];
  pages: PageFact[];
  /** String literals that look like paths of files (`repo/home.tmpl`, `views/settings.html`). */
  fileRefs: string[];
  /** SQL statements found in the file (a .sql file, or DDL strings in a migration module). */
  sql: string[];
  /** How the file answers errors: `detail` (FastAPI HTTPException), `problem`, `error`, `message`. */
  errorHints?: string[];
  /** The file says it is generated (codegen header). */
  generated?: boolean;
  /** Parsed only up to its imports (large repositories, files with nothing else to read). */
  headerOnly?: boolean;
}

/** A route with its full path, after prefixes and mounts are resolved. */
export interface Route {
  method: string;
  /** OpenAPI style: `/api/v1/items/{id}`. */
  path: string;
  file: string;
  line: number;
  handler?: string;
  /** Plain-value parameters of the handler (query parameters). */
  params?: string[];
  framework: string;
}

export interface Field {
  name: string;
  type?: string;
  primaryKey?: boolean;
  nullable?: boolean;
  unique?: boolean;
  references?: string;
}

export interface Relation {
  name: string;
  target: string;
  many: boolean;
}

export interface Entity {
  name: string;
  table?: string;
  source: EntitySource;
  file: string;
  line: number;
  fields: Field[];
  relations: Relation[];
  /** Files that use it (import its module and name it), top few. */
  usedBy: string[];
}

export interface MigrationTool {
  tool: 'alembic' | 'django' | 'prisma' | 'golang-migrate' | 'numbered-sql' | 'timestamped-sql' | 'embedded' | 'knex' | 'sequelize';
  /** Folder that holds the migrations (or the module that lists them, for `embedded`). */
  dir: string;
  /** How many exist. */
  count: number;
  /** The path a new migration gets, with `<name>` for its slug (`migrations/000004_<name>.up.sql`). */
  next: string;
  /** The newest existing migration (for alembic, the head revision the next one follows). */
  head?: string;
}

export interface TestRunner {
  runner: 'pytest' | 'django' | 'vitest' | 'jest' | 'playwright' | 'go' | 'mocha' | 'node';
  /** Folder the runner runs in, relative to the repository ('' for the root). */
  root: string;
  /** Globs of the files it collects, relative to the repository. */
  collects: string[];
  command: string;
  /** The configuration file it was read from, when any. */
  config?: string;
}

export interface Page {
  path: string;
  file: string;
  framework: string;
  component?: string;
}

export interface ApiConventions {
  /** Common leading segments of the API's routes (`/api/v1`), '' when none. */
  prefix: string;
  /** Collections named in the plural (`/items`) or singular (`/item`). */
  plural: boolean;
  /** `{id}` style as written by the framework (`{id}`, `{item_id}`, `{itemId}`). */
  idStyle: string;
  /** Error body shape: FastAPI `{detail}`, RFC 7807 problems, `{error}`, `{message}`. */
  errorShape: 'detail' | 'problem' | 'error' | 'message' | 'unknown';
  /** Pagination query parameters seen in handlers (`skip`/`limit`, `page`/`per_page`, `offset`/`limit`). */
  pagination: string[];
  /** Path params style in routes. */
  trailingSlash: boolean;
}

/** The whole model (written to the run folder; the summary in history is `ModelSummary`). */
export interface RepositoryModel {
  files: number;
  roles: Record<string, FileRole>;
  languages: string[];
  entities: Entity[];
  migrations: MigrationTool[];
  routes: Route[];
  conventions: ApiConventions;
  pages: Page[];
  /** UI file -> API routes it calls (`METHOD /path`). */
  uiCalls: Array<{ file: string; route: string }>;
  tests: TestRunner[];
  /** Reference graph: file -> files it imports or names (indices into `nodes`). */
  graph: { nodes: string[]; edges: Array<[number, number]> };
  /** File -> its top-level symbols (source files only, top few each). */
  symbols: Record<string, string[]>;
  problems: string[];
}

/** Compact view of the model for workflow history and the status (a few KB at most). */
export interface ModelSummary {
  files: number;
  parsed: number;
  entities: Array<{ name: string; table?: string; file: string; fields: string[] }>;
  entitiesTotal: number;
  routes: string[];
  routesTotal: number;
  pages: string[];
  pagesTotal: number;
  migrations: Array<{ tool: string; dir: string; next: string }>;
  tests: Array<{ runner: TestRunner['runner']; root: string; collects: string[]; command: string }>;
  conventions: ApiConventions;
  roles: Partial<Record<FileRole, number>>;
  edges: number;
}

export type ImpactLevel = 'must' | 'may' | 'new';

export interface ImpactedFile {
  path: string;
  level: ImpactLevel;
  score: number;
  /** Why it is in the set: `defines entity Item`, `handles GET /api/v1/items/{id}`, `imports app/models.py`. */
  reason: string;
  role: FileRole;
  /** New files only: when the file is needed (`schema-change` for a migration). */
  when?: 'always' | 'schema-change' | 'new-resource';
  /**
   * How many files its folder holds, subfolders included (how broad a scope on the folder would
   * be); absent when the folder holds files no plan writes (migration history, generated, locale).
   */
  folderFiles?: number;
  /** A generated file: the impacted source it is generated from (`auth_service.proto` for `auth_service.pb.go`). */
  generatedFrom?: string;
}

export interface Impact {
  /** Mentions of the request resolved against the model. */
  matched: {
    entities: string[];
    fields: string[];
    routes: string[];
    pages: string[];
    symbols: string[];
  };
  files: ImpactedFile[];
}
