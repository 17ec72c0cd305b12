import { baseModel, withKindFields } from './base';
import { downloadUrls, lookup, str, toDate } from './mapping';
import type {
  JobLocation,
  RestoreDeliveryType,
  RestoreJobBaseModel,
  RestoreJobStatus,
  SnapshotRestoreFieldsModel,
} from '../RestoreJobBaseModel';
import type { TenantRestoreWire } from '../sharedTier/wire';
import type { FlexBackupRestoreJobWire } from '../flex/wire';

/** `status` of shared-tier and flex jobs -> RestoreJobStatus (DESIGN.md). */
export const SNAPSHOT_RESTORE_STATUS: Readonly<Record<string, RestoreJobStatus>> = {
  PENDING: 'PENDING',
  QUEUED: 'QUEUED',
  RUNNING: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
};

/** `deliveryType` of shared-tier and flex jobs -> RestoreDeliveryType. */
export const SNAPSHOT_RESTORE_DELIVERY: Readonly<Record<string, RestoreDeliveryType>> = {
  RESTORE: 'AUTOMATED',
  DOWNLOAD: 'DOWNLOAD',
};

type Wire = Partial<TenantRestoreWire> & FlexBackupRestoreJobWire;

/**
 * The one mapper of the two twin shapes, `TenantRestore` (shared tier) and `FlexBackupRestoreJob20241113` (flex):
 * same fields, same vocabulary. NOTE: the shared-tier reference page's example (atlas/pages/001_*) uses the older
 * names `submittedAt`, `finishedDate` and `timestamp`, which the spec does not list; they are read as fallbacks for
 * `restoreScheduledDate`, `restoreFinishedDate` and `snapshotFinishedDate`. The spec wins when both are present.
 */
export function toSnapshotRestoreModel<K extends 'SHARED_TIER' | 'FLEX'>(
  kind: K,
  wire: Wire,
  location: JobLocation,
): (RestoreJobBaseModel & SnapshotRestoreFieldsModel & { kind: K }) | null {
  const base = baseModel(kind, location, {
    id: wire.id,
    snapshotId: wire.snapshotId,
    status: lookup(SNAPSHOT_RESTORE_STATUS, wire.status, 'UNKNOWN'),
    atlasStatus: str(wire.status),
    deliveryType: lookup(SNAPSHOT_RESTORE_DELIVERY, wire.deliveryType, 'UNKNOWN'),
    createdAt: toDate(wire.restoreScheduledDate ?? wire.submittedAt),
    finishedAt: toDate(wire.restoreFinishedDate ?? wire.finishedDate),
    expiresAt: toDate(wire.expirationDate),
    targetProjectId: wire.targetProjectId,
    targetClusterName: wire.targetDeploymentItemName,
    downloadUrls: downloadUrls(wire.snapshotUrl),
    links: wire.links,
  });
  if (!base) return null;
  return withKindFields(base, {
    atlasDeliveryType: str(wire.deliveryType),
    snapshotFinishedAt: toDate(wire.snapshotFinishedDate ?? wire.timestamp),
    snapshotUrl: str(wire.snapshotUrl),
  });
}
