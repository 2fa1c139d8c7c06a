import type { Command } from 'commander';
import { TASK_QUEUE } from '../../shared/constants.js';
import { action } from '../run-action.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description(`run a worker on the '${TASK_QUEUE}' task queue until interrupted`)
    .option('--task-queue <name>', 'task queue to poll', TASK_QUEUE)
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .action(action(async (opts: { taskQueue: string; stateDir?: string }) => (await import('../../worker.js')).runWorker(opts)));
}
