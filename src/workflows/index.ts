export { parallelPlanFeature } from './parallelPlanFeature.js';
export { contextFacetWorkflow } from './contextFacet.js';
export { lockRegistryWorkflow } from './lockRegistry.js';
