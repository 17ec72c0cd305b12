import type { SnapshotList, SnapshotLocation, BackupSnapshotModel } from './BackupSnapshotModel';
import { cloudBackupSnapshot, flexSnapshot, legacyBackupSnapshot } from './mapping';

/** How one Atlas snapshot list is read (snapshots.openapi.yaml): its paths, media type, paging and mapper. */
export interface SnapshotListDefinition {
  /** The spec's operationId of the list, for the reader. */
  operationId: string;
  /** The list path under `/api/atlas/v2`. */
  listPath(at: SnapshotLocation): string;
  /** The path of one snapshot under `/api/atlas/v2`. */
  onePath(at: SnapshotLocation, snapshotId: string): string;
  /** The versioned media type (`Accept`). */
  mediaType: string;
  /** `pageNum`: Atlas pages with pageNum/itemsPerPage; `none`: Atlas returns the whole list (paged in the gateway). */
  paging: 'pageNum' | 'none';
  /** Query parameters every list call sends besides paging. */
  query: Readonly<Record<string, string>>;
  /** One body -> the model; null when it lacks a usable id. */
  toModel(wire: Record<string, unknown>, at: SnapshotLocation): BackupSnapshotModel | null;
}

const CLOUD_BACKUP_MEDIA_TYPE = 'application/vnd.atlas.2023-01-01+json';
const FLEX_MEDIA_TYPE = 'application/vnd.atlas.2024-11-13+json';

const group = (at: SnapshotLocation): string => `/groups/${encodeURIComponent(at.projectId)}`;
const cluster = (at: SnapshotLocation): string => `${group(at)}/clusters/${encodeURIComponent(at.clusterName)}`;

/**
 * The four lists. NOTE: every one of them exists only in v2 (snapshots.openapi.yaml has no v1.0 operation), so they
 * stay on v2 when `MONGODB_ATLAS_API_VERSION=v1.0`.
 */
export const SNAPSHOT_LIST_DEFINITIONS: Readonly<Record<SnapshotList, SnapshotListDefinition>> = {
  CLOUD_BACKUP_REPLICA_SET: {
    operationId: 'listGroupClusterBackupSnapshots',
    listPath: (at) => `${cluster(at)}/backup/snapshots`,
    onePath: (at, id) => `${cluster(at)}/backup/snapshots/${encodeURIComponent(id)}`,
    mediaType: CLOUD_BACKUP_MEDIA_TYPE,
    paging: 'pageNum',
    query: {},
    toModel: (wire, at) => cloudBackupSnapshot(wire, at),
  },
  CLOUD_BACKUP_SHARDED: {
    operationId: 'listGroupClusterBackupSnapshotShardedClusters',
    listPath: (at) => `${cluster(at)}/backup/snapshots/shardedClusters`,
    onePath: (at, id) => `${cluster(at)}/backup/snapshots/shardedCluster/${encodeURIComponent(id)}`,
    mediaType: CLOUD_BACKUP_MEDIA_TYPE,
    // NOTE: the sharded list takes no pageNum, itemsPerPage or includeCount (the spec lists none) yet answers the
    // paginated wrapper; the gateway reads it whole and pages it itself.
    paging: 'none',
    query: {},
    toModel: (wire, at) => cloudBackupSnapshot(wire, at),
  },
  FLEX: {
    operationId: 'listGroupFlexClusterBackupSnapshots',
    listPath: (at) => `${group(at)}/flexClusters/${encodeURIComponent(at.clusterName)}/backup/snapshots`,
    onePath: (at, id) => `${group(at)}/flexClusters/${encodeURIComponent(at.clusterName)}/backup/snapshots/${encodeURIComponent(id)}`,
    mediaType: FLEX_MEDIA_TYPE,
    paging: 'pageNum',
    query: {},
    toModel: (wire, at) => flexSnapshot(wire, at),
  },
  LEGACY_BACKUP: {
    operationId: 'listGroupClusterSnapshots',
    listPath: (at) => `${cluster(at)}/snapshots`,
    onePath: (at, id) => `${cluster(at)}/snapshots/${encodeURIComponent(id)}`,
    mediaType: CLOUD_BACKUP_MEDIA_TYPE,
    paging: 'pageNum',
    // NOTE: the legacy list's `completed` defaults to "true", which hides the snapshots still being taken; the gateway
    // asks for all of them, so a legacy snapshot in progress is listed as IN_PROGRESS like any other list's.
    query: { completed: 'all' },
    toModel: (wire, at) => legacyBackupSnapshot(wire, at),
  },
};
