/**
 * Fit checks: does the plan fit the repository and itself? They run in step 6 beside the
 * document checks, each with its own name in the validation summary, and a failure goes back to
 * steps 3-5 like any other:
 * - tasks and scopes: every file a task names is inside its package's write scope, and no package
 *   with a write scope is left without tasks;
 * - scenarios and contracts: a scenario's request names an operation of the contract and the
 *   status it expects is one the operation answers; every operation has a scenario;
 * - nothing re-added: no new entity, field or route that the repository already has; no task
 *   edits an existing migration;
 * - tests and commands: a new test file a task names is collected by a runner of the repository;
 *   a package (but integration) runs only the test commands of the boundaries it writes;
 * - no generated files in scopes: no write scope holds generated, locale, vendored or lockfile
 *   files unless the request is about that kind of file.
 *
 * Pure module.
 */
import type { BoundaryInfo } from '../context/types.js';
import type { PlanDraft } from '../draft.js';
import { numberTasks } from '../plan/task-groups.js';
import { ROLE_MENTIONS } from '../repository-model/impact.js';
import { globMatches, matchesAnyGlob } from '../repository-model/glob-match.js';
import { collectedBy } from '../repository-model/test-runners.js';
import type { FileRole, RepositoryModel } from '../repository-model/types.js';
import { globsOverlapExact } from '../workpackages/glob-exact.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';

export interface FitCheck {
  name: string;
  passed: boolean;
  issues: string[];
  skipped?: boolean;
}

export interface FitInput {
  draft: PlanDraft;
  doc: WorkPackagesDoc;
  /** The OpenAPI document as written (parsed), or undefined when the plan has none. */
  openapi?: Record<string, unknown>;
  boundaries: readonly BoundaryInfo[];
  /** The repository model; model-based checks are skipped without it (plans gathered before it). */
  model?: Pick<RepositoryModel, 'roles' | 'tests' | 'entities' | 'routes'>;
  /** True when the path exists in the repository. */
  exists: (path: string) => boolean;
}

export const FIT_CHECKS = {
  tasks: 'fit: tasks and scopes',
  scenarios: 'fit: scenarios and contracts',
  readded: 'fit: nothing re-added',
  tests: 'fit: tests and commands',
  roles: 'fit: no generated files in scopes',
} as const;

const INTEGRATION = 'wp-integration';
/** A task's file is a pattern when it has wildcards (a new migration `*_add_tags.sql`); `[id]` is a Next.js folder. */
const isGlob = (p: string): boolean => /[*?]/.test(p);
const TEST_FILE = /(^|\/)test_[^/]*\.py$|_test\.(go|py)$|\.(test|spec)\.[cm]?[jt]sx?$/;

/** A task file is writable by a scope: a path inside it, or a glob overlapping it. */
function inScope(file: string, scope: readonly string[]): boolean {
  return isGlob(file) ? scope.some((g) => g === file || globsOverlapExact(g, file)) : matchesAnyGlob(file, scope);
}

