import { baseModel, withKindFields } from '../mapping/base';
import { bool, downloadUrls, int, lookup, objectIdOrNull, str, toBsonTimestamp, toDate, toLinks, uuidOrNull } from '../mapping/mapping';
import type { JobLocation, RestoreDeliveryType, RestoreJobStatus } from '../RestoreJobBaseModel';
import type { LegacyBackupRestoreJobModel, LegacyRestoreDeliveryModel } from './model';
import type { BackupRestoreJobDeliveryWire, BackupRestoreJobWire } from './wire';

/** `statusName` -> RestoreJobStatus (DESIGN.md). */
export const LEGACY_STATUS: Readonly<Record<string, RestoreJobStatus>> = {
  IN_PROGRESS: 'IN_PROGRESS',
  FINISHED: 'COMPLETED',
  BROKEN: 'FAILED',
  KILLED: 'CANCELLED',
};

const METHOD_DELIVERY: Readonly<Record<string, RestoreDeliveryType>> = {
  AUTOMATED_RESTORE: 'AUTOMATED',
  CLIENT_PIT_HTTP: 'POINT_IN_TIME',
  CLIENT_PIT_SCP: 'POINT_IN_TIME',
  QUERY: 'QUERY',
  THIRD_PARTY_COPY: 'THIRD_PARTY_COPY',
};

/**
 * `delivery` -> RestoreDeliveryType. NOTE: Atlas reports an automated restore as `HTTP` (it delivers to the target
 * host over HTTP), so HTTP/SCP with a target cluster is AUTOMATED and without one is a DOWNLOAD.
 */
export function legacyDeliveryType(delivery: BackupRestoreJobDeliveryWire | undefined): RestoreDeliveryType {
  const method = delivery?.methodName;
  if (method === 'HTTP' || method === 'SCP') {
    return delivery?.targetClusterName || delivery?.targetClusterId ? 'AUTOMATED' : 'DOWNLOAD';
  }
  return lookup(METHOD_DELIVERY, method, 'UNKNOWN');
}

function toDelivery(d: BackupRestoreJobDeliveryWire | undefined): LegacyRestoreDeliveryModel | null {
  if (!d || typeof d !== 'object') return null;
  return {
    method: str(d.methodName),
    downloadStatus: str(d.statusName),
    authHeader: str(d.authHeader),
    authValue: str(d.authValue),
    expirationHours: int(d.expirationHours),
    expiresAt: toDate(d.expires),
    maxDownloads: int(d.maxDownloads),
    targetClusterId: objectIdOrNull(d.targetClusterId),
    targetClusterName: str(d.targetClusterName),
    targetProjectId: objectIdOrNull(d.targetGroupId),
    url: str(d.url),
    urlV2: str(d.urlV2),
  };
}

/** `BackupRestoreJob` -> LegacyBackupRestoreJobModel; null without a job id. */
export function toLegacyBackupModel(wire: BackupRestoreJobWire, location: JobLocation): LegacyBackupRestoreJobModel | null {
  const delivery = wire.delivery && typeof wire.delivery === 'object' ? wire.delivery : undefined;
  const base = baseModel('LEGACY_BACKUP', location, {
    id: wire.id,
    snapshotId: wire.snapshotId,
    status: lookup(LEGACY_STATUS, wire.statusName, 'UNKNOWN'),
    atlasStatus: str(wire.statusName),
    deliveryType: legacyDeliveryType(delivery),
    createdAt: toDate(wire.created),
    finishedAt: null,
    expiresAt: toDate(delivery?.expires),
    targetProjectId: delivery?.targetGroupId,
    targetClusterName: delivery?.targetClusterName,
    downloadUrls: downloadUrls(delivery?.urlV2 ?? delivery?.url),
    links: wire.links,
  });
  if (!base) return null;
  return withKindFields(base, {
    batchId: objectIdOrNull(wire.batchId),
    sourceClusterId: objectIdOrNull(wire.clusterId),
    deploymentJobId: str(wire.deploymentJobId),
    encryptionEnabled: bool(wire.encryptionEnabled),
    masterKeyUuid: uuidOrNull(wire.masterKeyUUID),
    snapshotTimestamp: toBsonTimestamp(wire.timestamp),
    delivery: toDelivery(delivery),
    hashes: Array.isArray(wire.hashes)
      ? wire.hashes.map((h) => ({
          fileName: str(h?.fileName),
          hash: str(h?.hash),
          algorithm: str(h?.typeName),
          links: toLinks(h?.links),
        }))
      : [],
  });
}
