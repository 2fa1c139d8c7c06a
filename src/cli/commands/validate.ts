import { Option, type Command } from 'commander';
import { formatValidationText, validateWorkPackages } from '../../domain/workpackages/validate.js';
import type { GlobMode } from '../../domain/workpackages/overlap.js';
import { readWorkPackagesFile } from '../../io/work-packages-file.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';

/** `--glob-mode`, shared by validate and zones. */
export const globModeOption = (): Option =>
  new Option('--glob-mode <mode>', 'how write_allow globs are compared: compat (Python fnmatch, like existing tools) or exact (true intersection)')
    .choices(['compat', 'exact'])
    .default('compat');

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a work-packages.yaml: schema, depends_on, cycles, lock keys (and overlaps with --check-overlap)')
    .argument('<file>', 'path to work-packages.yaml')
    .option('--check-overlap', 'also check write scopes and locks of parallel packages')
    .addOption(globModeOption())
    .option('--json', 'print the result as one JSON document')
    .action(
      action(async (file: string, opts: { checkOverlap?: boolean; globMode: GlobMode; json?: boolean }) => {
        const doc = await readWorkPackagesFile(file);
        const result = validateWorkPackages(doc, { checkOverlap: Boolean(opts.checkOverlap), globMode: opts.globMode, file });
        if (opts.json) printJson(result);
        else printLines(formatValidationText(result));
        return result.valid ? EXIT.ok : EXIT.invalid;
      }),
    );
}
