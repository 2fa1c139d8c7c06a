/**
 * A plan's audit timeline from its workflow histories, the durable record (not the status query):
 * every activity with its step, attempts and times; the context children; the decisions with
 * who, comment and what became of them; the revisions and what each changed; what the lock
 * registry's activities answered; the runs of a plan that continued as new; and the plan's
 * dispatch with its packages' claims, completions and failures. Pure module: it reads the
 * JSON-plain events of ./history.ts and returns plain JSON.
 *
 * What the history cannot say: a decision the plan's update validator refused (wrong state, a
 * second decision, a decider who may not decide, request-changes without a comment) never
 * enters the history; a signal the plan ignored leaves only a warning in its status. The
 * timeline says which signals had no effect, not why.
 */
import type { Decision, StepName } from '../../shared/plan-types.js';
import type { RevisionChanges } from '../revision/changes.js';
import { staleLines, type Freshness } from '../freshness/stale.js';
import type { AuditEvent, AuditHistory, AuditSource } from './history.js';

/** Where the timeline puts an activity: the plan's step it belongs to (`dispatch` for the dispatch's). */
export type AuditStep = StepName | 'dispatch';

/** The one table from activity types to the plan's steps. */
export const ACTIVITY_STEPS: Readonly<Record<string, AuditStep>> = {
  verifyEnvironment: 'verify-environment',
  mergeContext: 'gather-context',
  repositoryHead: 'gather-context',
  scaffoldProposal: 'scaffold-proposal',
  generateContracts: 'generate-contracts',
  generateWorkPackages: 'generate-work-packages',
  validatePlan: 'validate',
  checkFreshness: 'present-for-approval',
  recordDecision: 'present-for-approval',
  // A request-changes comment kept as a lesson (CAN_MEMORY), and a package that failed for good.
  rememberLesson: 'present-for-approval',
  renewDispatchLocks: 'dispatch',
  releaseDispatchLocks: 'dispatch',
};

/** Child workflow types and their step. */
export const CHILD_STEPS: Readonly<Record<string, AuditStep>> = {
  contextFacetWorkflow: 'gather-context',
  workPackageWorkflow: 'dispatch',
};

/** The plan's decision updates and signals, by wire name. */
const UPDATE_KINDS: Readonly<Record<string, Decision['kind']>> = { approvePlan: 'approve', rejectPlan: 'reject', requestPlanChanges: 'request-changes' };
const SIGNAL_KINDS: Readonly<Record<string, Decision['kind']>> = { approve: 'approve', reject: 'reject', requestChanges: 'request-changes' };

export const HISTORY_LIMITS =
  'decisions refused by the plan\'s update validators (not awaiting approval, a second decision, a decider the approvers or the repository\'s policy do not allow, request-changes without a comment) are not recorded in workflow history; a signal the plan ignored leaves a warning in its status only';

export type ActivityOutcome = 'completed' | 'failed' | 'timed-out' | 'canceled' | 'running';

export interface ActivityRecord {
  activityType: string;
  activityId: string;
  step: AuditStep | null;
  /** The plan's revision the activity worked on (null for the dispatch's). */
  revision: number | null;
  /** 1-based index of the plan's run (null for the dispatch's). */
  run: number | null;
  workflowId: string;
  scheduledAt: string;
  startedAt: string | null;
  closedAt: string | null;
  /** Scheduled to closed (queueing, retries and their back-off included). */
  durationMs: number | null;
  /** Attempts made (ActivityTaskStarted's attempt; the history records the last one only). */
  attempts: number;
  outcome: ActivityOutcome;
  /** Why the activity failed for good (or timed out). */
  failure: string | null;
  /** Why the attempt before the last one failed (the last attempt's started event carries it). */
  lastFailure: string | null;
  /** One-line facts from its input and result. */
  details: string[];
}

export type ChildOutcome = 'completed' | 'failed' | 'canceled' | 'timed-out' | 'terminated' | 'start-failed' | 'running';

export interface ChildRecord {
  workflowType: string;
  workflowId: string;
  runId: string | null;
  step: AuditStep | null;
  /** contextFacetWorkflow: the facet; workPackageWorkflow: the package id. */
  label: string | null;
  revision: number | null;
  run: number | null;
  initiatedAt: string;
  startedAt: string | null;
  closedAt: string | null;
  durationMs: number | null;
  outcome: ChildOutcome;
  failure: string | null;
}

export type DecisionVia = 'update' | 'signal' | 'carried';
/** taken: the plan acted on it; refused: it took it and refused it (stale plan, locks held) or the update failed; ignored: a signal with no effect; pending: not acted on yet. */
export type DecisionEffect = 'taken' | 'refused' | 'ignored' | 'pending';

export interface DecisionRecord {
  kind: Decision['kind'];
  /** update (approvePlan, rejectPlan, requestPlanChanges), signal (approve, reject, requestChanges), or carried: known only from a continued run's carried status (its run's history was not read). */
  via: DecisionVia;
  /** Update or signal name. */
  name: string | null;
  by: string | null;
  comment: string | null;
  rebase: boolean;
  acknowledgeConflicts: boolean;
  /** The revision decided on. */
  revision: number;
  /** When the server received it. */
  at: string;
  /** When the update answered (updates only). */
  answeredAt: string | null;
  outcome: DecisionEffect;
  /** Why the plan refused it. */
  refusal: string | null;
  /** request-changes: the revision it started. */
  nextRevision: number | null;
  /** The plan's state the update answered with. */
  state: string | null;
  verdict: string | null;
  handoff: string | null;
  /** Client identity the server recorded. */
  identity: string | null;
  updateId: string | null;
  run: number | null;
}

