import { CLUSTER_NAME } from '../../restoreJobs/mapping/globalIdEncoding';
import { isSnapshotList, type SnapshotLocation } from './BackupSnapshotModel';

/** What a snapshot's global id encodes. */
export interface SnapshotRef extends SnapshotLocation {
  snapshotId: string;
}

const PREFIX = 'BackupSnapshot';
const OBJECT_ID = /^[a-f0-9]{24}$/;

/** Encodes (list, projectId, clusterName, snapshotId) as an opaque base64url id (restore jobs' ids start `RestoreJob:`). */
export function encodeSnapshotId(ref: SnapshotRef): string {
  return Buffer.from(`${PREFIX}:${ref.list}:${ref.projectId}:${ref.clusterName}:${ref.snapshotId}`).toString('base64url');
}

/** True when the id is shaped as a snapshot's (its text starts with the snapshot prefix); says nothing of its parts. */
export function isSnapshotGlobalId(id: string): boolean {
  return typeof id === 'string' && id.length <= 256 && /^[A-Za-z0-9_-]+$/.test(id) && Buffer.from(id, 'base64url').toString('utf8').startsWith(`${PREFIX}:`);
}

/** Decodes a snapshot's global id; null for anything this gateway would not have issued as one. */
export function decodeSnapshotId(id: string): SnapshotRef | null {
  if (!isSnapshotGlobalId(id)) return null;
  const parts = Buffer.from(id, 'base64url').toString('utf8').split(':');
  const [, list, projectId, clusterName, snapshotId] = parts;
  if (parts.length !== 5 || !isSnapshotList(list) || !OBJECT_ID.test(projectId ?? '') || !CLUSTER_NAME.test(clusterName ?? '') || !OBJECT_ID.test(snapshotId ?? '')) {
    return null;
  }
  return { list, projectId: projectId!, clusterName: clusterName!, snapshotId: snapshotId! };
}
