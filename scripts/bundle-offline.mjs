#!/usr/bin/env node
// Bundles the offline CLI (validate, zones, graph: dist/src/cli/offline.js and what it imports,
// yaml, zod and commander included) into one file, dist/offline-cli.mjs, with esbuild: Node then
// loads one module instead of several hundred, and those commands start in about its own
// start-up time. Run by `npm run build` after tsc.
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const out = join(root, 'dist', 'offline-cli.mjs');
const result = await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'offline.js')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies (commander) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);" },
});
const bytes = Object.values(result.metafile.outputs)[0].bytes;
const temporal = Object.keys(result.metafile.inputs).filter((f) => f.includes('@temporalio'));
if (temporal.length > 0) {
  console.error(`bundle-offline: the offline CLI must not include the Temporal SDK, but it imports ${temporal.slice(0, 3).join(', ')}`);
  process.exit(1);
}
console.error(`bundle-offline: ${out} (${Math.round(bytes / 1024)} KiB)`);
