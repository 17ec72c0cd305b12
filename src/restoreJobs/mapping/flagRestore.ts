import { baseModel, withKindFields } from './base';
import { bool, downloadUrls, fromEpochSeconds, int, lookup, str, toBsonTimestamp, toDate } from './mapping';
import type {
  FlagRestoreFieldsModel,
  JobLocation,
  RestoreDeliveryType,
  RestoreJobBaseModel,
  RestoreJobStatus,
} from '../RestoreJobBaseModel';
import type { ServerlessBackupRestoreJobWire } from '../serverless/wire';
import type { DiskBackupSnapshotRestoreJobWire } from '../cloudBackup/wire';

/** `deliveryType` of serverless and Cloud Backup jobs -> RestoreDeliveryType. */
export const FLAG_RESTORE_DELIVERY: Readonly<Record<string, RestoreDeliveryType>> = {
  automated: 'AUTOMATED',
  download: 'DOWNLOAD',
  pointInTime: 'POINT_IN_TIME',
};

/**
 * Serverless and Cloud Backup jobs carry flags, not a status word: the first of cancelled, failed, expired,
 * finishedAt that holds (DESIGN.md).
 */
export function flagStatus(wire: { cancelled?: unknown; failed?: unknown; expired?: unknown; finishedAt?: unknown }): RestoreJobStatus {
  if (wire.cancelled === true) return 'CANCELLED';
  if (wire.failed === true) return 'FAILED';
  if (wire.expired === true) return 'EXPIRED';
  if (typeof wire.finishedAt === 'string' && wire.finishedAt !== '') return 'COMPLETED';
  return 'IN_PROGRESS';
}

/** The fields the two twin shapes share (`DiskBackupSnapshotRestoreJob` adds components and private URLs). */
type Wire = ServerlessBackupRestoreJobWire | DiskBackupSnapshotRestoreJobWire;

/**
 * The one mapper of the twin shapes `ServerlessBackupRestoreJob` (serverless) and `DiskBackupSnapshotRestoreJob`
 * (Cloud Backup): same flags, same delivery words, same timestamps. `urls` are the job's download URLs (the Cloud
 * Backup mapper adds its components' URLs to `deliveryUrl`).
 */
export function toFlagRestoreModel<K extends 'SERVERLESS' | 'CLOUD_BACKUP'>(
  kind: K,
  wire: Wire,
  location: JobLocation,
  urls: string[] = Array.isArray(wire.deliveryUrl) ? downloadUrls(...wire.deliveryUrl) : [],
): (RestoreJobBaseModel & FlagRestoreFieldsModel & { kind: K }) | null {
  const base = baseModel(kind, location, {
    id: wire.id,
    snapshotId: wire.snapshotId,
    status: flagStatus(wire),
    atlasStatus: null,
    deliveryType: lookup(FLAG_RESTORE_DELIVERY, wire.deliveryType, 'UNKNOWN'),
    createdAt: null,
    finishedAt: toDate(wire.finishedAt),
    expiresAt: toDate(wire.expiresAt),
    targetProjectId: wire.targetGroupId,
    targetClusterName: wire.targetClusterName,
    downloadUrls: urls,
    links: wire.links,
  });
  if (!base) return null;
  const oplogTs = int(wire.oplogTs);
  return withKindFields(base, {
    atlasDeliveryType: str(wire.deliveryType),
    cancelled: bool(wire.cancelled),
    failed: bool(wire.failed),
    expired: bool(wire.expired),
    desiredTimestamp: toBsonTimestamp(wire.desiredTimestamp),
    oplogTimestamp: oplogTs === null ? null : { date: fromEpochSeconds(oplogTs), increment: int(wire.oplogInc) },
    pointInTime: fromEpochSeconds(wire.pointInTimeUTCSeconds),
    snapshotTakenAt: toDate(wire.timestamp),
  });
}
