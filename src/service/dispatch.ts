/**
 * Client-side dispatch operations shared by the CLI and the API: start the dispatch of an
 * approved plan, find dispatches, and the agent's verbs (next, heartbeat, complete, fail).
 * The packages an agent gets are read from the approved work-packages.yaml (its sha256 checked
 * against the plan's record), so history holds only ids, states and digests.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { git, gitTopLevel } from '../adapters/git.js';
import { readyInOrder } from '../domain/dispatch/board.js';
import { lockClaimsOf, registryKeys } from '../domain/workpackages/lock-claims.js';
import type { WorkPackage, WorkPackagesDoc } from '../domain/workpackages/types.js';
import { badInput, ErrorType, PlanError } from '../errors.js';
import { readWorkPackagesFile } from '../io/work-packages-file.js';
import { taskQueue } from '../config/paths.js';
import {
  claimPackageUpdate,
  completePackageUpdate,
  DEFAULT_LEASE_MS,
  dispatchStatusQuery,
  dispatchWorkflowId,
  failPackageUpdate,
  heartbeatPackageUpdate,
  packageWorkflowId,
  type ClaimPackageResult,
  type DispatchInput,
  type DispatchStatus,
  type FailPackageResult,
  type PackageResult,
} from '../shared/dispatch-messages.js';
import type { PlanStatus } from '../shared/plan-types.js';
import { PlanChangeIdKey, PlanRepositoryKey, PlanStatusKey } from '../workflows/search-attributes.js';
import { openspecRoot, planWorkflowId } from './plan-request.js';
import { newestWorkflowId, planStatus } from './plans.js';

const DISPATCH_TYPE = 'dispatchWorkflow';
const quoteless = (s: string): string => s.replace(/'/g, '');

/** The approved plan's work-packages.yaml, checked against the digest the plan recorded. */
async function approvedPackages(status: PlanStatus): Promise<{ doc: WorkPackagesDoc; ref: { path: string; sha256: string } }> {
  const path = `openspec/changes/${status.changeId}/work-packages.yaml`;
  const ref = status.artifacts.find((a) => a.path === path);
  if (!ref) throw badInput(`plan '${status.changeId}' has no work-packages.yaml (${status.tier ?? 'linear'} tier): there is nothing to dispatch`);
  const file = join(status.repoDir, path);
  if (!existsSync(file)) throw badInput(`${file} is gone: the approved packages cannot be read`, 'restore it from the plan (git checkout) or plan again');
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (digest !== ref.sha256) {
    throw badInput(
      `${path} changed since it was approved (sha256 ${digest.slice(0, 12)}, approved ${ref.sha256.slice(0, 12)})`,
      `agents get the packages as approved: restore the file, or send the plan back with request-changes`,
    );
  }
  return { doc: (await readWorkPackagesFile(file)) as WorkPackagesDoc, ref: { path, sha256: ref.sha256 } };
}

export interface DispatchOptions {
  /** How long an agent may go without a heartbeat (ms). */
  leaseMs?: number;
  taskQueue?: string;
}

/** The dispatch input of an approved plan; refuses a plan that is not approved or has no packages. */
export async function dispatchInputFor(planWorkflowId: string, status: PlanStatus, opts: DispatchOptions = {}): Promise<DispatchInput> {
  if (status.state !== 'approved') {
    throw badInput(`plan '${status.changeId}' is ${status.state}, not approved: only an approved plan is dispatched`, status.state === 'awaiting-approval' ? `approve it: parallel-plan approve ${status.changeId} --dispatch` : undefined);
  }
  const { doc, ref } = await approvedPackages(status);
  const coordinator = status.capabilities?.coordinator;
  return {
    ...dispatchInputOf(doc, { repoDir: status.repoDir, changeId: status.changeId, planWorkflowId, planRevision: status.revision, workPackages: ref, ...opts }),
    // The locks are renewed where the approval registered them.
    ...(coordinator === 'http' || coordinator === 'temporal' ? { coordinator } : {}),
  };
}

