import type { Command } from 'commander';
import { baseProgram } from './program-base.js';

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

export { OFFLINE_COMMANDS } from './offline-commands.js';

/** The program with every command, or with only `only` (module names of COMMANDS). */
export async function buildProgram(only?: readonly string[]): Promise<Command> {
  const program = baseProgram();
  const chosen = COMMANDS.filter(([name]) => !only || only.includes(name));
  for (const mod of await Promise.all(chosen.map(([, load]) => load()))) mod.register(program);
  return program;
}
