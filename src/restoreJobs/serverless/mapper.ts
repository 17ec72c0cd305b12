import { baseModel } from '../base';
import { bool, downloadUrls, fromEpochSeconds, int, lookup, str, toBsonTimestamp, toDate } from '../mapping';
import type { JobLocation, RestoreDeliveryType, RestoreJobStatus, ServerlessRestoreJobModel } from '../RestoreJobModel';
import type { ServerlessBackupRestoreJobWire } from './wire';

/** `deliveryType` of serverless jobs -> RestoreDeliveryType. */
export const SERVERLESS_DELIVERY: Readonly<Record<string, RestoreDeliveryType>> = {
  automated: 'AUTOMATED',
  download: 'DOWNLOAD',
  pointInTime: 'POINT_IN_TIME',
};

/** Serverless jobs carry flags, not a status word: the first of cancelled, failed, expired, finishedAt that holds. */
export function flagStatus(wire: { cancelled?: unknown; failed?: unknown; expired?: unknown; finishedAt?: unknown }): RestoreJobStatus {
  if (wire.cancelled === true) return 'CANCELLED';
  if (wire.failed === true) return 'FAILED';
  if (wire.expired === true) return 'EXPIRED';
  if (typeof wire.finishedAt === 'string' && wire.finishedAt !== '') return 'COMPLETED';
  return 'IN_PROGRESS';
}

/** `ServerlessBackupRestoreJob` -> ServerlessRestoreJobModel; null without a job id. */
export function toServerlessModel(
  wire: ServerlessBackupRestoreJobWire,
  location: JobLocation,
): ServerlessRestoreJobModel | null {
  const base = baseModel('SERVERLESS', location, {
    id: wire.id,
    snapshotId: wire.snapshotId,
    status: flagStatus(wire),
    atlasStatus: null,
    deliveryType: lookup(SERVERLESS_DELIVERY, wire.deliveryType, 'UNKNOWN'),
    createdAt: null,
    finishedAt: toDate(wire.finishedAt),
    expiresAt: toDate(wire.expiresAt),
    targetProjectId: wire.targetGroupId,
    targetClusterName: wire.targetClusterName,
    downloadUrls: Array.isArray(wire.deliveryUrl) ? downloadUrls(...wire.deliveryUrl) : [],
    links: wire.links,
  });
  if (!base) return null;
  const oplogTs = int(wire.oplogTs);
  return {
    ...base,
    atlasDeliveryType: str(wire.deliveryType),
    cancelled: bool(wire.cancelled),
    failed: bool(wire.failed),
    expired: bool(wire.expired),
    desiredTimestamp: toBsonTimestamp(wire.desiredTimestamp),
    oplogTimestamp: oplogTs === null ? null : { date: fromEpochSeconds(oplogTs), increment: int(wire.oplogInc) },
    pointInTime: fromEpochSeconds(wire.pointInTimeUTCSeconds),
    snapshotTakenAt: toDate(wire.timestamp),
  };
}
