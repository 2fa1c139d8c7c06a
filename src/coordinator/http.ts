/**
 * The HTTP coordinator (`--coordinator http`): an existing agent coordinator service (the
 * coordination HTTP API of the agent-coordinator the parallel-plan-feature seed was written for)
 * provides what the seed asks of a coordinator. Base URL from COORDINATION_API_URL, key from
 * COORDINATION_API_KEY, sent as `X-API-Key`; every call has a timeout (AbortSignal.timeout,
 * COORDINATION_API_TIMEOUT_MS, default 5 s). The variables are read where the activities run:
 * the worker (or the CLI's inline worker).
 *
 * Capabilities: the service is there when `GET /health` answers 200; then each capability is a
 * GET probe of its route, available when it answers below 500 and not 404 (a 401/403 or 405
 * proves the route is mounted): CAN_LOCK `/locks/status/__probe__`, CAN_QUEUE_WORK `/work/get`,
 * CAN_GUARDRAILS `/guardrails/check`, CAN_MEMORY `/memory/query`, CAN_DISCOVER
 * `/discovery/agents`, CAN_HANDOFF `/handoffs/read`, CAN_POLICY `/policy/check`, CAN_AUDIT
 * `/audit`. A required one missing gives the linear tier through step 1's tier logic (the report
 * names the reason); a safety or enriching one that fails (5xx, no answer) is a warning in the
 * report, which step 1 adds to the plan's warnings, and the plan stays coordinated.
 *
 * Locks. The service's only lock notion is a lock per `file_path` held by an `agent_id`, and it
 * treats the string as an opaque resource key (its lock-key namespaces: `api:`, `db:`, `event:`,
 * ... share the file_locks table with raw paths), so a claim's lock keys and files both become
 * file_path values, unchanged: repository-relative, as the service's other agents lock them.
 * Locks therefore conflict across every repository that uses the same service (run one service
 * per repository, as the agent-coordinator does). One `POST /locks/acquire` per key or file, in
 * sorted order, `agent_id` = `parallel-plan:<change id>@<first 10 hex of sha256(repository)>`
 * (the same for the approval and the dispatch's renewals, so a renewal refreshes), `agent_type`
 * `parallel-plan`, `ttl_minutes` = the claim's lease in minutes within 1-480, `reason` naming the
 * change, revision, packages and holder (read back when a conflict is reported). A claim stays
 * all or nothing: when a later lock is refused, the locks this call newly acquired are released
 * (the ones it only refreshed were held before and stay), the remaining paths are checked with
 * `GET /locks/status/<path>` and the result is `{registered: false, conflict, reason}` naming
 * every holder the service reports (`locked_by`; a parallel-plan holder as its change id). A
 * refusal is a 409 or a 2xx answer with `success: false` and `locked_by` (what the service
 * answers); any other error leaves nothing registered, with the reason. The service keeps no
 * claim per change, so what a change may hold is read from its work-packages.yaml (the same
 * reader as the approval's claim): a re-claim releases those the new claim no longer names, and
 * releaseLocks releases those `GET /locks/status` shows held by the change's agent id.
 *
 * Discover: `GET /discovery/agents`. Each agent not `disconnected` is a PlanInFlight in state
 * `running`, with no workflow id, revision or claim (the service lists no locks per agent): a
 * parallel-plan agent id maps back to its change id and belongs to the planned repository only
 * when the repository hash matches; any other agent is `agent:<agent_id>`, attributed to the
 * repository the caller plans for (`scope.repository`), since the service coordinates one
 * repository. Approved changes holding locks are not listed (they surface as conflicts when a
 * claim meets them).
 *
 * Guardrails: the port's checkGuardrails may answer with a promise (the callers await it), and
 * this adapter runs both checks: the local one (a plan writes only its change folder,
 * guardrails.ts), which always decides, and `POST /guardrails/check {operation_text,
 * file_paths}` over the paths the plan wrote. Its blocking findings (`safe: false`) are
 * violations, non-blocking ones warnings; when the service does not answer, the local verdict
 * stands with a warning saying only it ran.
 *
 * The service's other operations are methods here, beside the port: `POST /work/submit`,
 * `POST /handoffs/write` (publishHandoff, called on approval when CAN_HANDOFF was found),
 * `POST /memory/store`, `POST /memory/query`, `POST /policy/check`, `GET /audit`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lockClaimsOf } from '../domain/workpackages/lock-claims.js';
import type { WorkPackagesDoc } from '../domain/workpackages/types.js';
import { changeDir } from '../io/openspec-files.js';
import { readWorkPackagesFile } from '../io/work-packages-file.js';
import {
  CAPABILITIES,
  capabilityKind,
  capabilityReport,
  type Capability,
  type CapabilityReport,
} from '../shared/coordinator-types.js';
import { DEFAULT_LOCK_TTL_MS, type ClaimLocksInput, type LockClaim, type LockConflictDetail } from '../shared/lock-messages.js';
import { checkPlanWrites, type GuardrailVerdict } from './guardrails.js';
import type { ClaimResult, Coordinator, HandoffPublication, PlanInFlight, ReleaseResult } from './port.js';

export const DEFAULT_HTTP_TIMEOUT_MS = 5_000;
export const HTTP_AGENT_TYPE = 'parallel-plan';
/** The service's lock TTL bounds, minutes. */
export const MIN_TTL_MINUTES = 1;
export const MAX_TTL_MINUTES = 480;

