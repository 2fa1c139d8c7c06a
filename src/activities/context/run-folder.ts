/** Where context gathering writes its files inside the run folder. */
import { join } from 'node:path';
import type { FacetName } from '../../domain/context/types.js';

export const contextDir = (runDir: string): string => join(runDir, 'context');
export const fileListPath = (runDir: string, facet: FacetName): string => join(contextDir(runDir), `files.${facet}.json`);
export const facetPath = (runDir: string, facet: FacetName): string => join(contextDir(runDir), `${facet}.json`);
export const shardPath = (runDir: string, start: number, end: number): string =>
  join(contextDir(runDir), 'shards', `code.${start}-${end}.json`);
export const mergedPath = (runDir: string): string => join(contextDir(runDir), 'context.json');
export const impactPath = (runDir: string): string => join(contextDir(runDir), 'impact.json');
