import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/paths.js';

type CommandModule = { register(program: Command): void };

/** Every command, in help order, loaded on demand: a command loads only its own modules. */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<CommandModule>]> = [
  ['plan', () => import('./commands/plan.js')],
  ['status', () => import('./commands/status.js')],
  ['audit', () => import('./commands/audit.js')],
  ['list', () => import('./commands/list.js')],
  ['decide', () => import('./commands/decide.js')],
  ['worker', () => import('./commands/worker.js')],
  ['server', () => import('./commands/server.js')],
  ['validate', () => import('./commands/validate.js')],
  ['zones', () => import('./commands/zones.js')],
  ['graph', () => import('./commands/graph.js')],
  ['example', () => import('./commands/example.js')],
  ['locks', () => import('./commands/locks.js')],
  ['work', () => import('./commands/work.js')],
  ['serve', () => import('./commands/serve.js')],
];

/**
 * Commands that read files only and load none of the Temporal packages: `parallel-plan validate`
 * starts in about node's own start-up time.
 */
export const OFFLINE_COMMANDS: readonly string[] = ['validate', 'zones', 'graph'];

/** The program with every command, or with only `only` (module names of COMMANDS). */
export async function buildProgram(only?: readonly string[]): Promise<Command> {
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
  const chosen = COMMANDS.filter(([name]) => !only || only.includes(name));
  for (const mod of await Promise.all(chosen.map(([, load]) => load()))) mod.register(program);
  return program;
}
