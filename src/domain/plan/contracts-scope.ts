/** The contracts folder as a write scope: owned by wp-contracts, denied to everyone after it. */
import { contractsDir } from '../contracts/manifest.js';

export const contractsGlob = (changeId: string): string => `${contractsDir(changeId)}/**`;
