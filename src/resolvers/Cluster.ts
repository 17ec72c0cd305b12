import { ObjectIDResolver } from 'graphql-scalars';
import type { ClusterResolvers } from '../__generated__/resolvers-types';
import type { ClusterFacts } from '../clusters/clusterClass';
import type { ClusterModel } from '../clusters/clusterConnection';
import type { Context } from '../context';
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
 * The description's facts of a cluster: the model's when this request read them (the project list, or the lookup that
 * found it), else one lookup through the request's router, shared by every field and reference of that cluster.
 */
async function factsOf(cluster: ClusterModel, context: Context): Promise<ClusterFacts | null> {
  return cluster.facts ?? unwrap(await context.router.clusterFacts({ projectId: cluster.projectId, clusterName: cluster.name }));
}

/**
 * `Cluster`, an entity keyed by `projectId name`. A reference from another subgraph carries only its key, so it is
 * described first, through the request's router (the process's cluster memory, then the clusters and flex APIs,
 * each cluster once per request); null when Atlas knows no such cluster. Every other field is then the model's, and
 * its jobs come from the API that serves it with no second lookup. The description's fields (`stateName` and on) come
 * from what this request read, else from one lookup per cluster and request.
 */
export const Cluster: ClusterResolvers = {
  __resolveReference: async (reference, context) => unwrap(await context.router.cluster(clusterOfReference(reference))),

  stateName: async (cluster, _args, context) => (await factsOf(cluster, context))?.stateName ?? null,
  mongoDBVersion: async (cluster, _args, context) => (await factsOf(cluster, context))?.mongoDBVersion ?? null,
  paused: async (cluster, _args, context) => (await factsOf(cluster, context))?.paused ?? null,
  pitEnabled: async (cluster, _args, context) => (await factsOf(cluster, context))?.pitEnabled ?? null,
  createdAt: async (cluster, _args, context) => (await factsOf(cluster, context))?.createdAt ?? null,

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
};
