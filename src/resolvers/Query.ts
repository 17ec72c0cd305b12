import type { QueryResolvers } from '../__generated__/resolvers-types';
import { MAX_NODES } from '../config';
import { badUserInput, unwrap } from '../errors';
import type { ClusterRef } from '../clusters/ClusterDirectory';
import { CLUSTER_NAME } from '../restoreJobs/globalId';
import type { NodeModel } from '../clusters/snapshots/BackupSnapshotModel';
import { nodeByGlobalId } from './nodeLookup';

export { MAX_NODES };

/** A cluster reference from arguments, its name checked against Atlas's pattern before any upstream call. */
export function clusterRef(projectId: string, clusterName: string, argument = 'clusterName'): ClusterRef {
  if (!CLUSTER_NAME.test(clusterName)) {
    throw badUserInput(
      `${argument} must start with a letter or digit and hold only letters, digits and hyphens (at most 64).`,
      argument,
    );
  }
  return { projectId, clusterName };
}

/** Root fields. A missing `kind` is null: the router discovers it. Each answers the router's outcome, unwrapped. */
export const Query: QueryResolvers = {
  restoreJob: async (_root, args, context) =>
    unwrap(await context.router.job(args.kind ?? null, { ...clusterRef(args.projectId, args.clusterName), jobId: args.jobId })),

  restoreJobs: async (_root, args, context) =>
    unwrap(await context.router.connection(args.kind ?? null, clusterRef(args.projectId, args.clusterName), args)),

  snapshots: async (_root, args, context) =>
    unwrap(await context.snapshots.connection(args.kind ?? null, clusterRef(args.projectId, args.clusterName), args)),

  projectRestoreJobs: async (_root, args, context) => unwrap(await context.projectJobs.page(args)),

  cluster: async (_root, args, context) => unwrap(await context.router.cluster(clusterRef(args.projectId, args.name, 'name'))),

  clusters: async (_root, args, context) => unwrap(await context.router.clusters(args.projectId, args)),

  node: (_root, args, context) => nodeByGlobalId(args.id, context),

  nodes: (_root, args, context) => {
    if (args.ids.length > MAX_NODES) throw badUserInput(`nodes takes at most ${MAX_NODES} ids.`, 'ids');
    // graphql-js settles each item on its own: a rejected item is null with its own path in `errors`.
    return args.ids.map((id) => nodeByGlobalId(id, context)) as Promise<NodeModel>[];
  },
};
