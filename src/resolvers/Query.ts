import type { QueryResolvers } from '../__generated__/resolvers-types';
import { PaginationInputError } from '../atlas/pagination';
import { badUserInput } from '../errors';
import { CLUSTER_NAME } from '../restoreJobs/globalId';
import type { RestoreJobModel } from '../restoreJobs/RestoreJobModel';
import type { ClusterRef } from '../clusters/ClusterDirectory';
import { jobByGlobalId } from './nodeLookup';

/** Most ids one `nodes` call takes. */
export const MAX_NODES = 100;

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

/** Runs a connection load, reporting bad paging arguments as BAD_USER_INPUT. */
export async function withPagingInput<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof PaginationInputError) throw badUserInput(error.message, error.argument);
    throw error;
  }
}

/** Root fields. A missing `kind` is null: the router discovers it. */
export const Query: QueryResolvers = {
  restoreJob: (_root, args, context) =>
    context.router.job(args.kind ?? null, { ...clusterRef(args.projectId, args.clusterName), jobId: args.jobId }),

  restoreJobs: (_root, args, context) =>
    withPagingInput(() => context.router.connection(args.kind ?? null, clusterRef(args.projectId, args.clusterName), args)),

  cluster: (_root, args, context) => context.router.cluster(clusterRef(args.projectId, args.name, 'name')),

  node: (_root, args, context) => jobByGlobalId(args.id, context),

  nodes: (_root, args, context) => {
    if (args.ids.length > MAX_NODES) throw badUserInput(`nodes takes at most ${MAX_NODES} ids.`, 'ids');
    // graphql-js settles each item on its own: a rejected item is null with its own path in `errors`.
    return args.ids.map((id) => jobByGlobalId(id, context)) as Promise<RestoreJobModel>[];
  },
};