/** The GET each capability is probed with. */
export const CAPABILITY_PROBES: Record<Capability, string> = {
  CAN_DISCOVER: '/discovery/agents',
  CAN_QUEUE_WORK: '/work/get',
  CAN_LOCK: '/locks/status/__probe__',
  CAN_GUARDRAILS: '/guardrails/check',
  CAN_HANDOFF: '/handoffs/read',
  CAN_MEMORY: '/memory/query',
  CAN_POLICY: '/policy/check',
  CAN_AUDIT: '/audit',
};

export interface HttpCoordinatorOptions {
  /** The service's base URL; default COORDINATION_API_URL. */
  baseUrl?: string;
  /** Sent as X-API-Key; default COORDINATION_API_KEY. */
  apiKey?: string;
  /** Per call; default COORDINATION_API_TIMEOUT_MS, else 5000. */
  timeoutMs?: number;
  /** `agent_type` of the locks and handoffs; default `parallel-plan`. */
  agentType?: string;
  /**
   * Every lock key and file a change may hold (its work-packages.yaml): what releaseLocks and a
   * shrinking re-claim let go. Default: read `openspec/changes/<id>/work-packages.yaml`.
   */
  changeLocks?: (repository: string, changeId: string) => Promise<ChangeLocks>;
}

export interface ChangeLocks {
  keys: string[];
  files: string[];
}

/** The options the environment gives (the worker's). */
export function httpCoordinatorOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpCoordinatorOptions {
  const timeout = Number(env.COORDINATION_API_TIMEOUT_MS);
  return {
    ...(env.COORDINATION_API_URL?.trim() ? { baseUrl: env.COORDINATION_API_URL.trim() } : {}),
    ...(env.COORDINATION_API_KEY ? { apiKey: env.COORDINATION_API_KEY } : {}),
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  };
}

/** The service's agent id for a change's locks: stable per repository and change. */
export function lockAgentId(repository: string, changeId: string): string {
  return `parallel-plan:${changeId}@${repositoryHash(repository)}`;
}

const repositoryHash = (repository: string): string => createHash('sha256').update(repository).digest('hex').slice(0, 10);

/** `parallel-plan:<change>@<hash>` back to its parts; undefined for other agents. */
export function parseLockAgentId(agentId: string): { changeId: string; repositoryHash: string } | undefined {
  const m = /^parallel-plan:([^@\s]+)@([0-9a-f]{10})$/.exec(agentId);
  return m ? { changeId: m[1]!, repositoryHash: m[2]! } : undefined;
}

export const ttlMinutes = (ttlMs: number | undefined): number =>
  Math.min(MAX_TTL_MINUTES, Math.max(MIN_TTL_MINUTES, Math.ceil((ttlMs ?? DEFAULT_LOCK_TTL_MS) / 60_000)));

/** The lock reason written with each acquire; parsed back from a holder's `lock_reason`. */
function lockReason(claim: ClaimLocksInput, packages: string[]): string {
  return `parallel-plan change ${claim.changeId} revision ${claim.revision}, packages ${packages.join(', ') || '-'}, holder ${claim.holder ?? `plan:${claim.changeId}`}`;
}

