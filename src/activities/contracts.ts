/**
 * Step 4: contracts. `generateContracts` renders every contract in memory from the plan draft
 * (pure generators plus openapi-typescript), and only then writes them, each via temp file and
 * rename, so bad input leaves nothing behind. `verifyContracts` runs each contract through its
 * real tool and reports per tool; a contract that fails is data, a tool that cannot run throws.
 */
import { assertWritableFolder } from '../io/repo-paths.js';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { activityHeartbeat, activitySignal } from './activity-context.js';
import { parse as parseYaml } from 'yaml';
import type { FileRef } from '../domain/context/types.js';
import { basicCatalogProblems, compareCatalog } from '../domain/contracts/catalog.js';
import { checkDraft, issueText } from '../domain/contracts/check-draft.js';
import { CONTRACT_FILES, contractFileNames, contractsDir } from '../domain/contracts/manifest.js';
import { writeRoot } from '../io/change-stage.js';
import { exampleCases, probePlan, type ExampleCase } from '../domain/contracts/probes.js';
import { modelExampleCases } from '../domain/contracts/pydantic.js';
import { renderContracts } from '../domain/contracts/render.js';
import { expectedCatalog } from '../domain/contracts/sql.js';
import type { PlanDraft } from '../domain/draft.js';
import { badInput, ErrorType, PlanError } from '../errors.js';
import { readVerified, repoRelative, writeFilesAtomic } from '../io/atomic-write.js';
import { checkEventSchemas, openApiBodyValidator, type EventSchemaFile } from '../adapters/ajv.js';
import { fail, pass, type CheckOutcome } from '../adapters/check-outcome.js';
import { generateTypes } from '../adapters/openapi-typescript.js';
import { applySchema } from '../adapters/postgres.js';
import type { PostgresProvider } from '../adapters/postgres-server.js';
import { checkWithPrism } from '../adapters/prism.js';
import { checkModels } from '../adapters/python.js';
import { validateOpenApiFile } from '../adapters/swagger-parser.js';
import { typecheckFile } from '../adapters/tsc.js';

export type { PostgresProvider };

export interface ContractActivityDeps {
  postgres: PostgresProvider;
}

export interface DraftRef {
  path: string;
  sha256: string;
}

export interface GenerateContractsInput {
  repoDir: string;
  changeId: string;
  draftRef: DraftRef;
  revision: number;
  /** The revision's stage (see io/change-stage.ts); absent in plans recorded before staging. */
  stageDir?: string;
}

/** The tools, in the order they run. */
export const CONTRACT_CHECKS = ['swagger-parser', 'tsc', 'python', 'postgres', 'ajv', 'prism'] as const;
export type ContractCheck = (typeof CONTRACT_CHECKS)[number];

export interface VerifyContractsInput {
  repoDir: string;
  changeId: string;
  /** Subset of CONTRACT_CHECKS; all when omitted. */
  checks?: string[];
  /** With the draft, the PostgreSQL catalog is compared table by table; without, only basic checks. */
  draftRef?: DraftRef;
  /** Verify the contracts of a revision's stage instead of the repository's change folder. */
  stageDir?: string;
}

export interface ContractCheckResult {
  tool: ContractCheck;
  passed: boolean;
  ms: number;
  messages: string[];
  skipped?: boolean;
}

export interface VerifyContractsResult {
  passed: boolean;
  results: ContractCheckResult[];
}

