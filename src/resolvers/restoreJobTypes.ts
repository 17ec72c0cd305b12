import type { Context } from '../context';
import type { RestoreJobKind, RestoreJobModel } from '../restoreJobs/RestoreJobModel';
import { objectIdTime } from '../restoreJobs/objectIdTime';
import { RESTORE_JOB_KINDS, typeNameOf } from '../restoreJobs/sources';
import { jobByGlobalId } from './nodeLookup';

/**
 * The resolvers of one restore-job type. Its other fields are the model's own (normalized once in each kind's
 * mapper), so a type needs only its federation reference resolver and the two routing fields: `servedBy` is the
 * model's kind (the API whose answer built it), `requestedKind` what routing recorded; and `requestedAt`, the time
 * in the job's ObjectId. NOTE: the kind lives in the
 * id, so a representation that names another job type (`{ __typename: "FlexRestoreJob", id: <a legacy job's id> }`)
 * refers to no entity of that type and resolves to null instead of a job dressed as the wrong type.
 */
function resolversOf(kind: RestoreJobKind) {
  return {
    __resolveReference: async (ref: { id?: unknown }, context: Context): Promise<RestoreJobModel | null> => {
      const job = await jobByGlobalId(ref.id, context);
      return job !== null && job.kind === kind ? job : null;
    },
    servedBy: (job: RestoreJobModel): RestoreJobKind => job.kind,
    requestedKind: (job: RestoreJobModel): RestoreJobKind | null => job.requestedKind ?? null,
    requestedAt: (job: RestoreJobModel): Date => objectIdTime(job.jobId),
  };
}

/** The resolvers of every registered kind's GraphQL type, keyed by type name (from the registry). */
export const restoreJobTypes: Record<string, ReturnType<typeof resolversOf>> = Object.fromEntries(
  RESTORE_JOB_KINDS.map((kind) => [typeNameOf(kind), resolversOf(kind)]),
);
