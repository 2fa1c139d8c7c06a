/**
 * All artifacts of step 3 for one draft, as relative paths under `openspec/changes/<id>/` and
 * their contents. Byte-identical output for identical input.
 */
import type { PlanDraft } from '../draft.js';
import { renderDesign } from './design.js';
import type { RenderContext } from './options.js';
import { renderProposal } from './proposal.js';
import { renderSpecDelta } from './spec.js';
import { renderTasks } from './tasks.js';

export type { RenderContext, Tier } from './options.js';
export { LINEAR_WARNING_PREFIX } from './options.js';
export { renderDesign, renderProposal, renderSpecDelta, renderTasks };

export interface RenderedFile {
  /** Relative to `openspec/changes/<changeId>/`. */
  path: string;
  content: string;
}

export function renderChange(draft: PlanDraft, ctx: RenderContext = {}): RenderedFile[] {
  const tier = ctx.tier ?? 'coordinated';
  const files: RenderedFile[] = [{ path: 'proposal.md', content: renderProposal(draft, ctx) }];
  if (tier === 'coordinated' || ctx.withDesign !== false) files.push({ path: 'design.md', content: renderDesign(draft, ctx) });
  files.push({ path: 'tasks.md', content: renderTasks(draft, ctx) });
  for (const cap of draft.capabilities) files.push({ path: `specs/${cap.name}/spec.md`, content: renderSpecDelta(cap) });
  return files;
}