export interface RevisionRecord {
  revision: number;
  /** When it began: the plan's start, or the request-changes that asked for it (null when that run's history was not read). */
  startedAt: string | null;
  requestedBy: string | null;
  comment: string | null;
  rebase: boolean;
  /** What it changed against the revision before (from scaffoldProposal's result, or a continued run's carried status). */
  changes: RevisionChanges | null;
  /** validatePlan runs in this revision (a failed round feeds back into steps 3-5). */
  validationRounds: number;
  validated: boolean | null;
  /** When it passed validation and awaited a decision. */
  presentedAt: string | null;
  decision: Decision['kind'] | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface LockRecord {
  at: string;
  source: 'recordDecision' | 'renewDispatchLocks' | 'releaseDispatchLocks';
  /** recordDecision: the decision it recorded. */
  decision: Decision['kind'] | null;
  by: string | null;
  revision: number | null;
  /** Whether the claim was registered, as far as the activity's result says (null: it does not say). */
  registered: boolean | null;
  verdict: string | null;
  handoff: string | null;
  /** The approval the activity refused (other changes hold the locks). */
  refused: string | null;
  warnings: string[];
  /** renew: the lease end; release: how many claims were released. */
  detail: string | null;
}

export type RunStatus = 'completed' | 'failed' | 'continued-as-new' | 'terminated' | 'canceled' | 'timed-out' | 'open';

export interface RunRecord {
  /** 1-based, in the order of the chain. */
  index: number;
  runId: string;
  startedAt: string;
  closedAt: string | null;
  status: RunStatus;
  /** The run it continued (continue-as-new). */
  continuedFrom: string | null;
  /** The revision it started with. */
  revisionAtStart: number;
  /** A continued run: where it picked up (await-decision or next-revision). */
  phase: string | null;
  events: number;
}

export interface PackageClaim {
  agent: string;
  at: string;
  attempt: number | null;
  heartbeats: number;
  /** completed, failed (for good), retry (failed within retry_budget), lease-lost, open. */
  ended: 'completed' | 'failed' | 'retry' | 'lease-lost' | 'open';
  endedAt: string | null;
  durationMs: number | null;
  summary: string | null;
  reason: string | null;
}

export interface PackageRecord {
  packageId: string;
  workflowId: string | null;
  readyAt: string | null;
  /** completed, failed, blocked, or the last known (ready, claimed, waiting). */
  state: string;
  claims: PackageClaim[];
  finishedAt: string | null;
  summary: string | null;
  reason: string | null;
  failures: number;
  /** Claims, heartbeats, completions or failures the package's handlers refused (recorded as failed updates). */
  refusedUpdates: string[];
  /** Whether the package's own history was read (else its claims come from the dispatch's package events). */
  historyRead: boolean;
}

export interface DispatchRecord {
  workflowId: string;
  runId: string | null;
  startedAt: string;
  closedAt: string | null;
  state: string;
  planRevision: number | null;
  leaseMs: number | null;
  packages: PackageRecord[];
  warnings: string[];
}

export type EntryKind = 'run' | 'activity' | 'child' | 'decision' | 'revision' | 'await' | 'lock' | 'workflow-task' | 'dispatch' | 'package';

/** One line of the chronological table. */
export interface TimelineEntry {
  kind: EntryKind;
  at: string;
  /** From the plan's start. */
  offsetMs: number;
  durationMs: number | null;
  /** What happened, short: `validate: validatePlan`, `request-changes (update requestPlanChanges)`. */
  what: string;
  who: string | null;
  attempts: number | null;
  outcome: string | null;
  details: string[];
  step: AuditStep | null;
  revision: number | null;
  run: number | null;
  workflowId: string;
}

export interface AuditSummary {
  runs: number;
  revisions: number;
  decisions: number;
  /** Taken decisions by kind. */
  byKind: Record<Decision['kind'], number>;
  refusedDecisions: number;
  ignoredSignals: number;
  activities: number;
  failedActivities: number;
  /** Activities and packages that needed more than one attempt. */
  retried: Array<{ what: string; attempts: number; at: string; lastFailure: string | null }>;
  /** Plan start to its close (or to the last event when still open), dispatch excluded. */
  planMs: number | null;
  /** Plan start to the last event read, dispatch included. */
  totalMs: number | null;
  /** Time the revisions waited for a decision. */
  awaitingMs: number;
  packages: { total: number; completed: number; failed: number; blocked: number } | null;
}

export interface AuditTimeline {
  workflowId: string;
  changeId: string | null;
  repoDir: string | null;
  tier: string | null;
  /** approved, rejected, expired, failed, terminated, canceled, timed-out; open plans: awaiting-approval or running. */
  state: string;
  error: string | null;
  startedAt: string | null;
  closedAt: string | null;
  runs: RunRecord[];
  entries: TimelineEntry[];
  activities: ActivityRecord[];
  children: ChildRecord[];
  decisions: DecisionRecord[];
  revisions: RevisionRecord[];
  locks: LockRecord[];
  dispatch: DispatchRecord | null;
  summary: AuditSummary;
  /** What the record lacks (runs not read, validator refusals never recorded). */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Reading JSON-plain values

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const first = (v: unknown): unknown => arr(v)[0];
const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
const between = (a: string | null, b: string | null): number | null => (a && b ? Math.max(0, Date.parse(b) - Date.parse(a)) : null);
const short = (sha: unknown): string => (typeof sha === 'string' ? sha.slice(0, 12) : '?');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A failure's message, with its application type and cause when they add something. */
export function failureText(f: unknown): string | null {
  const o = obj(f);
  const message = str(o.message);
  if (!message) return null;
  const type = str(obj(o.applicationFailureInfo).type);
  const cause = failureText(o.cause);
  return `${type ? `${type}: ` : ''}${message}${cause && !message.includes(cause) ? ` (cause: ${cause})` : ''}`;
}

/** Non-empty lines of what a revision changed. */
export function changeLines(c: RevisionChanges | null): string[] {
  if (!c) return [];
  const parts: Array<[string, string[]]> = [
    ['operations', c.operations],
    ['entities', c.entities],
    ['fields', c.fields],
    ['requirements', c.requirements],
    ['files', c.files],
  ];
  const lines = parts.filter(([, l]) => l.length > 0).map(([k, l]) => `${k}: ${l.join(', ')}`);
  return lines.length > 0 ? lines : ['no operation, entity, field, requirement or file changed'];
}

// ---------------------------------------------------------------------------------------------
// Runs of the plan: the continue-as-new chain

interface Run {
  history: AuditHistory;
  runId: string;
  startedAt: string;
  start: Obj;
  input: Obj;
  continuedFrom: string | null;
  firstRunId: string | null;
}

function runOf(h: AuditHistory): Run | null {
  const started = h.events.find((e) => e.type === 'WorkflowExecutionStarted');
  if (!started) return null;
  const start = started.attrs;
  return {
    history: h,
    runId: h.runId ?? str(start.originalExecutionRunId) ?? `run@${started.time}`,
    startedAt: started.time,
    start,
    input: obj(first(start.input)),
    continuedFrom: str(start.continuedExecutionRunId),
    firstRunId: str(start.firstExecutionRunId),
  };
}

/** The runs in chain order, and what is missing from the chain. */
function chain(histories: AuditHistory[]): { runs: Run[]; notes: string[] } {
  const notes: string[] = [];
  const seen = new Set<string>();
  const runs = histories
    .map(runOf)
    .filter((r): r is Run => r !== null && !seen.has(r.runId) && (seen.add(r.runId), true))
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const head = runs[0];
  if (head && head.continuedFrom) notes.push(`the history of the runs before run ${head.runId} (the chain starts at ${head.firstRunId ?? 'an earlier run'}) was not read`);
  for (let i = 1; i < runs.length; i++) {
    const run = runs[i]!;
    const prev = runs[i - 1]!;
    if (run.continuedFrom !== prev.runId) {
      notes.push(`the history of the run(s) between ${prev.runId} and ${run.runId} was not read (${run.runId} continued ${run.continuedFrom ?? 'no run'}); their decisions come from the carried status`);
    }
  }
  return { runs, notes };
}

// ---------------------------------------------------------------------------------------------
// The builder

interface Pending {
  seq: number;
  entry: Omit<TimelineEntry, 'offsetMs'>;
}

class Builder {
  constructor(readonly workflowId: string) {}
  private seq = 0;
  readonly pending: Pending[] = [];
  readonly activities: ActivityRecord[] = [];
  readonly children: ChildRecord[] = [];
  readonly decisions: DecisionRecord[] = [];
  readonly revisions = new Map<number, RevisionRecord>();
  readonly locks: LockRecord[] = [];
  readonly notes: string[] = [];
  revision = 1;
  tier: string | null = null;
  /** Accepted decisions whose effect is not known yet, in arrival order. */
  readonly open: DecisionRecord[] = [];
  awaitingSince: string | null = null;

  add(entry: Omit<TimelineEntry, 'offsetMs'>): void {
    this.pending.push({ seq: this.seq++, entry });
  }

  startRevision(revision: number, at: string | null, by: DecisionRecord | null): RevisionRecord {
    const existing = this.revisions.get(revision);
    if (existing && (existing.startedAt !== null || at === null)) {
      if (by && !existing.requestedBy) Object.assign(existing, { requestedBy: by.by, comment: by.comment, rebase: by.rebase });
      return existing;
    }
    const rec: RevisionRecord = existing ?? {
      revision,
      startedAt: at,
      requestedBy: by?.by ?? null,
      comment: by?.comment ?? null,
      rebase: by?.rebase ?? false,
      changes: null,
      validationRounds: 0,
      validated: null,
      presentedAt: null,
      decision: null,
      decidedBy: null,
      decidedAt: null,
    };
    if (by && !rec.requestedBy) Object.assign(rec, { requestedBy: by.by, comment: by.comment, rebase: by.rebase });
    rec.startedAt ??= at;
    this.revisions.set(revision, rec);
    if (at && revision > 1) {
      const details = by ? [by.comment ? `"${by.comment}"` : '', by.rebase ? 're-planned on the current commit (--rebase)' : ''].filter(Boolean) : [];
      this.add({
        kind: 'revision',
        at,
        durationMs: null,
        what: `revision ${revision} begins`,
        who: by?.by ?? null,
        attempts: null,
        outcome: null,
        details,
        step: null,
        revision,
        run: by?.run ?? null,
        workflowId: this.workflowId,
      });
    }
    return rec;
  }

