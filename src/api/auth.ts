/**
 * Bearer tokens with roles for the HTTP API, from `PARALLEL_PLAN_API_TOKENS` (`token:role,...`)
 * or a file with one `token:role` per line. Tokens are compared in constant time (their sha256
 * digests, so lengths do not leak either). Pure but for the digest.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { badInput } from '../errors.js';

export const ROLES = ['viewer', 'planner', 'approver'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do: viewers read; planners also start plans; approvers also decide. */
export const ROLE_CAN: Record<Role, ReadonlySet<'read' | 'plan' | 'decide'>> = {
  viewer: new Set(['read']),
  planner: new Set(['read', 'plan']),
  approver: new Set(['read', 'decide']),
};

export interface TokenEntry {
  digest: Buffer;
  role: Role;
}

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Parses `token:role` pairs (comma or newline separated); a bad entry is a clear error. */
export function parseTokens(text: string, source = 'PARALLEL_PLAN_API_TOKENS'): TokenEntry[] {
  const out: TokenEntry[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const entry = raw.trim();
    if (!entry || entry.startsWith('#')) continue;
    const at = entry.lastIndexOf(':');
    const token = at > 0 ? entry.slice(0, at) : '';
    const role = entry.slice(at + 1) as Role;
    if (token.length < 16) throw badInput(`${source}: a token must have at least 16 characters (entry ${out.length + 1})`, 'use token:role entries, e.g. $(openssl rand -hex 24):approver');
    if (!ROLES.includes(role)) throw badInput(`${source}: unknown role '${role}'`, `use one of: ${ROLES.join(', ')}`);
    out.push({ digest: digest(token), role });
  }
  return out;
}

/** The role of a request's `Authorization: Bearer <token>`, or undefined. */
export function roleOf(header: string | undefined, tokens: readonly TokenEntry[]): Role | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const d = digest(m[1]!);
  let found: Role | undefined;
  // Every entry is compared, so the time does not depend on which one matches.
  for (const t of tokens) if (timingSafeEqual(t.digest, d)) found = t.role;
  return found;
}
