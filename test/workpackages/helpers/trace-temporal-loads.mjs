// Loaded with `node --import` by the CLI tests: prints every @temporalio module the program
// resolves, so a test can assert that validate, zones and graph load none of them.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(
      "export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('@temporalio')) console.error('LOADED ' + r.url); return r; }",
    ),
);