  /** The plan acted on `d`; for request-changes, the next revision began. */
  taken(d: DecisionRecord, at: string): void {
    if (d.outcome !== 'taken') d.outcome = 'taken';
    this.close(d);
    this.awaitingSince = null;
    const rev = this.revisions.get(d.revision);
    if (rev && !rev.decision) Object.assign(rev, { decision: d.kind, decidedBy: d.by, decidedAt: d.at });
    if (d.kind === 'request-changes') {
      d.nextRevision ??= d.revision + 1;
      this.startRevision(d.nextRevision, d.at ?? at, d);
    }
  }

  refused(d: DecisionRecord, why: string | null): void {
    d.outcome = 'refused';
    d.refusal ??= why;
    this.close(d);
  }

  close(d: DecisionRecord): void {
    const i = this.open.indexOf(d);
    if (i >= 0) this.open.splice(i, 1);
  }

  /** The first decision still open that `match` accepts. */
  openOne(match: (d: DecisionRecord) => boolean): DecisionRecord | undefined {
    return this.open.find(match);
  }

  entries(origin: string | null): TimelineEntry[] {
    const t0 = origin ? Date.parse(origin) : 0;
    return this.pending
      .slice()
      .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || rank(a.entry) - rank(b.entry) || a.seq - b.seq)
      .map(({ entry }) => ({ ...entry, offsetMs: Math.max(0, Date.parse(entry.at) - t0) }));
  }
}

/** Order of entries at the same instant: a run's start, the decision, the revision it began, the rest, a run's end. */
const rank = (e: Omit<TimelineEntry, 'offsetMs'>): number =>
  e.kind === 'run' ? (e.outcome === 'continued-as-new' ? 0 : e.outcome === null ? 1 : 9) : e.kind === 'decision' ? 2 : e.kind === 'revision' ? 3 : 5;

/** One-line facts of an activity's input and result. */
function activityDetails(type: string, input: Obj, result: unknown): string[] {
  const r = obj(result);
  const files = arr(r.files).length;
  switch (type) {
    case 'verifyEnvironment':
      return [r.tier ? `tier ${String(r.tier)}` : '', r.commit ? `commit ${short(r.commit)}` : '', arr(r.warnings).length ? plural(arr(r.warnings).length, 'warning') : ''].filter(Boolean);
    case 'mergeContext':
      return [
        num(r.filesScanned) !== null ? `${r.filesScanned} files scanned` : '',
        num(r.specsCount) !== null ? plural(r.specsCount as number, 'spec') : '',
        arr(r.conflicts).length ? plural(arr(r.conflicts).length, 'conflict') + ' with changes in flight' : '',
      ].filter(Boolean);
    case 'repositoryHead':
      return [typeof result === 'string' ? `HEAD ${short(result)}` : 'no commit'];
    case 'scaffoldProposal':
      return [
        `revision ${String(input.revision ?? '?')}`,
        arr(input.feedback).length ? plural(arr(input.feedback).length, 'feedback note') : '',
        result !== undefined ? plural(files, 'file') : '',
      ].filter(Boolean);
    case 'generateContracts':
      return result !== undefined ? [plural(files, 'file')] : [];
    case 'generateWorkPackages': {
      const s = obj(r.summary);
      return num(s.packages) !== null ? [`${plural(s.packages as number, 'package')} in ${plural(arr(s.waves).length, 'wave')}`] : [];
    }
    case 'validatePlan': {
      if (result === undefined) return [];
      const checks = arr(r.checks).map(obj);
      const failed = checks.filter((c) => c.passed === false).map((c) => String(c.name));
      return r.passed === true ? [`passed ${plural(checks.length, 'check')}`] : [`failed: ${failed.join(', ') || 'validation'}`];
    }
    case 'checkFreshness':
      if (result === undefined) return [`base ${short(input.baseCommit)}`];
      return r.stale === true ? [`stale: ${r.diverged ? 'history rewritten' : plural(arr(r.commits).length, 'commit')} since ${short(r.baseCommit)}`] : [`fresh at ${short(r.head ?? r.baseCommit)}`];
    case 'recordDecision': {
      const d = obj(input.decision);
      return [`${String(d.kind ?? '?')} by ${String(d.by ?? '?')} on revision ${String(d.revision ?? '?')}`];
    }
    case 'renewDispatchLocks':
      return [
        `${plural(arr(input.packages).length, 'package')}`,
        result === undefined ? '' : r.registered === true ? `renewed${r.expiresAt ? ` until ${String(r.expiresAt)}` : ''}` : `refused: ${String(r.reason ?? '?')}`,
      ].filter(Boolean);
    case 'releaseDispatchLocks':
      return result === undefined ? [] : [r.error ? `could not release: ${String(r.error)}` : `released ${plural(num(r.released) ?? 0, 'claim')}`];
    default:
      return [];
  }
}

/** What recordDecision's result says about the lock registry (handoff, verdict, warnings, a refusal). */
function lockOfDecision(at: string, input: Obj, result: unknown, tier: string | null): LockRecord {
  const d = obj(input.decision);
  const status = obj(input.status);
  const r = obj(result);
  // Plans recorded before lock registration returned the bare handoff ref (or null).
  const legacy = result === null || (result !== undefined && 'path' in r && !('warnings' in r));
  const handoff = legacy ? str(r.path) : str(obj(r.handoff).path);
  const warnings = legacy ? [] : strings(r.warnings);
  const verdict = legacy ? null : str(r.verdict);
  const refused = legacy ? null : str(r.refused);
  const coordinated = (str(status.tier) ?? tier) === 'coordinated';
  // An approval of a coordinated plan claims its packages' locks; a warning says when they were not registered.
  const registered = d.kind === 'approve' && coordinated && !legacy ? refused === null && !warnings.some((w) => /lock claims were not registered/.test(w)) : null;
  return {
    at,
    source: 'recordDecision',
    decision: (str(d.kind) as Decision['kind'] | null) ?? null,
    by: str(d.by),
    revision: num(d.revision),
    registered,
    verdict,
    handoff,
    refused,
    warnings,
    detail: null,
  };
}

function lockLine(l: LockRecord): { what: string; details: string[] } {
  if (l.source === 'recordDecision') {
    const what =
      l.refused !== null
        ? `locks: approval refused (${l.verdict ?? 'conflict'})`
        : l.decision === 'approve'
          ? l.registered === true
            ? `locks: claims registered${l.verdict ? ` (${l.verdict})` : ''}`
            : l.registered === false
              ? `locks: claims not registered${l.verdict ? ` (${l.verdict})` : ''}`
              : 'locks: none claimed'
          : l.decision === 'reject'
            ? l.warnings.some((w) => /^released /.test(w))
              ? 'locks: claim released on rejection'
              : 'locks: none to release'
            : 'locks';
    return { what, details: [...(l.refused ? [l.refused] : []), ...(l.handoff ? [`handoff ${l.handoff}`] : []), ...l.warnings] };
  }
  if (l.source === 'renewDispatchLocks') return { what: l.registered ? 'locks: dispatch claim renewed' : 'locks: dispatch claim refused', details: [l.detail ?? '', ...l.warnings].filter(Boolean) };
  return { what: 'locks: dispatch claim released', details: [l.detail ?? '', ...l.warnings].filter(Boolean) };
}

interface Scope {
  workflowId: string;
  run: number | null;
}

/** Activities, children and workflow-task failures: the part plan runs and the dispatch share. */
class ActivityTracker {
  readonly byScheduled = new Map<number, { rec: ActivityRecord; input: Obj }>();
  readonly byInitiated = new Map<number, ChildRecord>();

