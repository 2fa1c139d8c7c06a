/**
 * State of the lock registry entity workflow: the live claims, JSON-plain (arrays and plain
 * objects, no Map) so continue-as-new carries it unchanged. Time is passed in (workflow time).
 */
import { checkLockKey } from '../domain/workpackages/lock-keys.js';
import { DEFAULT_LOCK_TTL_MS, type ClaimLocksInput, type LockClaim, type LockConflictDetail, type ReleaseLocksInput } from '../shared/lock-messages.js';

export interface LockRegistryState {
  claims: LockClaim[];
  /** Runs of the registry so far (1 for the first; continue-as-new adds one). */
  runs: number;
  /** Leases that ran out without being renewed, counted over all runs. */
  expired: number;
}

export const emptyRegistryState = (): LockRegistryState => ({ claims: [], runs: 1, expired: 0 });

const MAX_TTL_MS = 7 * 24 * 60 * 60_000;
const MAX_ENTRIES = 5_000;
const MAX_TEXT = 1_000;
const CHANGE_ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const cmp = (a: LockClaim, b: LockClaim): number =>
  a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : a.changeId < b.changeId ? -1 : a.changeId > b.changeId ? 1 : 0;

/** Why a claim is malformed, or undefined when it is well formed. */
export function claimInputProblem(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return 'a claim must be an object';
  const c = input as Partial<ClaimLocksInput>;
  if (typeof c.repository !== 'string' || !c.repository.trim() || c.repository.length > MAX_TEXT) return 'repository must be a non-empty string';
  if (typeof c.changeId !== 'string' || !CHANGE_ID.test(c.changeId)) return `changeId must be a change id (lower-case letters, digits, '-', '.', '_'), got ${JSON.stringify(c.changeId)}`;
  if (typeof c.revision !== 'number' || !Number.isInteger(c.revision) || c.revision < 1) return 'revision must be an integer >= 1';
  if (c.holder !== undefined && (typeof c.holder !== 'string' || c.holder.length > MAX_TEXT)) return 'holder must be a string';
  if (c.ttlMs !== undefined && (typeof c.ttlMs !== 'number' || !Number.isInteger(c.ttlMs) || c.ttlMs < 1 || c.ttlMs > MAX_TTL_MS)) {
    return `ttlMs must be an integer between 1 and ${MAX_TTL_MS}`;
  }
  if (!Array.isArray(c.packages)) return 'packages must be an array';
  let entries = 0;
  const ids = new Set<string>();
  for (const [i, p] of c.packages.entries()) {
    if (!p || typeof p !== 'object') return `packages[${i}] must be an object`;
    if (typeof p.packageId !== 'string' || !p.packageId.trim()) return `packages[${i}].packageId must be a non-empty string`;
    if (ids.has(p.packageId)) return `packages[${i}].packageId '${p.packageId}' appears twice`;
    ids.add(p.packageId);
    if (!isStringArray(p.keys) || !isStringArray(p.files)) return `packages[${i}] (${p.packageId}): keys and files must be arrays of strings`;
    for (const f of p.files) {
      if (!f.trim() || f.length > MAX_TEXT) return `packages[${i}] (${p.packageId}): empty or overlong file '${f.slice(0, 80)}'`;
    }
    for (const k of p.keys) {
      const verdict = checkLockKey(k);
      if (!verdict.ok) return `packages[${i}] (${p.packageId}): lock key '${k.slice(0, 80)}' ${verdict.reason}`;
    }
    entries += p.keys.length + p.files.length;
  }
  if (entries > MAX_ENTRIES) return `a claim holds at most ${MAX_ENTRIES} keys and files, got ${entries}`;
  return undefined;
}

export function releaseInputProblem(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return 'a release must be an object';
  const r = input as Partial<ReleaseLocksInput>;
  if (typeof r.changeId !== 'string' || !CHANGE_ID.test(r.changeId)) return `changeId must be a change id, got ${JSON.stringify(r.changeId)}`;
  if (r.repository !== undefined && (typeof r.repository !== 'string' || !r.repository.trim())) return 'repository must be a non-empty string';
  return undefined;
}

