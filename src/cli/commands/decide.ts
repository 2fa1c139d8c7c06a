import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import { withInlineWorker, type InlineWorkerMode } from '../../service/inline-worker.js';
import { decide, findPlan, waitForState, type DecisionKind } from '../../service/plans.js';
import { workflowUiLink } from '../../server/target.js';
import { CliError, EXIT, printJson, printLines } from '../output.js';
import { dispatchPlan, durationOption, renderDispatch, workerWarning } from './work.js';
import { renderStatus } from '../render-status.js';
import { action } from '../run-action.js';
import { withSession } from '../session.js';

interface DecideOptions {
  by?: string;
  comment?: string;
  repo?: string;
  wait: boolean;
  inlineWorker: InlineWorkerMode;
  json?: boolean;
  stateDir?: string;
  rebase?: boolean;
  acknowledgeConflicts?: boolean;
  dispatch?: boolean;
  lease?: string;
}

const DESCRIPTIONS: Record<DecisionKind, string> = {
  approve: 'approve a plan awaiting approval (writes its handoff record)',
  reject: 'reject a plan awaiting approval',
  'request-changes': 'send a plan back: steps 3-6 run again with the comment, as the next revision',
};

function registerDecision(program: Command, kind: DecisionKind): void {
  const cmd = program
    .command(kind)
    .description(DESCRIPTIONS[kind])
    .argument('<id>', 'change id or workflow id')
    .option('--by <name>', 'who decides (default: your user name)')
    .option('--repo <dir>', 'narrow a change id to one repository')
    .option('--no-wait', 'return once the decision is sent')
    .addOption(new Option('--inline-worker <mode>', 'run a worker in this process').choices(['auto', 'always', 'never']).default('auto'))
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print one JSON document');
  if (kind === 'request-changes') {
    cmd.requiredOption('--comment <text>', 'what to change');
    cmd.option('--rebase', "re-plan on the repository's current commit (context gathered again)");
  }
  else cmd.option('--comment <text>', 'a note recorded with the decision');
  if (kind === 'approve') {
    cmd.option('--acknowledge-conflicts', 'approve although other changes conflict with it: lock claims, unarchived changes on disk whose scopes overlap, the same spec requirements (recorded in handoff.json)');
    cmd.option('--dispatch', 'then hand the packages to agents (see parallel-plan dispatch)');
    cmd.option('--lease <duration>', 'with --dispatch: how long an agent may go without a heartbeat (default 15m)');
  }
  cmd.action(
    action(async (id: string, opts: DecideOptions) =>
      withSession(opts, async (session) => {
        const { client, target, stateDir } = session;
        const leaseMs = durationOption('--lease', opts.lease);
        if (opts.dispatch && !opts.wait) throw new CliError('--dispatch needs the approval to finish first: leave out --no-wait', EXIT.usage);
        const handle = await findPlan(client, id, opts.repo);
        const by = opts.by ?? userInfo().username;
        // Queries and the decision's effects need a worker: run one here when none polls.
        const result = await withInlineWorker({ target, client, stateDir, mode: opts.inlineWorker, activities: opts.wait }, async () => {
          const taken = await decide(handle, kind, { by, comment: opts.comment, ...(opts.rebase ? { rebase: true } : {}), ...(opts.acknowledgeConflicts ? { acknowledgeConflicts: true } : {}) }, { wait: opts.wait });
          if (!opts.wait) return { taken };
          const after =
            kind === 'request-changes'
              ? await waitForState(handle, ['awaiting-approval'], { afterRevision: taken.revision })
              : await waitForState(handle, ['approved', 'rejected']);
          return { taken, after };
        });
        const { taken, after: status } = result;
        if (!status) {
          if (opts.json) printJson({ workflowId: handle.workflowId, accepted: kind, revision: taken.revision });
          else printLines(`The plan accepted ${kind} of revision ${taken.revision} for ${id}; it goes on in the background (parallel-plan status ${id}).`);
          return EXIT.ok;
        }
        const uiLink = workflowUiLink(target, handle.workflowId);
        const dispatch = opts.dispatch && status.state === 'approved' ? await dispatchPlan(session, handle.workflowId, leaseMs !== undefined ? { leaseMs } : {}) : undefined;
        const warning = dispatch ? await workerWarning(client) : undefined;
        if (opts.json) printJson({ workflowId: handle.workflowId, uiLink, outcome: taken.outcome, status, ...(dispatch ? { dispatch } : {}), ...(warning ? { warning } : {}) });
        else printLines([...renderStatus(status, { uiLink }), ...(dispatch ? ['', ...renderDispatch(dispatch), `Agents take packages with: parallel-plan work next --repo ${dispatch.repoDir} --agent <id>`] : []), ...(warning ? [`Warning: ${warning}`] : [])]);
        return status.state === 'failed' || dispatch?.state === 'refused' ? EXIT.invalid : EXIT.ok;
      }),
    ),
  );
}

export function register(program: Command): void {
  for (const kind of ['approve', 'reject', 'request-changes'] as const) registerDecision(program, kind);
}
