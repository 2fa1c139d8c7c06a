import { Option, type Command } from 'commander';
import { formatValidationText, validateWorkPackages } from '../../domain/workpackages/validate.js';
import type { GlobMode } from '../../domain/workpackages/overlap.js';
import { readWorkPackagesFile } from '../../io/work-packages-file.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';
import { PlanError } from '../../errors.js';

/** `--glob-mode`, shared by validate and zones. */
export const globModeOption = (): Option =>
  new Option('--glob-mode <mode>', 'how write_allow globs are compared: compat (Python fnmatch, like existing tools) or exact (true intersection)')
    .choices(['compat', 'exact'])
    .default('compat');

export function register(program: Command): void {
  program
    .command('validate')
    .description('check work-packages.yaml files: schema, depends_on, cycles, lock keys (and overlaps with --check-overlap)')
    .argument('<files...>', 'paths to work-packages.yaml files (one or more)')
    .option('--check-overlap', 'also check write scopes and locks of parallel packages')
    .addOption(globModeOption())
    .option('--json', 'print the result as one JSON document (several files: {valid, files: [{file, ...}]})')
    .action(
      action(async (files: string[], opts: { checkOverlap?: boolean; globMode: GlobMode; json?: boolean }) => {
        const check = async (file: string) => validateWorkPackages(await readWorkPackagesFile(file), { checkOverlap: Boolean(opts.checkOverlap), globMode: opts.globMode, file });
        if (files.length === 1) {
          const result = await check(files[0]!);
          if (opts.json) printJson(result);
          else printLines(formatValidationText(result));
          return result.valid ? EXIT.ok : EXIT.invalid;
        }
        // Several files: each is judged; an unreadable one is reported in its place. The exit code
        // is the worst: 2 when a file could not be read, else 1 when one is invalid.
        const results: Array<{ file: string } & (ReturnType<typeof validateWorkPackages> | { error: { message: string; fix: string | null } })> = [];
        let code: number = EXIT.ok;
        for (const file of files) {
          try {
            const r = await check(file);
            results.push({ ...r, file });
            if (!r.valid && code === EXIT.ok) code = EXIT.invalid;
          } catch (err) {
            if (!(err instanceof PlanError) || err.type !== 'BadInput') throw err;
            results.push({ file, error: { message: err.message, fix: err.fix ?? null } });
            code = EXIT.usage;
          }
        }
        if (opts.json) printJson({ valid: code === EXIT.ok, files: results });
        else {
          printLines(
            results
              .map((r) => ('error' in r ? `${r.file}: unreadable: ${r.error.message}${r.error.fix ? `\nFix: ${r.error.fix}` : ''}` : `${r.file}:\n${formatValidationText(r)}`))
              .join('\n\n'),
          );
        }
        return code;
      }),
    );
}
