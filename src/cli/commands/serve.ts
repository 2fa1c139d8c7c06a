import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { buildApi } from '../../api/server.js';
import { parseTokens } from '../../api/auth.js';
import { withInlineWorker, type InlineWorkerMode } from '../../service/inline-worker.js';
import { badInput } from '../../errors.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';
import { withSession } from '../session.js';

interface ServeOptions {
  port: string;
  host: string;
  allowRepoRoot: string[];
  tokensFile?: string;
  inlineWorker: InlineWorkerMode;
  stateDir?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API: start, list, watch and decide plans (OpenAPI at /openapi.json)')
    .option('--port <port>', 'port to listen on', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--allow-repo-root <dir>', 'repositories under this folder may be planned (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--tokens-file <file>', 'token:role lines (default: PARALLEL_PLAN_API_TOKENS, token:role,token:role)')
    .addOption(new Option('--inline-worker <mode>', 'run a worker in this process').choices(['auto', 'always', 'never']).default('auto'))
    .option('--state-dir <dir>', 'state folder of the embedded server')
    .option('--json', 'print the listening address as one JSON document')
    .action(
      action(async (opts: ServeOptions) => {
        const text = opts.tokensFile ? readFileSync(opts.tokensFile, 'utf8') : process.env.PARALLEL_PLAN_API_TOKENS;
        if (!text?.trim()) throw badInput('no API tokens', 'set PARALLEL_PLAN_API_TOKENS=token:role,... or pass --tokens-file <file> (roles: viewer, planner, approver)');
        const tokens = parseTokens(text, opts.tokensFile ?? 'PARALLEL_PLAN_API_TOKENS');
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw badInput(`--port ${opts.port} is not a port number`);
        return withSession(opts, async ({ client, target, stateDir }) =>
          withInlineWorker({ target, client, stateDir, mode: opts.inlineWorker, activities: true }, async () => {
            const app = await buildApi({ client, allowRepoRoots: opts.allowRepoRoot, tokens, stateDir });
            const address = await app.listen({ port, host: opts.host });
            if (opts.json) printJson({ address, openapi: `${address}/openapi.json` });
            else printLines(`parallel-plan API on ${address} (OpenAPI: ${address}/openapi.json); Ctrl-C stops it`);
            await new Promise<void>((done) => {
              process.once('SIGINT', done);
              process.once('SIGTERM', done);
            });
            await app.close();
            return EXIT.ok;
          }),
        );
      }),
    );
}
