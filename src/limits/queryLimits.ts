import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { QueryLimits } from '../config';
import { perItemFieldCostRule } from './fieldCost';
import { knownOperationTypesRule } from './knownOperationTypes';
import { queryTooComplex, type LimitName } from './limitError';
import { upstreamCostPlugin, type UpstreamCostOptions } from './upstreamCost';

export type { QueryLimits };

/** What Apollo Server needs to enforce the limits. */
export interface ApolloLimits {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
}

/**
 * The limits as Apollo Server options. Depth, aliases, directives and the static field cost (per item: fieldCost.ts)
 * are graphql-armor's validation rules, each reporting a QUERY_TOO_COMPLEX error; root fields are a small rule here; the upstream cost
 * needs variable values, so it is a plugin (upstreamCost.ts). Operations of a root type the graph lacks are refused
 * in validation too (knownOperationTypes.ts). Suggestions ("Did you mean …") are removed in production by
 * src/errors.ts's formatError, where introspection is off too: graphql-armor's blockFieldSuggestion matched only
 * `Did you mean "…"`, so enum values (`Did you mean the enum value "…"?`) passed, and it left the `?` behind.
 * NOTE: graphql-armor's maxTokens plugin throws from `parsingDidStart`, which Apollo Server 5 answers with HTTP 500;
 * graphql-js's own `maxTokens` parse option gives a 400 instead, and src/errors.ts's formatError gives it the limit's code.
 */
export function apolloLimits(limits: QueryLimits, options?: UpstreamCostOptions): ApolloLimits {
  const report =
    (limit: LimitName, max: number) =>
    (context: ValidationContext | null, error: GraphQLError): void => {
      context?.reportError(queryTooComplex(limit, max, error.message.replace(/^Syntax Error: /, '')));
    };
  const rejecting = (limit: LimitName, max: number) => ({ propagateOnRejection: false, onReject: [report(limit, max)] });
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...rejecting('depth', limits.maxDepth) },
    maxAliases: { n: limits.maxAliases, ...rejecting('aliases', limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, ...rejecting('directives', limits.maxDirectives) },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: [...armor.plugins, upstreamCostPlugin(limits.maxCost, options)],
    validationRules: [
      knownOperationTypesRule,
      ...armor.validationRules,
      perItemFieldCostRule({ maxCost: limits.maxFieldCost, ...rejecting('fieldCost', limits.maxFieldCost) }),
      maxRootFieldsRule(limits.maxRootFields),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** Rejects an operation with more than `max` root fields (fragments and inline fragments counted through). */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const count = countRootFields(node.selectionSet, context, new Set());
      if (count > max) {
        context.reportError(queryTooComplex('rootFields', max, `Root field limit of ${max} exceeded, found ${count}.`));
      }
    },
  });
}

function countRootFields(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, context, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}
