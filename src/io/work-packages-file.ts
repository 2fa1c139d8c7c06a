/**
 * Loading work-packages.yaml from disk: the file-system half of `parseWorkPackagesYaml`.
 * The size is checked before reading so a huge file is never loaded into memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { badInput, PlanError } from '../errors.js';
import { MAX_WORK_PACKAGES_BYTES, parseWorkPackagesYaml } from '../domain/workpackages/parse.js';

export async function readWorkPackagesFile(path: string): Promise<unknown> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw badInput(`${path}: unreadable input: not a regular file`);
    size = info.size;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') {
      throw badInput(`${path}: unreadable input: file not found`, 'Pass the path of a work-packages.yaml file.');
    }
    throw err instanceof PlanError ? err : badInput(`${path}: unreadable input: ${String(err)}`);
  }
  if (size > MAX_WORK_PACKAGES_BYTES) {
    throw badInput(`${path}: unreadable input: larger than ${MAX_WORK_PACKAGES_BYTES} bytes (${size})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (err) {
    throw badInput(`${path}: unreadable input: not UTF-8 text (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseWorkPackagesYaml(text, path);
}
