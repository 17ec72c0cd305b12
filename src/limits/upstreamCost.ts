import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type ArgumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_WINDOW, MAX_WINDOW } from '../atlas/pagination';
import { MAX_NODES } from '../config';
import { queryTooComplex } from './limitError';

/** Cost units of one upstream call; an item asked for costs 1. */
export const UPSTREAM_CALL_COST = 10;

/** The worst case of one operation: upstream calls, items asked for, and their cost. */
export interface UpstreamCostEstimate {
  upstreamCalls: number;
  items: number;
  cost: number;
}

/**
 * Estimates what an operation can cost upstream, root field by root field (nested fields are read from the model
 * and cost no call): `restoreJob` and `node` one call; `nodes` and `_entities` one per id; `restoreJobs` its window
 * (`first`/`last`, default 20, at most 500) in items and two pages (three for `last` without `before`, which probes
 * the list's length first). NOTE: this is a rule of our own rather than graphql-armor's costLimit because the figures
 * depend on argument values, often variables, which validation rules cannot see; it runs once variables are known.
 * It is an estimate of the usual worst case: a `last` whose list hides its length may walk further (connection.ts).
 */
export function estimateUpstreamCost(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): UpstreamCostEstimate {
  let upstreamCalls = 0;
  let items = 0;
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      } else {
        const args = selection.arguments ?? [];
        switch (selection.name.value) {
          case 'restoreJob':
          case 'node':
          // A subscription polls one job (one call per tick, shared with every subscriber of the job).
          case 'restoreJobUpdates':
            upstreamCalls += 1;
            items += 1;
            break;
          case 'nodes': {
            const n = Math.min(listLength(args, 'ids', variables) ?? MAX_NODES, MAX_NODES);
            upstreamCalls += n;
            items += n;
            break;
          }
          case '_entities': {
            const n = listLength(args, 'representations', variables) ?? 1;
            upstreamCalls += n;
            items += n;
            break;
          }
          case 'restoreJobs': {
            const first = numberArg(args, 'first', variables);
            const last = numberArg(args, 'last', variables);
            const count = Math.min(Math.max(0, Math.floor(first ?? last ?? DEFAULT_WINDOW)), MAX_WINDOW);
            const fromEnd = last !== null && first === null && !hasValue(args, 'before', variables);
            items += count;
            upstreamCalls += count === 0 ? 1 : fromEnd ? 3 : 2;
            break;
          }
          default:
            break;
        }
      }
    }
  };
  if (operation.operation === 'query' || operation.operation === 'subscription') visit(operation.selectionSet, new Set());
  return { upstreamCalls, items, cost: items + UPSTREAM_CALL_COST * upstreamCalls };
}

/** Rejects, before execution, an operation whose {@link estimateUpstreamCost} exceeds `maxCost` (QUERY_TOO_COMPLEX). */
export function upstreamCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const estimate = estimateUpstreamCost(operation, fragments, request.variables ?? {});
          if (estimate.cost > maxCost) {
            throw queryTooComplex(
              'cost',
              maxCost,
              `Query cost limit of ${maxCost} exceeded, found ${estimate.cost} (${estimate.items} items, ${estimate.upstreamCalls} upstream calls at ${UPSTREAM_CALL_COST} each).`,
            );
          }
        },
      };
    },
  };
}

function argument(args: readonly ArgumentNode[], name: string): ValueNode | undefined {
  return args.find((a) => a.name.value === name)?.value;
}

function resolve(value: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (value === undefined) return undefined;
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value.kind === Kind.INT || value.kind === Kind.FLOAT) return Number(value.value);
  if (value.kind === Kind.NULL) return null;
  if (value.kind === Kind.LIST) return value.values;
  return value;
}

function numberArg(args: readonly ArgumentNode[], name: string, variables: Record<string, unknown>): number | null {
  const value = resolve(argument(args, name), variables);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function hasValue(args: readonly ArgumentNode[], name: string, variables: Record<string, unknown>): boolean {
  const value = resolve(argument(args, name), variables);
  return value !== undefined && value !== null;
}

function listLength(args: readonly ArgumentNode[], name: string, variables: Record<string, unknown>): number | null {
  const value = resolve(argument(args, name), variables);
  if (Array.isArray(value)) return value.length;
  // GraphQL input coercion turns a single value into a list of one.
  return value === undefined || value === null ? null : 1;
}
