/**
 * The Temporal-native coordinator: Temporal itself provides what the seed asks of a coordinator.
 * - CAN_DISCOVER: a visibility listing of running parallelPlanFeature workflows (search
 *   attributes PlanStatus, PlanChangeId, PlanRepository, PlanRevision) plus the lock registry's
 *   live claims (approved plans have finished but still hold locks).
 * - CAN_QUEUE_WORK: a probe dispatch workflow, started on the task queue, ran to its end (a
 *   worker there runs dispatch workflows; see dispatch.ts in workflows).
 * - CAN_LOCK: the lock registry workflow (lockRegistryWorkflow, started here if absent) answers
 *   its `locks` query within the answer timeout.
 * - CAN_GUARDRAILS: checkPlanWrites (guardrails.ts), a local check of the paths a plan wrote.
 * - CAN_HANDOFF: handoff.json beside the artifacts on approval.
 * - CAN_AUDIT: every plan's workflow history, kept for the namespace's retention period.
 * - CAN_MEMORY: the repository's memory workflow (repositoryMemoryWorkflow, one per repository
 *   and task queue, started here if absent) answers its `lessons` query within the answer timeout.
 * - CAN_POLICY: not provided (step 1 takes it from the repository's policy file).
 * Without a client (createActivities() without `client`) discover, lock and audit are missing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { DispatchInput } from '../shared/dispatch-messages.js';
import { capabilityReport, type Capability, type CapabilityReport } from '../shared/coordinator-types.js';
import { TASK_QUEUE } from '../shared/constants.js';
import {
  claimLocksUpdate,
  LOCK_CONFLICT,
  lockRegistryWorkflowId,
  locksQuery,
  releaseLocksUpdate,
  type ClaimLocksInput,
  type LockConflictDetail,
  type LocksView,
} from '../shared/lock-messages.js';
import {
  lessonsQuery,
  MAX_LESSON_TEXT,
  memoryWorkflowId,
  rememberLessonUpdate,
  type LessonKind,
  type LessonsView,
  type RememberLessonInput,
} from '../shared/memory-messages.js';
import { PlanChangeIdKey, PlanRepositoryKey, PlanRevisionKey, PlanStatusKey } from '../workflows/search-attributes.js';
import { checkPlanWrites } from './guardrails.js';
import type { ClaimResult, Coordinator, PlanInFlight, RecallResult, ReleaseResult, RememberResult } from './port.js';

/** The first 12 hex digits of sha256 of the repository's path: its memory's id. */
export const memoryRepositoryHash = (repository: string): string => createHash('sha256').update(repository).digest('hex').slice(0, 12);
/** The memory a capability check without a repository asks. */
const PROBE_REPOSITORY_HASH = 'probe';

export interface TemporalCoordinatorOptions {
  client?: Client;
  /** Queue the lock registry runs on; default: the calling activity's queue, else `parallel-plan`. */
  taskQueue?: string;
  /** Default: lockRegistryWorkflowId(taskQueue). */
  registryWorkflowId?: string;
  /** How long a query or update may take before the registry counts as not answering. */
  answerTimeoutMs?: number;
}

