import { badUserInput } from '../errors';
import { decodeGlobalId, GlobalIdError } from '../restoreJobs/globalId';
import type { RestoreJobModel } from '../restoreJobs/RestoreJobModel';
import type { Context } from '../context';

/**
 * Resolves a global id through the request's loaders: `node`, `nodes` and federation's `__resolveReference` all use
 * it. A malformed id is BAD_USER_INPUT; a well-formed id of a job Atlas does not know is null.
 */
export async function jobByGlobalId(id: unknown, context: Context): Promise<RestoreJobModel | null> {
  try {
    return await context.loaders.job.load(decodeGlobalId(String(id)));
  } catch (error) {
    if (error instanceof GlobalIdError) throw badUserInput(`"${String(id).slice(0, 64)}" is not an id of this graph.`, 'id');
    throw error;
  }
}