function tasksAndScopes(input: FitInput): FitCheck {
  const issues: string[] = [];
  const numbered = new Map(numberTasks(input.draft).map((t) => [t.id, t]));
  for (const pkg of input.doc.packages) {
    const ids = Array.isArray((pkg.inputs as { tasks?: unknown } | undefined)?.tasks) ? ((pkg.inputs as { tasks: string[] }).tasks) : [];
    const tasks = ids.map((id) => numbered.get(id)).filter((t): t is NonNullable<typeof t> => t !== undefined);
    for (const t of tasks) {
      for (const f of t.files) {
        if (f.startsWith(`openspec/changes/${input.draft.changeId}/`) && pkg.scope.write_allow.some((g) => g.startsWith(`openspec/changes/${input.draft.changeId}/`))) continue;
        if (!inScope(f, pkg.scope.write_allow)) issues.push(`${pkg.package_id}: task ${t.id} names ${f}, outside the package's write scope`);
      }
    }
    if (pkg.scope.write_allow.length > 0 && tasks.length === 0 && pkg.package_id !== INTEGRATION && pkg.role !== 'contracts' && pkg.package_id !== 'wp-contracts') issues.push(`${pkg.package_id}: writes ${pkg.scope.write_allow.length} path(s) but no task is given to it`);
  }
  return { name: FIT_CHECKS.tasks, passed: issues.length === 0, issues };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `/api/tasks/{id}` matches `/api/tasks/{taskId}` and `/api/tasks/7`. */
const samePath = (a: string, b: string): boolean => {
  const x = a.replace(/\/$/, '').split('/');
  const y = b.replace(/\/$/, '').split('/');
  return x.length === y.length && x.every((s, i) => s === y[i] || /^\{.*\}$/.test(s) || /^\{.*\}$/.test(y[i]!));
};

function scenariosAndContracts(input: FitInput): FitCheck {
  const paths = (input.openapi?.paths ?? {}) as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  const ops: Array<{ method: string; path: string; statuses: string[] }> = [];
  for (const [path, item] of Object.entries(paths)) for (const m of METHODS) if (item?.[m]) ops.push({ method: m.toUpperCase(), path, statuses: Object.keys(item[m]!.responses ?? {}) });
  if (ops.length === 0 && input.draft.operations.length === 0) return { name: FIT_CHECKS.scenarios, passed: true, issues: [], skipped: true };
  const issues: string[] = [];
  const covered = new Set<string>();
  // Capabilities whose scenarios name calls (METHOD /path); prose scenarios (a person's brief:
  // "a client requests the task's comments") are not read for calls.
  const callers = new Set<string>();
  for (const cap of input.draft.capabilities) {
    for (const req of cap.requirements) {
      for (const sc of req.scenarios) {
        const call = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s,;)]*)/.exec(sc.when);
        if (!call) continue;
        callers.add(cap.name);
        const where = `${cap.name}/${req.name}/${sc.name}`;
        const sent = call[2]!.replace(/[.]+$/, '').split('?')[0]!;
        const op = ops.find((o) => o.method === call[1] && samePath(o.path, sent));
        if (!op) {
          issues.push(`${where}: sends ${call[1]} ${call[2]}, which the contract does not define`);
          continue;
        }
        covered.add(`${op.method} ${op.path}`);
        for (const status of sc.then.match(/\b([1-5][0-9x]{2})\b/g) ?? []) {
          const ok = /x/.test(status) ? op.statuses.some((s) => s[0] === status[0]) : op.statuses.includes(status) || op.statuses.includes(`${status[0]}XX`);
          if (!ok) issues.push(`${where}: expects status ${status}, but ${op.method} ${op.path} answers ${op.statuses.join(', ')}`);
        }
      }
    }
  }
  for (const o of ops) {
    if (covered.has(`${o.method} ${o.path}`)) continue;
    const capability = input.draft.operations.find((d) => d.method === o.method && samePath(d.path, o.path))?.capability;
    const named = capability !== undefined ? callers.has(capability) : callers.size > 0;
    if (named) issues.push(`${o.method} ${o.path}: no scenario of ${capability ?? 'the plan'} sends it`);
  }
  return { name: FIT_CHECKS.scenarios, passed: issues.length === 0, issues };
}

const key = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/(ies)$/, 'y').replace(/s$/, '');

function nothingReadded(input: FitInput): FitCheck {
  const m = input.model;
  if (!m) return { name: FIT_CHECKS.readded, passed: true, issues: [], skipped: true };
  const issues: string[] = [];
  for (const e of input.draft.entities) {
    const known = m.entities.find((x) => key(x.name) === key(e.name) || (x.table !== undefined && key(x.table) === key(e.table)));
    if (known && !e.existing) issues.push(`entity ${e.name} (table ${e.table}) is new in the plan, but the repository has ${known.name}${known.table ? ` (table ${known.table})` : ''} in ${known.file}: change it instead`);
    if (known && e.existing) {
      for (const f of e.fields) {
        if (f.existing === false && known.fields.some((k) => key(k.name) === key(f.name))) issues.push(`${e.name}.${f.name} is added, but ${known.file} defines it already`);
      }
    }
  }
  // A route template equals another when its literal segments are the same and its parameters sit
  // in the same places (`/tasks/overdue` is a new route beside `/tasks/{id}`).
  const template = (p: string) => p.replace(/\/$/, '').replace(/\{[^}]*\}/g, '{}');
  for (const o of input.draft.operations) {
    const served = m.routes.find((r) => r.method === o.method && template(r.path) === template(o.path));
    if (served && !o.existing) issues.push(`${o.method} ${o.path} is new in the plan, but the repository serves ${served.method} ${served.path} (${served.file}): change it instead`);
  }
  for (const t of numberTasks(input.draft)) {
    for (const f of t.files) if (!isGlob(f) && m.roles[f] === 'migration') issues.push(`task ${t.id} edits ${f}, an existing migration: add a new one instead`);
  }
  return { name: FIT_CHECKS.readded, passed: issues.length === 0, issues };
}

