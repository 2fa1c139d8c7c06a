/** Step progress lines: on a terminal the running step is redrawn in place; elsewhere plain lines. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stepProgress } from '../../src/cli/progress.js';
import { STEPS, type PlanStatus } from '../../src/shared/plan-types.js';

function status(states: Partial<Record<(typeof STEPS)[number], string>>, state = 'running'): PlanStatus {
  const steps = Object.fromEntries(STEPS.map((s) => [s, { status: states[s] ?? 'pending', attempts: 0 }]));
  return { state, steps } as unknown as PlanStatus;
}

function sink(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  return { stream: { isTTY, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream, text: () => out };
}

describe('stepProgress', () => {
  it('writes plain start and end lines with times when not a terminal', () => {
    let t = 0;
    const s = sink(false);
    const p = stepProgress(s.stream, () => t);
    p.update(status({ 'verify-environment': 'running' }));
    t = 1500;
    p.update(status({ 'verify-environment': 'done', 'gather-context': 'running' }));
    t = 4000;
    p.update(status({ 'verify-environment': 'done', 'gather-context': 'failed' }));
    p.stop();
    assert.equal(s.text(), '… verify-environment\n✓ verify-environment  1.5 s\n… gather-context\n✗ gather-context  2.5 s\n');
  });

  it("takes a step's time from the workflow when it has one (a step that ran between two polls), and says awaiting approval once", () => {
    const s = sink(false);
    const p = stepProgress(s.stream, () => 0);
    p.update(status({ 'scaffold-proposal': 'pending' }));
    const done = status({ 'scaffold-proposal': 'done', 'present-for-approval': 'running' }, 'awaiting-approval');
    done.steps['scaffold-proposal'].ms = 2300;
    p.update(done);
    p.update(done);
    p.stop();
    assert.equal(s.text(), '✓ scaffold-proposal  2.3 s\n… awaiting approval\n');
  });

  it('redraws the running step in place on a terminal and leaves the finished lines', () => {
    let t = 0;
    const s = sink(true);
    const p = stepProgress(s.stream, () => t);
    p.update(status({ 'verify-environment': 'running' }));
    t = 200;
    p.update(status({ 'verify-environment': 'done' }));
    p.stop();
    assert.match(s.text(), /^\r\x1b\[2K⠋ verify-environment {2}0\.0 s/);
    assert.match(s.text(), /\r\x1b\[2K✓ verify-environment {2}0\.2 s\n/);
  });
});
