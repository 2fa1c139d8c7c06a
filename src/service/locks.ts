/**
 * Client-side lock registry operations for the CLI and any API: list the live claims, release a
 * change's claim. They never start the registry: without one there is nothing to list or release.
 */
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { taskQueue } from '../config/paths.js';
import { lockRegistryWorkflowId, locksQuery, releaseLocksUpdate, type LockClaim } from '../shared/lock-messages.js';

export interface LockListing {
  registry: string;
  /** False when no registry runs yet (no plan was approved with claims). */
  running: boolean;
  claims: LockClaim[];
  asOf?: string;
}

/** The repository path as plans record it (absolute, symlinks resolved). */
export const repositoryKey = (repo: string): string => (existsSync(repo) ? realpathSync(resolve(repo)) : resolve(repo));

async function running(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

export async function listLocks(client: Client, opts: { repo?: string; taskQueue?: string } = {}): Promise<LockListing> {
  const registry = lockRegistryWorkflowId(opts.taskQueue ?? taskQueue());
  if (!(await running(client, registry))) return { registry, running: false, claims: [] };
  const view = await client.workflow.getHandle(registry).query(locksQuery);
  const repo = opts.repo ? repositoryKey(opts.repo) : undefined;
  return { registry, running: true, claims: view.claims.filter((c) => !repo || c.repository === repo), asOf: view.asOf };
}

export async function releaseChangeLocks(client: Client, changeId: string, opts: { repo?: string; taskQueue?: string } = {}): Promise<LockClaim[]> {
  const registry = lockRegistryWorkflowId(opts.taskQueue ?? taskQueue());
  if (!(await running(client, registry))) return [];
  const { released } = await client.workflow
    .getHandle(registry)
    .executeUpdate(releaseLocksUpdate, { args: [{ changeId, ...(opts.repo ? { repository: repositoryKey(opts.repo) } : {}) }] });
  return released;
}
