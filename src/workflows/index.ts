export { parallelPlanFeature } from './parallelPlanFeature.js';
export { contextFacetWorkflow } from './contextFacet.js';
export { lockRegistryWorkflow } from './lockRegistry.js';
export { dispatchWorkflow, workPackageWorkflow } from './dispatch.js';
export { repositoryMemoryWorkflow } from './repositoryMemory.js';
