import type { AtlasSchemas, BsonTimestampWire, LinkWire, ResponseView } from '../atlas/wire';

/**
 * The Atlas shapes the simulator serves, as its own view of the contract: aliases of the types generated from
 * restore-jobs.openapi.yaml where that cut has them, local declarations for the successors and snapshots cuts (not
 * generated on this branch). None comes from the gateway's kind folders: the simulator is an independent oracle.
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

/** `DiskBackupReplicaSet` (snapshots.openapi.yaml): one Cloud Backup snapshot of a replica set. */
export interface DiskBackupReplicaSetWire {
  cloudProvider?: string;
  copyRegions?: string[];
  createdAt?: string;
  description?: string;
  expiresAt?: string;
  frequencyType?: string;
  id?: string;
  links?: LinkWire[];
  masterKeyUUID?: string;
  mongodVersion?: string;
  policyItems?: string[];
  replicaSetName?: string;
  snapshotType?: string;
  status?: string;
  storageSizeBytes?: number;
  type?: string;
}

/** `DiskBackupShardedClusterSnapshotMember` (snapshots.openapi.yaml): one shard's or the config host's snapshot. */
export interface DiskBackupShardedClusterSnapshotMemberWire {
  cloudProvider: string;
  id: string;
  replicaSetName: string;
}

/** `DiskBackupShardedClusterSnapshot` (snapshots.openapi.yaml): one Cloud Backup snapshot of a sharded cluster. */
export interface DiskBackupShardedClusterSnapshotWire {
  configServerType?: string;
  createdAt?: string;
  description?: string;
  expiresAt?: string;
  frequencyType?: string;
  id?: string;
  links?: LinkWire[];
  masterKeyUUID?: string;
  members?: DiskBackupShardedClusterSnapshotMemberWire[];
  mongodVersion?: string;
  policyItems?: string[];
  snapshotIds?: string[];
  snapshotType?: string;
  status?: string;
  storageSizeBytes?: number;
  type?: string;
}

/** `FlexBackupSnapshot20241113` (snapshots.openapi.yaml): one snapshot of a flex cluster. */
export interface FlexBackupSnapshotWire {
  expiration?: string;
  finishTime?: string;
  id?: string;
  links?: LinkWire[];
  mongoDBVersion?: string;
  scheduledTime?: string;
  startTime?: string;
  status?: string;
}

/** `BackupSnapshotPart` (snapshots.openapi.yaml): one replica set or config host of a legacy snapshot. */
export interface BackupSnapshotPartWire {
  clusterId?: string;
  completedTime?: string;
  compressionSetting?: string;
  dataSizeBytes?: number;
  encryptionEnabled?: boolean;
  fcv?: string;
  fileSizeBytes?: number;
  machineId?: string;
  masterKeyUUID?: string;
  mongodVersion?: string;
  replicaSetName?: string;
  replicaState?: string;
  storageSizeBytes?: number;
  typeName?: string;
}

/** `BackupSnapshot` (snapshots.openapi.yaml): one Legacy Backup snapshot; `complete` is false while it is taken. */
export interface BackupSnapshotWire {
  clusterId?: string;
  clusterName?: string;
  complete?: boolean;
  created?: BsonTimestampWire;
  doNotDelete?: boolean;
  expires?: string;
  groupId?: string;
  id?: string;
  incremental?: boolean;
  lastOplogAppliedTimestamp?: BsonTimestampWire;
  links?: LinkWire[];
  parts?: BackupSnapshotPartWire[];
}
