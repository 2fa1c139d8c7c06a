#!/usr/bin/env node
// validate, zones and graph run from one bundled file (npm run build writes it): they start in
// about Node's own start-up time. Everything else loads its modules on demand.
import { existsSync } from 'node:fs';
import { OFFLINE_COMMANDS } from '../dist/src/cli/offline-commands.js';

const offline = new URL('../dist/offline-cli.mjs', import.meta.url);
if (OFFLINE_COMMANDS.includes(process.argv[2]) && existsSync(offline)) await import(offline.href);
else await import('../dist/src/cli/main.js');
