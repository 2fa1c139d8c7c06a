/**
 * The dispatch board: every package of an approved plan and where it stands in the DAG. Pure
 * (time passed in), JSON-plain, shared by the dispatch workflow, the CLI and tests.
 *
 * waiting -> ready (all depends_on completed) -> claimed (an agent holds the lease) ->
 * completed | ready again (lease lost, or a failure within retry_budget) | failed (budget spent).
 * A failed package blocks every package that depends on it, directly or not.
 */
import { findCycles, missingDependencies } from '../workpackages/dag.js';
import type { DispatchPackage, PackageEvent, PackageResult, PackageState, PackageView } from '../../shared/dispatch-messages.js';

const TERMINAL: PackageState[] = ['completed', 'failed', 'blocked'];

export const isTerminal = (s: PackageState): boolean => TERMINAL.includes(s);

export function initialViews(packages: DispatchPackage[]): PackageView[] {
  return packages.map((p) => ({
    packageId: p.packageId,
    ...(p.title ? { title: p.title } : {}),
    taskType: p.taskType,
    dependsOn: [...p.dependsOn],
    priority: p.priority,
    state: 'waiting',
    holder: null,
    attempts: 0,
    failures: 0,
    retryBudget: p.retryBudget,
    readyAt: null,
    claimedAt: null,
    leaseUntil: null,
    finishedAt: null,
    summary: null,
    reason: null,
    leasesLost: 0,
  }));
}

/** Why the packages cannot be dispatched (duplicate ids, unknown dependencies, a cycle), or undefined. */
export function dagProblem(packages: DispatchPackage[]): string | undefined {
  if (new Set(packages.map((p) => p.packageId)).size !== packages.length) return 'two packages have the same package_id';
  const nodes = packages.map((p) => ({ id: p.packageId, dependsOn: p.dependsOn, weight: 1 }));
  const missing = missingDependencies(nodes)[0];
  if (missing) return `${missing.id}: depends_on '${missing.dep}' not found in packages`;
  const cycle = findCycles(nodes)[0];
  return cycle ? `depends_on forms a cycle: ${cycle.join(' -> ')}` : undefined;
}

/** Waiting packages whose dependencies have all completed: the ones to start now. */
export function startable(views: PackageView[]): string[] {
  const done = new Set(views.filter((v) => v.state === 'completed').map((v) => v.packageId));
  return views.filter((v) => v.state === 'waiting' && v.dependsOn.every((d) => done.has(d))).map((v) => v.packageId);
}

export function markReady(views: PackageView[], packageId: string, at: string): void {
  const v = views.find((x) => x.packageId === packageId);
  if (v && v.state === 'waiting') Object.assign(v, { state: 'ready', readyAt: at });
}

/** A package child's report of a change of its state. */
export function applyEvent(views: PackageView[], e: PackageEvent): void {
  const v = views.find((x) => x.packageId === e.packageId);
  if (!v || isTerminal(v.state)) return;
  v.attempts = e.attempts;
  v.failures = e.failures;
  if (e.state === 'claimed') Object.assign(v, { state: 'claimed', holder: e.holder, claimedAt: e.at, leaseUntil: e.leaseUntil ?? null });
  else if (e.state === 'ready') Object.assign(v, { state: 'ready', leaseUntil: null });
  else if (e.state === 'lease-lost') Object.assign(v, { state: 'ready', leaseUntil: null, leasesLost: v.leasesLost + 1, reason: e.reason ?? 'lease lost' });
  else if (e.state === 'failed-attempt') Object.assign(v, { state: 'ready', leaseUntil: null, reason: e.reason ?? null });
}

/** A package child's result; a failure blocks its dependants. Returns the packages it blocked. */
export function applyResult(views: PackageView[], r: PackageResult): string[] {
  const v = views.find((x) => x.packageId === r.packageId);
  if (!v) return [];
  Object.assign(v, {
    state: r.state,
    holder: r.holder,
    attempts: r.attempts,
    failures: r.failures,
    finishedAt: r.finishedAt,
    summary: r.summary,
    reason: r.reason,
    leaseUntil: null,
  });
  return r.state === 'failed' ? blockDependants(views, r.packageId, r.finishedAt) : [];
}

function blockDependants(views: PackageView[], failed: string, at: string): string[] {
  const blocked: string[] = [];
  let frontier = [failed];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const v of views) {
      if (v.state !== 'waiting' || !v.dependsOn.some((d) => frontier.includes(d))) continue;
      Object.assign(v, { state: 'blocked', finishedAt: at, reason: `blocked: depends on ${v.dependsOn.filter((d) => frontier.includes(d)).join(', ')}, which failed` });
      blocked.push(v.packageId);
      next.push(v.packageId);
    }
    frontier = next;
  }
  return blocked;
}

export const allSettled = (views: PackageView[]): boolean => views.every((v) => isTerminal(v.state));

/**
 * Ready packages in the order an agent should take them: priority (1 first), then the order of
 * work-packages.yaml; `types` narrows them to those task types.
 */
export function readyInOrder(views: PackageView[], types?: string[]): PackageView[] {
  const wanted = types && types.length > 0 ? new Set(types) : undefined;
  return views
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.state === 'ready' && (!wanted || wanted.has(v.taskType)))
    .sort((a, b) => a.v.priority - b.v.priority || a.i - b.i)
    .map(({ v }) => v);
}
