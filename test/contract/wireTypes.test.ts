import type { ApiErrorWire, BsonTimestampWire, LinkWire } from '../../src/atlas/wire';
import type { BackupRestoreJobDeliveryWire, BackupRestoreJobWire, RestoreJobFileHashWire } from '../../src/restoreJobs/legacyBackup/wire';
import type { TenantRestoreStaleFields, TenantRestoreWire } from '../../src/restoreJobs/sharedTier/wire';
import type { FlexBackupRestoreJobWire } from '../../src/restoreJobs/flex/wire';
import type { ServerlessBackupRestoreJobWire } from '../../src/restoreJobs/serverless/wire';
import { loadSpec, type SchemaObject } from './specSchemas';

/**
 * The wire types are the spec's response views: each `Record<keyof Wire, true>` below must list exactly the type's
 * keys (the compiler refuses a missing or an extra one: `npm run typecheck`), and the test compares those keys with
 * the spec's readable properties (all but writeOnly ones).
 */

type Keys<T> = Record<keyof T, true>;

const legacy: Keys<BackupRestoreJobWire> = {
  batchId: true, clusterId: true, clusterName: true, created: true, delivery: true, deploymentJobId: true, encryptionEnabled: true,
  groupId: true, hashes: true, id: true, links: true, masterKeyUUID: true, snapshotId: true, statusName: true, timestamp: true,
};
const delivery: Keys<BackupRestoreJobDeliveryWire> = {
  authHeader: true, authValue: true, expirationHours: true, expires: true, maxDownloads: true, methodName: true, statusName: true,
  targetClusterId: true, targetClusterName: true, targetGroupId: true, url: true, urlV2: true,
};
const hash: Keys<RestoreJobFileHashWire> = { fileName: true, hash: true, links: true, typeName: true };
const stale: Keys<TenantRestoreStaleFields> = { submittedAt: true, finishedDate: true, timestamp: true };
const tenant: Keys<TenantRestoreWire> = {
  clusterName: true, deliveryType: true, expirationDate: true, id: true, links: true, projectId: true, restoreFinishedDate: true,
  restoreScheduledDate: true, snapshotFinishedDate: true, snapshotId: true, snapshotUrl: true, status: true,
  targetDeploymentItemName: true, targetProjectId: true, ...stale,
};
const flex: Keys<FlexBackupRestoreJobWire> = {
  deliveryType: true, expirationDate: true, id: true, instanceName: true, links: true, projectId: true, restoreFinishedDate: true,
  restoreScheduledDate: true, snapshotFinishedDate: true, snapshotId: true, snapshotUrl: true, status: true,
  targetDeploymentItemName: true, targetProjectId: true,
};
const serverless: Keys<ServerlessBackupRestoreJobWire> = {
  cancelled: true, deliveryType: true, deliveryUrl: true, desiredTimestamp: true, expired: true, expiresAt: true, failed: true,
  finishedAt: true, id: true, links: true, oplogInc: true, oplogTs: true, pointInTimeUTCSeconds: true, snapshotId: true,
  targetClusterName: true, targetGroupId: true, timestamp: true,
};
const bson: Keys<BsonTimestampWire> = { date: true, increment: true };
const link: Keys<LinkWire> = { href: true, rel: true };
const apiError: Keys<ApiErrorWire> = { badRequestDetail: true, detail: true, error: true, errorCode: true, parameters: true, reason: true };

/** The spec's properties of a schema that a response may carry, sorted. */
function readable(name: string): string[] {
  const properties = loadSpec().components.schemas[name]!.properties as Record<string, SchemaObject>;
  return Object.entries(properties)
    .filter(([, s]) => s.writeOnly !== true)
    .map(([p]) => p)
    .sort();
}

const sorted = (o: object): string[] => Object.keys(o).sort();

it('the wire types have exactly the spec response views\' properties (plus the documented stale shared-tier fields)', () => {
  expect({
    BackupRestoreJob: sorted(legacy),
    BackupRestoreJobDelivery: sorted(delivery),
    RestoreJobFileHash: sorted(hash),
    TenantRestore: sorted(tenant),
    FlexBackupRestoreJob20241113: sorted(flex),
    ServerlessBackupRestoreJob: sorted(serverless),
    ApiBSONTimestampView: sorted(bson),
    Link: sorted(link),
    ApiError: sorted(apiError),
  }).toEqual({
    BackupRestoreJob: readable('BackupRestoreJob'),
    BackupRestoreJobDelivery: readable('BackupRestoreJobDelivery'),
    RestoreJobFileHash: readable('RestoreJobFileHash'),
    TenantRestore: [...readable('TenantRestore'), ...Object.keys(stale)].sort(),
    FlexBackupRestoreJob20241113: readable('FlexBackupRestoreJob20241113'),
    ServerlessBackupRestoreJob: readable('ServerlessBackupRestoreJob'),
    ApiBSONTimestampView: readable('ApiBSONTimestampView'),
    Link: readable('Link'),
    ApiError: readable('ApiError'),
  });
});

it('a response view types what the spec requires as required, and request-only requirements as optional', () => {
  // Compile-time: these assignments fail `npm run typecheck` if the requirements drift.
  const minimalLegacy: BackupRestoreJobWire = { delivery: { methodName: 'HTTP' } };
  const minimalTenant: TenantRestoreWire = {};
  const minimalServerless: ServerlessBackupRestoreJobWire = { deliveryType: 'download', targetClusterName: 'c', targetGroupId: '0123456789abcdef01234567' };
  // @ts-expect-error `delivery` is required by BackupRestoreJob
  const noDelivery: BackupRestoreJobWire = {};
  expect([minimalLegacy, minimalTenant, minimalServerless, noDelivery].map((body) => Object.keys(body).length)).toEqual([1, 0, 3, 0]);
});
