import type { ClusterFailureResolvers, ProjectRestoreJobEdgeResolvers } from '../__generated__/resolvers-types';
import { toGraphQLError } from '../errors';

/** An edge's cursor is encoded only when selected (it holds a position per cluster). */
export const ProjectRestoreJobEdge: ProjectRestoreJobEdgeResolvers = {
  cursor: (edge) => edge.cursor(),
};

/** A failed list's code and message: the ones its error would have as a GraphQL error (src/errors.ts's one mapping). */
export const ClusterFailure: ClusterFailureResolvers = {
  code: (failure) => String(toGraphQLError(failure.error).extensions.code),
  message: (failure) => toGraphQLError(failure.error).message,
};
