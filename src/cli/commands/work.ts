/**
 * `parallel-plan dispatch <id>` and the agents' verbs: `work next|heartbeat|complete|fail|status`.
 */
import { hostname, userInfo } from 'node:os';
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { DURATION_HINT, parseDuration } from '../../domain/duration.js';
import { withInlineWorker, hasLivePoller } from '../../service/inline-worker.js';
import {
  claimNext,
  completePackage,
  dispatchStarted,
  dispatchStatusOf,
  failPackage,
  findDispatch,
  heartbeatPackage,
  plannedRepository,
  runningDispatches,
  startDispatch,
  type ClaimedWork,
  type DispatchFilter,
} from '../../service/dispatch.js';
import { findPlan } from '../../service/plans.js';
import type { DispatchStatus, PackageView } from '../../shared/dispatch-messages.js';
import { CliError, EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';
import { withSession, type Session } from '../session.js';

interface WorkOptions {
  repo?: string;
  change?: string;
  agent?: string;
  types?: string;
  wait?: string;
  summary?: string;
  reason?: string;
  lease?: string;
  json?: boolean;
  stateDir?: string;
}

const defaultAgent = (): string => `${userInfo().username}@${hostname()}`;

export function durationOption(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) throw new CliError(`${flag} '${text}' is not a duration`, EXIT.usage, DURATION_HINT);
  return ms;
}

async function filterOf(opts: WorkOptions): Promise<DispatchFilter> {
  return { ...(opts.repo ? { repo: await plannedRepository(opts.repo) } : {}), ...(opts.change ? { changeId: opts.change } : {}) };
}

/** The verbs talk to package workflows; a workflow-only worker runs here when none polls. */
const viaWorker = <T>(s: Session, fn: () => Promise<T>): Promise<T> =>
  withInlineWorker({ target: s.target, client: s.client, stateDir: s.stateDir, activities: false }, fn);

const ago = (from: string | null, to: string | null, now = Date.now()): string => {
  if (!from) return '-';
  const ms = (to ? Date.parse(to) : now) - Date.parse(from);
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`;
};

/** The DAG as a table: each package's state, holder, attempts and time in its state. */
export function renderDispatch(status: DispatchStatus): string[] {
  const rows = status.packages.map((p: PackageView) => [
    p.packageId,
    p.state,
    p.holder ?? '-',
    `${p.attempts}${p.failures ? ` (${p.failures} failed)` : ''}${p.leasesLost ? ` (${p.leasesLost} lease lost)` : ''}`,
    p.state === 'claimed' ? ago(p.claimedAt, null) : p.finishedAt ? ago(p.claimedAt ?? p.readyAt, p.finishedAt) : ago(p.readyAt, null),
    p.dependsOn.join(', ') || '-',
  ]);
  const head = ['PACKAGE', 'STATE', 'HOLDER', 'ATTEMPTS', 'TIME', 'AFTER'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const done = status.packages.filter((p) => p.state === 'completed').length;
  return [
    `Dispatch of ${status.changeId} r${status.planRevision}: ${status.state}, ${done} of ${status.packages.length} packages completed (started ${status.startedAt}${status.finishedAt ? `, ended ${status.finishedAt}` : ''})`,
    line(head),
    ...rows.map(line),
    ...status.packages.filter((p) => p.reason && p.state !== 'completed').map((p) => `  ${p.packageId}: ${p.reason}`),
    ...status.warnings.map((w) => `Warning: ${w}`),
  ];
}

function renderClaim(work: ClaimedWork): string[] {
  const p = work.package;
  return [
    `Claimed ${p.package_id} of ${work.changeId} (attempt ${work.claim.attempt}) as ${work.claim.agent}; lease until ${work.claim.leaseUntil}.`,
    `  ${p.title ?? p.description.split('\n')[0]}`,
    `  write: ${p.scope.write_allow.join(', ') || '(read-only)'}`,
    `  worktree: ${p.worktree.name}${p.worktree.mode ? ` (${p.worktree.mode})` : ''}`,
    `  verify: ${p.verification.steps.map((s) => s.command ?? s.name).join('; ')}`,
    `The package as approved: ${work.workPackages} (package ${p.package_id}).`,
    `Renew the lease with \`parallel-plan work heartbeat ${p.package_id} --agent ${work.claim.agent}\` at least every ${Math.round(work.claim.leaseMs / 1000)} s; finish with \`parallel-plan work complete ${p.package_id}\` or \`work fail ${p.package_id} --reason ...\`.`,
  ];
}

