import type { Command } from 'commander';
import { taskQueue } from '../../config/paths.js';
import { action } from '../run-action.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description(`run a worker on the '${taskQueue()}' task queue (PARALLEL_PLAN_TASK_QUEUE) until interrupted`)
    .option('--task-queue <name>', 'task queue to poll', taskQueue())
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print a JSON line when polling starts and when it stops (pid, task queue, address)')
    .action(action(async (opts: { taskQueue: string; stateDir?: string; json?: boolean }) => (await import('../../worker.js')).runWorker(opts)));
}
