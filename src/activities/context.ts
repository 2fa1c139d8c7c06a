/**
 * Step 2 activities: one per facet, plus the code facet's file listing, shard scoring and
 * shard merge, and the final merge of all facets. Every activity writes its full result to
 * the run folder and returns only refs, counts and top-k lists.
 */
import type { FacetInput, FacetResult, ContextSummary } from '../domain/context/types.js';
import { activityHeartbeat, activitySignal } from './activity-context.js';
import { gatherArchitecture } from './context/architecture-facet.js';
import { gatherChanges } from './context/changes-facet.js';
import {
  listCodeFiles,
  mergeCodeShards,
  scoreCodeShard,
  type ListedFiles,
  type ShardInput,
  type ShardResult,
} from './context/code-facet.js';
import { mergeContext, type MergeContextInput } from './context/merge.js';
import { listModelFiles, mergeModelShards, parseModelShard, type ModelShardResult } from './context/model-facet.js';
import { discoverChanges, withDiscoveredChanges } from './context/coordinator-changes.js';
import type { CoordinatorFactory, CoordinatorKind } from '../coordinator/index.js';
import { gatherSpecs } from './context/specs-facet.js';
import { recallWith } from './memory.js';

export type { ListedFiles, MergeContextInput, ModelShardResult, ShardInput, ShardResult };

export interface MergeCodeInput {
  input: FacetInput;
  list: ListedFiles;
  shards: ShardResult[];
  /** Epoch ms when the facet started (from the workflow), for the facet's duration. */
  startedAt?: number;
}

export interface MergeModelInput {
  input: FacetInput;
  list: ListedFiles;
  shards: ModelShardResult[];
  startedAt?: number;
}

export interface ContextActivityDeps {
  /** Heartbeat sink; defaults to the running activity's heartbeat. */
  heartbeat?: (details: unknown) => void;
  /** Cancellation of the running activity; defaults to the activity context's signal. */
  signal?: () => AbortSignal | undefined;
  /** Adds the coordinator's changes in flight (running plans, registry claims) to the merge. */
  coordinators?: CoordinatorFactory;
}

export function createContextActivities(deps: ContextActivityDeps = {}) {
  const heartbeat = deps.heartbeat ?? activityHeartbeat;
  const signal = deps.signal ?? activitySignal;
  const withSignal = (): { signal?: AbortSignal } => {
    const s = signal();
    return s ? { signal: s } : {};
  };
  return {
    async contextSpecs(input: FacetInput): Promise<FacetResult> {
      return gatherSpecs(input);
    },
    async contextChanges(input: FacetInput): Promise<FacetResult> {
      return gatherChanges(input);
    },
    async contextArchitecture(input: FacetInput): Promise<FacetResult> {
      return gatherArchitecture(input, withSignal());
    },
    async contextListFiles(input: FacetInput): Promise<ListedFiles> {
      return listCodeFiles(input, withSignal());
    },
    async contextCodeShard(input: ShardInput): Promise<ShardResult> {
      const total = input.end - input.start;
      return scoreCodeShard(input, {
        ...withSignal(),
        onProgress: (done) => heartbeat({ start: input.start, end: input.end, done, total }),
      });
    },
    async contextMergeCode(input: MergeCodeInput): Promise<FacetResult> {
      return mergeCodeShards(input.input, input.list, input.shards, input.startedAt);
    },
    async contextListModelFiles(input: FacetInput): Promise<ListedFiles> {
      return listModelFiles(input, withSignal());
    },
    async contextModelShard(input: ShardInput): Promise<ModelShardResult> {
      const total = input.end - input.start;
      return parseModelShard(input, {
        ...withSignal(),
        onProgress: (done) => heartbeat({ start: input.start, end: input.end, done, total }),
      });
    },
    async contextMergeModel(input: MergeModelInput): Promise<FacetResult> {
      return mergeModelShards(input.input, input.list, input.shards, input.startedAt);
    },
    /**
     * With `coordinator` (coordinated tier), changes in flight that are not on disk join the
     * changes facet; with `memory` (the coordinator reported CAN_MEMORY), the repository's newest
     * lessons join the summary.
     */
    async mergeContext(input: MergeContextInput & { coordinator?: CoordinatorKind; memory?: CoordinatorKind }): Promise<ContextSummary> {
      const { coordinator, memory, ...rest } = input;
      let merged = rest;
      if (memory && memory !== 'none' && deps.coordinators) {
        const recalled = await recallWith(deps.coordinators(memory), input.repoDir);
        merged = { ...merged, ...(recalled.lessons.length > 0 ? { lessons: recalled.lessons } : {}), ...(recalled.warning ? { warnings: [recalled.warning] } : {}) };
      }
      if (!coordinator || coordinator === 'none' || !deps.coordinators) return mergeContext(merged, withSignal());
      const discovered = await discoverChanges(deps.coordinators(coordinator), input.repoDir, input.changeId);
      return mergeContext({ ...merged, results: withDiscoveredChanges(input.results, discovered) }, withSignal());
    },
  };
}

export type ContextActivities = ReturnType<typeof createContextActivities>;
