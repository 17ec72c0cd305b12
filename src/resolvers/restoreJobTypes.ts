import type {
  FlexRestoreJobResolvers,
  LegacyBackupRestoreJobResolvers,
  ServerlessRestoreJobResolvers,
  SharedTierRestoreJobResolvers,
} from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { jobByGlobalId } from './nodeLookup';

/**
 * The four job types. Their fields are the model's own (normalized once in each kind's mapper), so each needs only
 * its federation reference resolver, the same one for all: the kind lives in the id.
 */
const reference = { __resolveReference: (ref: { id?: unknown }, context: Context) => jobByGlobalId(ref.id, context) };

export const LegacyBackupRestoreJob = reference as LegacyBackupRestoreJobResolvers;
export const SharedTierRestoreJob = reference as SharedTierRestoreJobResolvers;
export const FlexRestoreJob = reference as FlexRestoreJobResolvers;
export const ServerlessRestoreJob = reference as ServerlessRestoreJobResolvers;
