/**
 * A CLI entry with only the work-packages commands, so their tests do not depend on the rest of
 * the program being built. Mirrors src/cli/main.ts (exitOverride, usage errors exit 2).
 */
import { Command, CommanderError } from 'commander';
import { EXIT } from '../../../src/cli/output.js';
import * as graph from '../../../src/cli/commands/graph.js';
import * as validate from '../../../src/cli/commands/validate.js';
import * as zones from '../../../src/cli/commands/zones.js';

const program = new Command('parallel-plan').exitOverride();
for (const mod of [validate, zones, graph]) mod.register(program);
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (!(err instanceof CommanderError)) throw err;
  process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
}