/** Reads the draft, checks its digest and its contract-readiness; throws BadInput naming every issue. */
export async function loadContractsDraft(draftRef: DraftRef, changeId?: string): Promise<PlanDraft> {
  let text: string;
  try {
    text = await readVerified(draftRef);
  } catch (err) {
    throw badInput(`plan draft ${draftRef.path} cannot be used: ${err instanceof Error ? err.message : String(err)}`, 're-run the scaffold step to write a fresh draft');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw badInput(`plan draft ${draftRef.path} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const check = checkDraft(json);
  if (!check.valid || !check.draft) {
    throw badInput(`plan draft cannot be turned into contracts:\n${issueText(check.issues)}`, 'fix the named items in the draft (or the brief it came from)');
  }
  if (changeId !== undefined && check.draft.changeId !== changeId) {
    throw badInput(`plan draft is for change '${check.draft.changeId}', not '${changeId}'`);
  }
  return check.draft;
}

/** Files this generator owns that the new draft no longer produces (e.g. a removed event). */
async function staleFiles(dir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const owned: string[] = [CONTRACT_FILES.sql, CONTRACT_FILES.models];
  const eventsDir = join(dir, CONTRACT_FILES.eventsDir);
  if (existsSync(eventsDir)) {
    for (const name of await readdir(eventsDir)) if (name.endsWith('.schema.json')) owned.push(`${CONTRACT_FILES.eventsDir}/${name}`);
  }
  return owned.filter((f) => !keep.has(f) && existsSync(join(dir, f)));
}

async function generateContracts(input: GenerateContractsInput): Promise<{ files: FileRef[] }> {
  const signal = activitySignal();
  const draft = await loadContractsDraft(input.draftRef, input.changeId);
  const rendered = renderContracts(draft, input.revision);
  const types = await generateTypes(rendered.openapi, { signal });
  const contents = new Map(rendered.files.map((f) => [f.path, f.content]));
  contents.set(CONTRACT_FILES.types, types);
  // Everything is rendered; only now does anything touch the repository.
  assertWritableFolder(input.repoDir, contractsDir(input.changeId), { linkedFolders: 2 });
  if (input.stageDir) assertWritableFolder(input.stageDir, contractsDir(input.changeId), { linkedFolders: 2 });
  const root = writeRoot(input);
  const dir = join(root, contractsDir(input.changeId));
  const names = contractFileNames(draft);
  const refs = await writeFilesAtomic(names.map((name) => ({ path: join(dir, name), data: contents.get(name) ?? '' })));
  for (const stale of await staleFiles(dir, new Set(names))) await rm(join(dir, stale), { force: true });
  return { files: refs.map((r) => repoRelative(root, r)) };
}

const skip = (reason: string): CheckOutcome & { skipped: true } => ({ passed: true, messages: [`skipped: ${reason}`], skipped: true });

async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

async function eventSchemaFiles(dir: string): Promise<EventSchemaFile[]> {
  const eventsDir = join(dir, CONTRACT_FILES.eventsDir);
  if (!existsSync(eventsDir)) return [];
  const names = (await readdir(eventsDir)).filter((n) => n.endsWith('.schema.json')).sort();
  return Promise.all(names.map(async (n) => ({ name: `${CONTRACT_FILES.eventsDir}/${n}`, schema: await readJson(join(eventsDir, n)) })));
}

/** Event examples pair with the model named by the schema's title. */
function eventCases(files: readonly EventSchemaFile[]): ExampleCase[] {
  return files.flatMap((f) => {
    const model = typeof f.schema.title === 'string' ? f.schema.title : '';
    const examples = Array.isArray(f.schema.examples) ? f.schema.examples : [];
    return examples.map((example, i) => ({ where: `${f.name} examples[${i}]`, model, list: false, example }));
  });
}

interface VerifyContext {
  dir: string;
  doc: Record<string, unknown>;
  draft?: PlanDraft;
  postgres: PostgresProvider;
  signal?: AbortSignal;
}

const CHECKS: Record<ContractCheck, (ctx: VerifyContext) => Promise<CheckOutcome & { skipped?: boolean }>> = {
  'swagger-parser': (ctx) => validateOpenApiFile(join(ctx.dir, CONTRACT_FILES.openapi), { signal: ctx.signal }),
  tsc: async (ctx) => {
    const file = join(ctx.dir, CONTRACT_FILES.types);
    if (existsSync(file)) return typecheckFile(file, { signal: ctx.signal, cwd: ctx.dir });
    if (ctx.draft && !contractFileNames(ctx.draft).includes(CONTRACT_FILES.types)) return skip('no TypeScript types: the repository has no TypeScript code');
    return fail(`${CONTRACT_FILES.types} is missing`);
  },
  python: async (ctx) => {
    const file = join(ctx.dir, CONTRACT_FILES.models);
    if (!existsSync(file)) return skip(ctx.draft?.api && !ctx.draft.api.languages.includes('python') ? 'no Pydantic models: the repository has no Python code' : 'no models.py (no API, entities or events)');
    const cases = [...exampleCases(ctx.doc), ...eventCases(await eventSchemaFiles(ctx.dir)), ...(ctx.draft ? modelExampleCases(ctx.draft) : [])];
    return checkModels(file, cases, { signal: ctx.signal });
  },
  postgres: async (ctx) => {
    const file = join(ctx.dir, CONTRACT_FILES.sql);
    if (!existsSync(file)) return skip('no schema.sql (the change has no entities)');
    const server = await ctx.postgres.acquire(ctx.signal);
    if ('skipped' in server) return skip(server.skipped);
    const applied = await applySchema(server.url, file, { signal: ctx.signal });
    if (!applied.applied) return fail(`schema.sql does not apply: ${applied.error}`);
    const problems = ctx.draft ? compareCatalog(expectedCatalog(ctx.draft), applied.tables) : basicCatalogProblems(applied.tables);
    const what = ctx.draft ? 'catalog matches the draft' : 'every table has a primary key (no draft given for a full comparison)';
    return problems.length > 0 ? fail(...problems) : pass(`schema.sql applied: ${applied.tables.length} table(s); ${what}`);
  },
  ajv: async (ctx) => {
    const files = await eventSchemaFiles(ctx.dir);
    return files.length === 0 ? skip('no event schemas (the change has no events)') : checkEventSchemas(files);
  },
  prism: async (ctx) => {
    const probes = probePlan(ctx.doc);
    if (probes.length === 0) return skip('no operations: the OpenAPI document is intentionally empty, nothing to mock');
    return checkWithPrism(join(ctx.dir, CONTRACT_FILES.openapi), probes, openApiBodyValidator(ctx.doc), { signal: ctx.signal });
  },
};

async function runCheck(tool: ContractCheck, ctx: VerifyContext): Promise<ContractCheckResult> {
  // Temporal delivers cancellation only to activities that heartbeat, so beat between tools.
  activityHeartbeat(tool);
  const started = performance.now();
  let outcome: CheckOutcome & { skipped?: boolean };
  try {
    outcome = await CHECKS[tool](ctx);
  } catch (err) {
    // A missing tool is a finding for this run; a crashed or cancelled tool is retried by Temporal.
    if (err instanceof PlanError && err.type === ErrorType.ToolMissing) outcome = fail(err.message, ...(err.fix ? [`fix: ${err.fix}`] : []));
    else throw err;
  }
  const result: ContractCheckResult = { tool, passed: outcome.passed, ms: Math.round(performance.now() - started), messages: outcome.messages };
  if (outcome.skipped) result.skipped = true;
  return result;
}

export async function verifyContractsWith(deps: ContractActivityDeps, input: VerifyContractsInput): Promise<VerifyContractsResult> {
  const unknown = (input.checks ?? []).filter((c) => !(CONTRACT_CHECKS as readonly string[]).includes(c));
  if (unknown.length > 0) throw badInput(`unknown contract check(s): ${unknown.join(', ')}`, `use some of: ${CONTRACT_CHECKS.join(', ')}`);
  const dir = join(writeRoot(input), contractsDir(input.changeId));
  const openapi = join(dir, CONTRACT_FILES.openapi);
  if (!existsSync(openapi)) throw badInput(`${openapi} does not exist`, 'generate the contracts first');
  const ctx: VerifyContext = {
    dir,
    doc: parseYaml(await readFile(openapi, 'utf8')) as Record<string, unknown>,
    draft: input.draftRef ? await loadContractsDraft(input.draftRef, input.changeId) : undefined,
    postgres: deps.postgres,
    signal: activitySignal(),
  };
  const results: ContractCheckResult[] = [];
  for (const tool of CONTRACT_CHECKS) {
    if (input.checks && !input.checks.includes(tool)) continue;
    results.push(await runCheck(tool, ctx));
  }
  return { passed: results.every((r) => r.passed), results };
}

export function createContractActivities(deps: ContractActivityDeps) {
  return {
    generateContracts,
    verifyContracts: (input: VerifyContractsInput): Promise<VerifyContractsResult> => verifyContractsWith(deps, input),
  };
}
