import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/paths.js';
import * as plan from './commands/plan.js';
import * as status from './commands/status.js';
import * as list from './commands/list.js';
import * as decide from './commands/decide.js';
import * as worker from './commands/worker.js';
import * as server from './commands/server.js';
import * as validate from './commands/validate.js';
import * as zones from './commands/zones.js';
import * as graph from './commands/graph.js';
import * as example from './commands/example.js';
import * as locks from './commands/locks.js';

export function buildProgram(): Command {
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
  for (const mod of [plan, status, list, decide, worker, server, validate, zones, graph, example, locks]) mod.register(program);
  return program;
}
