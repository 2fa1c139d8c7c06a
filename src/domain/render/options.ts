/** Options shared by the renderers. Pure type module. */
import type { ContextSummary } from '../context/types.js';
import type { VerdictResult } from '../conflicts/verdict.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';

export type Tier = 'coordinated' | 'linear';

export interface RenderContext {
  /** Default `coordinated`. */
  tier?: Tier;
  /** Why the plan was degraded to the linear tier; shown in the proposal's warning line. */
  tierReason?: string;
  /** Gathered context: lets Impact and Context name related specs and changes in flight. */
  context?: ContextSummary;
  /** Linear tier only: set false to leave design.md out. */
  withDesign?: boolean;
  /**
   * Step 5 (coordinated): the packages, their waves, what costs parallelism, and the verdict
   * against changes in flight. The proposal then has its Work Packages and Why not parallel
   * sections and the verdict in Impact; step 3 renders it without them.
   */
  packaging?: { doc: WorkPackagesDoc; waves: readonly string[][]; whyNotParallel: readonly string[]; conflicts?: VerdictResult };
}

export const LINEAR_WARNING_PREFIX = '> **Warning: linear tier.**';
