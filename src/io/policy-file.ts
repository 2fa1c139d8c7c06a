/**
 * Reading a repository's policy: PARALLEL_PLAN_POLICY (a path, for a policy kept outside the
 * repositories) or `.parallel-plan/policy.yaml` in the repository. An invalid policy is bad input
 * naming the file and the fields: a plan never runs under a policy it could not read.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { badInput } from '../errors.js';
import { parsePolicy, POLICY_FILE, type PlanPolicy } from '../domain/policy/policy.js';

const MAX_POLICY_BYTES = 256 * 1024;

export function readPolicy(repoDir: string, configured: string | undefined = process.env.PARALLEL_PLAN_POLICY): PlanPolicy | undefined {
  const path = configured?.trim() ? resolve(configured.trim()) : join(repoDir, POLICY_FILE);
  const source = configured?.trim() ? path : POLICY_FILE;
  let info;
  try {
    info = lstatSync(path);
  } catch {
    if (configured?.trim()) throw badInput(`the policy file ${path} (PARALLEL_PLAN_POLICY) does not exist`, 'point PARALLEL_PLAN_POLICY at a policy YAML file, or unset it');
    return undefined;
  }
  // A policy inside the repository is the repository's own file, never a link to elsewhere.
  if (!configured?.trim() && info.isSymbolicLink()) throw badInput(`${POLICY_FILE} in ${repoDir} is a symbolic link; a policy must be a regular file in the repository`);
  if (!info.isFile()) throw badInput(`the policy ${path} is not a file`);
  if (info.size > MAX_POLICY_BYTES) throw badInput(`the policy ${path} is ${info.size} bytes; at most ${MAX_POLICY_BYTES} are read`);
  const bytes = readFileSync(path);
  const parsed = parsePolicy(bytes.toString('utf8'));
  if (!parsed.ok) throw badInput(`the policy ${path} is invalid:\n  ${parsed.issues.join('\n  ')}`, 'fields: approvers (names), max_parallel_width (integer), protected_paths (globs); see README "Policy"');
  return { source, sha256: createHash('sha256').update(bytes).digest('hex'), ...parsed.policy };
}
