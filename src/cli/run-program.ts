/** Runs a built program on process.argv: exit codes, EPIPE, commander's errors. Shared by both entries. */
import { CommanderError, type Command } from 'commander';
import { EXIT } from './output.js';

export async function runProgram(program: Command): Promise<void> {
  process.env.OPENSPEC_TELEMETRY ??= '0';
  // `parallel-plan ... | head` closes the pipe early: that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  // Subcommands do not inherit an override set after they were added: every command gets it, so
  // usage errors exit with the documented code instead of commander's 1.
  const overrideExits = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(overrideExits);
  };
  overrideExits(program);
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed its message; help and version are not errors.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      // A pasted request such as "- add labels to tasks" reads as an option; say how to pass it.
      if (err.code === 'commander.unknownOption' && /'-[^']*\s[^']*'/.test(err.message)) {
        process.stderr.write('Fix: put a request that starts with "-" after "--", e.g. parallel-plan plan --repo <dir> -- "- add labels to tasks"\n');
      }
    } else {
      throw err;
    }
  }
}
