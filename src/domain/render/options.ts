/** Options shared by the renderers. Pure type module. */
import type { ContextSummary } from '../context/types.js';

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
}

export const LINEAR_WARNING_PREFIX = '> **Warning: linear tier.**';
