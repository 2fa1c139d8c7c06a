/**
 * contextFacetWorkflow: gathers one facet of context (step 2). The parent starts one child per
 * facet in parallel and merges them with the `mergeContext` activity. The code facet lists the
 * files once, scores index ranges of that list in parallel shard activities (heartbeating),
 * then merges the shards' candidates in one activity; the model facet parses shards of the
 * same list with tree-sitter and resolves them into the repository model. Only refs and
 * counts cross history.
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import type { ContextActivities, ModelShardResult, ShardResult } from '../activities/context.js';
import { balancedShardRanges, DEFAULT_SHARD_SIZE, shardRanges } from '../domain/context/shards.js';
import type { FacetInput, FacetResult } from '../domain/context/types.js';
import { described, PROFILES } from './activity-profiles.js';

/** Shards scored at the same time; more workers on the task queue share them. */
const SHARD_CONCURRENCY = 4;
const BALANCED_SHARDS = 'balanced-shards';

const reading = proxyActivities<ContextActivities>(PROFILES.reading);
const shards = proxyActivities<ContextActivities>(PROFILES.shards);

export async function contextFacetWorkflow(input: FacetInput): Promise<FacetResult> {
  switch (input.facet) {
    case 'specs':
      return described<ContextActivities>(PROFILES.reading, 'read openspec/specs: capabilities and requirements related to the request').contextSpecs(input);
    case 'changes':
      return described<ContextActivities>(PROFILES.reading, 'read openspec/changes: changes in flight, their scopes and locks').contextChanges(input);
    case 'architecture':
      return described<ContextActivities>(PROFILES.reading, 'read the architecture: boundaries, languages, test commands').contextArchitecture(input);
    case 'code':
      return codeFacet(input);
    case 'model':
      return modelFacet(input);
  }
}

/** The repository model: list, parse shards (a bounded pool, heartbeating), resolve. */
async function modelFacet(input: FacetInput): Promise<FacetResult> {
  const startedAt = Date.now();
  const list = await reading.contextListModelFiles(input);
  const ranges = balancedShardRanges(list.files, input.shardSize ?? DEFAULT_SHARD_SIZE, SHARD_CONCURRENCY);
  const results: ModelShardResult[] = new Array(ranges.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ranges.length) {
      const i = next++;
      const r = ranges[i]!;
      results[i] = await described<ContextActivities>(PROFILES.shards, `parse files ${r.start}-${r.end - 1} of ${list.files} with tree-sitter`).contextModelShard({ input, list, start: r.start, end: r.end });
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHARD_CONCURRENCY, ranges.length) }, lane));
  return described<ContextActivities>(PROFILES.reading, `resolve the repository model from ${results.length} shards`).contextMergeModel({ input, list, shards: results, startedAt });
}

async function codeFacet(input: FacetInput): Promise<FacetResult> {
  const startedAt = Date.now();
  const list = await reading.contextListFiles(input);
  const size = input.shardSize ?? DEFAULT_SHARD_SIZE;
  // Histories recorded before shards were balanced replay with the ranges they were made with.
  const ranges = patched(BALANCED_SHARDS) ? balancedShardRanges(list.files, size, SHARD_CONCURRENCY) : shardRanges(list.files, size);
  // A bounded pool: every shard at once would hold every shard's file texts in worker memory.
  const results: ShardResult[] = new Array(ranges.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ranges.length) {
      const i = next++;
      const r = ranges[i]!;
      results[i] = await described<ContextActivities>(PROFILES.shards, `rank files ${r.start}-${r.end - 1} of ${list.files} against the request`).contextCodeShard({ input, list, start: r.start, end: r.end });
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHARD_CONCURRENCY, ranges.length) }, lane));
  return described<ContextActivities>(PROFILES.reading, `merge ${results.length} code shards`).contextMergeCode({ input, list, shards: results, startedAt });
}
