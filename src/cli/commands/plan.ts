import { askDecision, askYesNo } from '../decision-prompt.js';
import { userInfo } from 'node:os';
import { stepProgress } from '../progress.js';
import type { PlanStatus } from '../../shared/plan-types.js';
import { COORDINATOR_KINDS, type CoordinatorKind } from '../../shared/coordinator-types.js';
import { Option, type Command } from 'commander';
import { stateDir as defaultStateDir } from '../../config/paths.js';
import { MAX_REQUEST_CHARS, preparePlan, readRequestFile } from '../../service/plan-request.js';
import { badInput, UnacknowledgedConflicts } from '../../errors.js';
import { hasLivePoller, withInlineWorker, type InlineWorkerMode } from '../../service/inline-worker.js';
import { decide, planResult, startPlan, waitForState } from '../../service/plans.js';
import { workflowUiLink } from '../../server/target.js';
import { EXIT, printJson, printLines } from '../output.js';
import { renderStatus } from '../render-status.js';
import { action } from '../run-action.js';
import { withSession } from '../session.js';

interface PlanOptions {
  repo: string;
  requestFile?: string;
  brief?: string;
  changeId?: string;
  wait: 'approval' | 'completion' | 'none';
  json?: boolean;
  authorCommand?: string;
  coordinator: CoordinatorKind;
  inlineWorker: InlineWorkerMode;
  stateDir?: string;
  by?: string;
  approver: string[];
  approvalTimeout?: string;
  author?: string;
  prompt: boolean;
}

