/** The CLI: commands load on demand (validate, zones and graph load no Temporal package). */
import { buildProgram, OFFLINE_COMMANDS } from './program.js';
import { runProgram } from './run-program.js';

const first = process.argv[2];
await runProgram(await buildProgram(first !== undefined && OFFLINE_COMMANDS.includes(first) ? OFFLINE_COMMANDS : undefined));
