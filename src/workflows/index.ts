export { parallelPlanFeature } from './parallelPlanFeature.js';
export { contextFacetWorkflow } from './contextFacet.js';