/** The dispatch input of a work-packages document (the packages' DAG, priorities, budgets and locks). */
export function dispatchInputOf(
  doc: WorkPackagesDoc,
  at: { repoDir: string; changeId: string; planWorkflowId: string; planRevision: number; workPackages: { path: string; sha256: string }; leaseMs?: number },
): DispatchInput {
  return {
    repoDir: at.repoDir,
    changeId: at.changeId,
    planWorkflowId: at.planWorkflowId,
    planRevision: at.planRevision,
    workPackages: at.workPackages,
    packages: doc.packages.map((p) => ({
      packageId: p.package_id,
      ...(p.title ? { title: p.title } : {}),
      taskType: p.task_type,
      dependsOn: [...p.depends_on],
      priority: p.priority,
      retryBudget: p.retry_budget,
      keys: registryKeys(p),
      files: [...p.locks.files],
    })),
    leaseMs: at.leaseMs ?? DEFAULT_LEASE_MS,
    lockTtlMs: lockClaimsOf(doc).ttlMs,
  };
}

/** Starts the dispatch of an approved plan (one per plan; a finished one may be started again). */
export async function startDispatch(client: Client, planHandle: WorkflowHandle, opts: DispatchOptions = {}): Promise<WorkflowHandle> {
  const status = await planStatus(planHandle);
  return startDispatchOf(client, await dispatchInputFor(planHandle.workflowId, status, opts), opts);
}

