import type { Command } from 'commander';
import { planAudit } from '../../service/audit.js';
import { findPlan } from '../../service/plans.js';
import { workflowUiLink } from '../../server/target.js';
import { EXIT, printJson, printLines } from '../output.js';
import { renderAudit } from '../render-audit.js';
import { action } from '../run-action.js';
import { withSession } from '../session.js';

interface AuditOptions {
  repo?: string;
  json?: boolean;
  stateDir?: string;
}

export function register(program: Command): void {
  program
    .command('audit')
    .description("a plan's timeline from its workflow history: steps with attempts and durations, decisions, revisions, lock claims, dispatch")
    .argument('<id>', 'change id or workflow id')
    .option('--repo <dir>', 'narrow a change id to one repository')
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print the structured timeline as one JSON document')
    .addHelpText(
      'after',
      `
Reads the history of the plan's workflow (every run of a plan that continued as new), of its
dispatch and of the dispatch's packages from the server: no worker is needed. Decisions the
plan's update validators refused are not in the history.`,
    )
    .action(
      action(async (id: string, opts: AuditOptions) =>
        withSession(opts, async ({ client, target }) => {
          const handle = await findPlan(client, id, opts.repo);
          const timeline = await planAudit(client, handle);
          if (opts.json) printJson(timeline);
          else printLines(renderAudit(timeline, { uiLink: workflowUiLink(target, handle.workflowId) }));
          return timeline.state === 'failed' ? EXIT.invalid : EXIT.ok;
        }),
      ),
    );
}
