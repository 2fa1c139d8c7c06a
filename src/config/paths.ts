import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { TASK_QUEUE } from '../shared/constants.js';

/** Root of the installed parallel-plan package (holds package.json, node_modules, .tools). */
export const projectRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('parallel-plan: cannot find its own package.json');
    dir = up;
  }
  return dir;
})();

/** Entry module of the workflow code, as the SDK's bundler wants it. */
export const workflowsPath = fileURLToPath(new URL('../workflows/index.js', import.meta.url));

/** Project-local tool installs (git-ignored), shared with scripts/setup.mjs. */
export const toolsDir = join(projectRoot, '.tools');

/** A binary shipped by an npm dependency of this project, independent of the caller's cwd. */
export function npmBin(name: string): string {
  return join(projectRoot, 'node_modules', '.bin', name);
}

/** State folder of the embedded server and run folders: PARALLEL_PLAN_HOME or ~/.parallel-plan. */
export function stateDir(override?: string): string {
  return resolve(override ?? process.env.PARALLEL_PLAN_HOME ?? join(homedir(), '.parallel-plan'));
}

/** Task queue the CLI, the API and the worker use: PARALLEL_PLAN_TASK_QUEUE or `parallel-plan`. */
export function taskQueue(): string {
  return process.env.PARALLEL_PLAN_TASK_QUEUE?.trim() || TASK_QUEUE;
}
