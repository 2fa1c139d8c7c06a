import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { EXIT } from './output.js';

process.env.OPENSPEC_TELEMETRY ??= '0';

const program = buildProgram().exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander already printed its message; help and version are not errors.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    throw err;
  }
}
