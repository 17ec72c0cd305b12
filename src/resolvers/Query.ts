import type { QueryResolvers } from '../__generated__/resolvers-types';
import { PaginationInputError } from '../atlas/pagination';
import { badUserInput } from '../errors';
import { loadConnection } from '../restoreJobs/connection';
import { CLUSTER_NAME } from '../restoreJobs/globalId';
import type { JobLocation, RestoreJobKind, RestoreJobModel } from '../restoreJobs/RestoreJobModel';
import { jobByGlobalId } from './nodeLookup';

/** Most ids one `nodes` call takes. */
export const MAX_NODES = 100;

function location(kind: RestoreJobKind, projectId: string, clusterName: string): JobLocation {
  if (!CLUSTER_NAME.test(clusterName)) {
    throw badUserInput(
      'clusterName must start with a letter or digit and hold only letters, digits and hyphens (at most 64).',
      'clusterName',
    );
  }
  return { kind, projectId, clusterName };
}

/** Root fields. */
export const Query: QueryResolvers = {
  restoreJob: (_root, args, context) =>
    context.loaders.job.load({ ...location(args.kind, args.projectId, args.clusterName), jobId: args.jobId }),

  restoreJobs: async (_root, args, context) => {
    try {
      return await loadConnection(context.sources, context.loaders, location(args.kind, args.projectId, args.clusterName), args);
    } catch (error) {
      if (error instanceof PaginationInputError) throw badUserInput(error.message, error.argument);
      throw error;
    }
  },

  node: (_root, args, context) => jobByGlobalId(args.id, context),

  nodes: (_root, args, context) => {
    if (args.ids.length > MAX_NODES) throw badUserInput(`nodes takes at most ${MAX_NODES} ids.`, 'ids');
    // graphql-js settles each item on its own: a rejected item is null with its own path in `errors`.
    return args.ids.map((id) => jobByGlobalId(id, context)) as Promise<RestoreJobModel>[];
  },
};
