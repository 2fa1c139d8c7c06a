import type { Command } from 'commander';
import type { GlobMode } from '../../domain/workpackages/overlap.js';
import { formatZonesText, parallelZones } from '../../domain/workpackages/zones.js';
import { readWorkPackagesFile } from '../../io/work-packages-file.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';
import { globModeOption } from './validate.js';

export function register(program: Command): void {
  program
    .command('zones')
    .description('list the packages of a work-packages.yaml that run in parallel, and their scope and lock overlaps')
    .argument('<file>', 'path to work-packages.yaml')
    .addOption(globModeOption())
    .option('--json', 'print the result as one JSON document')
    .action(
      action(async (file: string, opts: { globMode: GlobMode; json?: boolean }) => {
        const zones = parallelZones(await readWorkPackagesFile(file), { globMode: opts.globMode, file });
        if (opts.json) printJson(zones);
        else printLines(formatZonesText(zones));
        return zones.valid ? EXIT.ok : EXIT.invalid;
      }),
    );
}
