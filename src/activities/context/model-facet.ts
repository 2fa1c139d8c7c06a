/**
 * Facet "model": the repository model, built with real parsers. `listModelFiles` writes the
 * file list once; `parseModelShard` parses an index range of it with tree-sitter (Python,
 * TypeScript/TSX, JavaScript, Go) into per-file facts; `mergeModelShards` reads the
 * configuration the model needs (tsconfig paths, workspace packages, go.mod, test runner
 * configs), parses Prisma schemas with Prisma's engine and SQL migrations with PostgreSQL's
 * parser (in order), resolves everything into the model and writes it to the run folder.
 * `gatherModel` runs the three in-process (tests, benchmarks).
 */
import { join } from 'node:path';
import { loadParsers } from '../../adapters/tree-sitter.js';
import { loadSqlParser } from '../../adapters/pg-query.js';
import { prismaModels, type DmmfModel } from '../../adapters/prisma-schema.js';
import { CODE_ROLES, hasGeneratedHeader, roleOfPath } from '../../domain/repository-model/file-roles.js';
import { goFacts } from '../../domain/repository-model/go.js';
import { importContextOf, type ConfigTexts } from '../../domain/repository-model/project-config.js';
import { pythonFacts } from '../../domain/repository-model/python.js';
import { resolveModel } from '../../domain/repository-model/resolve.js';
import { detectMigrations, migrationOrder } from '../../domain/repository-model/migrations.js';
import { applyStatements, tablesAsEntities, type SqlTable } from '../../domain/repository-model/sql-schema.js';
import { summarizeModel } from '../../domain/repository-model/summary.js';
import { syntaxLanguageOf, type SyntaxLanguage } from '../../domain/repository-model/syntax.js';
import { detectTestRunners, runnerConfigFiles } from '../../domain/repository-model/test-runners.js';
import { typescriptFacts } from '../../domain/repository-model/typescript.js';
import { emptyFacts, errorHintsOf } from '../../domain/repository-model/facts.js';
import type { EntityFact, FileFacts, FileRole, RepositoryModel } from '../../domain/repository-model/types.js';
import type { ContextSummary, FacetInput, FacetResult, FileRef } from '../../domain/context/types.js';
import { modelSlice, type ModelSlice } from '../../domain/repository-model/slice.js';
import { readVerified, writeFileAtomic, writeJsonAtomic } from '../../io/atomic-write.js';
import { DEFAULT_MAX_FILE_BYTES, listRepositoryFiles, readFileList, readTextFile, skippedOf, writeFileList } from './files.js';
import { forEachChunk } from './pool.js';
import { balancedShardRanges, DEFAULT_SHARD_SIZE } from '../../domain/context/shards.js';
import { contextDir, facetPath, fileListPath } from './run-folder.js';
import type { ListedFiles, ShardHooks, ShardInput } from './code-facet.js';

const LANGUAGES: readonly SyntaxLanguage[] = ['python', 'typescript', 'tsx', 'javascript', 'go'];
const PROGRESS_EVERY = 250;
/** Repositories with at most this many files are parsed whole, file by file. */
const FULL_PARSE_UP_TO = 8_000;
/** Files this small are parsed whole whatever they hold (cheaper than deciding). */
const SMALL_FILE = 600;
/** Roles whose files are never parsed (their text says nothing about the program's structure). */
const UNPARSED: ReadonlySet<FileRole> = new Set(['vendored', 'lockfile', 'asset', 'docs', 'locale', 'fixture']);

/**
 * Text that marks a file as worth a full parse: routers, routes, ORM models, UI routes, API calls
 * (rules as data, per language; a file without any is parsed only up to its imports).
 */
