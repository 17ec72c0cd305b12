import { isObjectId, lookup, str, toDate } from '../../restoreJobs/mapping/mapping';
import { KIND_OF_LIST, type BackupSnapshotModel, type SnapshotLocation, type SnapshotStatus, type SnapshotType } from './BackupSnapshotModel';
import { encodeSnapshotId } from './snapshotGlobalId';
import type { DiskBackupReplicaSetWire, DiskBackupShardedClusterSnapshotWire, FlexBackupSnapshotWire, LegacyBackupSnapshotWire } from './wire';

/**
 * Each snapshot list's body -> {@link BackupSnapshotModel}, tolerant of missing and malformed fields (never throwing),
 * and the status and type vocabularies as data (DESIGN.md, "Reads across a project"). Pure; tested with literal inputs
 * and outputs in test/unit/snapshotMapping.test.ts.
 */

/** Cloud Backup `status` (replica sets and sharded clusters alike). */
export const CLOUD_BACKUP_SNAPSHOT_STATUS: Readonly<Record<string, SnapshotStatus>> = {
  queued: 'QUEUED',
  inProgress: 'IN_PROGRESS',
  completed: 'COMPLETED',
  failed: 'FAILED',
};

/** Flex `status`: PENDING is QUEUED (accepted, not yet started), RUNNING is IN_PROGRESS. */
export const FLEX_SNAPSHOT_STATUS: Readonly<Record<string, SnapshotStatus>> = {
  PENDING: 'QUEUED',
  QUEUED: 'QUEUED',
  RUNNING: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
};

/** Cloud Backup `snapshotType`. */
export const CLOUD_BACKUP_SNAPSHOT_TYPE: Readonly<Record<string, SnapshotType>> = {
  onDemand: 'ON_DEMAND',
  scheduled: 'SCHEDULED',
  fallback: 'FALLBACK',
};

/** A status word through its list's table: UNKNOWN for a word the table lacks, the word itself kept (null when absent). */
export function snapshotStatus(table: Readonly<Record<string, SnapshotStatus>>, word: unknown): { status: SnapshotStatus; atlasStatus: string | null } {
  return { status: lookup(table, word, 'UNKNOWN'), atlasStatus: str(word) };
}

/** Legacy Backup has no status word: `complete: true` is COMPLETED, `false` IN_PROGRESS, anything else UNKNOWN. */
export function legacySnapshotStatus(complete: unknown): SnapshotStatus {
  return complete === true ? 'COMPLETED' : complete === false ? 'IN_PROGRESS' : 'UNKNOWN';
}

/** Cloud Backup `snapshotType` -> {@link SnapshotType} (UNKNOWN for a word it does not know, or none). */
export function cloudBackupSnapshotType(word: unknown): SnapshotType {
  return lookup(CLOUD_BACKUP_SNAPSHOT_TYPE, word, 'UNKNOWN');
}

/** A byte count for the `SafeInt` scalar (a safe integer >= 0), or null. */
export function byteCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

type Fields = Omit<BackupSnapshotModel, 'id' | 'snapshotId' | 'kind' | keyof SnapshotLocation>;

function model(location: SnapshotLocation, snapshotId: unknown, fields: Fields): BackupSnapshotModel | null {
  if (!isObjectId(snapshotId)) return null;
  return {
    id: encodeSnapshotId({ ...location, snapshotId }),
    snapshotId,
    kind: KIND_OF_LIST[location.list],
    list: location.list,
    projectId: location.projectId,
    clusterName: location.clusterName,
    ...fields,
  };
}

/** A Cloud Backup snapshot (`DiskBackupReplicaSet` or `DiskBackupShardedClusterSnapshot`); null without a usable id. */
export function cloudBackupSnapshot(wire: DiskBackupReplicaSetWire | DiskBackupShardedClusterSnapshotWire, location: SnapshotLocation): BackupSnapshotModel | null {
  return model(location, wire.id, {
    ...snapshotStatus(CLOUD_BACKUP_SNAPSHOT_STATUS, wire.status),
    createdAt: toDate(wire.createdAt),
    expiresAt: toDate(wire.expiresAt),
    type: cloudBackupSnapshotType(wire.snapshotType),
    sizeBytes: byteCount(wire.storageSizeBytes),
    mongoDBVersion: str(wire.mongodVersion),
  });
}

/**
 * A flex snapshot (`FlexBackupSnapshot20241113`); null without a usable id. `createdAt` is when Atlas began taking it
 * (`startTime`, else `scheduledTime`).
 * NOTE: flex snapshots carry no type, size or deletion time: Atlas takes them on its schedule (SCHEDULED), `sizeBytes`
 * is null, and `expiresAt` is `expiration`, which the spec describes as the end of the snapshot's download link.
 */
export function flexSnapshot(wire: FlexBackupSnapshotWire, location: SnapshotLocation): BackupSnapshotModel | null {
  return model(location, wire.id, {
    ...snapshotStatus(FLEX_SNAPSHOT_STATUS, wire.status),
    createdAt: toDate(wire.startTime) ?? toDate(wire.scheduledTime),
    expiresAt: toDate(wire.expiration),
    type: 'SCHEDULED',
    sizeBytes: null,
    mongoDBVersion: str(wire.mongoDBVersion),
  });
}

/**
 * A Legacy Backup snapshot (`BackupSnapshot`); null without a usable id. `sizeBytes` is the sum of its parts'
 * `storageSizeBytes` (one part per replica set and config host), null when none has one or the sum is not safe.
 * NOTE: the legacy API has no status word or snapshot type: `atlasStatus` is null, and its snapshots are taken on the
 * backup schedule (Legacy Backup has no on-demand snapshots), so SCHEDULED.
 */
export function legacyBackupSnapshot(wire: LegacyBackupSnapshotWire, location: SnapshotLocation): BackupSnapshotModel | null {
  const parts = Array.isArray(wire.parts) ? wire.parts.filter((p) => typeof p === 'object' && p !== null) : [];
  const sizes = parts.map((p) => byteCount(p.storageSizeBytes)).filter((n): n is number => n !== null);
  const total = sizes.length ? sizes.reduce((a, b) => a + b, 0) : null;
  return model(location, wire.id, {
    status: legacySnapshotStatus(wire.complete),
    atlasStatus: null,
    createdAt: toDate(wire.created?.date),
    expiresAt: toDate(wire.expires),
    type: 'SCHEDULED',
    sizeBytes: byteCount(total),
    mongoDBVersion: parts.map((p) => str(p.mongodVersion)).find((v) => v !== null) ?? null,
  });
}