export function register(program: Command): void {
  program
    .command('plan')
    .description('plan a feature for a git repository and stop at "awaiting approval"')
    .argument('[request]', `the feature request, e.g. "add due dates to tasks" (at most ${MAX_REQUEST_CHARS} characters)`)
    .option('--request-file <path>', 'read the request from a file, or from standard input with -')
    .requiredOption('--repo <dir>', 'the target git repository')
    .option('--brief <file>', 'a feature brief (YAML or JSON, see docs/brief.md)')
    .option('--change-id <id>', 'kebab-case change id (default: derived from the request)')
    .addOption(new Option('--wait <until>', 'return at approval, at completion, or at once').choices(['approval', 'completion', 'none']).default('approval'))
    .option('--author <name>', 'who writes the plan: rule-based (default), or an agent CLI: claude, codex, gemini (override a command line with PARALLEL_PLAN_AUTHOR_<NAME>)')
    .option('--author-command <cmd>', 'external agent command: prompt on stdin, JSON plan draft on stdout')
    .addOption(
      new Option('--coordinator <kind>', 'temporal (Temporal-native), http (an agent coordinator service at COORDINATION_API_URL, read by the worker), or none (forces the degraded linear tier)')
        .choices(COORDINATOR_KINDS)
        .default('temporal'),
    )
    .addOption(new Option('--inline-worker <mode>', 'run a worker in this process').choices(['auto', 'always', 'never']).default('auto'))
    .option('--by <name>', 'who requests the plan (recorded in the memo)')
    .option('--approval-timeout <duration>', 'end the plan as expired when no decision comes within this time (e.g. 7d, 12h, 30m)')
    .option('--approver <name>', 'only these people may decide on the plan (repeatable; default: anyone)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--state-dir <dir>', 'state folder of the embedded server (default ~/.parallel-plan)')
    .option('--no-prompt', 'on a terminal, do not ask for the decision once the plan awaits approval')
    .option('--json', 'print one JSON document')
    .action(
      action(async (argument: string | undefined, opts: PlanOptions) => {
        if (argument !== undefined && opts.requestFile !== undefined) throw badInput('give the request either as an argument or with --request-file, not both');
        if (argument === undefined && opts.requestFile === undefined) {
          throw badInput('no feature request given', 'pass it as an argument: parallel-plan plan "add task due dates" --repo . (or --request-file <path|->)');
        }
        const request = argument ?? (await readRequestFile(opts.requestFile!));
        const prepared = await preparePlan({
          request,
          repo: opts.repo,
          brief: opts.brief,
          changeId: opts.changeId,
          authorCommand: opts.authorCommand,
          ...(opts.author !== undefined ? { author: opts.author } : {}),
          coordinator: opts.coordinator,
          requestedBy: opts.by,
          approvers: opts.approver,
          ...(opts.approvalTimeout !== undefined ? { approvalTimeout: opts.approvalTimeout } : {}),
          stateDir: defaultStateDir(opts.stateDir),
        });
        return withSession(opts, async ({ client, target, stateDir }) => {
          const uiLink = workflowUiLink(target, prepared.workflowId);
          if (opts.wait === 'none') {
            const handle = await startPlan(client, prepared);
            const worker = await hasLivePoller(client);
            if (opts.json) printJson({ workflowId: handle.workflowId, changeId: prepared.input.changeId, uiLink, workerPolling: worker });
            else {
              printLines([`Started plan ${prepared.input.changeId} (workflow ${handle.workflowId}).`, ...(uiLink ? [`Temporal UI: ${uiLink}`] : [])]);
              if (!worker) printLines('No worker polls the task queue yet: run `parallel-plan worker` to make progress.');
            }
            return EXIT.ok;
          }
          // Step lines on stderr as the plan runs (not with --json).
          const progress = opts.json ? undefined : stepProgress();
          const onProgress = progress ? (s: PlanStatus) => progress.update(s) : undefined;
          const status = await withInlineWorker({ target, client, stateDir, mode: opts.inlineWorker }, async () => {
            const handle = await startPlan(client, prepared);
            try {
              if (opts.wait === 'completion') {
                await waitForState(handle, ['awaiting-approval'], { ...(onProgress ? { onProgress } : {}) });
                progress?.stop();
                await planResult(handle).catch(() => undefined);
                return waitForState(handle, ['approved', 'rejected', 'failed']);
              }
              let reached = await waitForState(handle, ['awaiting-approval'], { ...(onProgress ? { onProgress } : {}) });
              progress?.stop();
              // On a terminal, the decision can be taken here (the inline worker is still running).
              const interactive = opts.prompt && !opts.json && process.stdin.isTTY && process.stdout.isTTY;
              while (interactive && reached.state === 'awaiting-approval') {
                printLines(renderStatus(reached, { uiLink }));
                const answer = await askDecision(process.stdin, process.stderr, reached.changeId);
                if (!answer) break;
                const by = opts.by ?? userInfo().username;
                const comment = answer.comment ? { comment: answer.comment } : {};
                const taken = await decide(handle, answer.kind, { by, ...comment }).catch(async (err: unknown) => {
                  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
                  // Conflicts with other changes can be acknowledged here, as approve --acknowledge-conflicts does.
                  if (!(err instanceof UnacknowledgedConflicts) || !(await askYesNo(process.stdin, process.stderr, 'Approve anyway, acknowledging the conflicts?'))) return undefined;
                  return decide(handle, 'approve', { by, ...comment, acknowledgeConflicts: true }).catch((again: unknown) => {
                    process.stderr.write(`${again instanceof Error ? again.message : String(again)}\n`);
                    return undefined;
                  });
                });
                if (!taken) continue;
                reached = answer.kind === 'request-changes'
                  ? await waitForState(handle, ['awaiting-approval'], { afterRevision: taken.revision, ...(onProgress ? { onProgress } : {}) })
                  : await waitForState(handle, ['approved', 'rejected']);
              }
              return reached;
            } finally {
              progress?.stop();
            }
          });
          if (opts.json) printJson({ workflowId: prepared.workflowId, uiLink, status });
          else printLines(renderStatus(status, { uiLink }));
          return status.state === 'failed' || status.state === 'rejected' || status.state === 'expired' ? EXIT.invalid : EXIT.ok;
        });
      }),
    );
}
