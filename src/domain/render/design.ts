/** design.md from a plan draft. Pure: `(draft, ctx?) => string`. */
import type { PlanDraft } from '../draft.js';
import { bullets, code, doc, headerText, oneLine } from './markdown.js';
import type { RenderContext } from './options.js';

function context(draft: PlanDraft, ctx: RenderContext): string {
  const lines = [`Request: ${oneLine(draft.request)}`];
  const c = ctx.context;
  if (c) {
    if (c.languages.length > 0) lines.push('', `- Languages: ${c.languages.join(', ')}${c.frameworks.length > 0 ? `; frameworks: ${c.frameworks.join(', ')}` : ''}`);
    if (c.relatedSpecs.length > 0) lines.push(`- Related specs: ${c.relatedSpecs.map((s) => `${code(s.capability)} (${s.requirements.map((r) => `"${oneLine(r)}"`).join(', ')})`).join('; ')}`);
    if (c.changesInFlight.length > 0) lines.push(`- Changes in flight: ${c.changesInFlight.map((x) => code(x.id)).join(', ')}`);
  }
  if (draft.boundaries.length > 0) {
    if (!c) lines.push('');
    lines.push(`- Boundaries touched: ${draft.boundaries.map((b) => `${code(b.id)} (${b.globs.map(code).join(', ')})`).join('; ')}`);
  }
  return lines.join('\n');
}

function decisions(draft: PlanDraft): string {
  if (draft.decisions.length === 0) return 'No design decisions beyond the requirements.';
  return draft.decisions
    .map((d) => {
      const lines = [`### ${d.id}: ${headerText(d.title)}`, '', `- **Choice:** ${oneLine(d.choice)}`, `- **Rationale:** ${oneLine(d.rationale)}`];
      if (d.alternatives.length > 0) lines.push(`- **Alternatives considered:** ${d.alternatives.map(oneLine).join('; ')}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

export function renderDesign(draft: PlanDraft, ctx: RenderContext = {}): string {
  const risks = draft.risks.map((r) => `**Risk:** ${oneLine(r.risk)} **Mitigation:** ${oneLine(r.mitigation)}`);
  const migration = draft.migration.length > 0 ? draft.migration.map((m, i) => `${i + 1}. ${oneLine(m)}`).join('\n') : 'No migration needed.';
  return doc([
    `# Design: ${oneLine(draft.title)}`,
    `## Context\n\n${context(draft, ctx)}`,
    `## Goals / Non-Goals\n\n### Goals\n\n${bullets(draft.goals)}\n\n### Non-Goals\n\n${bullets(draft.nonGoals)}`,
    `## Decisions\n\n${decisions(draft)}`,
    `## Risks / Trade-offs\n\n${bullets(risks)}`,
    `## Migration Plan\n\n${migration}`,
  ]);
}
