import { costLimitRule, type CostLimitOptions } from '@escape.tech/graphql-armor-cost-limit';
import { GraphQLError, Kind, validate, visit, type DocumentNode, type ValidationRule } from 'graphql';

/**
 * graphql-armor's static field cost, measured on the shape of one item: the document as written but with the values
 * of `first` and `last` left out. NOTE: graphql-armor multiplies a selection's cost by a literal `first`/`last` (not
 * by one given as a variable), so a full 500-job page of a dozen fields cost ~24,000 and was refused, while the same
 * page through `$first` passed. How many items a query may fetch, and how many upstream calls, is GRAPHQL_MAX_COST's
 * business (upstreamCost.ts, with variables known); this limit bounds what is selected per item, the same whichever
 * way the count is written. The rule runs graphql-armor's own on the rewritten document and reports its errors.
 */
export function perItemFieldCostRule(options: CostLimitOptions): ValidationRule {
  const rule = costLimitRule(options);
  return (context) => ({
    Document: {
      enter(document) {
        for (const error of validate(context.getSchema(), withoutCounts(document), [rule])) {
          context.reportError(error instanceof GraphQLError ? error : new GraphQLError(String(error)));
        }
        return false;
      },
    },
  });
}

/** The document with every `first:`/`last:` argument removed (the counts graphql-armor would multiply by). */
function withoutCounts(document: DocumentNode): DocumentNode {
  return visit(document, {
    [Kind.ARGUMENT]: (node) => (node.name.value === 'first' || node.name.value === 'last' ? null : undefined),
  });
}
