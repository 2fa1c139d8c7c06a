/**
 * The program's name, description, version and help text, with no command: shared by the full
 * CLI (program.ts, commands loaded on demand) and the bundled offline CLI (offline.ts).
 */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/paths.js';

export function baseProgram(): Command {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const program = new Command('parallel-plan')
    .description('Plan a feature as a validated, contract-first OpenSpec change that several agents can build in parallel.')
    .version(version)
    .showHelpAfterError()
    .addHelpText(
      'after',
      `
Without TEMPORAL_ADDRESS, commands use an embedded Temporal dev server (started on demand,
state in ~/.parallel-plan or PARALLEL_PLAN_HOME). With TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE,
TEMPORAL_API_KEY, TEMPORAL_TLS_*), they connect to that cluster.

Examples:
  parallel-plan plan "add due dates to tasks" --repo ./my-service
  parallel-plan approve add-task-due-dates --by alice
  parallel-plan validate openspec/changes/add-task-due-dates/work-packages.yaml --check-overlap`,
    );
  return program;
}