  constructor(
    private readonly b: Builder,
    private readonly scope: Scope,
    private readonly revision: () => number | null,
  ) {}

  /** Handles the event when it is an activity's or a child's; returns whether it did. */
  handle(e: AuditEvent, hooks: { scheduled?(rec: ActivityRecord, input: Obj): void; done?(rec: ActivityRecord, input: Obj, result: unknown): void; child?(rec: ChildRecord, input: Obj): void; childDone?(rec: ChildRecord, result: unknown): void } = {}): boolean {
    const a = e.attrs;
    switch (e.type) {
      case 'ActivityTaskScheduled': {
        const type = str(obj(a.activityType).name) ?? '?';
        const input = obj(first(a.input));
        const rec: ActivityRecord = {
          activityType: type,
          activityId: str(a.activityId) ?? String(e.id),
          step: ACTIVITY_STEPS[type] ?? null,
          revision: null,
          run: this.scope.run,
          workflowId: this.scope.workflowId,
          scheduledAt: e.time,
          startedAt: null,
          closedAt: null,
          durationMs: null,
          attempts: 0,
          outcome: 'running',
          failure: null,
          lastFailure: null,
          details: [],
        };
        hooks.scheduled?.(rec, input);
        rec.revision ??= this.revision();
        rec.details = activityDetails(type, input, undefined);
        this.byScheduled.set(e.id, { rec, input });
        this.b.activities.push(rec);
        return true;
      }
      case 'ActivityTaskStarted': {
        const got = this.byScheduled.get(num(a.scheduledEventId) ?? -1);
        if (got) {
          got.rec.startedAt = e.time;
          got.rec.attempts = num(a.attempt) ?? 1;
          got.rec.lastFailure = failureText(a.lastFailure);
        }
        return true;
      }
      case 'ActivityTaskCompleted':
      case 'ActivityTaskFailed':
      case 'ActivityTaskTimedOut':
      case 'ActivityTaskCanceled': {
        const got = this.byScheduled.get(num(a.scheduledEventId) ?? -1);
        if (!got) return true;
        const { rec, input } = got;
        rec.closedAt = e.time;
        rec.durationMs = between(rec.scheduledAt, e.time);
        rec.attempts ||= 1;
        rec.outcome = e.type === 'ActivityTaskCompleted' ? 'completed' : e.type === 'ActivityTaskFailed' ? 'failed' : e.type === 'ActivityTaskTimedOut' ? 'timed-out' : 'canceled';
        const result = e.type === 'ActivityTaskCompleted' ? (Array.isArray(a.result) ? a.result[0] : null) : undefined;
        if (rec.outcome !== 'completed') rec.failure = failureText(a.failure) ?? rec.outcome;
        else rec.details = activityDetails(rec.activityType, input, result);
        hooks.done?.(rec, input, result);
        return true;
      }
      case 'StartChildWorkflowExecutionInitiated': {
        const type = str(obj(a.workflowType).name) ?? '?';
        const input = obj(first(a.input));
        const rec: ChildRecord = {
          workflowType: type,
          workflowId: str(a.workflowId) ?? '?',
          runId: null,
          step: CHILD_STEPS[type] ?? null,
          label: str(input.facet) ?? str(obj(input.pkg).packageId),
          revision: this.revision(),
          run: this.scope.run,
          initiatedAt: e.time,
          startedAt: null,
          closedAt: null,
          durationMs: null,
          outcome: 'running',
          failure: null,
        };
        hooks.child?.(rec, input);
        this.byInitiated.set(e.id, rec);
        this.b.children.push(rec);
        return true;
      }
      case 'StartChildWorkflowExecutionFailed': {
        const rec = this.byInitiated.get(num(a.initiatedEventId) ?? -1);
        if (rec) Object.assign(rec, { outcome: 'start-failed', closedAt: e.time, failure: `could not start (cause ${String(a.cause ?? '?')})` });
        return true;
      }
      case 'ChildWorkflowExecutionStarted': {
        const rec = this.byInitiated.get(num(a.initiatedEventId) ?? -1);
        if (rec) Object.assign(rec, { startedAt: e.time, runId: str(obj(a.workflowExecution).runId) });
        return true;
      }
      case 'ChildWorkflowExecutionCompleted':
      case 'ChildWorkflowExecutionFailed':
      case 'ChildWorkflowExecutionCanceled':
      case 'ChildWorkflowExecutionTimedOut':
      case 'ChildWorkflowExecutionTerminated': {
        const rec = this.byInitiated.get(num(a.initiatedEventId) ?? -1);
        if (!rec) return true;
        rec.closedAt = e.time;
        rec.durationMs = between(rec.initiatedAt, e.time);
        rec.outcome = ({
          ChildWorkflowExecutionCompleted: 'completed',
          ChildWorkflowExecutionFailed: 'failed',
          ChildWorkflowExecutionCanceled: 'canceled',
          ChildWorkflowExecutionTimedOut: 'timed-out',
          ChildWorkflowExecutionTerminated: 'terminated',
        } as const)[e.type];
        if (rec.outcome === 'failed') rec.failure = failureText(a.failure);
        hooks.childDone?.(rec, e.type === 'ChildWorkflowExecutionCompleted' ? first(a.result) : undefined);
        return true;
      }
      case 'WorkflowTaskFailed': {
        const why = failureText(a.failure) ?? `cause ${String(a.cause ?? '?')}`;
        this.b.add({ kind: 'workflow-task', at: e.time, durationMs: null, what: 'workflow task failed', who: str(a.identity), attempts: null, outcome: 'failed', details: [why], step: null, revision: this.revision(), run: this.scope.run, workflowId: this.scope.workflowId });
        return true;
      }
      default:
        return false;
    }
  }
}

function activityEntry(rec: ActivityRecord): Omit<TimelineEntry, 'offsetMs'> {
  const details = [...rec.details];
  if (rec.attempts > 1) details.push(`${rec.attempts} attempts${rec.lastFailure ? `; attempt ${rec.attempts - 1} failed: ${rec.lastFailure}` : ''}`);
  if (rec.failure) details.push(rec.failure);
  return {
    kind: 'activity',
    at: rec.scheduledAt,
    durationMs: rec.durationMs,
    what: `${rec.step ?? 'activity'}: ${rec.activityType}`,
    who: null,
    attempts: rec.attempts || null,
    outcome: rec.outcome,
    details,
    step: rec.step,
    revision: rec.revision,
    run: rec.run,
    workflowId: rec.workflowId,
  };
}

function childEntry(rec: ChildRecord): Omit<TimelineEntry, 'offsetMs'> {
  return {
    kind: 'child',
    at: rec.initiatedAt,
    durationMs: rec.durationMs,
    what: `${rec.step ?? 'child'}: ${rec.workflowType}${rec.label ? ` ${rec.label}` : ''}`,
    who: null,
    attempts: null,
    outcome: rec.outcome,
    details: [rec.workflowId, ...(rec.failure ? [rec.failure] : [])],
    step: rec.step,
    revision: rec.revision,
    run: rec.run,
    workflowId: rec.workflowId,
  };
}

function decisionEntry(d: DecisionRecord, workflowId: string): Omit<TimelineEntry, 'offsetMs'> {
  const details = [
    d.comment ? `"${d.comment}"` : '',
    d.rebase ? '--rebase' : '',
    d.acknowledgeConflicts ? '--acknowledge-conflicts' : '',
    d.outcome === 'refused' ? `refused: ${d.refusal ?? 'by the plan'}` : '',
    d.outcome === 'ignored' ? 'no effect: the plan ignored the signal (see the status warnings)' : '',
    d.outcome === 'pending' ? 'not acted on yet' : '',
    d.nextRevision !== null && d.outcome === 'taken' ? `revision ${d.nextRevision} follows` : '',
    d.verdict ? `verdict ${d.verdict}` : '',
    d.via === 'carried' ? "known from a continued run's carried status" : '',
  ].filter(Boolean);
  return {
    kind: 'decision',
    at: d.at,
    durationMs: between(d.at, d.answeredAt),
    what: `${d.kind} on r${d.revision} (${d.via})`,
    who: d.by,
    attempts: null,
    outcome: d.outcome,
    details,
    step: 'present-for-approval',
    revision: d.revision,
    run: d.run,
    workflowId,
  };
}

function decisionOf(kind: Decision['kind'], via: DecisionVia, name: string, input: Obj, e: AuditEvent, revision: number, run: number, identity: string | null, updateId: string | null): DecisionRecord {
  return {
    kind,
    via,
    name,
    by: str(input.by),
    comment: str(input.comment),
    rebase: input.rebase === true,
    acknowledgeConflicts: input.acknowledgeConflicts === true,
    revision,
    at: e.time,
    answeredAt: null,
    outcome: 'pending',
    refusal: null,
    nextRevision: null,
    state: null,
    verdict: null,
    handoff: null,
    identity,
    updateId,
    run,
  };
}

/** The plan's runs, in chain order, into the builder. Returns the plan's close facts. */
function readPlanRuns(b: Builder, runs: Run[], workflowId: string): { records: RunRecord[]; state: string | null; error: string | null; closedAt: string | null; carried: Array<{ run: number; status: Obj }> } {
  const records: RunRecord[] = [];
  const carried: Array<{ run: number; status: Obj }> = [];
  let state: string | null = null;
  let error: string | null = null;
  let closedAt: string | null = null;
  runs.forEach((run, i) => {
    const index = i + 1;
    const continued = obj(run.input.continued);
    const carriedStatus = obj(continued.status);
    const phase = str(continued.phase);
    if (Object.keys(carriedStatus).length > 0) {
      carried.push({ run: index, status: carriedStatus });
      b.revision = num(carriedStatus.revision) ?? b.revision;
      b.tier = str(carriedStatus.tier) ?? b.tier;
    }
    const rec: RunRecord = { index, runId: run.runId, startedAt: run.startedAt, closedAt: null, status: 'open', continuedFrom: run.continuedFrom, revisionAtStart: b.revision, phase, events: run.history.events.length };
    records.push(rec);
    state = null;
    if (index === 1 && !run.continuedFrom) b.startRevision(1, run.startedAt, null);
    else b.startRevision(b.revision, null, null);
    if (phase === 'await-decision') b.awaitingSince = run.startedAt;
    b.add({
      kind: 'run',
      at: run.startedAt,
      durationMs: null,
      what: run.continuedFrom ? `run ${index} begins (continue-as-new)` : `plan started (run ${index})`,
      who: str(run.input.requestedBy),
      attempts: null,
      outcome: null,
      details: run.continuedFrom
        ? [`revision ${b.revision}`, phase === 'await-decision' ? 'awaiting a decision' : phase === 'next-revision' ? 'making the next revision' : '', `run ${run.runId}`].filter(Boolean)
        : [str(run.input.request) ? `"${String(run.input.request).slice(0, 120)}"` : '', str(run.input.repoDir) ?? '', `run ${run.runId}`].filter(Boolean),
      step: null,
      revision: b.revision,
      run: index,
      workflowId,
    });

    const updates = new Map<string, DecisionRecord>();
    const tracker = new ActivityTracker(b, { workflowId, run: index }, () => b.revision);
    /** Decisions recordDecision is working on, by its scheduled event. */
    const recording = new Map<ActivityRecord, DecisionRecord | undefined>();
    const newRevision = (revision: number, at: string): void => {
      if (revision <= b.revision) return;
      const d = b.openOne((x) => x.kind === 'request-changes' && x.revision < revision);
      if (d) {
        d.nextRevision ??= revision;
        b.taken(d, at);
      } else b.startRevision(revision, at, null);
      b.revision = revision;
    };
    for (const e of run.history.events) {
      const a = e.attrs;
      const handled = tracker.handle(e, {
        scheduled(rec, input) {
          b.awaitingSince = null;
          if (rec.activityType === 'scaffoldProposal' && num(input.revision) !== null) newRevision(input.revision as number, e.time);
          rec.revision = b.revision;
          if (rec.activityType === 'recordDecision') {
            const d = obj(input.decision);
            recording.set(rec, b.openOne((x) => x.kind === d.kind && x.by === str(d.by)));
          }
        },
        done(rec, input, result) {
          if (rec.activityType === 'verifyEnvironment') b.tier = str(obj(result).tier) ?? b.tier;
          const revision = b.revisions.get(rec.revision ?? b.revision);
          if (rec.activityType === 'scaffoldProposal' && revision) {
            const changes = obj(result).changes;
            if (changes && typeof changes === 'object') revision.changes = changes as RevisionChanges;
          }
          if (rec.activityType === 'validatePlan' && rec.outcome === 'completed' && revision) {
            revision.validationRounds++;
            revision.validated = obj(result).passed === true;
            if (revision.validated) {
              revision.presentedAt = e.time;
              b.awaitingSince = e.time;
            }
          }
          if (rec.activityType === 'checkFreshness' && obj(result).stale === true) {
            const d = b.openOne((x) => x.kind === 'approve');
            const f = obj(result) as unknown as Freshness;
            if (d) b.refused(d, `approval refused: the repository moved since the plan's commit ${short(f.baseCommit)}: ${staleLines({ ...f, commits: f.commits ?? [] }).join('; ')}`);
            b.awaitingSince = e.time;
          }
          if (rec.activityType === 'recordDecision' && rec.outcome === 'completed') {
            const lock = lockOfDecision(e.time, input, result, b.tier);
            b.locks.push(lock);
            const line = lockLine(lock);
            b.add({ kind: 'lock', at: e.time, durationMs: null, what: line.what, who: lock.by, attempts: null, outcome: lock.refused ? 'refused' : null, details: line.details, step: 'present-for-approval', revision: lock.revision, run: index, workflowId });
            const d = recording.get(rec);
            if (d) {
              if (lock.refused) {
                b.refused(d, lock.refused);
                d.verdict = lock.verdict;
                b.awaitingSince = e.time;
              } else {
                d.handoff ??= lock.handoff;
                d.verdict ??= lock.verdict;
                b.taken(d, e.time);
              }
            }
          }
        },
        child(rec) {
          b.awaitingSince = null;
          const m = /\/r(\d+)\/context\//.exec(rec.workflowId);
          if (m) {
            newRevision(Number(m[1]), e.time);
            rec.revision = b.revision;
          }
        },
      });
      if (handled) continue;
      switch (e.type) {
        case 'WorkflowExecutionSignaled': {
          const name = str(a.signalName) ?? '';
          const kind = SIGNAL_KINDS[name];
          if (!kind) break;
          const d = decisionOf(kind, 'signal', name, obj(first(a.input)), e, b.revision, index, str(a.identity), null);
          b.decisions.push(d);
          b.open.push(d);
          break;
        }
        case 'WorkflowExecutionUpdateAccepted': {
          const req = obj(a.acceptedRequest);
          const input = obj(req.input);
          const name = str(input.name) ?? '';
          const kind = UPDATE_KINDS[name];
          if (!kind) break;
          const meta = obj(req.meta);
          const updateId = str(meta.updateId) ?? str(a.protocolInstanceId);
          const d = decisionOf(kind, 'update', name, obj(first(input.args)), e, b.revision, index, str(meta.identity), updateId);
          b.decisions.push(d);
          b.open.push(d);
          if (updateId) updates.set(updateId, d);
          break;
        }
        case 'WorkflowExecutionUpdateCompleted': {
          const d = updates.get(str(obj(a.meta).updateId) ?? '');
          if (!d) break;
          d.answeredAt = e.time;
          const outcome = obj(a.outcome);
          if (outcome.failure) {
            // The update's failure is the plan's own words for the refusal.
            d.refusal = str(obj(outcome.failure).message) ?? d.refusal;
            b.refused(d, d.refusal);
            break;
          }
          const out = obj(first(outcome.success));
          d.revision = num(out.revision) ?? d.revision;
          d.state = str(out.state);
          d.nextRevision = num(out.nextRevision) ?? d.nextRevision;
          d.verdict = str(out.verdict) ?? d.verdict;
          d.handoff = str(obj(out.handoff).path) ?? d.handoff;
          // `wait: false`: the plan took the decision and acts on it later (it may still refuse an approval).
          if (out.settled === false) d.outcome = 'taken';
          else b.taken(d, e.time);
          break;
        }
        case 'WorkflowExecutionContinuedAsNew': {
          rec.status = 'continued-as-new';
          rec.closedAt = e.time;
          const next = obj(obj(first(a.input)).continued);
          const nextRevision = num(obj(next.status).revision);
          if (str(next.phase) === 'next-revision' && nextRevision !== null) newRevision(nextRevision, e.time);
          b.add({ kind: 'run', at: e.time, durationMs: between(run.startedAt, e.time), what: `run ${index} continued as new`, who: null, attempts: null, outcome: 'continued-as-new', details: [str(a.newExecutionRunId) ? `next run ${String(a.newExecutionRunId)}` : '', `${run.history.events.length} events`].filter(Boolean), step: null, revision: b.revision, run: index, workflowId });
          break;
        }
        case 'WorkflowExecutionCompleted': {
          const result = obj(first(a.result));
          rec.status = 'completed';
          rec.closedAt = closedAt = e.time;
          state = str(result.state) ?? 'completed';
          b.awaitingSince = null;
          b.add({ kind: 'run', at: e.time, durationMs: between(runs[0]!.startedAt, e.time), what: `plan ${state}`, who: str(obj(result.decision).by), attempts: null, outcome: state, details: [`revision ${String(result.revision ?? b.revision)}`, str(obj(result.handoff).path) ? `handoff ${String(obj(result.handoff).path)}` : ''].filter(Boolean), step: null, revision: num(result.revision) ?? b.revision, run: index, workflowId });
          break;
        }
        case 'WorkflowExecutionFailed':
        case 'WorkflowExecutionTerminated':
        case 'WorkflowExecutionCanceled':
        case 'WorkflowExecutionTimedOut': {
          const status = ({ WorkflowExecutionFailed: 'failed', WorkflowExecutionTerminated: 'terminated', WorkflowExecutionCanceled: 'canceled', WorkflowExecutionTimedOut: 'timed-out' } as const)[e.type];
          rec.status = status;
          rec.closedAt = closedAt = e.time;
          state = status;
          error = failureText(a.failure) ?? str(a.reason);
          b.awaitingSince = null;
          b.add({ kind: 'run', at: e.time, durationMs: between(runs[0]!.startedAt, e.time), what: `plan ${status}`, who: str(a.identity), attempts: null, outcome: status, details: error ? [error] : [], step: null, revision: b.revision, run: index, workflowId });
          break;
        }
        default:
          break;
      }
    }
    if (rec.status === 'open') closedAt = null;
  });
  return { records, state, error, closedAt, carried };
}

/** Decisions of runs whose history was not read, from the next run's carried status. */
function reconcileCarried(b: Builder, carried: Array<{ run: number; status: Obj }>): void {
  const awaiting = b.awaitingSince;
  for (const { status } of carried) {
    for (const raw of arr(status.decisions)) {
      const d = obj(raw);
      const kind = str(d.kind) as Decision['kind'] | null;
      const revision = num(d.revision);
      if (!kind || revision === null) continue;
      const known = b.decisions.some((x) => x.kind === kind && x.by === str(d.by) && x.revision === revision && x.outcome === 'taken');
      if (known) continue;
      const rec: DecisionRecord = {
        kind,
        via: 'carried',
        name: null,
        by: str(d.by),
        comment: str(d.comment),
        rebase: d.rebase === true,
        acknowledgeConflicts: d.acknowledgeConflicts === true,
        revision,
        at: str(d.at) ?? '',
        answeredAt: null,
        outcome: 'taken',
        refusal: null,
        nextRevision: kind === 'request-changes' ? revision + 1 : null,
        state: null,
        verdict: null,
        handoff: null,
        identity: null,
        updateId: null,
        run: null,
      };
      b.decisions.push(rec);
      b.revisions.get(revision) ?? b.startRevision(revision, null, null);
      b.taken(rec, rec.at);
    }
    for (const raw of arr(status.revisionChanges)) {
      const c = obj(raw);
      const r = b.revisions.get(num(c.revision) ?? -1);
      if (r && !r.changes) r.changes = c as unknown as RevisionChanges;
    }
  }
  b.awaitingSince = awaiting;
  b.decisions.sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
}

// ---------------------------------------------------------------------------------------------
// The dispatch and its packages

function readDispatch(b: Builder, h: AuditHistory, packages: AuditHistory[]): DispatchRecord | null {
  const started = h.events.find((e) => e.type === 'WorkflowExecutionStarted');
  if (!started) return null;
  const workflowId = h.workflowId;
  const input = obj(first(started.attrs.input));
  const rec: DispatchRecord = {
    workflowId,
    runId: h.runId ?? str(started.attrs.originalExecutionRunId),
    startedAt: started.time,
    closedAt: null,
    state: 'running',
    planRevision: num(input.planRevision),
    leaseMs: num(input.leaseMs),
    packages: arr(input.packages).map((p) => ({
      packageId: String(obj(p).packageId),
      workflowId: null,
      readyAt: null,
      state: 'waiting',
      claims: [],
      finishedAt: null,
      summary: null,
      reason: null,
      failures: 0,
      refusedUpdates: [],
      historyRead: false,
    })),
    warnings: [],
  };
  const pkg = (id: string): PackageRecord => {
    let p = rec.packages.find((x) => x.packageId === id);
    if (!p) {
      p = { packageId: id, workflowId: null, readyAt: null, state: 'waiting', claims: [], finishedAt: null, summary: null, reason: null, failures: 0, refusedUpdates: [], historyRead: false };
      rec.packages.push(p);
    }
    return p;
  };
  const scope = { workflowId, run: null };
  b.add({
    kind: 'dispatch',
    at: started.time,
    durationMs: null,
    what: 'dispatch started',
    who: null,
    attempts: null,
    outcome: null,
    details: [plural(rec.packages.length, 'package'), rec.planRevision !== null ? `revision ${rec.planRevision}` : '', rec.leaseMs !== null ? `lease ${rec.leaseMs % 60_000 === 0 ? `${rec.leaseMs / 60_000}m` : `${Math.round(rec.leaseMs / 1000)}s`}` : ''].filter(Boolean),
    step: 'dispatch',
    revision: rec.planRevision,
    run: null,
    workflowId,
  });
  // Package histories first: their update events are the claims, completions and failures.
  const read = new Set<string>();
  for (const ph of packages) {
    const id = readPackage(b, ph, pkg);
    if (id) read.add(id);
  }
  const tracker = new ActivityTracker(b, scope, () => rec.planRevision);
  for (const e of h.events) {
    const a = e.attrs;
    const handled = tracker.handle(e, {
      scheduled(r) {
        r.revision = rec.planRevision;
      },
      done(r, inp, result) {
        if (r.outcome !== 'completed') return;
        const o = obj(result);
        const base = { at: e.time, decision: null, by: null, verdict: null, handoff: null };
        let lock: LockRecord;
        if (r.activityType === 'renewDispatchLocks') {
          const ok = o.registered === true;
          lock = { ...base, source: 'renewDispatchLocks', revision: num(inp.revision), registered: ok, refused: ok ? null : str(o.reason), warnings: [], detail: ok ? `${plural(arr(inp.packages).length, 'package')}${o.expiresAt ? ` until ${String(o.expiresAt)}` : ''}` : `refused: ${String(o.reason ?? '?')}` };
        } else if (r.activityType === 'releaseDispatchLocks') {
          lock = { ...base, source: 'releaseDispatchLocks', revision: null, registered: null, refused: null, warnings: o.error ? [String(o.error)] : [], detail: `released ${plural(num(o.released) ?? 0, 'claim')}` };
        } else return;
        b.locks.push(lock);
        const line = lockLine(lock);
        b.add({ kind: 'lock', at: e.time, durationMs: null, what: line.what, who: null, attempts: null, outcome: lock.registered === false ? 'refused' : null, details: line.details, step: 'dispatch', revision: rec.planRevision, run: null, workflowId });
      },
      child(c) {
        const p = pkg(c.label ?? c.workflowId.split('/').pop()!);
        p.workflowId = c.workflowId;
        p.readyAt = e.time;
        if (p.state === 'waiting') p.state = 'ready';
      },
      childDone(c, result) {
        const p = pkg(c.label ?? c.workflowId.split('/').pop()!);
        const r = obj(result);
        if (c.outcome === 'completed') {
          p.state = str(r.state) ?? 'completed';
          p.finishedAt = str(r.finishedAt) ?? e.time;
          p.summary = str(r.summary) ?? p.summary;
          p.reason = str(r.reason) ?? p.reason;
          p.failures = num(r.failures) ?? p.failures;
          if (!read.has(p.packageId)) {
            const claim = p.claims[p.claims.length - 1];
            if (claim && claim.ended === 'open') Object.assign(claim, { ended: p.state === 'completed' ? 'completed' : 'failed', endedAt: p.finishedAt, durationMs: between(claim.at, p.finishedAt), summary: p.summary, reason: p.reason });
          }
        } else {
          p.state = 'failed';
          p.finishedAt = e.time;
          p.reason = c.failure;
        }
      },
    });
    if (handled) continue;
    switch (e.type) {
      case 'WorkflowExecutionSignaled': {
        // The dispatch's view of its packages; used for packages whose own history was not read.
        if (str(a.signalName) !== 'packageEvent') break;
        const ev = obj(first(a.input));
        const id = str(ev.packageId);
        if (!id || read.has(id)) break;
        const p = pkg(id);
        const open = p.claims[p.claims.length - 1];
        const at = str(ev.at) ?? e.time;
        if (ev.state === 'claimed') {
          p.state = 'claimed';
          p.claims.push({ agent: str(ev.holder) ?? '?', at, attempt: num(ev.attempts), heartbeats: 0, ended: 'open', endedAt: null, durationMs: null, summary: null, reason: null });
        } else if ((ev.state === 'lease-lost' || ev.state === 'failed-attempt') && open && open.ended === 'open') {
          Object.assign(open, { ended: ev.state === 'lease-lost' ? 'lease-lost' : 'retry', endedAt: at, durationMs: between(open.at, at), reason: str(ev.reason) });
          p.state = 'ready';
          p.failures = num(ev.failures) ?? p.failures;
        }
        break;
      }
      case 'WorkflowExecutionCompleted': {
        const r = obj(first(a.result));
        rec.state = str(r.state) ?? 'completed';
        rec.closedAt = e.time;
        rec.warnings = strings(r.warnings);
        for (const v of arr(r.packages).map(obj)) {
          const p = pkg(String(v.packageId));
          if (v.state === 'blocked' || (p.state !== 'completed' && p.state !== 'failed')) {
            p.state = str(v.state) ?? p.state;
            p.reason = str(v.reason) ?? p.reason;
          }
        }
        break;
      }
      case 'WorkflowExecutionFailed':
      case 'WorkflowExecutionTerminated':
      case 'WorkflowExecutionCanceled':
      case 'WorkflowExecutionTimedOut':
        rec.state = ({ WorkflowExecutionFailed: 'failed', WorkflowExecutionTerminated: 'terminated', WorkflowExecutionCanceled: 'canceled', WorkflowExecutionTimedOut: 'timed-out' } as const)[e.type];
        rec.closedAt = e.time;
        rec.warnings.push(failureText(a.failure) ?? str(a.reason) ?? rec.state);
        break;
      default:
        break;
    }
  }
  for (const p of rec.packages) {
    if (p.readyAt) b.add({ kind: 'package', at: p.readyAt, durationMs: null, what: `${p.packageId} ready`, who: null, attempts: null, outcome: null, details: p.workflowId ? [p.workflowId] : [], step: 'dispatch', revision: rec.planRevision, run: null, workflowId: p.workflowId ?? workflowId });
    p.claims.forEach((c, i) => {
      const ended =
        c.ended === 'completed'
          ? `completed${c.summary ? `: ${c.summary}` : ''}`
          : c.ended === 'retry'
            ? `failed, retried: ${c.reason ?? '?'}`
            : c.ended === 'failed'
              ? `failed for good: ${c.reason ?? '?'}`
              : c.ended === 'lease-lost'
                ? `lease lost: ${c.reason ?? 'no heartbeat'}`
                : 'still claimed';
      b.add({
        kind: 'package',
        at: c.at,
        durationMs: c.durationMs,
        what: `${p.packageId} claimed (attempt ${c.attempt ?? i + 1})`,
        who: c.agent,
        attempts: c.attempt ?? i + 1,
        outcome: c.ended,
        details: [ended, c.heartbeats ? plural(c.heartbeats, 'heartbeat') : ''].filter(Boolean),
        step: 'dispatch',
        revision: rec.planRevision,
        run: null,
        workflowId: p.workflowId ?? workflowId,
      });
    });
    if (p.state === 'blocked') b.add({ kind: 'package', at: rec.closedAt ?? rec.startedAt, durationMs: null, what: `${p.packageId} blocked`, who: null, attempts: null, outcome: 'blocked', details: p.reason ? [p.reason] : [], step: 'dispatch', revision: rec.planRevision, run: null, workflowId });
    for (const why of p.refusedUpdates) b.add({ kind: 'package', at: rec.startedAt, durationMs: null, what: `${p.packageId}: update refused`, who: null, attempts: null, outcome: 'refused', details: [why], step: 'dispatch', revision: rec.planRevision, run: null, workflowId: p.workflowId ?? workflowId });
  }
  if (rec.closedAt) b.add({ kind: 'dispatch', at: rec.closedAt, durationMs: between(rec.startedAt, rec.closedAt), what: `dispatch ${rec.state}`, who: null, attempts: null, outcome: rec.state, details: rec.warnings, step: 'dispatch', revision: rec.planRevision, run: null, workflowId });
  return rec;
}

/** A package child's history: its update events are the agents' claims, heartbeats, completions and failures. */
function readPackage(b: Builder, h: AuditHistory, pkg: (id: string) => PackageRecord): string | null {
  const started = h.events.find((e) => e.type === 'WorkflowExecutionStarted');
  if (!started) return null;
  const id = str(obj(obj(first(started.attrs.input)).pkg).packageId) ?? h.workflowId.split('/').pop()!;
  const p = pkg(id);
  p.historyRead = true;
  p.workflowId = h.workflowId;
  p.readyAt ??= started.time;
  const updates = new Map<string, { name: string; input: Obj; at: string }>();
  const current = (): PackageClaim | undefined => {
    const c = p.claims[p.claims.length - 1];
    return c && c.ended === 'open' ? c : undefined;
  };
  const end = (ended: PackageClaim['ended'], at: string, extra: Partial<PackageClaim> = {}): void => {
    const c = current();
    if (c) Object.assign(c, { ended, endedAt: at, durationMs: between(c.at, at), ...extra });
  };
  for (const e of h.events) {
    const a = e.attrs;
    if (e.type === 'WorkflowExecutionUpdateAccepted') {
      const input = obj(obj(a.acceptedRequest).input);
      const updateId = str(obj(obj(a.acceptedRequest).meta).updateId) ?? str(a.protocolInstanceId) ?? String(e.id);
      updates.set(updateId, { name: str(input.name) ?? '', input: obj(first(input.args)), at: e.time });
    } else if (e.type === 'WorkflowExecutionUpdateCompleted') {
      const u = updates.get(str(obj(a.meta).updateId) ?? '');
      if (!u) continue;
      const outcome = obj(a.outcome);
      if (outcome.failure) {
        p.refusedUpdates.push(`${u.name}${str(u.input.agent) ? ` by ${String(u.input.agent)}` : ''}: ${failureText(outcome.failure) ?? 'refused'}`);
        continue;
      }
      const out = obj(first(outcome.success));
      switch (u.name) {
        case 'claimPackage':
          p.state = 'claimed';
          p.claims.push({ agent: str(u.input.agent) ?? '?', at: u.at, attempt: num(out.attempt), heartbeats: 0, ended: 'open', endedAt: null, durationMs: null, summary: null, reason: null });
          break;
        case 'heartbeatPackage': {
          const c = current();
          if (c) c.heartbeats++;
          break;
        }
        case 'completePackage':
          end('completed', u.at, { summary: str(out.summary) ?? str(u.input.summary) });
          Object.assign(p, { state: 'completed', finishedAt: str(out.finishedAt) ?? u.at, summary: str(out.summary) ?? str(u.input.summary) });
          break;
        case 'failPackage': {
          const forGood = out.state === 'failed';
          end(forGood ? 'failed' : 'retry', u.at, { reason: str(u.input.reason) });
          p.failures = num(out.failures) ?? p.failures + 1;
          p.reason = str(u.input.reason);
          p.state = forGood ? 'failed' : 'ready';
          if (forGood) p.finishedAt = u.at;
          break;
        }
        default:
          break;
      }
    } else if (e.type === 'SignalExternalWorkflowExecutionInitiated') {
      const ev = obj(first(a.input));
      if (ev.state === 'lease-lost') {
        end('lease-lost', str(ev.at) ?? e.time, { reason: str(ev.reason) });
        p.state = 'ready';
      }
    }
  }
  return id;
}

// ---------------------------------------------------------------------------------------------

/** The audit timeline of one plan: its runs merged in order, and its dispatch when given. */
export function buildTimeline(source: AuditSource): AuditTimeline {
  const { runs, notes } = chain(source.runs);
  const head = runs[0];
  const workflowId = head?.history.workflowId ?? source.runs[0]?.workflowId ?? source.dispatch?.workflowId.replace(/\/dispatch$/, '') ?? '';
  const b = new Builder(workflowId);
  b.notes.push(...notes);
  const plan = readPlanRuns(b, runs, workflowId);
  reconcileCarried(b, plan.carried);

  // Decisions still open: a signal with no effect was ignored once the plan moved on or closed.
  const closed = plan.state !== null && plan.records[plan.records.length - 1]?.status !== 'continued-as-new';
  for (const d of b.open.slice()) {
    const later = b.decisions.some((x) => x !== d && x.outcome === 'taken' && Date.parse(x.at) > Date.parse(d.at));
    if (d.via === 'signal' && (closed || later)) {
      d.outcome = 'ignored';
      b.close(d);
    } else if (d.outcome !== 'taken') d.outcome = 'pending';
  }
  for (const d of b.decisions) b.add(decisionEntry(d, workflowId));
  for (const a of b.activities.filter((x) => x.run !== null)) b.add(activityEntry(a));
  for (const c of b.children.filter((x) => x.run !== null)) b.add(childEntry(c));

  const dispatch = source.dispatch ? readDispatch(b, source.dispatch, source.packages ?? []) : null;
  for (const a of b.activities.filter((x) => x.run === null)) b.add(activityEntry(a));

  const revisions = [...b.revisions.values()].sort((x, y) => x.revision - y.revision);
  // Time each revision waited for its decision.
  for (const r of revisions) {
    if (!r.presentedAt) continue;
    const decided = r.decidedAt && Date.parse(r.decidedAt) >= Date.parse(r.presentedAt) ? r.decidedAt : null;
    b.add({
      kind: 'await',
      at: r.presentedAt,
      durationMs: between(r.presentedAt, decided),
      what: `revision ${r.revision} awaits a decision`,
      who: null,
      attempts: null,
      outcome: r.decision ?? (closed ? null : 'awaiting'),
      details: r.decision ? [`${r.decision} by ${r.decidedBy ?? '?'}`] : [],
      step: 'present-for-approval',
      revision: r.revision,
      run: null,
      workflowId,
    });
  }

  const startedAt = head?.startedAt ?? null;
  const entries = b.entries(startedAt);
  const lastPlanEvent = runs.flatMap((r) => r.history.events).reduce<string | null>((m, e) => (!m || Date.parse(e.time) > Date.parse(m) ? e.time : m), null);
  const lastEvent = [lastPlanEvent, ...[source.dispatch, ...(source.packages ?? [])].flatMap((h) => (h ? h.events.map((e) => e.time) : []))].reduce<string | null>(
    (m, t) => (t && (!m || Date.parse(t) > Date.parse(m)) ? t : m),
    null,
  );
  let state = plan.state;
  if (state === null || plan.records[plan.records.length - 1]?.status === 'continued-as-new') state = b.awaitingSince ? 'awaiting-approval' : 'running';

  const taken = b.decisions.filter((d) => d.outcome === 'taken');
  const retried = [
    ...b.activities.filter((a) => a.attempts > 1).map((a) => ({ what: `${a.step ?? 'activity'}: ${a.activityType}${a.revision !== null ? ` (revision ${a.revision})` : ''}`, attempts: a.attempts, at: a.scheduledAt, lastFailure: a.lastFailure })),
    ...(dispatch?.packages ?? []).filter((p) => p.claims.length > 1).map((p) => ({ what: `package ${p.packageId}`, attempts: p.claims.length, at: p.claims[0]!.at, lastFailure: p.claims[p.claims.length - 2]?.reason ?? null })),
  ];
  const summary: AuditSummary = {
    runs: plan.records.length,
    revisions: revisions.length,
    decisions: taken.length,
    byKind: {
      approve: taken.filter((d) => d.kind === 'approve').length,
      reject: taken.filter((d) => d.kind === 'reject').length,
      'request-changes': taken.filter((d) => d.kind === 'request-changes').length,
    },
    refusedDecisions: b.decisions.filter((d) => d.outcome === 'refused').length,
    ignoredSignals: b.decisions.filter((d) => d.outcome === 'ignored').length,
    activities: b.activities.length,
    failedActivities: b.activities.filter((a) => a.outcome === 'failed' || a.outcome === 'timed-out').length,
    retried,
    planMs: between(startedAt, plan.closedAt ?? lastPlanEvent),
    totalMs: between(startedAt, lastEvent),
    awaitingMs: revisions.reduce((s, r) => s + (r.presentedAt ? (between(r.presentedAt, r.decidedAt ?? (closed ? null : lastPlanEvent)) ?? 0) : 0), 0),
    packages: dispatch
      ? {
          total: dispatch.packages.length,
          completed: dispatch.packages.filter((p) => p.state === 'completed').length,
          failed: dispatch.packages.filter((p) => p.state === 'failed').length,
          blocked: dispatch.packages.filter((p) => p.state === 'blocked').length,
        }
      : null,
  };
  const first0 = head?.input ?? {};
  return {
    workflowId,
    changeId: str(first0.changeId),
    repoDir: str(first0.repoDir),
    tier: b.tier,
    state,
    error: plan.error,
    startedAt,
    closedAt: plan.closedAt,
    runs: plan.records,
    entries,
    activities: b.activities,
    children: b.children,
    decisions: b.decisions,
    revisions,
    locks: b.locks,
    dispatch,
    summary,
    notes: [...b.notes, HISTORY_LIMITS],
  };
}
