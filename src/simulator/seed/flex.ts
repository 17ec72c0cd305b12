import type { FlexBackupRestoreJobWire } from '../wire';
import type { ClusterContext } from './factory';
import { snapshotRestoreJob, type SnapshotRestoreSpec } from './snapshotRestore';

/** A `FlexBackupRestoreJob20241113` body. */
export function flexJob(ctx: ClusterContext, spec: SnapshotRestoreSpec): FlexBackupRestoreJobWire {
  return snapshotRestoreJob(ctx, spec, 'flex');
}
