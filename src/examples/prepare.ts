/**
 * The example repositories shipped under examples/ are plain folders; planning needs a git
 * repository. This copies one into a fresh folder and commits it, so runs never touch the originals.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { projectRoot } from '../config/paths.js';
import { badInput } from '../errors.js';

export const examplesDir = join(projectRoot, 'examples');

export function exampleNames(): string[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(examplesDir, d.name, 'openspec')))
    .map((d) => d.name)
    .sort();
}

export async function prepareExample(name: string, into?: string): Promise<string> {
  if (!exampleNames().includes(name)) {
    throw badInput(`no example named '${name}'`, `choose one of: ${exampleNames().join(', ')}`);
  }
  const dir = into ? resolve(into) : join(mkdtempSync(join(tmpdir(), `parallel-plan-${name}-`)), name);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw badInput(`${dir} is a file, not a folder`, 'pass a new or empty folder');
  if (existsSync(dir) && readdirSync(dir).length > 0) throw badInput(`${dir} exists and is not empty`, 'pass a new or empty folder');
  cpSync(join(examplesDir, name), dir, { recursive: true });
  await commitAsRepository(dir, `example ${name}`);
  return dir;
}

/** Makes `dir` a git repository whose one commit holds everything in it. */
export async function commitAsRepository(dir: string, message: string): Promise<void> {
  const git = (...args: string[]) => execa('git', args, { cwd: dir, stdin: 'ignore' });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('-c', 'user.name=parallel-plan', '-c', 'user.email=parallel-plan@localhost', 'commit', '-q', '-m', message);
}
