import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Rejects a mutation or subscription on a schema without that root type, as a validation error (HTTP 400).
 * NOTE: graphql-js 16 only finds this out at execution ("Schema is not configured to execute … operation"), which
 * Apollo Server reports as INTERNAL_SERVER_ERROR; graphql-js 17 adds the same check as KnownOperationTypesRule.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This graph has no ${node.operation} operations.`, { nodes: node }));
    }
  },
});
