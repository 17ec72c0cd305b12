import type { ServerlessBackupRestoreJobWire } from '../wire';
import { ATLAS_V2, HOUR, INCREMENT_BASE, iso, type ClusterContext } from './factory';
import { flagJobBasics, type FlagRestoreSpec } from './flagRestore';

/** A `ServerlessBackupRestoreJob` body, shaped like the spec's. */
export function serverlessJob(ctx: ClusterContext, spec: FlagRestoreSpec): ServerlessBackupRestoreJobWire {
  const { f } = ctx;
  const { id, snapshotMs, snapshotId, download, pit, pitSeconds } = flagJobBasics(ctx, spec);
  const job: ServerlessBackupRestoreJobWire = {
    cancelled: spec.cancelled === true,
    deliveryType: spec.deliveryType,
    ...(download && spec.finished
      ? {
          deliveryUrl: [
            `https://restore-${snapshotId}.mongodb.net:27017/${ctx.clusterName}/${id}/part-0.tar.gz?token=sim-${f.hex(32)}`,
            `https://restore-${snapshotId}.mongodb.net:27017/${ctx.clusterName}/${id}/part-1.tar.gz?token=sim-${f.hex(32)}`,
          ],
        }
      : {}),
    ...(pit && spec.byOplog ? { desiredTimestamp: { date: iso(pitSeconds * 1000), increment: INCREMENT_BASE + 12 } } : {}),
    expired: spec.expired === true,
    ...(download && spec.finished ? { expiresAt: iso(spec.atMs + 2 * HOUR + (spec.expired ? 0 : 24 * 365 * HOUR)) } : {}),
    failed: spec.failed === true,
    ...(spec.finished ? { finishedAt: iso(spec.atMs + 25 * 60_000) } : {}),
    id,
    links: [{ href: `${ATLAS_V2}/groups/${ctx.projectId}/serverless/${ctx.clusterName}/backup/restoreJobs/${id}`, rel: 'self' }],
    ...(pit && spec.byOplog ? { oplogInc: 12, oplogTs: pitSeconds } : {}),
    ...(pit ? { pointInTimeUTCSeconds: pitSeconds } : {}),
    snapshotId,
    targetClusterName: spec.targetClusterName ?? ctx.clusterName,
    targetGroupId: spec.targetGroupId ?? ctx.projectId,
    timestamp: iso(snapshotMs),
  };
  return job;
}
