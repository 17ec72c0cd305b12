import type { RestoreJobKind } from '../../restoreJobs/RestoreJobKind';
import type { RestoreJobModel } from '../../restoreJobs/RestoreJobModel';

/** The GraphQL enum `SnapshotStatus`, declared in the domain (codegen maps the schema's enum onto it). */
export const SNAPSHOT_STATUSES = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'UNKNOWN'] as const;
/** Where a snapshot is in its life, in one vocabulary for every list. */
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

/** The GraphQL enum `SnapshotType`, declared in the domain. */
export const SNAPSHOT_TYPES = ['ON_DEMAND', 'SCHEDULED', 'FALLBACK', 'UNKNOWN'] as const;
/** What took a snapshot: someone on demand, the backup schedule, or Atlas's fallback. */
export type SnapshotType = (typeof SNAPSHOT_TYPES)[number];

/**
 * Which Atlas snapshot list a snapshot comes from: Cloud Backup has one for replica sets and one for sharded clusters
 * (`listGroupClusterBackupSnapshots`, `listGroupClusterBackupSnapshotShardedClusters`), flex and Legacy Backup one each.
 */
export const SNAPSHOT_LISTS = ['CLOUD_BACKUP_REPLICA_SET', 'CLOUD_BACKUP_SHARDED', 'FLEX', 'LEGACY_BACKUP'] as const;
/** One of {@link SNAPSHOT_LISTS}. */
export type SnapshotList = (typeof SNAPSHOT_LISTS)[number];

/** True for a word that names a snapshot list. */
export function isSnapshotList(value: unknown): value is SnapshotList {
  return typeof value === 'string' && (SNAPSHOT_LISTS as readonly string[]).includes(value);
}

/** The restore-job kind whose restores start from a list's snapshots. */
export const KIND_OF_LIST: Readonly<Record<SnapshotList, RestoreJobKind>> = {
  CLOUD_BACKUP_REPLICA_SET: 'CLOUD_BACKUP',
  CLOUD_BACKUP_SHARDED: 'CLOUD_BACKUP',
  FLEX: 'FLEX',
  LEGACY_BACKUP: 'LEGACY_BACKUP',
};

/** Where a snapshot lives: its list, project and cluster. */
export interface SnapshotLocation {
  list: SnapshotList;
  projectId: string;
  clusterName: string;
}

/** `BackupSnapshot`: one snapshot a restore can start from, normalized from any of the four lists. */
export interface BackupSnapshotModel extends SnapshotLocation {
  /** The global id (list, project, cluster, snapshot). */
  id: string;
  snapshotId: string;
  /** The restore-job kind that restores it (`startDownloadRestore(kind:)`). */
  kind: RestoreJobKind;
  status: SnapshotStatus;
  /** The status word Atlas sent; null when it sent none (Legacy Backup has only its `complete` flag). */
  atlasStatus: string | null;
  createdAt: Date | null;
  expiresAt: Date | null;
  type: SnapshotType;
  /** A safe integer (snapshots pass 2 GiB), or null. */
  sizeBytes: number | null;
  mongoDBVersion: string | null;
}

/** What a global id resolves to: a restore job or a snapshot (the GraphQL `Node` interface's models). */
export type NodeModel = RestoreJobModel | BackupSnapshotModel;

/** True for a snapshot's model (restore jobs carry no snapshot list). */
export function isBackupSnapshot(node: NodeModel): node is BackupSnapshotModel {
  return 'list' in node && isSnapshotList(node.list);
}
