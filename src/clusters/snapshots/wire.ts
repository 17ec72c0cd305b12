import type { SnapshotResponseView, SnapshotSchemas } from '../../atlas/wire';

/**
 * Wire shapes of the snapshot lists, as aliases of the types generated from atlas/snapshots.openapi.yaml
 * (`npm run codegen`): response views, enums widened (a word Atlas adds is read as UNKNOWN, never refused).
 */

/** `DiskBackupReplicaSet`: one Cloud Backup snapshot of a replica set (media type 2023-01-01). */
export type DiskBackupReplicaSetWire = SnapshotResponseView<SnapshotSchemas['DiskBackupReplicaSet']>;

/** `DiskBackupShardedClusterSnapshot`: one Cloud Backup snapshot of a sharded cluster (media type 2023-01-01). */
export type DiskBackupShardedClusterSnapshotWire = SnapshotResponseView<SnapshotSchemas['DiskBackupShardedClusterSnapshot']>;

/** `FlexBackupSnapshot20241113`: one snapshot of a flex cluster (media type 2024-11-13). */
export type FlexBackupSnapshotWire = SnapshotResponseView<SnapshotSchemas['FlexBackupSnapshot20241113']>;

/** `BackupSnapshot`: one Legacy Backup snapshot (media type 2023-01-01); `complete` is false while it is taken. */
export type LegacyBackupSnapshotWire = SnapshotResponseView<SnapshotSchemas['BackupSnapshot']>;
