import { Option, type Command } from 'commander';
import { findPlan, planStatus, waitForState } from '../../service/plans.js';
import { withInlineWorker } from '../../service/inline-worker.js';
import { workflowUiLink } from '../../server/target.js';
import { EXIT, printJson, printLines } from '../output.js';
import { renderStatus } from '../render-status.js';
import { action } from '../run-action.js';
import { withSession } from '../session.js';

interface StatusOptions {
  repo?: string;
  json?: boolean;
  wait?: 'approval' | 'completion';
  verbose?: boolean;
  stateDir?: string;
}

export function register(program: Command): void {
  program
    .command('status')
    .description("show a plan's current step, outcomes, tier, warnings, artifacts and validation")
    .argument('<id>', 'change id or workflow id')
    .option('--repo <dir>', 'narrow a change id to one repository')
    .addOption(new Option('--wait <until>', 'wait until the plan awaits approval or completes').choices(['approval', 'completion']))
    .option('-v, --verbose', 'show more of the context')
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print one JSON document')
    .action(
      action(async (id: string, opts: StatusOptions) =>
        withSession(opts, async ({ client, target, stateDir }) => {
          const handle = await findPlan(client, id, opts.repo);
          // The status query is answered by a worker; run one here when none polls. Waiting for a
          // state needs the plan to progress, so only then does it run activities too.
          const status = await withInlineWorker({ target, client, stateDir, activities: Boolean(opts.wait) }, () =>
            opts.wait
              ? waitForState(handle, opts.wait === 'approval' ? ['awaiting-approval'] : ['approved', 'rejected', 'failed'])
              : planStatus(handle),
          );
          const uiLink = workflowUiLink(target, handle.workflowId);
          if (opts.json) printJson({ workflowId: handle.workflowId, uiLink, status });
          else printLines(renderStatus(status, { uiLink, verbose: opts.verbose }));
          return status.state === 'failed' ? EXIT.invalid : EXIT.ok;
        }),
      ),
    );
}