function testsAndCommands(input: FitInput): FitCheck {
  const m = input.model;
  if (!m) return { name: FIT_CHECKS.tests, passed: true, issues: [], skipped: true };
  const issues: string[] = [];
  if (m.tests.length > 0) {
    for (const t of numberTasks(input.draft)) {
      for (const f of t.files) {
        if (isGlob(f) || !TEST_FILE.test(f) || input.exists(f)) continue;
        if (collectedBy(f, m.tests).length === 0) issues.push(`task ${t.id} adds ${f}, which no test runner of the repository collects (${m.tests.map((r) => `${r.runner}: ${r.collects.join(' ')}`).join('; ')})`);
      }
    }
  }
  const files = Object.keys(m.roles);
  for (const pkg of input.doc.packages) {
    // Integration and a single whole-change package run the repository's own commands too.
    if (pkg.package_id === INTEGRATION || pkg.role === 'contracts' || pkg.role === 'whole' || input.doc.packages.length === 1) continue;
    const writes = pkg.scope.write_allow;
    const allowed = new Set(
      input.boundaries
        .filter((b) => files.some((f) => matchesAnyGlob(f, b.globs) && matchesAnyGlob(f, writes)) || writes.some((w) => b.globs.some((g) => globsOverlapExact(g, w))))
        .flatMap((b) => (b.testCommand ? [b.testCommand] : [])),
    );
    for (const step of pkg.verification.steps) {
      if (step.kind !== 'command' || !step.command || /openspec/.test(step.command)) continue;
      if (!allowed.has(step.command)) issues.push(`${pkg.package_id} runs \`${step.command}\`, not a test command of the boundaries it writes (${[...allowed].join(', ') || 'none'})`);
    }
  }
  return { name: FIT_CHECKS.tests, passed: issues.length === 0, issues };
}

const NEVER_WRITTEN: readonly FileRole[] = ['generated', 'locale', 'vendored', 'lockfile'];

function noGeneratedFiles(input: FitInput): FitCheck {
  const m = input.model;
  if (!m) return { name: FIT_CHECKS.roles, passed: true, issues: [], skipped: true };
  const text = input.draft.request;
  const asked = new Set(ROLE_MENTIONS.filter(([, re]) => re.test(text)).map(([role]) => role));
  const issues: string[] = [];
  // The change's own folder holds the contracts step 4 generates (types.ts): those are the plan's.
  const own = `openspec/changes/${input.draft.changeId}/`;
  const files = Object.entries(m.roles).filter(([f, role]) => NEVER_WRITTEN.includes(role) && !asked.has(role) && !f.startsWith(own));
  for (const pkg of input.doc.packages) {
    const hits = files.filter(([f]) => pkg.scope.write_allow.some((g) => globMatches(g, f)));
    if (hits.length > 0) {
      const sample = hits.slice(0, 3).map(([f, r]) => `${f} (${r})`).join(', ');
      issues.push(`${pkg.package_id} may write ${hits.length} file(s) no plan writes unless asked: ${sample}${hits.length > 3 ? ', ...' : ''}`);
    }
  }
  return { name: FIT_CHECKS.roles, passed: issues.length === 0, issues };
}

export function fitChecks(input: FitInput): FitCheck[] {
  return [tasksAndScopes(input), scenariosAndContracts(input), nothingReadded(input), testsAndCommands(input), noGeneratedFiles(input)];
}
