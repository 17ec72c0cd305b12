import { encodeCursor, planWindow, PaginationInputError, sliceArray, type ConnectionArgs } from '../atlas/pagination';
import type { ClusterClass, ClusterFacts } from './clusterClass';

/** `Cluster`: a cluster, what serves its restore jobs, and (once read in this request) what its description says. */
export interface ClusterModel extends ClusterClass {
  projectId: string;
  name: string;
  /** The description's facts, when this request has read them (a lookup or a project list); else resolved on demand. */
  facts?: ClusterFacts;
}

/** `ClusterEdge`. */
export interface ClusterEdgeModel {
  cursor: string;
  node: ClusterModel;
}

/** `ClusterConnection`. */
export interface ClusterConnectionModel {
  edges: ClusterEdgeModel[];
  nodes: ClusterModel[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * One window of a project's whole cluster list as a Relay connection, forward only (`first`, default 20, at most
 * 500; `after`), with the opaque cursors of src/atlas/pagination.ts. Everything is exact: the list is whole.
 * @throws PaginationInputError for a negative or fractional `first`, or a cursor that is not one.
 */
export function clusterConnection(clusters: readonly ClusterModel[], args: Pick<ConnectionArgs, 'first' | 'after'>): ClusterConnectionModel {
  const plan = planWindow({ first: args.first ?? null, after: args.after ?? null });
  // planWindow without `last` or `before` always plans a forward range.
  if (plan.type !== 'range') throw new PaginationInputError('after', '`after` is not a valid cursor for this connection.');
  const window = sliceArray([...clusters], plan.start, plan.end);
  const edges = window.items.map(({ offset, item }) => ({ cursor: encodeCursor(offset), node: item }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: window.hasNextPage,
      hasPreviousPage: window.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: clusters.length,
  };
}
