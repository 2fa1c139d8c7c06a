/**
 * The offline CLI: validate, zones and graph only, imported statically so that one bundled file
 * (dist/offline-cli.mjs, built by scripts/bundle-offline.mjs) starts them in about Node's own
 * start-up time. bin/parallel-plan.js uses it for those commands when it exists.
 */
import * as graph from './commands/graph.js';
import * as validate from './commands/validate.js';
import * as zones from './commands/zones.js';
import { baseProgram } from './program-base.js';
import { runProgram } from './run-program.js';

const program = baseProgram();
for (const mod of [validate, zones, graph]) mod.register(program);
await runProgram(program);
