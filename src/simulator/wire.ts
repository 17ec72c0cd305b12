import type { AtlasSchemas, BsonTimestampWire, LinkWire, ResponseView, SnapshotResponseView, SnapshotSchemas } from '../atlas/wire';

/**
 * The Atlas shapes the simulator serves, as its own view of the contract: aliases of the types generated from
 * restore-jobs.openapi.yaml where that cut has them, aliases of snapshots.openapi.yaml's for the snapshots, local
 * declarations for the successors cut. None comes from the gateway's kind folders: the simulator is an independent oracle.
 */

/** `BackupRestoreJobDelivery`, response view. */
export type BackupRestoreJobDeliveryWire = ResponseView<AtlasSchemas['BackupRestoreJobDelivery']>;

/** `BackupRestoreJob` as returned by GET (the writeOnly request fields left out). */
export type BackupRestoreJobWire = ResponseView<AtlasSchemas['BackupRestoreJob']>;

type TenantRestore = ResponseView<AtlasSchemas['TenantRestore']>;

/**
 * `TenantRestore` as returned by GET. NOTE: the spec's one `TenantRestore` schema serves the create request and the
 * responses, and its `required` (`snapshotId`, `targetDeploymentItemName`) is the request's; as a response both are
 * optional. Older bodies (the v1.0 reference page, atlas/pages/001_*) carry `submittedAt`, `finishedDate` and
 * `timestamp` where current ones have `restoreScheduledDate`, `restoreFinishedDate` and `snapshotFinishedDate`.
 */
export type TenantRestoreWire = Omit<TenantRestore, 'snapshotId' | 'targetDeploymentItemName'> &
  Partial<Pick<TenantRestore, 'snapshotId' | 'targetDeploymentItemName'>> & {
    submittedAt?: string;
    finishedDate?: string;
    timestamp?: string;
  };

/** `FlexBackupRestoreJob20241113`, response view. */
export type FlexBackupRestoreJobWire = ResponseView<AtlasSchemas['FlexBackupRestoreJob20241113']>;

/** `ServerlessBackupRestoreJob`, response view. */
export type ServerlessBackupRestoreJobWire = ResponseView<AtlasSchemas['ServerlessBackupRestoreJob']>;

/** `ApiPrivateDownloadDeliveryUrl` (successors.openapi.yaml). */
export interface PrivateDownloadDeliveryUrlWire {
  deliveryUrl?: string;
  endpointId?: string;
}

/** `DiskBackupRestoreMember` (successors.openapi.yaml): one replica set of a sharded cluster's restore. */
export interface DiskBackupRestoreMemberWire {
  downloadUrl?: string;
  privateDownloadDeliveryUrls?: PrivateDownloadDeliveryUrlWire[];
  replicaSetName?: string;
}

/** `DiskBackupSnapshotRestoreJob` (successors.openapi.yaml), response view: only `deliveryType` is required. */
export interface DiskBackupSnapshotRestoreJobWire {
  cancelled?: boolean;
  components?: DiskBackupRestoreMemberWire[];
  deliveryType: string;
  deliveryUrl?: string[];
  desiredTimestamp?: BsonTimestampWire;
  expired?: boolean;
  expiresAt?: string;
  failed?: boolean;
  finishedAt?: string;
  id?: string;
  links?: LinkWire[];
  oplogInc?: number;
  oplogTs?: number;
  pointInTimeUTCSeconds?: number;
  privateDownloadDeliveryUrls?: PrivateDownloadDeliveryUrlWire[];
  snapshotId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  timestamp?: string;
}

/** `DiskBackupReplicaSet` (snapshots.openapi.yaml), response view: one Cloud Backup snapshot of a replica set. */
export type DiskBackupReplicaSetWire = SnapshotResponseView<SnapshotSchemas['DiskBackupReplicaSet']>;

/** `DiskBackupShardedClusterSnapshotMember` (snapshots.openapi.yaml): one shard's or the config host's snapshot. */
export type DiskBackupShardedClusterSnapshotMemberWire = SnapshotResponseView<SnapshotSchemas['DiskBackupShardedClusterSnapshotMember']>;

/** `DiskBackupShardedClusterSnapshot` (snapshots.openapi.yaml), response view: one Cloud Backup snapshot of a sharded cluster. */
export type DiskBackupShardedClusterSnapshotWire = SnapshotResponseView<SnapshotSchemas['DiskBackupShardedClusterSnapshot']>;

/** `FlexBackupSnapshot20241113` (snapshots.openapi.yaml), response view: one snapshot of a flex cluster. */
export type FlexBackupSnapshotWire = SnapshotResponseView<SnapshotSchemas['FlexBackupSnapshot20241113']>;

/** `BackupSnapshotPart` (snapshots.openapi.yaml): one replica set or config host of a legacy snapshot. */
export type BackupSnapshotPartWire = SnapshotResponseView<SnapshotSchemas['BackupSnapshotPart']>;

/** `BackupSnapshot` (snapshots.openapi.yaml), response view: one Legacy Backup snapshot; `complete` is false while it is taken. */
export type BackupSnapshotWire = SnapshotResponseView<SnapshotSchemas['BackupSnapshot']>;
