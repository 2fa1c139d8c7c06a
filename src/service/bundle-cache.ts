/**
 * Bundling the workflow code takes seconds; an inline worker started by each CLI command would
 * pay that every time. The bundle is cached in the state folder, keyed by the compiled sources.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundlePath } from '@temporalio/worker';
import { writeFileAtomic } from '../io/atomic-write.js';
import { workflowsPath } from '../config/paths.js';

function hashTree(dir: string, hash = createHash('sha256')): ReturnType<typeof createHash> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(p, hash);
    else if (entry.name.endsWith('.js')) hash.update(p).update(readFileSync(p));
  }
  return hash;
}

export async function cachedWorkflowBundle(stateDir: string): Promise<WorkflowBundlePath> {
  // Workflows import shared and domain code; hashing the whole compiled src tree is cheap and safe.
  const srcRoot = join(workflowsPath, '..', '..');
  const key = hashTree(srcRoot).digest('hex').slice(0, 16);
  const codePath = join(stateDir, 'bundles', `workflows-${key}.js`);
  if (!existsSync(codePath) || statSync(codePath).size === 0) {
    const bundle = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
    await writeFileAtomic(codePath, bundle.code);
  }
  return { codePath };
}

const noop = (): void => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
