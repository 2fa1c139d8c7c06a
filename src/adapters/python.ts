/**
 * Python with the project's pydantic (.tools/python): imports a generated models.py and
 * validates example payloads against its models, in JSON mode as a server would receive them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { toolsDir } from '../config/paths.js';
import { existsSync } from 'node:fs';
import { toolFailed, toolMissing } from '../errors.js';
import { fail, outputLines, pass, type CheckOutcome } from './check-outcome.js';

export interface ModelCase {
  where: string;
  model: string;
  list: boolean;
  example: unknown;
}

const TIMEOUT_MS = 120_000;

/** Loads models.py by path (it is not a package), checks `__all__`, validates each case. */
const CHECK_SCRIPT = `
import importlib.util, json, sys
from pydantic import TypeAdapter, ValidationError

spec = importlib.util.spec_from_file_location("contract_models", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
sys.modules["contract_models"] = mod
spec.loader.exec_module(mod)

with open(sys.argv[2], encoding="utf-8") as fh:
    cases = json.load(fh)

problems = []
exported = getattr(mod, "__all__", None)
if not isinstance(exported, list):
    problems.append("models.py has no __all__ list")
    exported = []
for name in exported:
    if not hasattr(mod, name):
        problems.append(f"__all__ names {name}, which models.py does not define")

for case in cases:
    model = getattr(mod, case["model"], None)
    if model is None or case["model"] not in exported:
        problems.append(f"{case['where']}: no exported model {case['model']}")
        continue
    adapter = TypeAdapter(list[model] if case["list"] else model)
    try:
        adapter.validate_json(json.dumps(case["example"]))
    except ValidationError as err:
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in err.errors())
        problems.append(f"{case['where']} is not a valid {case['model']}: {detail}")

print(json.dumps({"models": len(exported), "cases": len(cases), "problems": problems}))
`;

/**
 * The project's Python: the virtual environment `npm run setup` makes (`.tools/venv`, with the
 * pinned pydantic, PyYAML and jsonschema), else `$PYTHON`, else `python3` with the packages the
 * machine has.
 */
export function pythonExecutable(): string {
  const venv = join(toolsDir, 'venv', process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  if (existsSync(venv)) return venv;
  return process.env.PYTHON ?? 'python3';
}

/** PYTHONPATH of a run: the caller's, minus anything that would shadow the environment's packages. */
export function pythonPath(): string {
  return existsSync(join(toolsDir, 'venv')) ? '' : [join(toolsDir, 'python'), process.env.PYTHONPATH].filter(Boolean).join(delimiter);
}

export async function checkModels(modelsFile: string, cases: readonly ModelCase[], opts: { signal?: AbortSignal } = {}): Promise<CheckOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'pp-pycheck-'));
  try {
    const script = join(dir, 'check_models.py');
    const data = join(dir, 'cases.json');
    await writeFile(script, CHECK_SCRIPT);
    await writeFile(data, JSON.stringify(cases));
    const result = await execa(pythonExecutable(), [script, modelsFile, data], {
      env: { PYTHONPATH: pythonPath(), PYTHONDONTWRITEBYTECODE: '1' },
      stdin: 'ignore',
      reject: false,
      timeout: TIMEOUT_MS,
      ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    });
    if (result.isCanceled) throw toolFailed('python was cancelled');
    if (result.timedOut) throw toolFailed(`python timed out after ${TIMEOUT_MS} ms`);
    if (result.exitCode === undefined) {
      throw toolMissing(`${pythonExecutable()} could not run: ${result.shortMessage ?? ''}`, 'install Python 3.10+ or set PYTHON');
    }
    if (/No module named '(pydantic|email_validator)'/.test(result.stderr)) {
      throw toolMissing('pydantic or email-validator is not installed for the contract check', 'run `npm run setup` (installs them into .tools/python)');
    }
    if (result.exitCode !== 0) return fail(`models.py failed to import or check:`, ...outputLines(result.stderr, 20));
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { models: number; cases: number; problems: string[] };
    return report.problems.length > 0
      ? fail(...report.problems)
      : pass(`models.py imported (${report.models} models), ${report.cases} example(s) valid`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
