/**
 * The plan's observable state inside the workflow: what the `status` query answers and what the
 * search attributes and current details show. Plain JSON only, so continue-as-new carries it
 * (`snapshot()`) and the next run restores it as it was (`new PlanStateTracker(input, snapshot)`).
 */
import type { PlanPolicy } from '../domain/policy/refusal.js';
import type { RevisionChanges } from '../domain/revision/changes.js';
import type { ContextSummary, FileRef } from '../domain/context/types.js';
import type { CapabilityReport } from '../shared/coordinator-types.js';
import {
  STEPS,
  type ArtifactRef,
  type Decision,
  type PackagesSummary,
  type PlanInput,
  type PlanState,
  type PlanStatus,
  type StepName,
  type StepOutcome,
  type Tier,
  type ValidationSummary,
} from '../shared/plan-types.js';

const MAX_WARNINGS = 50;

function failureMessage(err: unknown): string {
  // Activity failures wrap the real error in `cause`; the innermost message is the useful one.
  let cur: unknown = err;
  let message = err instanceof Error ? err.message : String(err);
  while (cur instanceof Error && cur.cause) {
    cur = cur.cause;
    if (cur instanceof Error && cur.message) message = cur.message;
  }
  return message;
}

const plainCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class PlanStateTracker {
  readonly status: PlanStatus;

  /** A fresh plan, or the state an earlier run of the same plan carried over (one more run). */
  constructor(input: PlanInput, restored?: PlanStatus) {
    if (restored) {
      this.status = plainCopy(restored);
      this.status.runs = (restored.runs ?? 1) + 1;
      return;
    }
    this.status = {
      changeId: input.changeId,
      repoDir: input.repoDir,
      state: 'running',
      currentStep: null,
      steps: Object.fromEntries(STEPS.map((s) => [s, { status: 'pending', attempts: 0 } satisfies StepOutcome])) as Record<
        StepName,
        StepOutcome
      >,
      tier: null,
      revision: 1,
      warnings: [],
      artifacts: [],
      validation: null,
      context: null,
      packages: null,
      decisions: [],
      runs: 1,
    };
  }

  /** The state to carry into the next run: a plain JSON copy. */
  snapshot(): PlanStatus {
    return plainCopy(this.status);
  }

  begin(step: StepName): void {
    this.status.currentStep = step;
    const outcome = this.status.steps[step];
    outcome.status = 'running';
    outcome.attempts += 1;
    outcome.startedAt = new Date().toISOString();
    delete outcome.message;
    delete outcome.ms;
  }

  /** Workflow time since the step started (deterministic: the workflow clock). */
  private took(step: StepName): void {
    const started = this.status.steps[step].startedAt;
    if (started) this.status.steps[step].ms = Math.max(0, Date.now() - Date.parse(started));
  }

  finish(step: StepName): void {
    this.status.steps[step].status = 'done';
    this.took(step);
  }

  skip(step: StepName, why: string): void {
    this.status.steps[step] = { status: 'skipped', attempts: 0, message: why };
  }

  fail(step: StepName, err: unknown): void {
    this.status.steps[step].status = 'failed';
    this.status.steps[step].message = failureMessage(err);
    this.took(step);
  }

  failPlan(err: unknown): void {
    this.status.state = 'failed';
    this.status.error = failureMessage(err);
  }

  warn(message: string): void {
    if (this.status.warnings.includes(message)) return;
    if (this.status.warnings.length < MAX_WARNINGS) this.status.warnings.push(message);
  }

  setTier(tier: Tier): void {
    this.status.tier = tier;
  }

  setCapabilities(report: CapabilityReport): void {
    this.status.capabilities = report;
  }

  setContext(context: ContextSummary): void {
    this.status.context = context;
  }

  setValidation(v: ValidationSummary): void {
    this.status.validation = v;
  }

  setPolicy(policy: PlanPolicy): void {
    this.status.policy = policy;
  }

  setBaseCommit(commit: string): void {
    this.status.baseCommit = commit;
  }

  setRevisionChanges(c: RevisionChanges): void {
    this.status.revisionChanges = [...(this.status.revisionChanges ?? []).filter((x) => x.revision !== c.revision), c];
  }

  setPackages(p: PackagesSummary): void {
    this.status.packages = p;
  }

  /** Latest write of a path wins; paths are repository-relative where the file is in the repository. */
  addArtifacts(files: Array<FileRef | ArtifactRef>): void {
    for (const f of files) {
      const i = this.status.artifacts.findIndex((a) => a.path === f.path);
      if (i >= 0) this.status.artifacts[i] = f;
      else this.status.artifacts.push(f);
    }
    this.status.artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  awaitApproval(): void {
    this.status.state = 'awaiting-approval';
    this.status.currentStep = 'present-for-approval';
    this.status.steps['present-for-approval'].status = 'running';
    this.status.steps['present-for-approval'].attempts += 1;
  }

  recordDecision(d: Decision): void {
    this.status.decisions.push(d);
  }

  /** A decision the plan refused after taking it (a blocked approval) is not one of its decisions. */
  forgetDecision(d: Decision): void {
    this.status.decisions = this.status.decisions.filter((x) => x !== d);
  }

  nextRevision(): void {
    // The revision sent back keeps its artifact digests: a reviewer can tell what they saw.
    this.status.earlierRevisions = [...(this.status.earlierRevisions ?? []), { revision: this.status.revision, artifacts: this.status.artifacts.map((a) => ({ ...a })) }];
    this.status.revision += 1;
    this.status.state = 'running';
    this.status.steps['present-for-approval'].status = 'pending';
    for (const s of ['scaffold-proposal', 'generate-contracts', 'generate-work-packages', 'validate'] as const) {
      this.status.steps[s].status = 'pending';
    }
  }

  /** No decision came within the approval timeout. */
  expire(): void {
    this.status.state = 'expired';
    this.status.currentStep = null;
    this.status.steps['present-for-approval'].status = 'done';
  }

  decide(state: Extract<PlanState, 'approved' | 'rejected'>): void {
    this.status.state = state;
    this.status.currentStep = null;
    this.status.steps['present-for-approval'].status = 'done';
  }

  /** The Temporal UI's "current details": a headline and a markdown table of the steps with their times. */
  details(): string {
    const s = this.status;
    const step = s.currentStep ? ` at ${s.currentStep}` : '';
    const rows = Object.entries(s.steps).map(([name, o]) => `| ${name} | ${o.status} | ${o.attempts} | ${o.ms !== undefined ? `${(o.ms / 1000).toFixed(1)} s` : ''} |`);
    return [`**${s.changeId}** r${s.revision}: ${s.state}${step}${s.tier ? ` (${s.tier})` : ''}`, '', '| step | status | attempts | time |', '|---|---|---|---|', ...rows].join('\n');
  }
}