function parseLockReason(reason: unknown): { revision?: number; holder?: string } {
  if (typeof reason !== 'string' || !reason.startsWith('parallel-plan change ')) return {};
  const revision = /\brevision (\d+)\b/.exec(reason)?.[1];
  const holder = /, holder (\S+)$/.exec(reason)?.[1];
  return { ...(revision ? { revision: Number(revision) } : {}), ...(holder ? { holder } : {}) };
}

/** One answer: the status and the JSON body, or why there was none. */
type Answer = { ok: true; status: number; body: unknown } | { ok: false; error: string };

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The lock-status URL path of a key or file (slashes kept, as the service's `{path:path}` route reads them). */
export const lockStatusPath = (path: string): string => `/locks/status/${path.split('/').map(encodeURIComponent).join('/')}`;

interface HeldLock {
  path: string;
  lockedBy: string;
  expiresAt: string | null;
  lockedAt: string | null;
  reason: string | null;
}

export class HttpCoordinator implements Coordinator {
  readonly name = 'http';
  readonly baseUrl: string | undefined;
  private readonly apiKey: string | undefined;
  readonly timeoutMs: number;
  private readonly agentType: string;
  private readonly changeLocks: (repository: string, changeId: string) => Promise<ChangeLocks>;

  constructor(options: HttpCoordinatorOptions = {}) {
    const env = httpCoordinatorOptionsFromEnv();
    this.baseUrl = (options.baseUrl ?? env.baseUrl)?.replace(/\/+$/, '');
    this.apiKey = options.apiKey ?? env.apiKey;
    this.timeoutMs = options.timeoutMs ?? env.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    this.agentType = options.agentType ?? HTTP_AGENT_TYPE;
    this.changeLocks = options.changeLocks ?? workPackagesLocks;
  }

  /** The name handoff.json gives the registry. */
  get registry(): string {
    return `coordination service ${this.baseUrl ?? '(COORDINATION_API_URL not set)'}`;
  }

  /** One call with the key and the timeout; the body is read as JSON when there is one. */
  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    if (!this.baseUrl) return { ok: false, error: 'COORDINATION_API_URL is not set (the worker reads it)' };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.apiKey) headers['x-api-key'] = this.apiKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { ok: true, status: res.status, body: parsed };
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string; message?: string } };
      if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return { ok: false, error: `${method} ${path} did not answer within ${this.timeoutMs} ms` };
      const cause = e?.cause?.code ?? e?.cause?.message;
      return { ok: false, error: `${method} ${path} failed: ${message(err)}${cause ? ` (${cause})` : ''}` };
    }
  }

  /** A 2xx answer's body, or why the call failed (status and the service's detail). */
  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: true; body: unknown } | { ok: false; error: string; status?: number }> {
    const a = await this.request(method, path, body);
    if (!a.ok) return a;
    if (a.status >= 200 && a.status < 300) return { ok: true, body: a.body };
    return { ok: false, status: a.status, error: `${method} ${path} answered ${a.status}${detailOf(a.body)}` };
  }

  async capabilities(): Promise<CapabilityReport> {
    const all = (detail: string) =>
      capabilityReport(this.name, Object.fromEntries(CAPABILITIES.map((c) => [c, { available: false, detail }])) as Record<Capability, { available: boolean; detail: string }>);
    if (!this.baseUrl) return all('no coordination service: COORDINATION_API_URL is not set where the worker runs');
    const health = await this.request('GET', '/health');
    if (!health.ok) return all(`the coordination service at ${this.baseUrl} is not available: ${health.error}`);
    if (health.status !== 200) return all(`the coordination service at ${this.baseUrl} is not available: GET /health answered ${health.status}${detailOf(health.body)}`);
    const state = str(obj(health.body).status);

    const probes = await Promise.all(
      CAPABILITIES.map(async (c): Promise<[Capability, { available: boolean; detail: string }]> => {
        const path = CAPABILITY_PROBES[c];
        const a = await this.request('GET', path);
        if (!a.ok) return [c, { available: false, detail: a.error }];
        if (a.status === 404) return [c, { available: false, detail: `GET ${path} answered 404: the service does not mount the route` }];
        if (a.status >= 500) return [c, { available: false, detail: `GET ${path} answered ${a.status}${detailOf(a.body)}` }];
        const auth = a.status === 401 || a.status === 403 ? ' (the route is there; the service refuses the key: check COORDINATION_API_KEY)' : '';
        return [c, { available: true, detail: `GET ${path} answered ${a.status} at ${this.baseUrl}${auth}` }];
      }),
    );
    const detail = Object.fromEntries(probes) as Record<Capability, { available: boolean; detail: string }>;
    const warnings = CAPABILITIES.filter((c) => capabilityKind(c) !== 'required' && !detail[c].available).map((c) =>
      c === 'CAN_GUARDRAILS'
        ? `the http coordinator's CAN_GUARDRAILS is unavailable (${detail[c].detail}): approval runs the local guardrails check only`
        : `the http coordinator's ${c} is unavailable (${detail[c].detail}): the plan goes on without it`,
    );
    if (state && state !== 'ok') warnings.push(`the coordination service at ${this.baseUrl} reports its health as '${state}'`);
    return capabilityReport(this.name, detail, warnings);
  }

  async discover(scope: { repository?: string } = {}): Promise<PlanInFlight[]> {
    const a = await this.call('GET', '/discovery/agents');
    if (!a.ok) throw new Error(`the coordination service's discovery failed: ${a.error}`);
    const agents = obj(a.body).agents;
    if (!Array.isArray(agents)) throw new Error('the coordination service answered GET /discovery/agents without an `agents` list');
    const hash = scope.repository ? repositoryHash(scope.repository) : undefined;
    const out: PlanInFlight[] = [];
    for (const raw of agents) {
      const agent = obj(raw);
      const id = str(agent.agent_id);
      if (!id || agent.status === 'disconnected') continue;
      const ours = parseLockAgentId(id);
      out.push({
        changeId: ours ? ours.changeId : `agent:${id}`,
        repository: ours ? (ours.repositoryHash === hash ? scope.repository! : null) : (scope.repository ?? null),
        workflowId: null,
        state: 'running',
        revision: null,
        claim: null,
      });
    }
    return out;
  }

  /** Who holds a key or file now (GET /locks/status), or undefined when nobody does. */
  private async heldBy(path: string): Promise<HeldLock | undefined> {
    const a = await this.call('GET', lockStatusPath(path));
    if (!a.ok) throw new Error(a.error);
    const body = obj(a.body);
    if (body.locked !== true) return undefined;
    const lock = obj(body.lock);
    return { path, lockedBy: str(lock.locked_by) ?? 'unknown', expiresAt: str(lock.expires_at) ?? null, lockedAt: str(lock.locked_at) ?? null, reason: str(lock.reason) ?? null };
  }

  /** Releases the paths the agent holds; what it released, or the first error. */
  private async releaseHeld(agentId: string, paths: readonly string[]): Promise<{ released: HeldLock[]; error?: string }> {
    const released: HeldLock[] = [];
    const errors: string[] = [];
    for (const path of paths) {
      try {
        const held = await this.heldBy(path);
        if (!held || held.lockedBy !== agentId) continue;
        const r = await this.call('POST', '/locks/release', { file_path: path, agent_id: agentId });
        if (!r.ok) errors.push(r.error);
        else if (obj(r.body).success === false) errors.push(`POST /locks/release ${path}: ${str(obj(r.body).reason) ?? 'not released'}`);
        else released.push(held);
      } catch (err) {
        errors.push(message(err));
      }
    }
    return { released, ...(errors.length > 0 ? { error: errors.join('; ') } : {}) };
  }

  async claimLocks(claim: ClaimLocksInput): Promise<ClaimResult> {
    const registry = this.registry;
    if (!this.baseUrl) return { registered: false, reason: 'no coordination service: COORDINATION_API_URL is not set', registry: null };
    const agentId = lockAgentId(claim.repository, claim.changeId);
    const minutes = ttlMinutes(claim.ttlMs);
    const keys = [...new Set(claim.packages.flatMap((p) => p.keys))].sort();
    const files = [...new Set(claim.packages.flatMap((p) => p.files))].sort();
    const paths = [...new Set([...keys, ...files])].sort();
    const kindOf = (p: string): 'key' | 'file' => (keys.includes(p) ? 'key' : 'file');
    const acquired: string[] = [];
    let earliest: string | null = null;

    const undo = async (): Promise<string> => {
      const back = await this.releaseAcquired(agentId, acquired);
      return back ? `; releasing the ${acquired.length} lock(s) it had acquired failed: ${back}` : acquired.length > 0 ? `; the ${acquired.length} lock(s) it had acquired were released` : '';
    };

    for (const [i, path] of paths.entries()) {
      const packages = claim.packages.filter((p) => p.keys.includes(path) || p.files.includes(path)).map((p) => p.packageId);
      const a = await this.request('POST', '/locks/acquire', { file_path: path, agent_id: agentId, agent_type: this.agentType, reason: lockReason(claim, packages), ttl_minutes: minutes });
      if (!a.ok) return { registered: false, reason: `the ${registry} did not register the claim: ${a.error}${await undo()}`, registry };
      const body = obj(a.body);
      const refused = a.status === 409 || (a.status >= 200 && a.status < 300 && body.success === false && (str(body.locked_by) ?? str(obj(body.detail).locked_by)));
      if (refused) {
        const first: HeldLock = {
          path,
          lockedBy: str(body.locked_by) ?? str(obj(body.detail).locked_by) ?? str(body.holder) ?? 'unknown',
          expiresAt: str(body.expires_at) ?? null,
          lockedAt: str(body.locked_at) ?? null,
          reason: str(body.lock_reason) ?? null,
        };
        const undone = await undo();
        const others = await this.otherHolders(agentId, paths.slice(i + 1));
        const conflict = conflictDetail(claim.changeId, [first, ...others], kindOf);
        return { registered: false, conflict, reason: `the ${registry} refused the claim: ${describeConflicts(conflict)}${undone}`, registry };
      }
      if (a.status < 200 || a.status >= 300 || body.success === false) {
        const why = a.status >= 200 && a.status < 300 ? `: ${str(body.reason) ?? 'not acquired'}` : detailOf(a.body);
        return { registered: false, reason: `the ${registry} did not register the claim: POST /locks/acquire ${path} answered ${a.status}${why}${await undo()}`, registry };
      }
      if (body.action !== 'refreshed') acquired.push(path);
      const expires = str(body.expires_at);
      if (expires && (!earliest || Date.parse(expires) < Date.parse(earliest))) earliest = expires;
    }

    // The service keeps no claim per change: what the change held before and no longer names goes.
    const before = await this.changeLocks(claim.repository, claim.changeId).catch((): ChangeLocks => ({ keys: [], files: [] }));
    const dropped = [...new Set([...before.keys, ...before.files])].filter((p) => !paths.includes(p));
    let replacedRevision: number | null = null;
    if (dropped.length > 0) {
      const { released } = await this.releaseHeld(agentId, dropped);
      replacedRevision = released.map((l) => parseLockReason(l.reason).revision).find((r) => r !== undefined) ?? null;
    }

    const now = Date.now();
    const expiresAt = earliest ?? new Date(now + minutes * 60_000).toISOString();
    const registered: LockClaim = {
      repository: claim.repository,
      changeId: claim.changeId,
      revision: claim.revision,
      holder: claim.holder ?? agentId,
      packages: claim.packages,
      keys,
      files,
      claimedAt: new Date(now).toISOString(),
      expiresAt,
      expiresAtMs: Date.parse(expiresAt),
      ttlMs: minutes * 60_000,
    };
    return { registered: true, claim: registered, replacedRevision, registry };
  }

  /** Rolls back the locks one claim acquired; the error, if any. */
  private async releaseAcquired(agentId: string, paths: readonly string[]): Promise<string | undefined> {
    const errors: string[] = [];
    for (const path of paths) {
      const r = await this.call('POST', '/locks/release', { file_path: path, agent_id: agentId });
      if (!r.ok) errors.push(r.error);
    }
    return errors.length > 0 ? errors.join('; ') : undefined;
  }

  /** After a refusal: who else holds the claim's remaining paths (best effort, read-only). */
  private async otherHolders(agentId: string, paths: readonly string[]): Promise<HeldLock[]> {
    const out: HeldLock[] = [];
    for (const path of paths) {
      const held = await this.heldBy(path).catch(() => undefined);
      if (held && held.lockedBy !== agentId) out.push(held);
    }
    return out;
  }

  async releaseLocks(release: { changeId: string; repository?: string }): Promise<ReleaseResult> {
    if (!this.baseUrl) return { released: [], error: 'no coordination service: COORDINATION_API_URL is not set' };
    if (!release.repository) return { released: [], error: `the ${this.registry} keys locks by repository and change: name the repository` };
    const agentId = lockAgentId(release.repository, release.changeId);
    let held: ChangeLocks;
    try {
      held = await this.changeLocks(release.repository, release.changeId);
    } catch (err) {
      return { released: [], error: `cannot tell which locks ${release.changeId} holds: ${message(err)}` };
    }
    const { released, error } = await this.releaseHeld(agentId, [...new Set([...held.keys, ...held.files])].sort());
    if (released.length === 0) return { released: [], ...(error ? { error } : {}) };
    const first = parseLockReason(released[0]!.reason);
    const expires = released.map((l) => l.expiresAt).filter((e): e is string => e !== null).sort()[0] ?? new Date().toISOString();
    const keysAndFiles = released.map((l) => l.path).sort();
    const claim: LockClaim = {
      repository: release.repository,
      changeId: release.changeId,
      revision: first.revision ?? 0,
      holder: first.holder ?? agentId,
      packages: [],
      keys: keysAndFiles.filter((p) => held.keys.includes(p)),
      files: keysAndFiles.filter((p) => !held.keys.includes(p)),
      claimedAt: released.map((l) => l.lockedAt).filter((e): e is string => e !== null).sort()[0] ?? expires,
      expiresAt: expires,
      expiresAtMs: Date.parse(expires),
      ttlMs: 0,
    };
    return { released: [claim], ...(error ? { error } : {}) };
  }

  async checkGuardrails({ changeId, paths }: { changeId: string; paths: string[] }): Promise<GuardrailVerdict> {
    const local = checkPlanWrites(changeId, paths);
    const a = await this.call('POST', '/guardrails/check', {
      operation_text: `parallel-plan writes the OpenSpec change ${changeId}: ${paths.join(', ')}`,
      file_paths: paths,
    });
    const body = a.ok ? obj(a.body) : {};
    if (!a.ok || typeof body.safe !== 'boolean') {
      const why = a.ok ? 'its answer has no `safe`' : a.error;
      return { ...local, warnings: [`the ${this.registry} did not check the plan's writes (${why}); only the local check ran`] };
    }
    const findings = (Array.isArray(body.violations) ? body.violations : []).map((v) => {
      const f = obj(v);
      const what = [str(f.category), str(f.severity), f.blocked === true ? 'blocked' : undefined].filter(Boolean).join(', ');
      return { line: `coordinator guardrails: ${str(f.pattern_name) ?? 'violation'}${what ? ` (${what})` : ''}${str(f.matched_text) ? `: ${str(f.matched_text)}` : ''}`, blocked: f.blocked === true };
    });
    // Unsafe: the blocking findings (or all, when none says which) are violations; the rest warnings.
    const blocking = body.safe ? [] : findings.some((f) => f.blocked) ? findings.filter((f) => f.blocked) : findings;
    const notes = findings.filter((f) => !blocking.includes(f)).map((f) => f.line);
    const violations = [...local.violations, ...blocking.map((f) => f.line), ...(!body.safe && findings.length === 0 ? ['coordinator guardrails: the service found the writes unsafe'] : [])];
    return { passed: local.passed && body.safe, violations, ...(notes.length > 0 ? { warnings: notes } : {}) };
  }

  /** CAN_HANDOFF: the approval's handoff as a service handoff document (`POST /handoffs/write`). */
  async publishHandoff(h: HandoffPublication): Promise<{ published: true; id: string | null } | { published: false; error: string }> {
    const a = await this.writeHandoff({
      agent_id: lockAgentId(h.repository, h.changeId),
      agent_type: this.agentType,
      summary: `parallel-plan: change ${h.changeId} revision ${h.revision} approved by ${h.approvedBy}${h.comment ? ` (${h.comment})` : ''}`,
      completed_work: [`plan ${h.changeId} revision ${h.revision}: ${h.artifacts.length} artifact(s) in openspec/changes/${h.changeId}/`],
      in_progress: [],
      decisions: h.decisions,
      next_steps: h.nextSteps,
      relevant_files: h.artifacts,
    });
    if (!a.ok) return { published: false, error: a.error };
    const body = obj(a.body);
    if (body.success === false) return { published: false, error: `POST /handoffs/write: ${str(body.error) ?? 'not written'}` };
    return { published: true, id: str(body.handoff_id) ?? null };
  }

  // The service's other operations, as it names them.

  /** `POST /work/submit {task_type, task_description, input_data, priority, depends_on}` -> `{success, task_id}`. */
  submitWork(task: { task_type: string; task_description: string; input_data?: Record<string, unknown>; priority?: number; depends_on?: string[] }) {
    return this.call('POST', '/work/submit', task);
  }

  /** `POST /handoffs/write {agent_id, agent_type, summary, completed_work, in_progress, decisions, next_steps, relevant_files}`. */
  writeHandoff(handoff: { summary: string; agent_id?: string; agent_type?: string; completed_work?: unknown[]; in_progress?: unknown[]; decisions?: unknown[]; next_steps?: unknown[]; relevant_files?: unknown[] }) {
    return this.call('POST', '/handoffs/write', handoff);
  }

  /** `POST /memory/store {agent_id, event_type, summary, details, outcome, lessons, tags}`. */
  storeMemory(memory: { agent_id: string; event_type: string; summary: string; details?: Record<string, unknown>; outcome?: string; lessons?: string[]; tags?: string[] }) {
    return this.call('POST', '/memory/store', memory);
  }

  /** `POST /memory/query {agent_id, tags, event_type, limit}` -> `{memories: [...]}`. */
  queryMemory(query: { agent_id: string; tags?: string[]; event_type?: string; limit?: number }) {
    return this.call('POST', '/memory/query', query);
  }

  /** `POST /policy/check {agent_id, agent_type, operation, resource, context}` -> `{allowed, reason}`. */
  checkPolicy(check: { agent_id: string; agent_type?: string; operation: string; resource?: string; context?: Record<string, unknown> }) {
    return this.call('POST', '/policy/check', { agent_type: this.agentType, ...check });
  }

  /** `GET /audit?agent_id&operation&limit` -> `{entries: [...]}`. */
  queryAudit(query: { agent_id?: string; operation?: string; limit?: number } = {}) {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)]));
    const qs = params.toString();
    return this.call('GET', `/audit${qs ? `?${qs}` : ''}`);
  }
}

