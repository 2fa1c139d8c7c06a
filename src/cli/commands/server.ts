import type { Command } from 'commander';
import { stateDir as defaultStateDir } from '../../config/paths.js';
import { ensureDevServer, serverStatus, stopDevServer } from '../../server/dev-server.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';

interface ServerOptions {
  stateDir?: string;
  json?: boolean;
  port?: number;
}

export function register(program: Command): void {
  const server = program.command('server').description('manage the embedded Temporal dev server (SQLite state, web UI)');
  const common = (c: Command): Command =>
    c.option('--state-dir <dir>', 'state folder (default ~/.parallel-plan)').option('--json', 'print one JSON document');

  common(server.command('start').description('start the server, or report the one already running'))
    .option('--port <port>', 'gRPC port (default 7233, or a free one)', (v) => Number.parseInt(v, 10))
    .action(
      action(async (opts: ServerOptions) => {
        const info = await ensureDevServer({ stateDir: defaultStateDir(opts.stateDir), port: opts.port });
        if (opts.json) printJson(info);
        else printLines([`${info.reused ? 'Already running' : 'Started'}: ${info.address}`, `Web UI: ${info.uiUrl}`, ...(info.dbFile ? [`State: ${info.dbFile}`] : [])]);
        return EXIT.ok;
      }),
    );
  common(server.command('stop').description('stop the embedded server (its state file stays)')).action(
    action(async (opts: ServerOptions) => {
      const res = await stopDevServer(defaultStateDir(opts.stateDir));
      if (opts.json) printJson(res);
      else printLines(res.stopped ? `Stopped the server at ${res.info?.address}.` : 'No embedded server is running.');
      return EXIT.ok;
    }),
  );
  common(server.command('status').description('is the embedded server running?')).action(
    action(async (opts: ServerOptions) => {
      const res = await serverStatus(defaultStateDir(opts.stateDir));
      if (opts.json) printJson(res);
      else printLines(res.running && res.info ? [`Running: ${res.info.address} (pid ${res.info.pid})`, `Web UI: ${res.info.uiUrl}`] : 'Not running.');
      return res.running ? EXIT.ok : EXIT.invalid;
    }),
  );
}
