import type { DiskBackupSnapshotRestoreJobWire } from '../wire';
import { ATLAS_V2, HOUR, INCREMENT_BASE, iso, type ClusterContext } from './factory';
import { flagJobBasics, type FlagRestoreSpec } from './flagRestore';

/** One seeded Cloud Backup job: a flag-status job, plus its download URLs and, for a sharded cluster, its members. */
export interface CloudBackupSpec extends FlagRestoreSpec {
  /** Download URLs sent (public, private, or both); default: both once finished. */
  urls?: 'public' | 'private' | 'both' | 'none';
  /** The replica sets of a sharded cluster: one `components` entry each. */
  replicaSets?: string[];
  /** Components past this index have no URL yet (a sharded download still being prepared). */
  readyComponents?: number;
}

/** A `DiskBackupSnapshotRestoreJob` body, shaped like the spec's. */
export function cloudBackupJob(ctx: ClusterContext, spec: CloudBackupSpec): DiskBackupSnapshotRestoreJobWire {
  const { f } = ctx;
  const { id, snapshotMs, snapshotId, download, pit, pitSeconds } = flagJobBasics(ctx, spec);
  const urls = download ? (spec.urls ?? (spec.finished ? 'both' : 'none')) : 'none';
  const host = `https://restore-${snapshotId}.mongodb.net:27017/${ctx.clusterName}/${id}`;
  const privateHost = `https://restore-${snapshotId}-pl-0.mongodb.net:27017/${ctx.clusterName}/${id}`;
  const endpointId = `vpce-${f.hex(17)}`;
  const publicUrls = urls === 'public' || urls === 'both';
  const privateUrls = urls === 'private' || urls === 'both';
  const components = spec.replicaSets?.map((replicaSetName, i) => {
    const ready = download && urls !== 'none' && i < (spec.readyComponents ?? spec.replicaSets!.length);
    return {
      ...(ready && publicUrls ? { downloadUrl: `${host}/${replicaSetName}.tar.gz?token=sim-${f.hex(32)}` } : {}),
      ...(ready && privateUrls
        ? { privateDownloadDeliveryUrls: [{ deliveryUrl: `${privateHost}/${replicaSetName}.tar.gz?token=sim-${f.hex(32)}`, endpointId }] }
        : {}),
      replicaSetName,
    };
  });
  return {
    cancelled: spec.cancelled === true,
    ...(components ? { components } : {}),
    deliveryType: spec.deliveryType,
    ...(!components && publicUrls ? { deliveryUrl: [`${host}/restore.tar.gz?token=sim-${f.hex(32)}`] } : {}),
    ...(pit && spec.byOplog ? { desiredTimestamp: { date: iso(pitSeconds * 1000), increment: INCREMENT_BASE + 7 } } : {}),
    expired: spec.expired === true,
    ...(download && spec.finished ? { expiresAt: iso(spec.atMs + 2 * HOUR + (spec.expired ? 0 : 24 * 365 * HOUR)) } : {}),
    failed: spec.failed === true,
    ...(spec.finished ? { finishedAt: iso(spec.atMs + 40 * 60_000) } : {}),
    id,
    links: [{ href: `${ATLAS_V2}/groups/${ctx.projectId}/clusters/${ctx.clusterName}/backup/restoreJobs/${id}`, rel: 'self' }],
    ...(pit && spec.byOplog ? { oplogInc: 7, oplogTs: pitSeconds } : {}),
    ...(pit ? { pointInTimeUTCSeconds: pitSeconds } : {}),
    ...(!components && privateUrls ? { privateDownloadDeliveryUrls: [{ deliveryUrl: `${privateHost}/restore.tar.gz?token=sim-${f.hex(32)}`, endpointId }] } : {}),
    snapshotId,
    ...(download ? {} : { targetClusterName: spec.targetClusterName ?? ctx.clusterName, targetGroupId: spec.targetGroupId ?? ctx.projectId }),
    timestamp: iso(snapshotMs),
  };
}