/** Starts a dispatch workflow for `input` (searchable by repository and change id). */
export async function startDispatchOf(client: Client, input: DispatchInput, opts: { taskQueue?: string } = {}): Promise<WorkflowHandle> {
  const workflowId = dispatchWorkflowId(input.planWorkflowId);
  try {
    return await client.workflow.start(DISPATCH_TYPE, {
      workflowId,
      taskQueue: opts.taskQueue ?? taskQueue(),
      args: [input],
      typedSearchAttributes: [
        { key: PlanStatusKey, value: 'dispatching' },
        { key: PlanChangeIdKey, value: input.changeId },
        { key: PlanRepositoryKey, value: input.repoDir },
      ],
      staticSummary: `Dispatch of **${input.changeId}** (${input.packages.length} packages)`,
      staticDetails: input.packages.map((p) => `- ${p.packageId}${p.dependsOn.length ? ` after ${p.dependsOn.join(', ')}` : ''}`).join('\n'),
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw badInput(`plan '${input.changeId}' is already being dispatched (workflow ${workflowId})`, `see parallel-plan work status ${input.changeId}`);
    }
    throw err;
  }
}

/**
 * Waits until the dispatch has claimed its locks and started its first packages, or ended
 * (refused by the lock registry, or a plan with nothing to do). Returns its status.
 */
export async function dispatchStarted(handle: WorkflowHandle, timeoutMs = 60_000): Promise<DispatchStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await dispatchStatusOf(handle);
    if (status.state !== 'running' || status.packages.some((p) => p.state !== 'waiting')) return status;
    if (Date.now() > deadline) throw new PlanError(ErrorType.ToolFailed, `the dispatch ${handle.workflowId} started no package within ${Math.round(timeoutMs / 1000)} s (is a worker running?)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function dispatchStatusOf(handle: WorkflowHandle): Promise<DispatchStatus> {
  try {
    return await handle.query(dispatchStatusQuery);
  } catch (err) {
    // A closed dispatch answers with its result when no worker is there to answer the query.
    const desc = await handle.describe();
    if (desc.status.name === 'COMPLETED') return (await handle.result()) as DispatchStatus;
    throw err;
  }
}

/**
 * The planned repository a folder belongs to, as plans record it: its real path, the main
 * checkout for a linked git worktree (agents work in worktrees), and the folder with `openspec/`.
 */
export async function plannedRepository(dir: string): Promise<string> {
  const real = realpathSync(resolve(dir));
  let top = realpathSync(await gitTopLevel(real));
  const common = await git(real, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
  if (common.exitCode === 0) {
    const main = dirname(realpathSync(common.stdout.trim()));
    if (main !== top && existsSync(join(main, '.git'))) return openspecRoot(main, main);
  }
  return openspecRoot(real, top);
}

export interface DispatchFilter {
  /** A planned repository (see plannedRepository). */
  repo?: string;
  changeId?: string;
}

/** Running dispatches, oldest first, narrowed to a repository and change id. */
export async function runningDispatches(client: Client, filter: DispatchFilter = {}): Promise<WorkflowHandle[]> {
  // A repository and a change id name the plan, hence its dispatch: no visibility lag.
  if (filter.repo && filter.changeId) {
    const handle = client.workflow.getHandle(dispatchWorkflowId(planWorkflowId(filter.repo, filter.changeId)));
    const running = await handle.describe().then((d) => d.status.name === 'RUNNING', () => false);
    if (running) return [handle];
  }
  const clauses = [`WorkflowType = '${DISPATCH_TYPE}'`, `ExecutionStatus = 'Running'`];
  if (filter.repo) clauses.push(`PlanRepository = '${quoteless(filter.repo)}'`);
  if (filter.changeId) clauses.push(`PlanChangeId = '${quoteless(filter.changeId)}'`);
  const found: Array<{ id: string; start: number }> = [];
  for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) found.push({ id: wf.workflowId, start: wf.startTime.getTime() });
  return found.sort((a, b) => a.start - b.start).map((f) => client.workflow.getHandle(f.id));
}

/** A dispatch by change id, plan workflow id or dispatch workflow id (the newest, running or not). */
export async function findDispatch(client: Client, id: string, repo?: string): Promise<WorkflowHandle> {
  const direct = id.endsWith('/dispatch') ? id : id.startsWith('plan-') ? dispatchWorkflowId(id) : undefined;
  if (direct) {
    const handle = client.workflow.getHandle(direct);
    try {
      await handle.describe();
      return handle;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      throw badInput(`no dispatch for '${id}'`, `dispatch an approved plan with parallel-plan dispatch <id>`);
    }
  }
  const clauses = [`WorkflowType = '${DISPATCH_TYPE}'`, `PlanChangeId = '${quoteless(id)}'`];
  if (repo) clauses.push(`PlanRepository = '${quoteless(repo)}'`);
  const newest = await newestWorkflowId(client, clauses.join(' AND '));
  if (!newest) throw badInput(`no dispatch for '${id}'`, `dispatch an approved plan with parallel-plan dispatch ${id}`);
  return client.workflow.getHandle(newest);
}

const refusedBy = (err: unknown): string | undefined =>
  err instanceof WorkflowUpdateFailedError ? (err.cause?.message ?? err.message) : undefined;

export interface ClaimedWork {
  changeId: string;
  dispatchId: string;
  claim: ClaimPackageResult;
  /** The package as it stands in the approved work-packages.yaml. */
  package: WorkPackage;
  workPackages: string;
  repoDir: string;
}

/**
 * Claims the highest-priority ready package among the running dispatches (oldest dispatch
 * first), narrowed to task `types`; null when nothing is ready. Two agents asking at once never
 * get the same package: the package workflow takes one claim and refuses the other, which then
 * tries the next package.
 */
export async function claimNext(client: Client, opts: DispatchFilter & { agent: string; types?: string[] }): Promise<ClaimedWork | null> {
  if (!opts.agent.trim()) throw badInput('an agent needs an id', 'pass --agent <id>');
  for (const handle of await runningDispatches(client, opts)) {
    let status: DispatchStatus;
    try {
      status = await handle.query(dispatchStatusQuery);
    } catch {
      continue;
    }
    for (const candidate of readyInOrder(status.packages, opts.types)) {
      const pkgHandle = client.workflow.getHandle(packageWorkflowId(handle.workflowId, candidate.packageId));
      let claim: ClaimPackageResult;
      try {
        claim = await pkgHandle.executeUpdate(claimPackageUpdate, { args: [{ agent: opts.agent }] });
      } catch (err) {
        if (refusedBy(err) !== undefined || err instanceof WorkflowNotFoundError) continue;
        throw err;
      }
      const doc = (await readWorkPackagesFile(join(status.repoDir, status.workPackages.path))) as WorkPackagesDoc;
      const pkg = doc.packages.find((p) => p.package_id === candidate.packageId);
      if (!pkg) throw badInput(`${status.workPackages.path} no longer has package ${candidate.packageId}`);
      return { changeId: status.changeId, dispatchId: handle.workflowId, claim, package: pkg, workPackages: status.workPackages.path, repoDir: status.repoDir };
    }
  }
  return null;
}

/** The package child of a running dispatch holding `packageId`; ambiguous ids need a change id. */
async function packageHandle(client: Client, packageId: string, filter: DispatchFilter): Promise<{ handle: WorkflowHandle; changeId: string; status: DispatchStatus }> {
  const hits: Array<{ handle: WorkflowHandle; changeId: string; status: DispatchStatus }> = [];
  for (const d of await runningDispatches(client, filter)) {
    const status = await d.query(dispatchStatusQuery).catch(() => undefined);
    if (status?.packages.some((p) => p.packageId === packageId)) hits.push({ handle: client.workflow.getHandle(packageWorkflowId(d.workflowId, packageId)), changeId: status.changeId, status });
  }
  if (hits.length === 0) {
    throw badInput(`no running dispatch has package '${packageId}'${filter.changeId ? ` for change ${filter.changeId}` : ''}${filter.repo ? ` in ${filter.repo}` : ''}`, 'see the dispatches with parallel-plan work status <change-id>');
  }
  if (hits.length > 1) throw badInput(`package '${packageId}' is in ${hits.length} running dispatches (${hits.map((h) => h.changeId).join(', ')})`, 'pass --change <id>');
  return hits[0]!;
}

async function packageUpdate<T>(handle: WorkflowHandle, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const why = refusedBy(err);
    if (why !== undefined) throw badInput(why);
    if (err instanceof WorkflowNotFoundError) {
      // The package ended between the lookup and the update: say how.
      const ended = (await handle.result().catch(() => undefined)) as PackageResult | undefined;
      throw badInput(ended ? `${ended.packageId} is already ${ended.state}${ended.holder ? ` (by ${ended.holder})` : ''}` : `the package's workflow is gone: ${err.message}`);
    }
    throw err;
  }
}

