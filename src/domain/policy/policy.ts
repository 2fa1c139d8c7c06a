/**
 * A repository's policy for plans (`.parallel-plan/policy.yaml`, or the file PARALLEL_PLAN_POLICY
 * names): who may decide on its plans, how many packages may run at once, and paths no plan may
 * write. Parsed with zod (unknown keys are errors, so a typo never silently allows everything);
 * checked against a plan's packages here. Pure.
 */
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { globOverlapFn } from '../workpackages/overlap.js';
import { computeWaves } from '../workpackages/dag.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';
import { formatZodIssues } from '../zod-issues.js';
import type { PlanPolicy } from './refusal.js';

export { policyRefusal, type PlanPolicy } from './refusal.js';

export const POLICY_FILE = '.parallel-plan/policy.yaml';

const PolicySchema = z
  .object({
    approvers: z.array(z.string().trim().min(1).max(128)).min(1).max(200).optional(),
    max_parallel_width: z.number().int().min(1).max(1000).optional(),
    protected_paths: z.array(z.string().trim().min(1).max(512)).max(500).optional(),
  })
  .strict();

export type PolicyParse = { ok: true; policy: Omit<PlanPolicy, 'source' | 'sha256'> } | { ok: false, issues: string[] };

export function parsePolicy(text: string): PolicyParse {
  let value: unknown;
  try {
    value = parseYaml(text, { uniqueKeys: true, maxAliasCount: 10 });
  } catch (err) {
    return { ok: false, issues: [`expected YAML, got a syntax error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`] };
  }
  if (value === null || value === undefined) return { ok: true, policy: {} };
  const parsed = PolicySchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: formatZodIssues(parsed.error, value).map((i) => `${i.path}: ${i.message}`) };
  const p = parsed.data;
  return {
    ok: true,
    policy: {
      ...(p.approvers ? { approvers: [...new Set(p.approvers)] } : {}),
      ...(p.max_parallel_width !== undefined ? { maxParallelWidth: p.max_parallel_width } : {}),
      ...(p.protected_paths ? { protectedPaths: p.protected_paths } : {}),
    },
  };
}

/** The plan against the policy: protected paths in write scopes, waves wider than allowed. */
export function policyViolations(policy: PlanPolicy, doc: WorkPackagesDoc): string[] {
  const out: string[] = [];
  const overlaps = globOverlapFn('exact');
  for (const p of doc.packages) {
    for (const glob of p.scope.write_allow) {
      const hit = (policy.protectedPaths ?? []).filter((protectedGlob) => overlaps(glob, protectedGlob));
      if (hit.length > 0) out.push(`policy-protected-path: ${p.package_id} may write '${glob}', which the policy (${policy.source}) protects: ${hit.map((h) => `'${h}'`).join(', ')}`);
    }
  }
  if (policy.maxParallelWidth !== undefined) {
    const { waves } = computeWaves(doc.packages.map((p) => ({ id: p.package_id, dependsOn: p.depends_on, weight: 1 })));
    waves.forEach((wave, i) => {
      if (wave.length > policy.maxParallelWidth!) {
        out.push(`policy-max-parallel-width: wave ${i + 1} runs ${wave.length} packages at once (${wave.join(', ')}); the policy (${policy.source}) allows ${policy.maxParallelWidth}`);
      }
    });
  }
  return out;
}
