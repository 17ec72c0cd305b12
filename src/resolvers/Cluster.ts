import type { ClusterResolvers } from '../__generated__/resolvers-types';
import { withPagingInput } from './Query';

/** `Cluster`: its fields are the model's; its jobs come from the API that serves it, with no second lookup. */
export const Cluster: ClusterResolvers = {
  restoreJobs: (cluster, args, context) =>
    withPagingInput(() =>
      context.router.connection(null, { projectId: cluster.projectId, clusterName: cluster.name }, args, cluster),
    ),
};
