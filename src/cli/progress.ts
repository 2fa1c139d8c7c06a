/**
 * Step progress of a plan on the terminal (stderr): one line per step as it starts and ends, with
 * its time. On a TTY the running step's line is redrawn with a spinner and the elapsed time; when
 * not a TTY, plain lines only (logs stay readable). Nothing is printed with --json.
 */
import { STEPS, type PlanStatus, type StepName } from '../shared/plan-types.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const MARK: Record<string, string> = { done: '✓', failed: '✗', skipped: '-' };

export interface Progress {
  /** Feed each status seen (waitForState's onProgress). */
  update(status: PlanStatus): void;
  /** Ends the running line. */
  stop(): void;
}

export function stepProgress(out: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): Progress {
  const tty = Boolean(out.isTTY);
  const seen = new Map<StepName, string>();
  const started = new Map<StepName, number>();
  let running: StepName | undefined;
  const announced = new Set<number>();
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const secs = (step: StepName): string => `${((now() - (started.get(step) ?? now())) / 1000).toFixed(1)} s`;
  const clear = (): void => {
    if (tty && running) out.write('\r\x1b[2K');
  };
  const draw = (): void => {
    if (tty && running) out.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${running}  ${secs(running)}`);
  };
  return {
    update(status) {
      for (const step of STEPS) {
        const state = status.steps[step]?.status ?? 'pending';
        const before = seen.get(step);
        if (state === before) continue;
        seen.set(step, state);
        // Waiting for a decision is said once, as "awaiting approval", below.
        if (state === 'running' && step === 'present-for-approval') continue;
        if (state === 'running') {
          started.set(step, now());
          clear();
          running = step;
          if (!tty) out.write(`… ${step}\n`);
          else {
            draw();
            timer ??= setInterval(draw, 120);
          }
        } else if (state in MARK && before !== undefined) {
          clear();
          if (running === step) running = undefined;
          // The workflow records each step's time; a step that ran between two polls has one too.
          const ms = status.steps[step]?.ms;
          const note = state === 'skipped' ? '' : `  ${ms !== undefined ? (ms / 1000).toFixed(1) + ' s' : secs(step)}`;
          out.write(`${MARK[state]} ${step}${note}${state === 'failed' && status.steps[step]?.message ? `: ${status.steps[step]!.message}` : ''}\n`);
          draw();
        }
      }
      if (status.state === 'awaiting-approval' && !announced.has(status.revision)) {
        announced.add(status.revision);
        clear();
        running = undefined;
        out.write('… awaiting approval\n');
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      clear();
      running = undefined;
    },
  };
}
