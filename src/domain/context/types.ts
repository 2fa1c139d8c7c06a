import type { Impact, ModelSummary } from '../repository-model/types.js';
import type { Lesson } from '../../shared/memory-messages.js';

/**
 * Context gathered in step 2. Full facet results live in files of the run folder
 * (referenced by path + sha256); `ContextSummary` is the compact value that enters
 * workflow history and feeds steps 3 and 5.
 */

export type FacetName = 'specs' | 'changes' | 'architecture' | 'code' | 'model';
/** The facets a plan gathered before the repository model existed (older histories replay with these). */
export const FACETS: readonly FacetName[] = ['specs', 'changes', 'architecture', 'code'];
/** Every facet of step 2 today: the four above and the repository model. */
export const ALL_FACETS: readonly FacetName[] = [...FACETS, 'model'];

/** A file written by an activity: never the contents, only where and what. */
export interface FileRef {
  path: string;
  sha256: string;
  bytes: number;
}

export interface FacetInput {
  facet: FacetName;
  /** Absolute path of the target repository. */
  repoDir: string;
  /** Absolute path of the folder where full results are written. */
  runDir: string;
  request: string;
  /** Extra text that sharpens relevance (brief capabilities, operation paths...). */
  hints?: string[];
  /** The change being planned; excluded from changes in flight. */
  changeId?: string;
  /** Code facet: files per shard activity (default 5,000). */
  shardSize?: number;
  /** Files larger than this many bytes are skipped and counted (default 1 MB). */
  maxFileBytes?: number;
}

export interface FacetResult {
  facet: FacetName;
  ref: FileRef;
  /** Facet-specific compact summary (each well under a few KB). */
  summary: Record<string, unknown>;
  stats: { files: number; skipped: number; ms: number };
}

export interface RelatedSpec {
  capability: string;
  path: string;
  score: number;
  /** Exact `### Requirement:` names, most relevant first (top few). */
  requirements: string[];
}

export interface ChangeInFlight {
  id: string;
  capabilities: string[];
  writeGlobs: string[];
  lockKeys: string[];
  /** `locks.files` of its work packages. */
  lockFiles?: string[];
}

export interface ContextConflict {
  changeId: string;
  kind: 'capability' | 'scope' | 'lock';
  detail: string;
}

export interface BoundaryInfo {
  id: string;
  kind: 'backend' | 'frontend' | 'data' | 'docs' | 'tests' | 'infra' | 'shared' | 'other';
  /** Real globs that match files of the repository. */
  globs: string[];
  testCommand?: string;
  languages: string[];
  files: number;
}

export interface RankedFile {
  path: string;
  score: number;
  symbols: string[];
}

export interface ContextSummary {
  repoDir: string;
  /** Where the merged full context is written. */
  ref: FileRef;
  facets: Array<{ facet: FacetName; ref: FileRef; files: number; skipped: number; ms: number }>;
  specsCount: number;
  relatedSpecs: RelatedSpec[];
  changesInFlight: ChangeInFlight[];
  conflicts: ContextConflict[];
  languages: string[];
  frameworks: string[];
  testCommands: string[];
  boundaries: BoundaryInfo[];
  /** Hub files (lockfiles, manifests, barrels, registries) found in the repository. */
  hubFiles: string[];
  docs: string[];
  topFiles: RankedFile[];
  /**
   * HTTP route paths found in the repository's code or OpenAPI documents (`/api/tasks/{id}`),
   * most relevant files first, top few. Absent when none was found (or in older summaries).
   */
  apiRoutes?: string[];
  /**
   * HTTP operations (`GET /api/tasks`) whose method is written in the repository next to the
   * path; a subset of `apiRoutes` with methods. Absent when none was found (or in older summaries).
   */
  apiOperations?: string[];
  filesScanned: number;
  filesSkipped: number;
  /** What the reader of the plan should know about the context (parts not read, and why). */
  warnings?: string[];
  /** The repository model in brief (absent in plans gathered before it existed). */
  model?: ModelSummary;
  /** What the request touches, from the model: mentions matched and ranked files with reasons. */
  impact?: Impact;
  /**
   * Lessons of earlier plans of the repository (rejection and request-changes comments, packages
   * that failed in dispatch), newest first, a few and short; absent when there are none (or the
   * coordinator has no memory).
   */
  lessons?: Lesson[];
}

/** Compact `FacetResult.summary` of each facet (what the merge reads). */
export interface SpecsFacetSummary {
  specsCount: number;
  relatedSpecs: RelatedSpec[];
  /** Parts of openspec/ that were not read (links out of the repository). */
  problems?: string[];
}

export interface ChangesFacetSummary {
  changesInFlight: ChangeInFlight[];
  /** Problems met reading other changes' files (lenient parsing), top few. */
  problems: string[];
}

export interface ArchitectureFacetSummary {
  languages: string[];
  frameworks: string[];
  testCommands: string[];
  boundaries: BoundaryInfo[];
  hubFiles: string[];
  hubFilesTotal: number;
  docs: string[];
}

export interface CodeFacetSummary {
  topFiles: RankedFile[];
  filesScanned: number;
  binary: number;
  oversized: number;
  shards: number;
  /** HTTP route paths declared in the repository (see `apiRoutes` in ContextSummary). */
  apiRoutes?: string[];
  /** `METHOD /path` operations declared in the repository (see `apiOperations` in ContextSummary). */
  apiOperations?: string[];
}
