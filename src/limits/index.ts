/** Query limits: graphql-armor's rules, a root-field rule, the upstream cost plugin, and their error. */
export { apolloLimits, maxRootFieldsRule, type ApolloLimits, type QueryLimits } from './queryLimits';
export { estimateUpstreamCost, upstreamCostPlugin, UPSTREAM_CALL_COST, type UpstreamCostEstimate } from './upstreamCost';
export { queryTooComplex, type LimitName } from './limitError';
