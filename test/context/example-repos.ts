/**
 * The shipped example repositories as real git repositories: each is copied once per test
 * process into a temp folder, `git init` + `git add`, so `git ls-files` sees it like a checkout.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { projectRoot } from '../../src/config/paths.js';

export type ExampleName = 'taskboard' | 'pantry-py';

const repos = new Map<ExampleName, Promise<string>>();

export async function gitInit(dir: string): Promise<void> {
  await execa('git', ['init', '-q'], { cwd: dir });
  await execa('git', ['add', '-A'], { cwd: dir });
}

export function exampleRepo(name: ExampleName): Promise<string> {
  let repo = repos.get(name);
  if (!repo) {
    repo = (async () => {
      const dir = join(await mkdtemp(join(tmpdir(), `pp-example-${name}-`)), name);
      await cp(join(projectRoot, 'examples', name), dir, { recursive: true });
      await gitInit(dir);
      return dir;
    })();
    repos.set(name, repo);
  }
  return repo;
}

export const tempRunDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'pp-run-'));
