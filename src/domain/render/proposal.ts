/** proposal.md from a plan draft. Pure: `(draft, ctx?) => string`. */
import type { PlanDraft } from '../draft.js';
import { bullets, code, doc, oneLine, table } from './markdown.js';
import { LINEAR_WARNING_PREFIX, type RenderContext } from './options.js';
import { verdictLine } from '../conflicts/verdict.js';
import { renderPackagesSection, renderWhyNotParallel } from '../plan/why-not-parallel.js';
import type { Lesson } from '../../shared/memory-messages.js';

function tierWarning(ctx: RenderContext): string | undefined {
  if (ctx.tier !== 'linear') return undefined;
  const reason = oneLine(ctx.tierReason ?? 'no coordinator with discover, queue-work and lock capabilities is available');
  return `${LINEAR_WARNING_PREFIX} Planned without coordination because ${reason.replace(/[.]$/, '')}. This change has a proposal, tasks and spec deltas only: no generated contracts and no work packages.`;
}

function impact(draft: PlanDraft, ctx: RenderContext): string {
  const caps = draft.capabilities.map((c) => `${code(c.name)} (${c.existing ? 'modified' : 'new'})`);
  const specPaths = draft.impact.specs.filter((s) => !draft.capabilities.some((c) => c.name === s));
  const lines = [
    `- Affected specs: ${caps.join(', ')}${specPaths.length > 0 ? `; existing spec files: ${specPaths.map(code).join(', ')}` : ''}`,
    `- Affected code: ${draft.impact.code.length > 0 ? draft.impact.code.map(code).join(', ') : 'none'}`,
  ];
  if (draft.operations.length > 0) lines.push(`- API: ${draft.operations.map((o) => code(`${o.method} ${o.path}`)).join(', ')}`);
  if (draft.entities.length > 0) lines.push(`- Database: ${draft.entities.map((e) => code(e.table)).join(', ')}`);
  if (draft.events.length > 0) lines.push(`- Events: ${draft.events.map((e) => code(e.name)).join(', ')}`);
  const inFlight = ctx.context?.changesInFlight.filter((c) => c.capabilities.some((cap) => draft.capabilities.some((d) => d.name === cap))) ?? [];
  if (inFlight.length > 0) lines.push(`- Changes in flight on the same specs: ${inFlight.map((c) => code(c.id)).join(', ')}`);
  if (ctx.packaging?.conflicts) lines.push(`- Parallel with changes in flight: ${verdictLine(ctx.packaging.conflicts)}`);
  return lines.join('\n');
}

function approaches(draft: PlanDraft): string | undefined {
  if (draft.approaches.length === 0) return undefined;
  const blocks = draft.approaches.map((a, i) => {
    const lines = [`### Approach ${i + 1}: ${oneLine(a.name)}${a.recommended ? ' (Recommended)' : ''}`, '', oneLine(a.summary)];
    if (a.pros.length > 0) lines.push('', `- Pros: ${a.pros.map(oneLine).join('; ')}`);
    if (a.cons.length > 0) lines.push(`${a.pros.length > 0 ? '' : '\n'}- Cons: ${a.cons.map(oneLine).join('; ')}`);
    return lines.join('\n');
  });
  const rec = draft.approaches.find((a) => a.recommended);
  const footer = rec ? `Recommended: ${oneLine(rec.name)}.` : undefined;
  return ['## Approaches Considered', ...blocks, ...(footer ? [footer] : [])].join('\n\n');
}

const LESSON_LEAD: Record<Lesson['kind'], string> = {
  rejected: 'Rejected',
  'changes-requested': 'Changes requested',
  'package-failed': 'Package failed in dispatch',
};

/** What earlier plans of the repository were told (the context's recalled lessons), newest first. */
function lessons(ctx: RenderContext): string | undefined {
  const recalled = ctx.context?.lessons ?? [];
  if (recalled.length === 0) return undefined;
  const lines = recalled.map((l) => {
    const about = [
      code(l.changeId),
      l.revision !== undefined ? `revision ${l.revision}` : undefined,
      l.packageId ? `package ${code(l.packageId)}` : undefined,
      l.by ? `by ${oneLine(l.by)}` : undefined,
      l.at.slice(0, 10),
    ].filter(Boolean);
    return `- ${LESSON_LEAD[l.kind]} (${about.join(', ')}): ${oneLine(l.text)}`;
  });
  return `## Lessons from earlier plans\n\n${lines.join('\n')}`;
}

export function renderProposal(draft: PlanDraft, ctx: RenderContext = {}): string {
  return doc([
    `# Change: ${oneLine(draft.title)}`,
    tierWarning(ctx),
    `## Why\n\n${draft.why.trim()}`,
    `## What Changes\n\n${bullets(draft.whatChanges)}`,
    `## Impact\n\n${impact(draft, ctx)}`,
    approaches(draft),
    draft.nfrs.length > 0 ? `## Non-Functional Requirements\n\n${table(['Category', 'Requirement', 'Target'], draft.nfrs.map((n) => [n.category, n.requirement, n.target]))}` : undefined,
    draft.outOfScope.length > 0 ? `## Out of Scope\n\n${bullets(draft.outOfScope)}` : undefined,
    lessons(ctx),
    ctx.packaging ? renderPackagesSection(ctx.packaging.doc, ctx.packaging.waves) : undefined,
    ctx.packaging ? renderWhyNotParallel({ whyNotParallel: [...ctx.packaging.whyNotParallel] }) : undefined,
  ]);
}
