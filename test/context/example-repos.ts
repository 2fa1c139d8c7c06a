/**
 * The shipped example repositories as real git repositories (prepared once per test process by
 * src/examples/prepare.ts), plus small helpers for fixture repositories and run folders.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { prepareExample } from '../../src/examples/prepare.js';

export type ExampleName = 'taskboard' | 'pantry-py';

const repos = new Map<ExampleName, Promise<string>>();

export function exampleRepo(name: ExampleName): Promise<string> {
  let repo = repos.get(name);
  if (!repo) {
    repo = prepareExample(name);
    repos.set(name, repo);
  }
  return repo;
}

/** `git init` + `git add -A`: enough for `git ls-files` to see the folder like a checkout. */
export async function gitInit(dir: string): Promise<void> {
  await execa('git', ['init', '-q'], { cwd: dir });
  await execa('git', ['add', '-A'], { cwd: dir });
}

export const tempRunDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'pp-run-'));
