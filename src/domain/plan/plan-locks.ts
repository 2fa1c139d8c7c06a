/**
 * Resource locks of the implementation packages: who implements each endpoint, owns each table,
 * writes migrations and emits each event. Every resource gets exactly one owner, so parallel
 * packages never share a resource key; keys are built with the validator's canonical builders.
 */
import type { BoundaryKind, PlanDraft, Task } from '../draft.js';
import {
  apiLockKey,
  DB_MIGRATION_SLOT_KEY,
  dbSchemaLockKey,
  envLockKey,
  eventLockKey,
  featureLockKey,
} from '../workpackages/lock-keys.js';
import { zoneHasKind, type Zone } from './zones.js';

/** Who builds what: package id -> canonical lock keys (api, db, event) it owns, sorted. */
export type ResourceOwners = Map<string, string[]>;

const API_IMPLEMENTERS: readonly BoundaryKind[] = ['backend', 'shared', 'other'];
const SCHEMA_OWNERS: readonly BoundaryKind[] = ['data', 'backend', 'shared', 'other'];
const EVENT_PRODUCERS: readonly BoundaryKind[] = ['backend', 'shared', 'other'];

/**
 * The owning zone of a resource: among zones of the preferred kinds (best kind first), the one
 * whose tasks mention the resource, else the first such zone; `fallback` when no zone fits.
 */
function ownerOf(
  zones: readonly Zone[],
  tasksOf: (zone: Zone) => readonly Task[],
  kinds: readonly BoundaryKind[],
  terms: readonly string[],
  fallback: string,
): string {
  for (const kind of kinds) {
    const candidates = zones.filter((z) => zoneHasKind(z, kind));
    if (candidates.length === 0) continue;
    const mentioning = candidates.find((z) => tasksOf(z).some((t) => mentionsAny(t, terms)));
    return (mentioning ?? candidates[0]!).packageId;
  }
  return fallback;
}

const mentionsAny = (task: Task, terms: readonly string[]): boolean => {
  const text = [task.title, ...task.files].join('\n').toLowerCase();
  return terms.some((term) => term !== '' && text.includes(term.toLowerCase()));
};

export function assignResourceOwners(
  draft: PlanDraft,
  zones: readonly Zone[],
  tasksOf: (zone: Zone) => readonly Task[],
  fallback: string,
): ResourceOwners {
  const keys = new Map<string, Set<string>>();
  const give = (owner: string, key: string): void => {
    keys.set(owner, (keys.get(owner) ?? new Set()).add(key));
  };
  for (const op of draft.operations) {
    give(ownerOf(zones, tasksOf, API_IMPLEMENTERS, [op.operationId, op.path], fallback), apiLockKey(op.method, op.path));
  }
  let migrationOwner: string | undefined;
  for (const entity of draft.entities) {
    const owner = ownerOf(zones, tasksOf, SCHEMA_OWNERS, [entity.table, entity.name], fallback);
    give(owner, dbSchemaLockKey(entity.table));
    // One package writes every migration of the change: migration files are numbered in sequence,
    // so two writers would pick the same number.
    migrationOwner ??= owner;
  }
  if (migrationOwner) give(migrationOwner, DB_MIGRATION_SLOT_KEY);
  for (const event of draft.events) {
    give(ownerOf(zones, tasksOf, EVENT_PRODUCERS, [event.name], fallback), eventLockKey(event.name));
  }
  return new Map([...keys].map(([owner, set]) => [owner, [...set].sort()]));
}

/**
 * Shared build and test resources. Two packages holding the same `env:` key cannot run at once
 * (the validator's lock_overlap check), so the planner orders them one after the other.
 */
export const ENV_RESOURCES = {
  /** The database the repository's tests run against. */
  testDatabase: 'test-database',
  /** Ports that API tests bind when they start the server. */
  portRange: 'port-range',
  /** The Prism mock of the change's contracts (one fixed port). */
  mockServer: 'mock-server',
  /** The repository's whole test suite, run once everything is merged. */
  fullTestSuite: 'full-test-suite',
} as const;
export type EnvResource = (typeof ENV_RESOURCES)[keyof typeof ENV_RESOURCES];

/**
 * Env resources an implementation zone's own checks need: the test database when it owns tables,
 * serves an endpoint that reads or writes an entity, or has tasks that name an entity (repository
 * code tested against the table); ports when it serves endpoints; the mock
 * when it is a UI built contract-first against the Prism mock while the backend is being written.
 */
export function envNeedsOf(zone: Zone, draft: PlanDraft, resourceKeys: readonly string[], tasks: readonly Task[]): EnvResource[] {
  const needs: EnvResource[] = [];
  const entityNames = new Set(draft.entities.map((e) => e.name));
  const servesEntity = draft.operations.some(
    (op) =>
      resourceKeys.includes(apiLockKey(op.method, op.path)) &&
      [op.requestEntity, op.responseEntity].some((name) => name !== undefined && entityNames.has(name)),
  );
  // Only server-side code talks to the database; a UI task that shows "labels" does not.
  const namesEntity =
    zoneHasKind(zone, ...SCHEMA_OWNERS) && tasks.some((t) => mentionsAny(t, draft.entities.flatMap((e) => [e.name, e.table])));
  if (resourceKeys.some((k) => k.startsWith('db:')) || servesEntity || namesEntity) needs.push(ENV_RESOURCES.testDatabase);
  if (resourceKeys.some((k) => k.startsWith('api:'))) needs.push(ENV_RESOURCES.portRange);
  if (draft.operations.length > 0 && zoneHasKind(zone, 'frontend')) needs.push(ENV_RESOURCES.mockServer);
  return needs;
}

export const envKey = (resource: EnvResource): string => envLockKey(resource);

/**
 * `feature:<change>:<purpose>` ownership key. Purposes are lower-case letters only, so boundary
 * ids lose digits and hyphens; `taken` keeps keys unique within the document.
 */
export function featureOwnershipKey(changeId: string, name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z]/g, '') || 'part';
  let purpose = base;
  for (let n = 0; taken.has(purpose); n++) purpose = base + letterSuffix(n);
  taken.add(purpose);
  return featureLockKey(changeId, purpose);
}

/** 0 -> `a`, 25 -> `z`, 26 -> `ba`: a counter spelled in letters. */
function letterSuffix(n: number): string {
  let text = '';
  let rest = n;
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return text;
}
