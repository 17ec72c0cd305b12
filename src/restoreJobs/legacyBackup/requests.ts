import type { AtlasSchemas, RequestView } from '../../atlas/wire';
import type { CreateOperation, RestoreDelivery, RestoreRequest } from '../RestoreJobSource';
import type { JobLocation } from '../RestoreJobBaseModel';

/** `BackupRestoreJob` as createGroupClusterRestoreJob takes it. */
export type BackupRestoreJobRequestWire = RequestView<AtlasSchemas['BackupRestoreJob']>;

/**
 * The legacy body: `delivery.methodName` AUTOMATED_RESTORE (onto `targetGroupId`/`targetClusterName`) or HTTP (a
 * download, no target); a point-in-time restore is an automated one with `pointInTimeUTCMillis`, or `oplogTs` and
 * `oplogInc`, instead of a snapshot.
 * NOTE: legacy takes `pointInTimeUTCMillis` in milliseconds and `oplogTs` as an ISO date string, where Cloud Backup
 * takes integer seconds for both (DESIGN.md, "Mutations").
 */
export function legacyRestoreBody(delivery: RestoreDelivery, request: RestoreRequest): BackupRestoreJobRequestWire {
  const target = delivery !== 'DOWNLOAD';
  const body: BackupRestoreJobRequestWire = {
    delivery: target
      ? {
          methodName: 'AUTOMATED_RESTORE',
          ...(request.targetProjectId !== null ? { targetGroupId: request.targetProjectId } : {}),
          ...(request.targetClusterName !== null ? { targetClusterName: request.targetClusterName } : {}),
        }
      : { methodName: 'HTTP' },
  };
  if (request.snapshotId !== null) body.snapshotId = request.snapshotId;
  if (request.pointInTime !== null) body.pointInTimeUTCMillis = request.pointInTime.getTime();
  if (request.oplog !== null) {
    body.oplogTs = new Date(request.oplog.ts * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    body.oplogInc = request.oplog.inc;
  }
  return body;
}

/** createGroupClusterRestoreJob, for one delivery. Atlas answers a page of the jobs it created (one per shard). */
export function legacyCreate(delivery: RestoreDelivery, listPath: (location: JobLocation) => string, mediaType: string): CreateOperation {
  return {
    path: listPath,
    mediaType,
    body: (request) => legacyRestoreBody(delivery, request),
    jobs: (answer) => {
      const results = (answer as { results?: unknown } | null)?.results;
      return Array.isArray(results) ? results : [];
    },
  };
}