/** Starts the dispatch of an approved plan and waits until its first packages are ready. */
export async function dispatchPlan(s: Session, id: string, opts: { repo?: string; leaseMs?: number }): Promise<DispatchStatus> {
  // The plan's status is a query and the dispatch claims its locks in an activity: a full worker
  // runs here while this waits when none polls (packages then move on when a worker runs).
  return withInlineWorker({ target: s.target, client: s.client, stateDir: s.stateDir }, async () => {
    const plan = await findPlan(s.client, id, opts.repo);
    const handle = await startDispatch(s.client, plan, opts.leaseMs !== undefined ? { leaseMs: opts.leaseMs } : {});
    return dispatchStarted(handle);
  });
}

export async function workerWarning(client: Client): Promise<string | undefined> {
  return (await hasLivePoller(client)) ? undefined : 'no worker polls the task queue: the dispatch goes on when one runs (parallel-plan worker)';
}

export function register(program: Command): void {
  program
    .command('dispatch')
    .description('hand an approved plan\'s packages to agents: one workflow per package, ready when its depends_on complete')
    .argument('<id>', 'change id or plan workflow id')
    .option('--repo <dir>', 'narrow a change id to one repository')
    .option('--lease <duration>', 'how long an agent may go without a heartbeat before the package returns to ready (default 15m)')
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print one JSON document')
    .action(
      action(async (id: string, opts: WorkOptions) =>
        withSession(opts, async (s) => {
          const leaseMs = durationOption('--lease', opts.lease);
          const status = await dispatchPlan(s, id, { ...(opts.repo ? { repo: await plannedRepository(opts.repo) } : {}), ...(leaseMs !== undefined ? { leaseMs } : {}) });
          const warning = await workerWarning(s.client);
          if (opts.json) printJson({ dispatch: status, ...(warning ? { warning } : {}) });
          else printLines([...renderDispatch(status), ...(warning ? [`Warning: ${warning}`] : []), `Agents take packages with: parallel-plan work next --repo ${status.repoDir} --agent <id>`]);
          return status.state === 'refused' ? EXIT.invalid : EXIT.ok;
        }),
      ),
    );

  const work = program.command('work').description("agents' verbs on dispatched packages: next, heartbeat, complete, fail, status");
  const common = (cmd: Command): Command =>
    cmd
      .option('--repo <dir>', 'the planned repository (or a worktree of it)')
      .option('--change <id>', 'only packages of this change')
      .option('--state-dir <dir>', 'state folder of the embedded server')
      .option('--json', 'print one JSON document');

  common(
    work
      .command('next')
      .description('claim the highest-priority ready package (prints it as in work-packages.yaml plus change_id; null when none is ready)')
      .option('--agent <id>', 'who claims it (default: user@host)')
      .option('--types <list>', 'only these task types, comma-separated (e.g. implementation,integration)')
      .option('--wait <duration>', 'wait up to this long for a package to become ready'),
  ).action(
    action(async (opts: WorkOptions) =>
      withSession(opts, async (s) => {
        const filter = await filterOf(opts);
        const agent = opts.agent ?? defaultAgent();
        const types = opts.types?.split(',').map((t) => t.trim()).filter(Boolean);
        const waitMs = durationOption('--wait', opts.wait) ?? 0;
        const deadline = Date.now() + waitMs;
        // Listing dispatches needs no worker; a claim (an update) does: one runs here only then.
        const attempt = async (): Promise<ClaimedWork | null> =>
          (await runningDispatches(s.client, filter)).length === 0 ? null : viaWorker(s, () => claimNext(s.client, { ...filter, agent, ...(types ? { types } : {}) }));
        let work = await attempt();
        while (!work && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 1_000));
          work = await attempt();
        }
        if (opts.json) printJson(work ? { ...work.package, change_id: work.changeId } : null);
        else printLines(work ? renderClaim(work) : 'Nothing is ready: no running dispatch has a ready package for you (parallel-plan work status <change-id>).');
        return EXIT.ok;
      }),
    ),
  );

  common(work.command('heartbeat').description("renew the lease on a package you hold").argument('<package>', 'package id').option('--agent <id>', 'the holder (default: user@host)')).action(
    action(async (pkg: string, opts: WorkOptions) =>
      withSession(opts, async (s) => {
        const filter = await filterOf(opts);
        const out = await viaWorker(s, () => heartbeatPackage(s.client, pkg, { ...filter, agent: opts.agent ?? defaultAgent() }));
        if (opts.json) printJson({ package_id: pkg, change_id: out.changeId, lease_until: out.leaseUntil });
        else printLines(`${pkg} of ${out.changeId}: lease renewed until ${out.leaseUntil}.`);
        return EXIT.ok;
      }),
    ),
  );

  common(
    work
      .command('complete')
      .description('mark a package you hold as done; its dependants become ready')
      .argument('<package>', 'package id')
      .option('--agent <id>', 'the holder (checked when given)')
      .option('--summary <text>', 'what was done'),
  ).action(
    action(async (pkg: string, opts: WorkOptions) =>
      withSession(opts, async (s) => {
        const filter = await filterOf(opts);
        const out = await viaWorker(s, () => completePackage(s.client, pkg, { ...filter, ...(opts.agent ? { agent: opts.agent } : {}), ...(opts.summary ? { summary: opts.summary } : {}) }));
        if (opts.json) printJson({ package_id: pkg, change_id: out.changeId, state: out.state, holder: out.holder, attempts: out.attempts, finished_at: out.finishedAt });
        else printLines(`${pkg} of ${out.changeId} completed by ${out.holder} (attempt ${out.attempts}).`);
        return EXIT.ok;
      }),
    ),
  );

  common(
    work
      .command('fail')
      .description('report that a package you hold failed: it is retried within its retry_budget, then fails and blocks its dependants')
      .argument('<package>', 'package id')
      .requiredOption('--reason <text>', 'what went wrong')
      .option('--agent <id>', 'the holder (checked when given)'),
  ).action(
    action(async (pkg: string, opts: WorkOptions) =>
      withSession(opts, async (s) => {
        const filter = await filterOf(opts);
        const out = await viaWorker(s, () => failPackage(s.client, pkg, { ...filter, reason: opts.reason ?? '', ...(opts.agent ? { agent: opts.agent } : {}) }));
        if (opts.json) printJson({ package_id: pkg, change_id: out.changeId, state: out.state, failures: out.failures, retry_budget: out.retryBudget, blocks: out.blocks });
        else {
          printLines(
            out.state === 'ready'
              ? `${pkg} of ${out.changeId} failed (${out.failures} of ${out.retryBudget + 1} allowed): it is ready again for another attempt.`
              : `${pkg} of ${out.changeId} failed for good (${out.failures} failures, retry_budget ${out.retryBudget})${out.blocks.length ? `; blocked: ${out.blocks.join(', ')}` : ''}.`,
          );
        }
        return EXIT.ok;
      }),
    ),
  );

  work
    .command('status')
    .description("the dispatch's DAG: each package's state, holder, attempts and time")
    .argument('<id>', 'change id, plan workflow id or dispatch workflow id')
    .option('--repo <dir>', 'narrow a change id to one repository')
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print one JSON document')
    .action(
      action(async (id: string, opts: WorkOptions) =>
        withSession(opts, async (s) => {
          const repo = opts.repo ? await plannedRepository(opts.repo) : undefined;
          const status = await viaWorker(s, async () => dispatchStatusOf(await findDispatch(s.client, id, repo)));
          if (opts.json) printJson(status);
          else printLines(renderDispatch(status));
          return status.state === 'running' || status.state === 'completed' ? EXIT.ok : EXIT.invalid;
        }),
      ),
    );
}
