import { ObjectIDResolver } from 'graphql-scalars';
import type { ClusterResolvers } from '../__generated__/resolvers-types';
import type { ClusterRef } from '../clusters/ClusterDirectory';
import { badUserInput, unwrap } from '../errors';
import { CLUSTER_NAME } from '../restoreJobs/globalId';

/**
 * A `Cluster` representation from `_entities`, checked as the `cluster` arguments are (the ObjectID scalar, Atlas's
 * cluster-name pattern) before any upstream call. NOTE: representations are `_Any`: nothing but this check stands
 * between a caller's JSON and an Atlas path.
 */
export function clusterOfReference(reference: { projectId?: unknown; name?: unknown }): ClusterRef {
  let projectId: string;
  try {
    projectId = ObjectIDResolver.parseValue(reference.projectId) as string;
  } catch {
    throw badUserInput('A Cluster representation needs `projectId`: an ObjectID (24 hexadecimal characters).', 'representations');
  }
  const name = reference.name;
  if (typeof name !== 'string' || !CLUSTER_NAME.test(name)) {
    throw badUserInput(
      'A Cluster representation needs `name`: a cluster name that starts with a letter or digit and holds only letters, digits and hyphens (at most 64).',
      'representations',
    );
  }
  return { projectId, clusterName: name };
}

/**
 * `Cluster`, an entity keyed by `projectId name`. A reference from another subgraph carries only its key, so it is
 * described first, through the request's router (the process's cluster memory, then the clusters and flex APIs,
 * each cluster once per request); null when Atlas knows no such cluster. Every other field is then the model's, and
 * its jobs come from the API that serves it with no second lookup.
 */
export const Cluster: ClusterResolvers = {
  __resolveReference: async (reference, context) => unwrap(await context.router.cluster(clusterOfReference(reference))),

  // A named kind overrides what the description says (Legacy Backup jobs of a dedicated cluster are reachable so).
  restoreJobs: async (cluster, args, context) =>
    unwrap(
      await context.router.connection(
        args.kind ?? null,
        { projectId: cluster.projectId, clusterName: cluster.name },
        args,
        args.kind ? undefined : cluster,
      ),
    ),

  // As restoreJobs: the description just read picks the list (no second lookup) unless a kind is named.
  snapshots: async (cluster, args, context) =>
    unwrap(await context.snapshots.connection(args.kind ?? null, { projectId: cluster.projectId, clusterName: cluster.name }, args, args.kind ? undefined : cluster)),
};
