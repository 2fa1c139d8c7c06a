import type { Command } from 'commander';
import { listPlans } from '../../service/plans.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';
import { withSession } from '../session.js';

export function register(program: Command): void {
  program
    .command('list')
    .description('list plans, newest first')
    .option('--state <state>', 'only plans in this state (running, awaiting-approval, approved, rejected, failed, expired)')
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 50)
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print one JSON document')
    .action(
      action(async (opts: { state?: string; limit: number; json?: boolean; stateDir?: string }) =>
        withSession(opts, async ({ client }) => {
          const plans = await listPlans(client, { state: opts.state, limit: opts.limit });
          if (opts.json) printJson({ plans });
          else if (plans.length === 0) printLines('No plans yet. Start one with: parallel-plan plan "<request>" --repo <dir>');
          else {
            const rows = plans.map((p) => [p.changeId, p.state, `r${p.revision}`, p.tier, p.startTime.slice(0, 19).replace('T', ' '), p.repository]);
            const header = ['CHANGE', 'STATE', 'REV', 'TIER', 'STARTED', 'REPOSITORY'];
            const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
            const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
            printLines([fmt(header), ...rows.map(fmt)]);
          }
          return EXIT.ok;
        }),
      ),
    );
}
