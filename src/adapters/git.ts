/**
 * git, for reading a repository: the files it holds, honouring .gitignore. Paths come back
 * relative to `cwd` with forward slashes; `-z` keeps unusual file names intact.
 */
import { execa } from 'execa';
import { badInput, toolFailed, toolMissing } from '../errors.js';

const TIMEOUT_MS = 120_000;

/** Tracked files plus untracked files that are not ignored (what a person sees as the project). */
export async function gitLsFiles(cwd: string, opts: { signal?: AbortSignal } = {}): Promise<string[]> {
  const result = await execa('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'], {
    cwd,
    stdin: 'ignore',
    reject: false,
    timeout: TIMEOUT_MS,
    maxBuffer: 512 * 1024 * 1024,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  if (result.isCanceled) throw toolFailed('git ls-files was cancelled');
  if (result.timedOut) throw toolFailed(`git ls-files timed out after ${TIMEOUT_MS} ms`);
  if (result.exitCode === undefined || (result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw toolMissing('git is not installed or not on PATH', 'install git');
  }
  if (result.exitCode !== 0) {
    if (/not a git repository/i.test(result.stderr)) throw badInput(`${cwd} is not a git repository`, `run \`git init\` in ${cwd}`);
    throw toolFailed(`git ls-files failed (${result.exitCode}): ${result.stderr.trim()}`);
  }
  return result.stdout.split('\0').filter((p) => p !== '');
}