export async function heartbeatPackage(client: Client, packageId: string, opts: DispatchFilter & { agent: string }): Promise<{ changeId: string; leaseUntil: string }> {
  const { handle, changeId } = await packageHandle(client, packageId, opts);
  const { leaseUntil } = await packageUpdate(handle, () => handle.executeUpdate(heartbeatPackageUpdate, { args: [{ agent: opts.agent }] }));
  return { changeId, leaseUntil };
}

export async function completePackage(client: Client, packageId: string, opts: DispatchFilter & { agent?: string; summary?: string }): Promise<PackageResult & { changeId: string }> {
  const { handle, changeId } = await packageHandle(client, packageId, opts);
  const result = await packageUpdate(handle, () =>
    handle.executeUpdate(completePackageUpdate, { args: [{ ...(opts.agent ? { agent: opts.agent } : {}), ...(opts.summary ? { summary: opts.summary } : {}) }] }),
  );
  return { ...result, changeId };
}

/** Packages that wait on `packageId`, directly or not (blocked when it fails for good). */
function dependantsOf(status: DispatchStatus, packageId: string): string[] {
  const out: string[] = [];
  let frontier = [packageId];
  while (frontier.length > 0) {
    const next = status.packages.filter((p) => !out.includes(p.packageId) && p.state === 'waiting' && p.dependsOn.some((d) => frontier.includes(d))).map((p) => p.packageId);
    out.push(...next);
    frontier = next;
  }
  return out;
}

export async function failPackage(
  client: Client,
  packageId: string,
  opts: DispatchFilter & { agent?: string; reason: string },
): Promise<FailPackageResult & { changeId: string; blocks: string[] }> {
  if (!opts.reason.trim()) throw badInput('a failure needs a reason', 'pass --reason "<what went wrong>"');
  const { handle, changeId, status } = await packageHandle(client, packageId, opts);
  const result = await packageUpdate(handle, () => handle.executeUpdate(failPackageUpdate, { args: [{ reason: opts.reason, ...(opts.agent ? { agent: opts.agent } : {}) }] }));
  return { ...result, changeId, blocks: result.state === 'failed' ? dependantsOf(status, packageId) : [] };
}
