import type {
  FlexRestoreJobResolvers,
  LegacyBackupRestoreJobResolvers,
  ServerlessRestoreJobResolvers,
  SharedTierRestoreJobResolvers,
} from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { RestoreJobKind, RestoreJobModel } from '../restoreJobs/RestoreJobModel';
import { jobByGlobalId } from './nodeLookup';

/**
 * The federation reference resolver of one job type, through the request's loaders like `node`. NOTE: the kind lives
 * in the id, so a representation that names another job type (`{ __typename: "FlexRestoreJob", id: <a legacy job's
 * id> }`) refers to no entity of that type and resolves to null instead of a job dressed as the wrong type.
 */
function referenceOf<K extends RestoreJobKind>(kind: K) {
  return async (ref: { id?: unknown }, context: Context): Promise<Extract<RestoreJobModel, { kind: K }> | null> => {
    const job = await jobByGlobalId(ref.id, context);
    return job !== null && job.kind === kind ? (job as Extract<RestoreJobModel, { kind: K }>) : null;
  };
}

/**
 * The four job types. Their fields are the model's own (normalized once in each kind's mapper), so each needs only
 * its federation reference resolver.
 */
export const LegacyBackupRestoreJob: LegacyBackupRestoreJobResolvers = { __resolveReference: referenceOf('LEGACY_BACKUP') };
export const SharedTierRestoreJob: SharedTierRestoreJobResolvers = { __resolveReference: referenceOf('SHARED_TIER') };
export const FlexRestoreJob: FlexRestoreJobResolvers = { __resolveReference: referenceOf('FLEX') };
export const ServerlessRestoreJob: ServerlessRestoreJobResolvers = { __resolveReference: referenceOf('SERVERLESS') };
