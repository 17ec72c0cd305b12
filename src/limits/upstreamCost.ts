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
import { DEFAULT_PROJECT_VIEW, MAX_NODES } from '../config';
import { queryTooComplex } from './limitError';

/** Cost units of one upstream call; an item asked for costs 1. */
export const UPSTREAM_CALL_COST = 10;

/** The worst case of one operation: upstream calls, items asked for, and their cost. */
export interface UpstreamCostEstimate {
  upstreamCalls: number;
  items: number;
  cost: number;
}

/** What the estimate needs from the settings. */
export interface UpstreamCostOptions {
  /** `PROJECT_MAX_CLUSTERS`: most clusters one `projectRestoreJobs` page reads. */
  projectMaxClusters: number;
}

/**
 * `projectRestoreJobs`' worst case: its `first` in items, and the project's two cluster lists plus one list call per
 * cluster it may read, which is at most `PROJECT_MAX_CLUSTERS` (a page that would read more is refused), or the
 * number of `filter.clusterNames` when fewer; twice that with `filter.includeLegacyBackup` (a dedicated cluster's
 * Legacy Backup list too). A 200-job page at the default 40 clusters: 200 + 10 × (2 + 40) = 620.
 */
export function projectRestoreJobsCalls(filter: { clusterNames: number | null; includeLegacyBackup: boolean }, maxClusters: number): number {
  const clusters = Math.min(maxClusters, filter.clusterNames ?? maxClusters);
  return 2 + clusters * (filter.includeLegacyBackup ? 2 : 1);
}

/**
 * Estimates what an operation can cost upstream, root field by root field (nested fields are read from the model
 * and cost no call): `restoreJob` and `node` one call; `nodes` and `_entities` one per id; `restoreJobs` and `snapshots`
 * their window (`first`/`last`, default 20, at most 500) in items and two pages (three for `last` without `before`,
 * which probes the list's length first); `projectRestoreJobs` as {@link projectRestoreJobsCalls} says; `clusters` its
 * window in items and the two cluster lists, plus, per cluster of the window, what the `restoreJobs` and `snapshots`
 * selected below it may cost (nested fields that make calls of their own). NOTE: this is a rule of our own rather than graphql-armor's costLimit because the figures
 * depend on argument values, often variables, which validation rules cannot see; it runs once variables are known.
 * It is an estimate of the usual worst case: a `last` whose list hides its length may walk further (connection.ts).
 */
export function estimateUpstreamCost(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  options: UpstreamCostOptions = { projectMaxClusters: DEFAULT_PROJECT_VIEW.maxClusters },
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
          // A cluster's snapshots page as its restore jobs do (snapshots take no `last`).
          case 'snapshots':
          case 'restoreJobs': {
            const window = restoreJobsCost(args, variables);
            items += window.items;
            upstreamCalls += window.upstreamCalls;
            break;
          }
          case 'clusters': {
            // The two cluster lists, then per cluster what its nested `restoreJobs` and `snapshots` may cost.
            const count = windowOf(args, variables);
            const nested = selection.selectionSet ? nestedConnections(selection.selectionSet, fragments, variables, new Set()) : { items: 0, upstreamCalls: 0 };
            items += count + count * nested.items;
            upstreamCalls += 2 + count * nested.upstreamCalls;
            break;
          }
          case 'projectRestoreJobs': {
            const first = numberArg(args, 'first', variables);
            items += Math.min(Math.max(0, Math.floor(first ?? DEFAULT_WINDOW)), MAX_WINDOW);
            upstreamCalls += projectRestoreJobsCalls(filterArg(args, variables), options.projectMaxClusters);
            break;
          }
          default:
            break;
        }
      }
    }
  };
  if (operation.operation === 'query') visit(operation.selectionSet, new Set());
  return { upstreamCalls, items, cost: items + UPSTREAM_CALL_COST * upstreamCalls };
}

/** Rejects, before execution, an operation whose {@link estimateUpstreamCost} exceeds `maxCost` (QUERY_TOO_COMPLEX). */
export function upstreamCostPlugin(maxCost: number, options?: UpstreamCostOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const estimate = estimateUpstreamCost(operation, fragments, request.variables ?? {}, options);
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

/** `first`, default 20, capped at 500. */
function windowOf(args: readonly ArgumentNode[], variables: Record<string, unknown>): number {
  return Math.min(Math.max(0, Math.floor(numberArg(args, 'first', variables) ?? DEFAULT_WINDOW)), MAX_WINDOW);
}

/** One `restoreJobs` connection: its window in items and two pages (three for `last` without `before`). */
function restoreJobsCost(args: readonly ArgumentNode[], variables: Record<string, unknown>): { items: number; upstreamCalls: number } {
  const first = numberArg(args, 'first', variables);
  const last = numberArg(args, 'last', variables);
  const count = Math.min(Math.max(0, Math.floor(first ?? last ?? DEFAULT_WINDOW)), MAX_WINDOW);
  const fromEnd = last !== null && first === null && !hasValue(args, 'before', variables);
  return { items: count, upstreamCalls: count === 0 ? 1 : fromEnd ? 3 : 2 };
}

/** What the `restoreJobs` and `snapshots` fields anywhere below one selection (one cluster of a list) may cost, added up. */
function nestedConnections(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
): { items: number; upstreamCalls: number } {
  let items = 0;
  let upstreamCalls = 0;
  for (const selection of selectionSet.selections) {
    let below: { items: number; upstreamCalls: number } | null = null;
    if (selection.kind === Kind.INLINE_FRAGMENT) below = nestedConnections(selection.selectionSet, fragments, variables, seen);
    else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments[selection.name.value];
      if (fragment && !seen.has(fragment.name.value)) below = nestedConnections(fragment.selectionSet, fragments, variables, new Set([...seen, fragment.name.value]));
    } else if (selection.name.value === 'restoreJobs' || selection.name.value === 'snapshots') below = restoreJobsCost(selection.arguments ?? [], variables);
    else if (selection.selectionSet) below = nestedConnections(selection.selectionSet, fragments, variables, seen);
    if (below) {
      items += below.items;
      upstreamCalls += below.upstreamCalls;
    }
  }
  return { items, upstreamCalls };
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

/** What the cost needs of `projectRestoreJobs`' filter (a literal object, a variable, or a literal with variables). */
function filterArg(args: readonly ArgumentNode[], variables: Record<string, unknown>): { clusterNames: number | null; includeLegacyBackup: boolean } {
  const value = argument(args, 'filter');
  let names: unknown;
  let legacy: unknown;
  if (value?.kind === Kind.OBJECT) {
    const field = (name: string): ValueNode | undefined => value.fields.find((f) => f.name.value === name)?.value;
    const namesNode = field('clusterNames');
    names = namesNode?.kind === Kind.LIST ? namesNode.values : namesNode?.kind === Kind.STRING ? namesNode.value : resolve(namesNode, variables);
    const legacyNode = field('includeLegacyBackup');
    legacy = legacyNode?.kind === Kind.BOOLEAN ? legacyNode.value : resolve(legacyNode, variables);
  } else {
    const resolved = resolve(value, variables);
    if (typeof resolved === 'object' && resolved !== null && !Array.isArray(resolved) && !('kind' in resolved)) {
      ({ clusterNames: names, includeLegacyBackup: legacy } = resolved as { clusterNames?: unknown; includeLegacyBackup?: unknown });
    }
  }
  return {
    clusterNames: Array.isArray(names) ? names.length : typeof names === 'string' ? 1 : null,
    includeLegacyBackup: legacy === true,
  };
}
