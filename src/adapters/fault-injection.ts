/**
 * Test-only switch for the reliability tests: PARALLEL_PLAN_INJECT_FAULTS on a worker makes the
 * first N calls of a tool in that process fail as a crashed tool would (`ToolFailed`, which the
 * activity profiles retry with backoff), or every call with `always` (the plan then fails after
 * its retries, naming the tool and the output). Example: `openspec=1,prism=1,git=1,author=always`.
 * `hold=<activity>` makes that activity, once its work is done, wait without reporting until the
 * process is killed, after a line on standard error: the fault matrix kills the worker there.
 * Unset (always, outside tests), it costs one environment lookup per tool or activity call.
 */
import { toolFailed } from '../errors.js';

export const FAULT_TOOLS = ['openspec', 'prism', 'postgres', 'git', 'author'] as const;
export type FaultTool = (typeof FAULT_TOOLS)[number];

const calls = new Map<FaultTool, number>();

/** The switch's `name=value` entries (one reader for tools and holds). */
function entries(): Array<[string, string]> {
  const spec = process.env.PARALLEL_PLAN_INJECT_FAULTS;
  if (!spec) return [];
  return spec.split(',').map((part) => {
    const [name = '', value = ''] = part.split('=').map((x) => x.trim());
    return [name, value];
  });
}

function planned(tool: FaultTool): number | 'always' | undefined {
  const count = entries().find(([name]) => name === tool)?.[1];
  if (count === undefined) return undefined;
  if (count === 'always') return 'always';
  const n = Number(count);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Throws the injected failure of `tool` when one is due; otherwise does nothing. */
export function injectFault(tool: FaultTool, what: string): void {
  const plan = planned(tool);
  if (plan === undefined) return;
  const n = (calls.get(tool) ?? 0) + 1;
  calls.set(tool, n);
  if (plan !== 'always' && n > plan) return;
  throw toolFailed(`${what} failed (injected fault ${n}${plan === 'always' ? '' : ` of ${plan}`}): exit code 1; stderr: ${tool}: simulated crash for the reliability tests`);
}

/** Forgets the calls counted so far (tests that run several plans in one process). */
export function resetInjectedFaults(): void {
  calls.clear();
}

/**
 * With `hold=<name>` in PARALLEL_PLAN_INJECT_FAULTS: the activity `name` has done its work and
 * now waits forever (heartbeating, so the server sees it running) until the worker is killed.
 */
export async function holdIfInjected(name: string): Promise<void> {
  if (!entries().some(([key, value]) => key === 'hold' && value === name)) return;
  process.stderr.write(`parallel-plan: holding activity ${name} after its work (injected fault)\n`);
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
