import type { CreateOperation, RestoreDelivery, RestoreRequest } from '../RestoreJobSource';
import type { JobLocation } from '../RestoreJobBaseModel';
import type { DiskBackupSnapshotRestoreJobRequestWire } from './wire';

const DELIVERY_TYPE: Readonly<Record<RestoreDelivery, DiskBackupSnapshotRestoreJobRequestWire['deliveryType']>> = {
  AUTOMATED: 'automated',
  DOWNLOAD: 'download',
  POINT_IN_TIME: 'pointInTime',
};

/**
 * `DiskBackupSnapshotRestoreJob` as createGroupClusterBackupRestoreJob takes it: `deliveryType`, the snapshot (not for
 * a point-in-time restore, which names a time instead), the target for automated and point-in-time restores.
 * NOTE: Cloud Backup takes `pointInTimeUTCSeconds` and `oplogTs` as integer seconds (DESIGN.md, "Mutations").
 */
export function cloudBackupRestoreBody(delivery: RestoreDelivery, request: RestoreRequest): DiskBackupSnapshotRestoreJobRequestWire {
  const body: DiskBackupSnapshotRestoreJobRequestWire = { deliveryType: DELIVERY_TYPE[delivery] };
  if (request.snapshotId !== null) body.snapshotId = request.snapshotId;
  if (delivery !== 'DOWNLOAD') {
    if (request.targetClusterName !== null) body.targetClusterName = request.targetClusterName;
    if (request.targetProjectId !== null) body.targetGroupId = request.targetProjectId;
  }
  if (request.pointInTime !== null) body.pointInTimeUTCSeconds = Math.floor(request.pointInTime.getTime() / 1000);
  if (request.oplog !== null) {
    body.oplogTs = request.oplog.ts;
    body.oplogInc = request.oplog.inc;
  }
  return body;
}

/** One create operation per delivery: the same POST with a different `deliveryType`. */
export function cloudBackupCreate(delivery: RestoreDelivery, listPath: (location: JobLocation) => string, mediaType: string): CreateOperation {
  return {
    path: listPath,
    mediaType,
    body: (request) => cloudBackupRestoreBody(delivery, request),
    jobs: (answer) => [answer],
  };
}
