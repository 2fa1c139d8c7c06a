/**
 * git, for reading a repository: the files it holds, honouring .gitignore. Paths come back
 * relative to `cwd` with forward slashes; `-z` keeps unusual file names intact.
 */
import { execa } from 'execa';
import { badInput, toolFailed, toolMissing, type PlanError } from '../errors.js';

const TIMEOUT_MS = 120_000;

/** git's complaints about the folder itself, as errors a user can act on. */
function repositoryError(cwd: string, stderr: string): PlanError | undefined {
  if (/dubious ownership/i.test(stderr)) {
    return badInput(
      `git refuses to read ${cwd}: the folder belongs to another user ("dubious ownership")`,
      `if you trust it, run \`git config --global --add safe.directory ${cwd}\`, or run parallel-plan as the folder's owner`,
    );
  }
  if (/not a git repository/i.test(stderr)) return badInput(`${cwd} is not a git repository`, `run \`git init\` in ${cwd}, or pass --repo pointing at a git repository`);
  return undefined;
}

const missingGit = (cause: unknown): boolean => (cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** Top folder of the repository that holds `cwd`; a clear error when there is none or git refuses. */
export async function gitTopLevel(cwd: string): Promise<string> {
  const result = await execa('git', ['rev-parse', '--show-toplevel'], { cwd, reject: false, stdin: 'ignore', timeout: TIMEOUT_MS });
  if (missingGit(result.cause)) throw toolMissing('git is not installed or not on PATH', 'install git');
  if (result.exitCode !== 0) throw repositoryError(cwd, result.stderr) ?? toolFailed(`git rev-parse failed (${result.exitCode}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}

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
  if (result.exitCode === undefined || missingGit(result.cause)) throw toolMissing('git is not installed or not on PATH', 'install git');
  if (result.exitCode !== 0) throw repositoryError(cwd, result.stderr) ?? toolFailed(`git ls-files failed (${result.exitCode}): ${result.stderr.trim()}`);
  return result.stdout.split('\0').filter((p) => p !== '');
}
