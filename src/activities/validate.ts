/**
 * Step 6: validate everything the plan wrote, with the tools its users would run: the real
 * `openspec validate --strict`, the structure checks openspec does not do (proposal, design,
 * tasks), the work-packages checks with overlap in both glob modes, traceability, the fit checks
 * (the plan against itself and the repository model), and every contract through its own tool. Findings are data; only a tool that cannot run throws.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { openspecValidate } from '../adapters/openspec.js';
import type { FileRef } from '../domain/context/types.js';
import { checkTraceability } from '../domain/plan/traceability.js';
import { checkChangeStructure, type ChangeFile } from '../domain/render/structure-check.js';
import { parseWorkPackagesYaml } from '../domain/workpackages/parse.js';
import { checkLines, validateWorkPackages } from '../domain/workpackages/validate.js';
import type { WorkPackagesDoc } from '../domain/workpackages/types.js';
import type { Tier, ValidationCheck, ValidationSummary } from '../shared/plan-types.js';
import { activitySignal, withHeartbeats } from './activity-context.js';
import { publishStage, targetChangeDir, writeRoot } from '../io/change-stage.js';
import { verifyContractsWith, type ContractActivityDeps } from './contracts.js';
import { readDraft } from './scaffold.js';
import { readContextSummary } from './context/merge.js';
import { readModel } from './context/model-facet.js';
import { fitChecks, type FitCheck } from '../domain/fit/checks.js';
import { CONTRACT_FILES } from '../domain/contracts/manifest.js';
import { parse as parseYaml } from 'yaml';
import { loadSqlParser } from '../adapters/pg-query.js';
import { checkGuardrails, violationLine } from '../domain/guardrails/check.js';
import { policyViolations, type PlanPolicy } from '../domain/policy/policy.js';

export interface ValidatePlanInput {
  repoDir: string;
  changeId: string;
  tier: Tier;
  draftRef: FileRef;
  /** The gathered context (with the repository model), for the fit checks; absent in older plans. */
  contextRef?: FileRef;
  /**
   * The revision's stage (see io/change-stage.ts): validated there, and it replaces the
   * repository's change folder only when every check passed. Absent in plans recorded before.
   */
  stageDir?: string;
  /** The repository's policy (step 1): protected paths and the widest wave allowed. */
  policy?: PlanPolicy;
}

/** Keeps what enters history small: the first issues of each check, one short line each. */
const MAX_ISSUES = 12;
const cap = (lines: string[]): string[] =>
  lines.slice(0, MAX_ISSUES).map((l) => (l.length > 300 ? `${l.slice(0, 297)}...` : l)).concat(lines.length > MAX_ISSUES ? [`... and ${lines.length - MAX_ISSUES} more`] : []);

async function timed(name: string, run: () => Promise<{ passed: boolean; issues: string[]; skipped?: boolean }>): Promise<ValidationCheck> {
  const started = performance.now();
  const r = await run();
  return { name, passed: r.passed, issues: cap(r.issues), ms: Math.round(performance.now() - started), ...(r.skipped ? { skipped: true } : {}) };
}

async function changeFiles(dir: string): Promise<ChangeFile[]> {
  const out: ChangeFile[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'contracts') await walk(p);
      } else if (e.name.endsWith('.md')) out.push({ path: relative(dir, p), content: await readFile(p, 'utf8') });
    }
  };
  await walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The gathered context and its repository model, when the plan has them. */
type GatheredContext = Awaited<ReturnType<typeof contextOf>>;

async function contextOf(input: ValidatePlanInput) {
  const context = input.contextRef ? await readContextSummary(input.contextRef) : undefined;
  const modelRef = context?.facets.find((f) => f.facet === 'model')?.ref;
  return { context, model: modelRef ? await readModel(modelRef) : undefined };
}

/**
 * The guardrails (domain/guardrails): destructive commands, commands that leave the repository,
 * whole-repository write scopes outside wp-integration, and SQL that destroys tables the
 * repository model knows.
 */
async function guardrailsOf(input: ValidatePlanInput, doc: WorkPackagesDoc, dir: string, { model }: GatheredContext): Promise<string[]> {
  const existingTables = new Set((model?.entities ?? []).flatMap((e) => [e.table, e.name].filter((t): t is string => !!t).map((t) => t.toLowerCase())));
  const parser = await loadSqlParser();
  const parseSql = (text: string): unknown[] | undefined => {
    const r = parser.parse(text);
    return r.ok ? r.stmts : undefined;
  };
  const sqlFile = join(dir, contractsFolder, CONTRACT_FILES.sql);
  const sql = existsSync(sqlFile) ? [{ path: `openspec/changes/${input.changeId}/${contractsFolder}/${CONTRACT_FILES.sql}`, text: await readFile(sqlFile, 'utf8') }] : [];
  return checkGuardrails({ doc, sql, existingTables, parseSql }).map(violationLine);
}