function activityTaskQueue(): string | undefined {
  try {
    return Context.current().info.taskQueue;
  } catch {
    return undefined;
  }
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The ApplicationFailure under an update failure, matched by type (never instanceof). */
function failureOf(err: unknown): { type?: string; message: string; details?: unknown[] } | undefined {
  let cur: unknown = err;
  for (let i = 0; cur && i < 5; i++) {
    const f = cur as { type?: string; message?: string; details?: unknown[]; cause?: unknown };
    if (typeof f.type === 'string') return { type: f.type, message: f.message ?? '', details: f.details };
    cur = f.cause;
  }
  return undefined;
}

export class TemporalCoordinator implements Coordinator {
  readonly name = 'temporal';
  private readonly client?: Client;
  private readonly options: TemporalCoordinatorOptions;

  constructor(options: TemporalCoordinatorOptions = {}) {
    this.client = options.client;
    this.options = options;
  }

  get taskQueue(): string {
    return this.options.taskQueue ?? activityTaskQueue() ?? TASK_QUEUE;
  }

  get registryId(): string {
    return this.options.registryWorkflowId ?? lockRegistryWorkflowId(this.taskQueue);
  }

  private get answerTimeoutMs(): number {
    return this.options.answerTimeoutMs ?? 10_000;
  }

  private requireClient(): Client {
    if (!this.client) throw new Error('no Temporal client in the activity deps (createActivities({ client }))');
    return this.client;
  }

  private withDeadline<T>(fn: () => Promise<T>, ms = this.answerTimeoutMs): Promise<T> {
    return this.requireClient().connection.withDeadline(Date.now() + ms, fn);
  }

  /** The repository memory's workflow id on this coordinator's task queue. */
  memoryId(repository?: string): string {
    return memoryWorkflowId(repository ? memoryRepositoryHash(repository) : PROBE_REPOSITORY_HASH, this.taskQueue);
  }

  private memoryStart(repository?: string) {
    return {
      workflowId: this.memoryId(repository),
      taskQueue: this.taskQueue,
      args: [repository ? { repository } : {}],
      workflowIdConflictPolicy: 'USE_EXISTING' as const,
      staticSummary: `parallel-plan memory of ${repository ?? 'the capability probe'}`,
    };
  }

  /** Starts the repository's memory when it is not running, then asks it for its lessons. */
  async memory(repository?: string, filter: { limit?: number; kinds?: LessonKind[] } = {}): Promise<LessonsView> {
    const client = this.requireClient();
    await this.withDeadline(() => client.workflow.start('repositoryMemoryWorkflow', this.memoryStart(repository)));
    return this.withDeadline(() => client.workflow.getHandle(this.memoryId(repository)).query(lessonsQuery, filter));
  }

  async rememberLesson(input: RememberLessonInput): Promise<RememberResult> {
    const memory = this.memoryId(input.repository);
    if (!this.client) return { stored: false, error: 'no Temporal client in the activity deps' };
    const client = this.client;
    const lesson = { ...input.lesson, text: input.lesson.text.trim().slice(0, MAX_LESSON_TEXT) };
    try {
      const result = await this.withDeadline(
        () =>
          client.workflow.executeUpdateWithStart(rememberLessonUpdate, {
            args: [{ repository: input.repository, lesson }],
            startWorkflowOperation: new WithStartWorkflowOperation('repositoryMemoryWorkflow', this.memoryStart(input.repository)),
          }),
        this.answerTimeoutMs * 3,
      );
      return { stored: true, total: result.total, duplicate: result.duplicate, memory };
    } catch (err) {
      const failure = err instanceof WorkflowUpdateFailedError ? failureOf(err.cause) : undefined;
      return { stored: false, error: `the repository memory ${memory} did not keep the lesson: ${failure?.message ?? message(err)}` };
    }
  }

  async recallLessons(query: { repository: string; limit?: number; kinds?: LessonKind[] }): Promise<RecallResult> {
    const memory = this.memoryId(query.repository);
    if (!this.client) return { lessons: [], error: 'no Temporal client in the activity deps' };
    const client = this.client;
    const filter = { ...(query.limit !== undefined ? { limit: query.limit } : {}), ...(query.kinds ? { kinds: query.kinds } : {}) };
    try {
      // Nothing remembered yet: no memory is started just to read it.
      const view = await this.withDeadline(() => client.workflow.getHandle(memory).query(lessonsQuery, filter));
      return { lessons: view.lessons, memory };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { lessons: [], memory };
      return { lessons: [], error: `the repository memory ${memory} did not answer: ${message(err)}` };
    }
  }

  private registryStart() {
    return { workflowId: this.registryId, taskQueue: this.taskQueue, args: [{}], workflowIdConflictPolicy: 'USE_EXISTING' as const, staticSummary: 'parallel-plan lock registry' };
  }

  /** Starts the registry when it is not running, then asks it for its claims. */
  async locks(): Promise<LocksView> {
    const client = this.requireClient();
    await this.withDeadline(() => client.workflow.start('lockRegistryWorkflow', this.registryStart()));
    return this.withDeadline(() => client.workflow.getHandle(this.registryId).query(locksQuery));
  }

  async capabilities(scope: { repository?: string } = {}): Promise<CapabilityReport> {
    const noClient = { available: false, detail: 'no Temporal client in the activity deps (createActivities({ client }))' };
    const check = async (fn: () => Promise<string>): Promise<{ available: boolean; detail: string }> => {
      if (!this.client) return noClient;
      try {
        return { available: true, detail: await fn() };
      } catch (err) {
        return { available: false, detail: message(err) };
      }
    };
    const [discover, lock, audit, memory] = await Promise.all([
      check(async () => {
        const client = this.requireClient();
        await this.withDeadline(async () => {
          for await (const _ of client.workflow.list({ query: `WorkflowType = 'parallelPlanFeature' AND ExecutionStatus = 'Running'`, pageSize: 1 })) break;
        });
        return "visibility lists running parallelPlanFeature workflows (PlanStatus, PlanChangeId, PlanRepository) and the lock registry's claims";
      }),
      check(async () => {
        const view = await this.locks().catch((err: unknown) => {
          throw new Error(`lock registry ${this.registryId} on task queue '${this.taskQueue}' did not answer: ${message(err)}`);
        });
        return `lock registry ${this.registryId} on task queue '${this.taskQueue}' answered (${view.claims.length} live claim(s))`;
      }),
      check(async () => {
        const client = this.requireClient();
        const ns = await this.withDeadline(() => client.workflowService.describeNamespace({ namespace: client.options.namespace }));
        const seconds = Number(ns.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
        return `each plan's workflow history, kept ${seconds ? `${Math.round(seconds / 86_400)} day(s)` : 'for the namespace retention period'} in namespace '${client.options.namespace}'`;
      }),
      check(async () => {
        const id = this.memoryId(scope.repository);
        const view = await this.memory(scope.repository, { limit: 0 }).catch((err: unknown) => {
          throw new Error(`repository memory ${id} on task queue '${this.taskQueue}' did not answer: ${message(err)}`);
        });
        return `repository memory ${id} on task queue '${this.taskQueue}' answered (${view.total} lesson(s))`;
      }),
    ]);
    const queue = await this.queueWork();
    const detail: Record<Capability, { available: boolean; detail: string }> = {
      CAN_DISCOVER: discover,
      CAN_QUEUE_WORK: queue,
      CAN_LOCK: lock,
      CAN_GUARDRAILS: { available: true, detail: 'approval checks that the plan wrote only under openspec/changes/<id>/ (and openspec/config.yaml from init)' },
      CAN_HANDOFF: { available: true, detail: 'handoff.json beside the artifacts on approval' },
      CAN_MEMORY: memory,
      CAN_POLICY: { available: false, detail: 'not provided by the Temporal-native coordinator' },
      CAN_AUDIT: audit,
    };
    return capabilityReport(this.name, detail);
  }

  /**
   * CAN_QUEUE_WORK: a probe dispatch is started on the task queue and must be taken and finished
   * by a worker there (the probe returns at once and touches nothing), so the answer is what an
   * approval's dispatch will meet: a worker that runs dispatch workflows on that queue.
   */
  private async queueWork(): Promise<{ available: boolean; detail: string }> {
    const queue = this.taskQueue;
    if (!this.client) return { available: false, detail: `no Temporal client to start a dispatch on task queue '${queue}'` };
    const client = this.client;
    const probe: DispatchInput = { probe: true, repoDir: '', changeId: 'probe', planWorkflowId: '', planRevision: 1, workPackages: { path: '', sha256: '' }, packages: [] };
    const started = Date.now();
    try {
      await this.withDeadline(() =>
        client.workflow.execute('dispatchWorkflow', {
          workflowId: `parallel-plan-dispatch-probe-${randomUUID()}`,
          taskQueue: queue,
          args: [probe],
          workflowExecutionTimeout: '1 minute',
          staticSummary: 'Probe: can a dispatch start on this task queue?',
        }),
      );
      return { available: true, detail: `a probe dispatch ran on task queue '${queue}' (${Date.now() - started} ms)` };
    } catch (err) {
      return { available: false, detail: `a probe dispatch on task queue '${queue}' did not run: ${message(err)}` };
    }
  }

  async discover(): Promise<PlanInFlight[]> {
    const client = this.requireClient();
    const out: PlanInFlight[] = [];
    await this.withDeadline(async () => {
      for await (const wf of client.workflow.list({ query: `WorkflowType = 'parallelPlanFeature' AND ExecutionStatus = 'Running'` })) {
        const sa = wf.typedSearchAttributes;
        const state = sa.get(PlanStatusKey);
        out.push({
          changeId: sa.get(PlanChangeIdKey) ?? '',
          repository: sa.get(PlanRepositoryKey) ?? null,
          workflowId: wf.workflowId,
          state: state === 'awaiting-approval' ? 'awaiting-approval' : 'running',
          revision: sa.get(PlanRevisionKey) ?? null,
          claim: null,
        });
      }
    }, 30_000);
    const { claims } = await this.locks();
    for (const claim of claims) {
      const plan = out.find((p) => p.changeId === claim.changeId && p.repository === claim.repository);
      if (plan) plan.claim = claim;
      else out.push({ changeId: claim.changeId, repository: claim.repository, workflowId: null, state: 'holding-locks', revision: claim.revision, claim });
    }
    return out;
  }

  async claimLocks(claim: ClaimLocksInput): Promise<ClaimResult> {
    const registry = this.registryId;
    if (!this.client) return { registered: false, reason: 'no Temporal client in the activity deps', registry: null };
    const client = this.client;
    try {
      const result = await this.withDeadline(
        () =>
          client.workflow.executeUpdateWithStart(claimLocksUpdate, {
            args: [claim],
            startWorkflowOperation: new WithStartWorkflowOperation('lockRegistryWorkflow', this.registryStart()),
          }),
        this.answerTimeoutMs * 3,
      );
      return { registered: true, claim: result.claim, replacedRevision: result.replacedRevision, registry };
    } catch (err) {
      const failure = err instanceof WorkflowUpdateFailedError ? failureOf(err.cause) : undefined;
      if (failure?.type === LOCK_CONFLICT) {
        return { registered: false, conflict: failure.details?.[0] as LockConflictDetail, reason: failure.message, registry };
      }
      return { registered: false, reason: `the lock registry ${registry} did not register the claim: ${failure?.message ?? message(err)}`, registry };
    }
  }

  async releaseLocks(release: { changeId: string; repository?: string }): Promise<ReleaseResult> {
    if (!this.client) return { released: [], error: 'no Temporal client in the activity deps' };
    const handle = this.client.workflow.getHandle(this.registryId);
    try {
      const { released } = await this.withDeadline(() => handle.executeUpdate(releaseLocksUpdate, { args: [release] }));
      return { released };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { released: [] };
      return { released: [], error: `the lock registry ${this.registryId} did not answer: ${message(err)}` };
    }
  }

  checkGuardrails({ changeId, paths }: { changeId: string; paths: string[] }) {
    return checkPlanWrites(changeId, paths);
  }
}

