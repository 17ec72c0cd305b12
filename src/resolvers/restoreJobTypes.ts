import type { RestoreJobKind as RestoreJobKindValue } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { RestoreJobModel } from '../restoreJobs/RestoreJobModel';
import { RESTORE_JOB_KINDS, typeNameOf } from '../restoreJobs/sources';
import { jobByGlobalId } from './nodeLookup';

/**
 * The resolvers every restore-job type shares. Their other fields are the model's own (normalized once in each kind's
 * mapper), so a type needs only its federation reference resolver (the kind lives in the id) and the two routing
 * fields: `servedBy` is the model's kind (the API whose answer built it), `requestedKind` what routing recorded.
 */
export const restoreJobTypeResolvers = {
  __resolveReference: (ref: { id?: unknown }, context: Context) => jobByGlobalId(ref.id, context),
  servedBy: (job: RestoreJobModel): RestoreJobKindValue => job.kind,
  requestedKind: (job: RestoreJobModel): RestoreJobKindValue | null => job.requestedKind ?? null,
};

/** The resolvers of every registered kind's GraphQL type, keyed by type name (from the registry). */
export const restoreJobTypes: Record<string, typeof restoreJobTypeResolvers> = Object.fromEntries(
  RESTORE_JOB_KINDS.map((kind) => [typeNameOf(kind), restoreJobTypeResolvers]),
);