export const FULL_PARSE_TRIGGERS: Readonly<Record<SyntaxLanguage, RegExp>> = {
  python: /APIRouter|FastAPI\(|Blueprint\(|@\w+\.(get|post|put|patch|delete|route|api_route|websocket)\(|include_router|register_blueprint|add_url_rule|urlpatterns|models\.Model|SQLModel|declarative_base|DeclarativeBase|Column\(|mapped_column|__tablename__|BaseSettings|revision\s*=|CREATE TABLE|ALTER TABLE/,
  go: /gorm|xorm|\.Group\(|HandleFunc|\.Handle\(|\.(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete|Route|Mount|PathPrefix)\(|CREATE TABLE|ALTER TABLE|TableName\(\)/,
  typescript: /Router\b|express|fastify|[Kk]oa|Hono|\.(get|post|put|patch|delete)\(|@Entity|@Table|@Column|@Controller|pgTable|sqliteTable|mysqlTable|\.define\(|\.init\(|createBrowserRouter|<Route|path:|fetch\(|axios|createFileRoute|export (async )?function (GET|POST|PUT|PATCH|DELETE)|CREATE TABLE/,
  tsx: /Router\b|<Route|path:|fetch\(|axios|createFileRoute|useSWR|useQuery|\.(get|post|put|patch|delete)\(/,
  javascript: /Router\b|express|fastify|[Kk]oa|\.(get|post|put|patch|delete)\(|\.define\(|\.init\(|<Route|path:|fetch\(|axios|CREATE TABLE/,
};

/** Where a top-level declaration first starts: imports are above it. */
const BODY_START: Readonly<Record<SyntaxLanguage, RegExp>> = {
  python: /^(?:def|class|async\s+def|@)\b/m,
  go: /^(?:func|type|var|const)\b/m,
  typescript: /^(?:export\s+(?!\*|\{[^}]*\}\s*from|type\s+\{)|(?:async\s+)?function\b|class\b|interface\b|enum\b|const\b|let\b|var\b)/m,
  tsx: /^(?:export\s+(?!\*|\{[^}]*\}\s*from|type\s+\{)|(?:async\s+)?function\b|class\b|interface\b|enum\b|const\b|let\b|var\b)/m,
  javascript: /^(?:export\s+(?!\*|\{[^}]*\}\s*from)|(?:async\s+)?function\b|class\b|const\b(?!\s+\w+\s*=\s*require)|let\b|var\b(?!\s+\w+\s*=\s*require))/m,
};

export interface ModelShardResult {
  ref: FileRef;
  start: number;
  end: number;
  parsed: number;
  headerOnly: number;
  failed: number;
}

const modelShardPath = (runDir: string, start: number, end: number): string => join(contextDir(runDir), 'shards', `model.${start}-${end}.json`);

export async function listModelFiles(input: FacetInput, opts: { signal?: AbortSignal } = {}): Promise<ListedFiles> {
  const list = await listRepositoryFiles(input.repoDir, { maxFileBytes: input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, ...opts });
  const ref = await writeFileList(fileListPath(input.runDir, 'model'), list);
  return { ref, files: list.paths.length, skipped: skippedOf(list) };
}

/** Words of the request that make a file worth a full parse when it contains one (bounded). */
function requestPattern(request: string): RegExp | undefined {
  const words = [...new Set(request.toLowerCase().match(/[a-z][a-z0-9]{3,}/g) ?? [])].filter((w) => !COMMON.has(w)).slice(0, 24);
  if (words.length === 0) return undefined;
  const stems = words.map((w) => w.replace(/(ies|es|s|ing|ed|ion)$/, '')).filter((w) => w.length >= 4);
  return stems.length > 0 ? new RegExp(`(${[...new Set(stems)].join('|')})`, 'i') : undefined;
}
const COMMON = new Set(['with', 'that', 'this', 'from', 'should', 'when', 'will', 'have', 'each', 'they', 'them', 'their', 'into', 'also', 'then', 'than', 'show', 'list', 'make', 'more', 'able', 'allow', 'users', 'user', 'instead', 'which', 'there', 'where', 'what', 'only']);

export async function parseModelShard({ input, list, start, end }: ShardInput, hooks: ShardHooks = {}): Promise<ModelShardResult> {
  const files = await readFileList(list.ref);
  const maxBytes = input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const parsers = await loadParsers(LANGUAGES);
  // Above the whole-parse size, the request's words no longer pick files to parse whole: in a
  // large repository they occur in thousands of files; the lexical ranking already has them.
  const large = files.paths.length > FULL_PARSE_UP_TO * 4;
  const wanted = large ? undefined : requestPattern(input.request);
  const facts: FileFacts[] = [];
  const generated: string[] = [];
  let parsed = 0;
  let headerOnly = 0;
  let failed = 0;
  let done = 0;
  await forEachChunk(
    files.paths.slice(start, end),
    (path) => {
      if (++done % PROGRESS_EVERY === 0) hooks.onProgress?.(done);
      const role = roleOfPath(path);
      if (UNPARSED.has(role)) return;
      const language = syntaxLanguageOf(path);
      if (!language) {
        if (path.endsWith('.sql') && role === 'migration') facts.push({ ...emptyFacts(path), sql: [] });
        return;
      }
      const read = readTextFile(join(files.repoDir, path), maxBytes);
      if (read.kind !== 'text') return;
      const text = read.text;
      const isGenerated = hasGeneratedHeader(text);
      if (isGenerated) generated.push(path);
      // Repositories of ordinary size are parsed whole (every symbol is known); above that, files
      // are parsed whole only when they hold something the model reads beyond their imports.
      const full =
        (!isGenerated || text.length < 200_000) &&
        (files.paths.length <= FULL_PARSE_UP_TO || (large ? false : text.length <= SMALL_FILE) || role === 'migration' || FULL_PARSE_TRIGGERS[language].test(text) || (wanted?.test(text) ?? false));
      const source = full ? text : text.slice(0, Math.max(0, text.search(BODY_START[language]) === -1 ? text.length : text.search(BODY_START[language])));
      try {
        const f = parsers.parse(language, source, (root) =>
          language === 'python' ? pythonFacts(path, root, { header: !full }) : language === 'go' ? goFacts(path, root, { header: !full }) : typescriptFacts(path, root, { header: !full }),
        );
        if (!f) {
          failed++;
          return;
        }
        if (isGenerated) f.generated = true;
        const hints = errorHintsOf(text);
        if (hints.length > 0) f.errorHints = hints;
        facts.push(f);
        if (full) parsed++;
        else headerOnly++;
      } catch {
        failed++;
      }
    },
    hooks.signal,
    64,
  );
  hooks.onProgress?.(done);
  const ref = await writeFileAtomic(modelShardPath(input.runDir, start, end), JSON.stringify({ start, end, facts, generated }));
  return { ref, start, end, parsed, headerOnly, failed };
}

/** Texts of the configuration files the model reads (bounded in number and size). */
function readConfigTexts(repoDir: string, paths: readonly string[]): ConfigTexts {
  const wanted = [
    ...runnerConfigFiles(paths),
    ...paths.filter((p) => /(^|\/)(tsconfig[\w.-]*\.json|jsconfig\.json)$/.test(p) && !p.includes('node_modules/')),
  ].slice(0, 200);
  const texts: Record<string, string> = {};
  for (const p of wanted) {
    const read = readTextFile(join(repoDir, p), 256 * 1024);
    if (read.kind === 'text') texts[p] = read.text;
  }
  return texts;
}

function prismaEntities(repoDir: string, paths: readonly string[], problems: string[]): Array<{ file: string; entity: EntityFact }> {
  const schemas = paths.filter((p) => p.endsWith('.prisma') && !p.includes('node_modules/'));
  const byDir = new Map<string, string[]>();
  for (const s of schemas) {
    const dir = s.includes('/') ? s.slice(0, s.lastIndexOf('/')) : '';
    byDir.set(dir, [...(byDir.get(dir) ?? []), s]);
  }
  const out: Array<{ file: string; entity: EntityFact }> = [];
  for (const files of byDir.values()) {
    const texts: Array<[string, string]> = [];
    for (const f of files) {
      const read = readTextFile(join(repoDir, f), 2 * 1024 * 1024);
      if (read.kind === 'text') texts.push([f, read.text]);
    }
    if (texts.length === 0) continue;
    const parsed = prismaModels(texts);
    if (!parsed.ok) {
      problems.push(`${files.join(', ')}: the Prisma schema does not parse: ${parsed.error}`);
      continue;
    }
    for (const m of parsed.models) out.push({ file: fileOfModel(m, texts), entity: entityOfModel(m) });
  }
  return out;
}

function fileOfModel(m: DmmfModel, texts: Array<[string, string]>): string {
  return texts.find(([, t]) => new RegExp(`^\\s*model\\s+${m.name}\\b`, 'm').test(t))?.[0] ?? texts[0]![0];
}

function entityOfModel(m: DmmfModel): EntityFact {
  return {
    name: m.name,
    table: m.dbName ?? m.name,
    source: 'prisma',
    line: 1,
    isTable: true,
    fields: m.fields.map((f) =>
      f.kind === 'object'
        ? { name: f.name, relation: { target: f.type, many: f.isList } }
        : {
            name: f.dbName ?? f.name,
            type: f.type,
            ...(f.isId ? { primaryKey: true } : {}),
            ...(f.isUnique ? { unique: true } : {}),
            nullable: !f.isRequired,
          },
    ),
  };
}

async function migratedTables(repoDir: string, order: readonly string[], facts: ReadonlyMap<string, FileFacts>, problems: string[]): Promise<Array<{ file: string; entity: EntityFact }>> {
  if (order.length === 0) return [];
  const sql = await loadSqlParser();
  const tables = new Map<string, SqlTable>();
  for (const file of order.slice(0, 2000)) {
    const texts = file.endsWith('.sql') ? [readTextFile(join(repoDir, file), 1024 * 1024)].flatMap((r) => (r.kind === 'text' ? [r.text] : [])) : (facts.get(file)?.sql ?? []);
    for (const text of texts) {
      const parsed = sql.parse(text);
      if (parsed.ok) applyStatements(tables, parsed.stmts, file);
      else if (problems.length < 40) problems.push(`${file}: not PostgreSQL the parser reads (${parsed.error})`);
    }
  }
  return tablesAsEntities(tables);
}

export async function mergeModelShards(input: FacetInput, list: ListedFiles, shards: readonly ModelShardResult[], startedAt: number = Date.now()): Promise<FacetResult> {
  const fileList = await readFileList(list.ref);
  const paths = fileList.paths;
  const facts: FileFacts[] = [];
  const generated = new Set<string>();
  for (const s of shards) {
    const data = JSON.parse(await readVerified(s.ref)) as { facts: FileFacts[]; generated: string[] };
    facts.push(...data.facts);
    data.generated.forEach((g) => generated.add(g));
  }
  const roles: Record<string, FileRole> = {};
  for (const p of paths) {
    const role = roleOfPath(p);
    roles[p] = generated.has(p) && CODE_ROLES.has(role) ? 'generated' : role;
  }
  const problems: string[] = [];
  const texts = readConfigTexts(input.repoDir, paths);
  const factMap = new Map(facts.map((f) => [f.path, f]));
  const migrations = detectMigrations(paths, factMap);
  const extra = [...prismaEntities(input.repoDir, paths, problems), ...(await migratedTables(input.repoDir, migrationOrder(migrations, paths), factMap, problems))];
  const model: RepositoryModel = {
    ...resolveModel({ files: paths, roles, facts, imports: importContextOf(paths, texts), extraEntities: extra, problems }),
    migrations,
    tests: detectTestRunners({ files: paths, texts }),
  };
  const ref = await writeJsonAtomic(facetPath(input.runDir, 'model'), model);
  const parsed = shards.reduce((n, s) => n + s.parsed, 0);
  const summary = summarizeModel(model, parsed);
  return {
    facet: 'model',
    ref,
    summary: { ...summary },
    stats: { files: list.files, skipped: list.skipped + shards.reduce((n, s) => n + s.failed, 0), ms: Date.now() - startedAt },
  };
}

/** Reads a model written by `mergeModelShards`, checking it is the one the workflow saw. */
export async function readModel(ref: { path: string; sha256: string }): Promise<RepositoryModel> {
  return JSON.parse(await readVerified(ref)) as RepositoryModel;
}

/** The whole model facet in this process: list, parse every shard, merge. */
export async function gatherModel(input: FacetInput, opts: { signal?: AbortSignal } = {}): Promise<FacetResult> {
  const started = Date.now();
  const list = await listModelFiles(input, opts);
  const ranges = balancedShardRanges(list.files, input.shardSize ?? DEFAULT_SHARD_SIZE, 2);
  const shards: ModelShardResult[] = [];
  for (const r of ranges) shards.push(await parseModelShard({ input, list, ...r }, opts.signal ? { signal: opts.signal } : {}));
  return mergeModelShards(input, list, shards, started);
}

/** The model slice for a plan author, from the model facet's file (absent in plans gathered before it). */
export async function repositorySlice(context: { facets: ContextSummary['facets']; impact?: ContextSummary['impact'] }): Promise<ModelSlice | undefined> {
  const facet = context.facets.find((f) => f.facet === 'model');
  if (!facet) return undefined;
  return modelSlice(await readModel(facet.ref), context.impact);
}
