/**
 * Where a change's contracts live, and the `contracts` section of work-packages.yaml.
 *
 * The contract generator owns the real layout; until it exports `contractsSection`, this
 * module writes the same fixed layout so work packages can point agents at the right files.
 */
import type { WorkPackagesDoc } from '../workpackages/types.js';

export const changeDir = (changeId: string): string => `openspec/changes/${changeId}`;
export const contractsDir = (changeId: string): string => `${changeDir(changeId)}/contracts`;
/** Write scope of the contracts package: everything under the change's contracts folder. */
export const contractsGlob = (changeId: string): string => `${contractsDir(changeId)}/**`;
export const openApiPrimary = (changeId: string): string => `${contractsDir(changeId)}/openapi/v1.yaml`;

export const PRISM_PORT = 4010;
export const prismCommand = (changeId: string): string => `npx prism mock ${openApiPrimary(changeId)} -p ${PRISM_PORT}`;

export function contractsSectionFromLayout(changeId: string, revision: number): WorkPackagesDoc['contracts'] {
  const primary = openApiPrimary(changeId);
  const generated = `${contractsDir(changeId)}/generated`;
  return {
    revision,
    openapi: { primary, files: [primary] },
    generated: { pydantic_dir: `${generated}/pydantic`, typescript_dir: `${generated}/typescript` },
    mocks: {
      prism: {
        enabled: true,
        command: prismCommand(changeId),
        base_url: `http://127.0.0.1:${PRISM_PORT}`,
      },
    },
  };
}
