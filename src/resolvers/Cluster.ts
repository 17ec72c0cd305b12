import type { ClusterResolvers } from '../__generated__/resolvers-types';
import { unwrap } from '../errors';

/** `Cluster`: its fields are the model's; its jobs come from the API that serves it, with no second lookup. */
export const Cluster: ClusterResolvers = {
  restoreJobs: async (cluster, args, context) =>
    unwrap(await context.router.connection(null, { projectId: cluster.projectId, clusterName: cluster.name }, args, cluster)),
};
