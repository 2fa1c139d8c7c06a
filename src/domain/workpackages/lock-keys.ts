/**
 * Logical lock key namespaces: recognising, checking and building canonical keys.
 *
 * Namespaces are tried longest first so `db:migration-slot` and `db:schema` win over any
 * shorter prefix; the first namespace that applies decides the verdict.
 */

export type LockNamespace = 'db:migration-slot' | 'db:schema' | 'contract' | 'feature' | 'event' | 'flag' | 'api' | 'env';

/** Canonical form of each namespace, in the order they are tried (longest first). */
export const LOCK_KEY_PATTERNS: ReadonlyArray<readonly [LockNamespace, string]> = [
  ['db:migration-slot', '^db:migration-slot$'],
  ['db:schema', '^db:schema:[a-z][a-z0-9_]*$'],
  ['contract', '^contract:.+$'],
  ['feature', '^feature:[A-Za-z0-9._:-]+:[a-z]+$'],
  ['event', '^event:[a-z][a-z0-9.]*$'],
  ['flag', '^flag:[a-z][a-z0-9/.*]*$'],
  ['api', '^api:[A-Z]+ /.+$'],
  ['env', '^env:[a-z][a-z0-9_-]*$'],
];

const LOCK_KEY_FORMS = LOCK_KEY_PATTERNS.map(([ns, source]) => [ns, new RegExp(source), source] as const);

const applies = (key: string, ns: LockNamespace): boolean =>
  key === ns || key.startsWith(ns + ':') || key.startsWith(ns + ' ');

/** The namespace that applies to `key`: equal to it, or it followed by `:` or a space. */
export function lockKeyNamespace(key: string): LockNamespace | undefined {
  return LOCK_KEY_FORMS.find(([ns]) => applies(key, ns))?.[0];
}

export type LockKeyVerdict =
  | { ok: true; namespace: LockNamespace }
  | { ok: false; reason: 'unrecognized namespace prefix' }
  | { ok: false; reason: 'fails canonicalization'; namespace: LockNamespace; pattern: string };

export function checkLockKey(key: string): LockKeyVerdict {
  const entry = LOCK_KEY_FORMS.find(([ns]) => applies(key, ns));
  if (!entry) return { ok: false, reason: 'unrecognized namespace prefix' };
  const [namespace, form, pattern] = entry;
  return form.test(key) ? { ok: true, namespace } : { ok: false, reason: 'fails canonicalization', namespace, pattern };
}

/** The lock_keys check line for one key, or undefined when the key is canonical. */
export function lockKeyError(packageId: string, key: string): string | undefined {
  const verdict = checkLockKey(key);
  if (verdict.ok) return undefined;
  if (verdict.reason === 'unrecognized namespace prefix') {
    return `${packageId}: key '${key}' has unrecognized namespace prefix`;
  }
  return `${packageId}: key '${key}' matches prefix '${verdict.namespace}' but fails canonicalization (expected pattern: ${verdict.pattern})`;
}

/** Thrown by the builders below when the parts cannot make a canonical key. */
export class LockKeyBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockKeyBuildError';
  }
}

function mustBeCanonical(key: string): string {
  const verdict = checkLockKey(key);
  if (!verdict.ok) throw new LockKeyBuildError(`cannot build lock key '${key}': ${verdict.reason}`);
  return key;
}

/** `api:POST /v1/login`. The method is upper-cased and the path gets a leading `/` if missing. */
export function apiLockKey(method: string, path: string): string {
  const trimmed = path.trim();
  return mustBeCanonical(`api:${method.trim().toUpperCase()} ${trimmed.startsWith('/') ? trimmed : '/' + trimmed}`);
}

/** `db:schema:users`. Table names are lower-cased; anything else must already be canonical. */
export function dbSchemaLockKey(table: string): string {
  return mustBeCanonical(`db:schema:${table.trim().toLowerCase()}`);
}

/** The single global migration slot. */
export const DB_MIGRATION_SLOT_KEY = 'db:migration-slot';

/** `event:user.created` (lower-cased). */
export function eventLockKey(name: string): string {
  return mustBeCanonical(`event:${name.trim().toLowerCase()}`);
}

/** `flag:billing/*` (lower-cased; hyphens are not allowed by the form). */
export function flagLockKey(name: string): string {
  return mustBeCanonical(`flag:${name.trim().toLowerCase()}`);
}

/** `env:shared-fixtures` (lower-cased). */
export function envLockKey(resource: string): string {
  return mustBeCanonical(`env:${resource.trim().toLowerCase()}`);
}

/** `contract:openapi/v1.yaml`. */
export function contractLockKey(name: string): string {
  return mustBeCanonical(`contract:${name}`);
}

/** `feature:add-login:pause`: feature ids keep their case, the purpose is lower-case letters. */
export function featureLockKey(featureId: string, purpose: string): string {
  return mustBeCanonical(`feature:${featureId}:${purpose.trim().toLowerCase()}`);
}
