import type { ContextSummary, FileRef } from '../domain/context/types.js';
import { readVerified } from '../io/atomic-write.js';

/**
 * The context summary as merged in step 2, read back from its file (the workflow passes only the
 * ref), with the digest checked so later steps see exactly what the workflow saw.
 */
export async function readContextSummary(ref: FileRef): Promise<ContextSummary> {
  const merged = JSON.parse(await readVerified(ref)) as { summary: Omit<ContextSummary, 'ref'> };
  return { ...merged.summary, ref };
}
