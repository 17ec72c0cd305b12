import type { TenantRestoreWire } from '../wire';
import type { ClusterContext } from './factory';
import { snapshotRestoreJob, type SnapshotRestoreSpec } from './snapshotRestore';

/** A `TenantRestore` body (shared tier, M2/M5). */
export function tenantJob(ctx: ClusterContext, spec: SnapshotRestoreSpec): TenantRestoreWire {
  return snapshotRestoreJob(ctx, spec, 'tenant') as TenantRestoreWire;
}