/** The fit checks of a plan: the draft, its packages and contract, against the repository model. */
async function fitOf(input: ValidatePlanInput, doc: WorkPackagesDoc, dir: string, { context, model }: GatheredContext): Promise<FitCheck[]> {
  const draft = await readDraft(input.draftRef);
  const openapiFile = join(dir, contractsFolder, CONTRACT_FILES.openapi);
  const openapi = existsSync(openapiFile) ? (parseYaml(await readFile(openapiFile, 'utf8')) as Record<string, unknown>) : undefined;
  return fitChecks({
    draft,
    doc,
    ...(openapi ? { openapi } : {}),
    boundaries: context?.boundaries ?? [],
    ...(model ? { model } : {}),
    exists: (path) => existsSync(join(input.repoDir, path)),
  });
}

const contractsFolder = 'contracts';

/** A staged revision that passed replaces the repository's change folder; one that failed does not. */
async function published(input: ValidatePlanInput, summary: ValidationSummary): Promise<ValidationSummary> {
  if (summary.passed && input.stageDir) await publishStage({ repoDir: input.repoDir, changeId: input.changeId, stageDir: input.stageDir });
  return summary;
}

export function createValidationActivities(deps: ContractActivityDeps) {
  return {
    async validatePlan(input: ValidatePlanInput): Promise<ValidationSummary> {
      const dir = targetChangeDir(input);
      const signal = activitySignal();
      let current = 'openspec';
      return withHeartbeats(
        async () => {
          const checks: ValidationCheck[] = [];
          checks.push(
            await timed('openspec', async () => {
              const v = await openspecValidate(writeRoot(input), input.changeId, signal ? { signal } : {});
              return { passed: v.valid, issues: v.issues.map((i) => `${i.level} ${i.path}: ${i.message}`) };
            }),
          );
          current = 'structure';
          checks.push(
            await timed('structure', async () => {
              const r = checkChangeStructure(await changeFiles(dir), { tier: input.tier });
              return { passed: r.valid, issues: r.issues.map((i) => `${i.level} ${i.path}: ${i.message} (fix: ${i.fix})`) };
            }),
          );
          if (input.tier === 'linear') return published(input, { passed: checks.every((c) => c.passed), checks });

          const wpFile = join(dir, 'work-packages.yaml');
          const wpText = existsSync(wpFile) ? await readFile(wpFile, 'utf8') : undefined;
          // Parsed once for every check below; the gathered context (and model) read once too.
          const wpDoc = wpText === undefined ? undefined : parseWorkPackagesYaml(wpText, wpFile);
          const gathered = await contextOf(input);
          for (const globMode of ['compat', 'exact'] as const) {
            current = `work-packages (${globMode})`;
            checks.push(
              await timed(`work-packages (${globMode} globs)`, async () => {
                if (wpText === undefined) return { passed: false, issues: ['work-packages.yaml is missing'] };
                const result = validateWorkPackages(wpDoc, { checkOverlap: true, globMode, file: wpFile });
                const issues = Object.entries(result.checks)
                  .filter(([, c]) => !c.passed)
                  .flatMap(([name, c]) => checkLines(c).map((l) => `${name}: ${l}`));
                return { passed: result.valid, issues };
              }),
            );
          }
          current = 'traceability';
          checks.push(
            await timed('traceability', async () => {
              if (wpText === undefined) return { passed: false, issues: ['work-packages.yaml is missing'] };
              const draft = await readDraft(input.draftRef);
              const issues = checkTraceability(draft, wpDoc as WorkPackagesDoc);
              return { passed: issues.length === 0, issues: issues.map((i) => `${i.code} ${i.ref}: ${i.message}`) };
            }),
          );
          current = 'guardrails';
          checks.push(
            await timed('guardrails', async () => {
              if (wpText === undefined) return { passed: false, issues: ['work-packages.yaml is missing'] };
              const issues = await guardrailsOf(input, wpDoc as WorkPackagesDoc, dir, gathered);
              return { passed: issues.length === 0, issues };
            }),
          );
          if (input.policy) {
            current = 'policy';
            const policy = input.policy;
            checks.push(
              await timed('policy', async () => {
                if (wpText === undefined) return { passed: false, issues: ['work-packages.yaml is missing'] };
                const issues = policyViolations(policy, wpDoc as WorkPackagesDoc);
                return { passed: issues.length === 0, issues };
              }),
            );
          }
          current = 'fit';
          if (wpText !== undefined) {
            const started = performance.now();
            const fit = await fitOf(input, wpDoc as WorkPackagesDoc, dir, gathered);
            const ms = Math.round((performance.now() - started) / Math.max(1, fit.length));
            for (const f of fit) checks.push({ name: f.name, passed: f.passed, issues: cap(f.issues), ms, ...(f.skipped ? { skipped: true } : {}) });
          }
          current = 'contracts';
          const contracts = await verifyContractsWith(deps, { repoDir: input.repoDir, changeId: input.changeId, draftRef: input.draftRef, ...(input.stageDir ? { stageDir: input.stageDir } : {}) });
          for (const r of contracts.results) {
            checks.push({ name: `contracts: ${r.tool}`, passed: r.passed, issues: cap(r.messages), ms: r.ms, ...(r.skipped ? { skipped: true } : {}) });
          }
          return published(input, { passed: checks.every((c) => c.passed), checks });
        },
        () => ({ check: current }),
      );
    },
  };
}
