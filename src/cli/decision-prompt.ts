/**
 * After `plan` on a terminal: ask for the decision there and then (approve, reject, request
 * changes, or decide later), so a person at a terminal does not need a second command. Only when
 * stdin and stdout are terminals and --json is not given; `--no-prompt` turns it off.
 */
import { createInterface } from 'node:readline/promises';
import type { DecisionKind } from '../service/plans.js';

export interface PromptedDecision {
  kind: DecisionKind;
  comment?: string;
}

const CHOICES: Record<string, DecisionKind | 'later'> = { a: 'approve', approve: 'approve', r: 'reject', reject: 'reject', c: 'request-changes', change: 'request-changes', q: 'later', later: 'later', '': 'later' };

/** Asks until the answer is one of the choices; `undefined` means decide later (or input ended). */
export async function askDecision(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, changeId: string): Promise<PromptedDecision | undefined> {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string): Promise<string | undefined> => {
    output.write(question);
    const next = await lines.next();
    return next.done ? undefined : String(next.value).trim();
  };
  try {
    for (;;) {
      const answer = (await ask(`Decide on ${changeId} now? [a]pprove, [r]eject, [c]hange (request changes), [q] later: `))?.toLowerCase();
      if (answer === undefined) return undefined;
      const kind = CHOICES[answer];
      if (kind === undefined) {
        output.write(`'${answer}' is not one of a, r, c, q\n`);
        continue;
      }
      if (kind === 'later') return undefined;
      if (kind === 'request-changes') {
        const comment = await ask('What should change? ');
        if (comment === undefined) return undefined;
        if (!comment) {
          output.write('request-changes needs a comment; nothing sent\n');
          continue;
        }
        return { kind, comment };
      }
      const note = await ask('Comment (optional): ');
      return { kind, ...(note ? { comment: note } : {}) };
    }
  } finally {
    rl.close();
  }
}

/** A yes/no question on the terminal; only `y` or `yes` (any case) is yes, end of input is no. */
export async function askYesNo(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, question: string): Promise<boolean> {
  const rl = createInterface({ input, terminal: false });
  try {
    output.write(`${question} [y/N] `);
    const next = await rl[Symbol.asyncIterator]().next();
    return !next.done && /^(y|yes)$/i.test(String(next.value).trim());
  } finally {
    rl.close();
  }
}
