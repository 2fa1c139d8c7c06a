import type { Command } from 'commander';
import { exampleNames, prepareExample } from '../../examples/prepare.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';

export function register(program: Command): void {
  program
    .command('example')
    .description('copy a bundled example repository into a new git repository and print its path')
    .argument('[name]', `example name (${exampleNames().join(', ')})`, 'taskboard')
    .option('--dir <dir>', 'where to put it (default: a new temporary folder)')
    .option('--json', 'print one JSON document')
    .action(
      action(async (name: string, opts: { dir?: string; json?: boolean }) => {
        const dir = await prepareExample(name, opts.dir);
        if (opts.json) printJson({ example: name, path: dir });
        else printLines(dir);
        return EXIT.ok;
      }),
    );
}
