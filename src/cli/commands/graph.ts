import type { Command } from 'commander';
import { dagReport, formatDagReportText, renderMermaid } from '../../domain/workpackages/graph.js';
import { readWorkPackagesFile } from '../../io/work-packages-file.js';
import { EXIT, printJson, printLines } from '../output.js';
import { action } from '../run-action.js';

export function register(program: Command): void {
  program
    .command('graph')
    .description('show the dependency graph of a work-packages.yaml: order, waves, critical path, parallel width')
    .argument('<file>', 'path to work-packages.yaml')
    .option('--json', 'print the report as one JSON document')
    .option('--mermaid', 'print a Mermaid flowchart instead')
    .action(
      action(async (file: string, opts: { json?: boolean; mermaid?: boolean }) => {
        const doc = await readWorkPackagesFile(file);
        const report = dagReport(doc);
        if (opts.mermaid) printLines(renderMermaid(doc));
        else if (opts.json) printJson(report);
        else printLines(formatDagReportText(report));
        // A cyclic graph has no schedule: report it, but as a judged (invalid) input.
        return report.cycles.length > 0 ? EXIT.invalid : EXIT.ok;
      }),
    );
}
