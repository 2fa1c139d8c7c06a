/**
 * The TypeScript compiler of this project (node_modules/.bin/tsc, never the target's), used to
 * prove generated types compile under `--strict`.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { npmBin } from '../config/paths.js';
import { toolFailed, toolMissing } from '../errors.js';
import { fail, outputLines, pass, type CheckOutcome } from './check-outcome.js';

const TIMEOUT_MS = 120_000;

export async function typecheckFile(file: string, opts: { signal?: AbortSignal; cwd?: string } = {}): Promise<CheckOutcome> {
  const bin = npmBin('tsc');
  if (!existsSync(bin)) throw toolMissing(`tsc not found at ${bin}`, 'run `npm install` in the parallel-plan folder');
  // With a file argument tsc ignores any tsconfig.json, so the check does not depend on the target repository.
  const args = ['--noEmit', '--strict', '--pretty', 'false', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'bundler', '--skipLibCheck', file];
  const result = await execa(bin, args, {
    cwd: opts.cwd,
    stdin: 'ignore',
    reject: false,
    timeout: TIMEOUT_MS,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  if (result.isCanceled) throw toolFailed('tsc was cancelled');
  if (result.timedOut) throw toolFailed(`tsc timed out after ${TIMEOUT_MS} ms`);
  if (result.exitCode === 0) return pass('tsc --noEmit --strict: no errors');
  if (result.exitCode === undefined) throw toolFailed(`tsc could not run: ${result.shortMessage ?? ''}`, result.cause);
  return fail(...outputLines(`${result.stdout}\n${result.stderr}`));
}