export type ClaimOutcome =
  | { ok: true; claim: LockClaim; replacedRevision: number | null }
  | { ok: false; conflict: LockConflictDetail; message: string };

export class LockRegistry {
  private readonly state: LockRegistryState;
  constructor(state?: LockRegistryState) {
    this.state = state ? { ...state, claims: [...state.claims] } : emptyRegistryState();
  }

  /** Drops the leases that ended at or before `now`; returns how many. */
  expire(now: number): number {
    const before = this.state.claims.length;
    this.state.claims = this.state.claims.filter((c) => c.expiresAtMs > now);
    const gone = before - this.state.claims.length;
    this.state.expired += gone;
    return gone;
  }

  /** The earliest lease end, for the expiry timer. */
  nextExpiry(): number | undefined {
    return this.state.claims.reduce<number | undefined>((min, c) => (min === undefined || c.expiresAtMs < min ? c.expiresAtMs : min), undefined);
  }

  /**
   * Registers a claim unless another change of the same repository holds one of its keys or
   * files (all or nothing). The same change re-claiming replaces its claim and renews the lease.
   */
  claim(input: ClaimLocksInput, now: number): ClaimOutcome {
    this.expire(now);
    const keys = sorted(input.packages.flatMap((p) => p.keys));
    const files = sorted(input.packages.flatMap((p) => p.files));
    const conflicts = this.state.claims
      .filter((c) => c.repository === input.repository && c.changeId !== input.changeId)
      .map((c) => ({
        changeId: c.changeId,
        holder: c.holder,
        revision: c.revision,
        keys: keys.filter((k) => c.keys.includes(k)),
        files: files.filter((f) => c.files.includes(f)),
        expiresAt: c.expiresAt,
      }))
      .filter((c) => c.keys.length > 0 || c.files.length > 0);
    if (conflicts.length > 0) {
      const named = conflicts.map(
        (c) =>
          `change '${c.changeId}' (revision ${c.revision}${c.holder ? `, ${c.holder}` : ''}, lease until ${c.expiresAt}) holds ` +
          [c.keys.length ? `keys ${c.keys.join(', ')}` : '', c.files.length ? `files ${c.files.join(', ')}` : ''].filter(Boolean).join(' and '),
      );
      return {
        ok: false,
        conflict: { changeId: input.changeId, conflicts },
        message: `lock conflict for change '${input.changeId}': ${named.join('; ')}`,
      };
    }
    const ttlMs = input.ttlMs ?? DEFAULT_LOCK_TTL_MS;
    const claim: LockClaim = {
      repository: input.repository,
      changeId: input.changeId,
      revision: input.revision,
      holder: input.holder ?? null,
      packages: input.packages.map((p) => ({ packageId: p.packageId, keys: [...p.keys], files: [...p.files] })),
      keys,
      files,
      claimedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + ttlMs).toISOString(),
      expiresAtMs: now + ttlMs,
      ttlMs,
    };
    const mine = (c: LockClaim): boolean => c.repository === input.repository && c.changeId === input.changeId;
    const previous = this.state.claims.find(mine);
    this.state.claims = [...this.state.claims.filter((c) => !mine(c)), claim].sort(cmp);
    return { ok: true, claim, replacedRevision: previous?.revision ?? null };
  }

  release(input: ReleaseLocksInput, now: number): LockClaim[] {
    this.expire(now);
    const hit = (c: LockClaim): boolean => c.changeId === input.changeId && (input.repository === undefined || c.repository === input.repository);
    const released = this.state.claims.filter(hit);
    this.state.claims = this.state.claims.filter((c) => !hit(c));
    return released;
  }

  /** Live claims at `now` (a query does not change state, so expired ones are only hidden). */
  live(now: number): LockClaim[] {
    return this.state.claims.filter((c) => c.expiresAtMs > now);
  }

  get runs(): number {
    return this.state.runs;
  }

  /** The state to carry into the next run (continue-as-new). */
  nextRunState(): LockRegistryState {
    return { claims: this.state.claims.map((c) => ({ ...c })), runs: this.state.runs + 1, expired: this.state.expired };
  }
}
