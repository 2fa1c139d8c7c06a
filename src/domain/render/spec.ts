/** specs/<capability>/spec.md deltas in OpenSpec's format. Pure. */
import type { Capability, Requirement } from '../draft.js';
import { doc, headerText, oneLine } from './markdown.js';

function requirement(r: Requirement): string {
  const scenarios = r.scenarios.map((s) =>
    [
      `#### Scenario: ${headerText(s.name)}`,
      ...(s.given ? [`- **GIVEN** ${oneLine(s.given)}`] : []),
      `- **WHEN** ${oneLine(s.when)}`,
      `- **THEN** ${oneLine(s.then)}`,
    ].join('\n'),
  );
  // Requirement text is kept as written (it may span paragraphs) but must not open a header.
  const text = r.text.trim().replace(/^#+\s*/gm, '');
  return [`### Requirement: ${headerText(r.name)}`, text, ...scenarios].join('\n\n');
}

export function renderSpecDelta(capability: Capability): string {
  const section = (op: Requirement['operation']) => {
    const reqs = capability.requirements.filter((r) => r.operation === op);
    return reqs.length > 0 ? `## ${op} Requirements\n\n${reqs.map(requirement).join('\n\n')}` : undefined;
  };
  return doc([section('ADDED'), section('MODIFIED')]);
}
