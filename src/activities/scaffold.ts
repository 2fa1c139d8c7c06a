/**
 * Step 3: scaffold the proposal. An author turns request + brief + context into the plan draft
 * (kept in the run folder, referenced by sha256); the renderers turn the draft into proposal,
 * design, tasks and spec deltas in openspec/changes/<id>/.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { pathMentions, revisionChanges, type RevisionChanges } from '../domain/revision/changes.js';
import { entryOf } from '../io/repo-paths.js';
import { join } from 'node:path';
import { activitySignal, withHeartbeats } from './activity-context.js';
import { parseBrief } from '../domain/brief.js';
import type { ContextSummary, FileRef } from '../domain/context/types.js';
import { renderChange } from '../domain/render/index.js';
import { PlanDraftSchema, type PlanDraft } from '../domain/draft.js';
import { badInput } from '../errors.js';
import { unreadableRequest } from '../domain/request-text.js';
import { readVerified, repoRelative, writeFileAtomic, writeJsonAtomic } from '../io/atomic-write.js';
import { authorFor } from '../authors/index.js';
import type { ArtifactRef, AuthorSpec, Tier } from '../shared/plan-types.js';
import { assertChangeFolderWritable } from '../io/openspec-files.js';
import { openStage, targetChangeDir, writeRoot } from '../io/change-stage.js';
import { checkDraft as checkContractReadiness, issueText } from '../domain/contracts/check-draft.js';
import { readContextSummary } from './context/merge.js';
import { repositorySlice } from './context/model-facet.js';

export interface ScaffoldInput {
  repoDir: string;
  runDir: string;
  changeId: string;
  request: string;
  brief?: { path: string; sha256: string };
  author: AuthorSpec;
  contextRef: FileRef;
  revision: number;
  feedback: string[];
  tier: Tier;
  warnings: string[];
  /** The revision's stage (see io/change-stage.ts); absent in plans recorded before staging. */
  stageDir?: string;
  /** The request-changes comments among the feedback (absent in plans recorded before). */
  comments?: string[];
}

export interface ScaffoldResult {
  draftRef: FileRef;
  files: ArtifactRef[];
  /** What the plan's reader should know about how it was authored. */
  warnings?: string[];
  /** From revision 2 on: what this revision changed against the previous one. */
  changes?: RevisionChanges;
}

export async function loadBrief(ref?: { path: string; sha256: string }) {
  if (!ref) return undefined;
  const parsed = parseBrief(await readVerified(ref));
  if (!parsed.ok) throw badInput(`brief is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return parsed.brief;
}

export function createScaffoldActivities() {
  return {
    async scaffoldProposal(input: ScaffoldInput): Promise<ScaffoldResult> {
      assertChangeFolderWritable(input.repoDir, input.changeId);
      const context: ContextSummary = await readContextSummary(input.contextRef);
      const brief = await loadBrief(input.brief);
      const author = authorFor(input.author, { cwd: input.repoDir, signal: activitySignal() });
      const repository = await repositorySlice(context);
      const comments = input.comments ?? [];
      // Files the request or a reviewer names, when the repository has them.
      const namedFiles = pathMentions([input.request, ...comments].join('\n')).filter((p) => entryOf(input.repoDir, p).kind === 'file');
      const draft = await withHeartbeats(
        () =>
          author.draft({
            request: input.request,
            brief,
            context,
            ...(repository ? { repository } : {}),
            ...(comments.length > 0 ? { comments } : {}),
            ...(namedFiles.length > 0 ? { namedFiles } : {}),
            changeId: input.changeId,
            revision: input.revision,
            feedback: input.feedback,
          }),
        () => ({ author: author.name }),
      );
      const draftRef = await writeJsonAtomic(join(input.runDir, `draft-r${input.revision}.json`), draft);

      // A draft the contracts step would refuse fails here, before anything is written.
      if (input.tier === 'coordinated') {
        const ready = checkContractReadiness(draft);
        if (!ready.valid) {
          throw badInput(`the plan cannot be turned into contracts:\n${issueText(ready.issues)}`, 'fix the named items in the brief (or ask the author for a corrected draft)');
        }
      }
      if (input.stageDir) await openStage({ repoDir: input.repoDir, changeId: input.changeId, stageDir: input.stageDir });
      const dir = targetChangeDir(input);
      const linearReason = input.warnings.find((w) => w.includes('linear tier'));
      const rendered = renderChange(draft, { tier: input.tier, tierReason: linearReason, context });
      // A revision may drop a capability: its old spec delta must not linger and be validated.
      const specsDir = join(dir, 'specs');
      if (existsSync(specsDir)) await rm(specsDir, { recursive: true, force: true });
      const files: ArtifactRef[] = [];
      for (const f of rendered) files.push(repoRelative(writeRoot(input), await writeFileAtomic(join(dir, f.path), f.content)));
      const unreadable = input.author.kind === 'rule-based' && !brief ? unreadableRequest(input.request) : undefined;
      const warnings = unreadable ? [`${unreadable}: names and scenarios may miss the intent; pass --brief, or --author-command for an agent that reads it`] : [];
      const previous = join(input.runDir, `draft-r${input.revision - 1}.json`);
      const changes = input.revision > 1 && existsSync(previous) ? revisionChanges(PlanDraftSchema.parse(JSON.parse(await readFile(previous, 'utf8'))), draft, input.revision) : undefined;
      return { draftRef, files, warnings, ...(changes ? { changes } : {}) };
    },
  };
}

/** Reads a plan draft written by scaffoldProposal, checking it is the one the workflow saw. */
export async function readDraft(ref: { path: string; sha256: string }): Promise<PlanDraft> {
  return PlanDraftSchema.parse(JSON.parse(await readVerified(ref)));
}