/** `: <detail>` from an error body ({detail}, {reason}, {error} or text), cut short. */
function detailOf(body: unknown): string {
  const b = obj(body);
  const d = b.detail ?? b.reason ?? b.error ?? (typeof body === 'string' ? body : undefined);
  if (d === undefined || d === null || d === '') return '';
  const text = typeof d === 'string' ? d : JSON.stringify(d);
  return `: ${text.length > 200 ? `${text.slice(0, 200)}...` : text}`;
}

/** The holders of a refused claim, one entry per holder, parallel-plan holders as their change. */
function conflictDetail(changeId: string, held: HeldLock[], kindOf: (p: string) => 'key' | 'file'): LockConflictDetail {
  const by = new Map<string, LockConflictDetail['conflicts'][number]>();
  for (const h of held) {
    const theirs = parseLockAgentId(h.lockedBy);
    const reason = parseLockReason(h.reason);
    const entry = by.get(h.lockedBy) ?? {
      changeId: theirs?.changeId ?? `agent:${h.lockedBy}`,
      holder: reason.holder ?? h.lockedBy,
      revision: reason.revision ?? 0,
      keys: [],
      files: [],
      expiresAt: h.expiresAt ?? '',
    };
    (kindOf(h.path) === 'key' ? entry.keys : entry.files).push(h.path);
    by.set(h.lockedBy, entry);
  }
  return { changeId, conflicts: [...by.values()] };
}

function describeConflicts(c: LockConflictDetail): string {
  return c.conflicts
    .map((h) => {
      const who = h.changeId.startsWith('agent:') ? `agent '${h.holder}'` : `change '${h.changeId}' (holder ${h.holder}${h.revision ? `, revision ${h.revision}` : ''})`;
      return `${who} holds ${[...h.keys, ...h.files].join(', ')}${h.expiresAt ? ` until ${h.expiresAt}` : ''}`;
    })
    .join('; ');
}

/** Every registry key and file of a change's work-packages.yaml; none when it has no such file. */
export async function workPackagesLocks(repository: string, changeId: string): Promise<ChangeLocks> {
  const file = join(changeDir(repository, changeId), 'work-packages.yaml');
  if (!existsSync(file)) return { keys: [], files: [] };
  const { packages } = lockClaimsOf((await readWorkPackagesFile(file)) as WorkPackagesDoc);
  return { keys: [...new Set(packages.flatMap((p) => p.keys))].sort(), files: [...new Set(packages.flatMap((p) => p.files))].sort() };
}
