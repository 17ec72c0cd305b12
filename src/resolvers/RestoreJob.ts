import type { NodeResolvers, RestoreJobResolvers } from '../__generated__/resolvers-types';
import { isBackupSnapshot } from '../clusters/snapshots/BackupSnapshotModel';
import { typeNameOf } from '../restoreJobs/sources';
import { jobByGlobalId } from './nodeLookup';

/** The `RestoreJob` interface: concrete type from the model's kind; entity references through the loaders. */
export const RestoreJob: RestoreJobResolvers = {
  __resolveType: (job) => typeNameOf(job.kind) as ReturnType<NonNullable<RestoreJobResolvers['__resolveType']>>,
  __resolveReference: (reference, context) => jobByGlobalId(reference.id, context),
};

/** The `Node` interface: a restore job (its kind's type) or a backup snapshot. */
export const Node: NodeResolvers = {
  __resolveType: (node) => (isBackupSnapshot(node) ? 'BackupSnapshot' : (typeNameOf(node.kind) as ReturnType<NonNullable<NodeResolvers['__resolveType']>>)),
};
