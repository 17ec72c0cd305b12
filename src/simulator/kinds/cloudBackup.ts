import { clusterOf, isDedicated, isSharded, stableId } from '../clusters';
import { clusterNotFound, flexInClusterApi, noBackupOnFree, serverlessInClusterApi, SimulatedApiError, SimulatorErrorCode } from '../errors';
import { simToken } from '../JobLedger';
import { RequestBody } from '../requestBody';
import { refuseIfRestoring, restoreTarget, snapshotToRestore } from '../restores';
import { seedJobsOf } from '../SeedData';
import { ATLAS_V2 } from '../seed/factory';
import { replicaSetNames, snapshotTakenAt } from '../seed/snapshots';
import { readFlagRestore, renderFlagRestore, runningFlagTarget } from './flagRestore';
import type { SimulatedKind, WriteContext, WriteRequest } from './SimulatedKind';

const LIST = /^\/api\/atlas\/(v2)\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/restoreJobs$/;
const ONE = /^\/api\/atlas\/(v2)\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/restoreJobs\/([^/]+)$/;

/**
 * The id of one shard's (or the config host's) job of a sharded Cloud Backup restore. Atlas runs a sharded restore as
 * one job per replica set under the listed one; only the listed job can be read or cancelled.
 * NOTE: the spec does not show these per-shard jobs (`DiskBackupRestoreMember` has no id); the simulator derives
 * their ids from the listed job and the replica set, so `ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED` (the
 * cancel operation's 405 example) is reachable. A GET of one answers RESTORE_JOB_NOT_FOUND.
 */
export function shardRestoreJobId(jobId: string, replicaSetName: string): string {
  return stableId(`shard-restore:${jobId}:${replicaSetName}`);
}

/** Cloud Backup restore jobs of dedicated clusters (`…/clusters/{clusterName}/backup/restoreJobs`), v2 only. */
export const cloudBackup: SimulatedKind = {
  kind: 'CLOUD_BACKUP',
  pattern: /^\/api\/atlas\/(v2)\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/restoreJobs(?:\/([^/]+))?$/,
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  paged: true,
  jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  /**
   * NOTE: the successors spec lists no error codes for a cluster of another kind; the codes are the ones Atlas
   * documents in its error-code list (CANNOT_USE_*, FEATURE_UNSUPPORTED).
   */
  servingCluster(seed, groupId, clusterName) {
    const cluster = clusterOf(seed, groupId, clusterName);
    if (cluster?.kind === 'FLEX') throw flexInClusterApi(clusterName);
    if (cluster?.kind === 'SERVERLESS') throw serverlessInClusterApi(clusterName);
    if (cluster?.kind === 'FREE' || cluster?.kind === 'SHARED_TIER') throw noBackupOnFree(clusterName);
    // A cluster still on Legacy Backup has no Cloud Backup jobs.
    if (cluster && isDedicated(cluster)) return cluster;
    throw clusterNotFound(clusterName, groupId);
  },
  runningRestoreTarget: (job) => runningFlagTarget(job),
  writes: [
    { operationId: 'createGroupClusterBackupRestoreJob', method: 'POST', pattern: LIST, handle: (ctx, request) => create(ctx, request) },
    { operationId: 'cancelGroupClusterBackupRestoreJob', method: 'DELETE', pattern: ONE, handle: (ctx, request) => cancel(ctx, request) },
  ],
};

/**
 * createGroupClusterBackupRestoreJob: `DiskBackupSnapshotRestoreJob` in, the new job out (200), running. A sharded
 * cluster's job has one `components` entry per shard and the config host.
 */
function create(ctx: WriteContext, request: WriteRequest) {
  const { groupId, clusterName } = request;
  const source = cloudBackup.servingCluster(ctx.seed, groupId, clusterName);
  const restore = readFlagRestore(RequestBody.parse(request.bodyText), ctx.now, false);
  const snapshot = restore.snapshotId === undefined ? undefined : snapshotToRestore(ctx, { groupId, clusterName }, restore.snapshotId, ['replicaSet', 'shardedCluster']);
  if (restore.target) {
    restoreTarget(ctx, restore.target.groupId, { name: restore.target.clusterName });
    refuseIfRestoring(ctx, restore.target);
  }
  const id = ctx.jobs.newId(ctx.now);
  const replicaSets = isSharded(source) ? replicaSetNames(source) : null;
  const host = `https://restore-${restore.snapshotId ?? id}.mongodb.net:27017/${clusterName}/${id}`;
  const files = replicaSets ?? ['restore'];
  const job = {
    id,
    request: restore,
    self: `${ATLAS_V2}/groups/${groupId}/clusters/${clusterName}/backup/restoreJobs/${id}`,
    ...(snapshot ? { snapshotTakenAt: snapshotTakenAt(snapshot) } : {}),
    downloadUrls: files.map((file) => `${host}/${file}.tar.gz?token=${simToken(id, file)}`),
    replicaSets,
    showsTarget: restore.deliveryType !== 'download',
  };
  const created = ctx.jobs.add({
    kind: 'CLOUD_BACKUP',
    projectId: groupId,
    clusterName,
    id,
    createdAtMs: ctx.now,
    steps: 1,
    shardJobIds: (replicaSets ?? []).map((name) => shardRestoreJobId(id, name)),
    render: (moment) => renderFlagRestore(job, moment),
  });
  return { status: 200, body: ctx.jobs.render(created, ctx.now) };
}

/**
 * cancelGroupClusterBackupRestoreJob: 204, and the job reads `cancelled: true` from then on. Only download jobs can
 * be cancelled: an automated or point-in-time one answers 400 CANNOT_CANCEL_AUTOMATED_RESTORE, one shard's job of a
 * sharded restore 405 ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED, an unknown job 404 RESTORE_JOB_NOT_FOUND.
 * NOTE: the spec gives the shard code as its 405 example; the automated one's status (400) is the simulator's reading
 * of Atlas's error-code reference ("You can only cancel manual download restore jobs"). A download already finished,
 * expired or cancelled is cancelled again without complaint (Atlas documents no error for it).
 */
function cancel(ctx: WriteContext, request: WriteRequest) {
  const { groupId, clusterName } = request;
  const jobId = request.jobId!;
  const cluster = cloudBackup.servingCluster(ctx.seed, groupId, clusterName);
  const created = ctx.jobs.of('CLOUD_BACKUP', groupId, clusterName).find((j) => j.id === jobId);
  const seeded = seedJobsOf(cluster, 'CLOUD_BACKUP').find((j) => j.id === jobId);
  if (!created && !seeded) {
    const ofShard =
      ctx.jobs.of('CLOUD_BACKUP', groupId, clusterName).some((j) => j.shardJobIds.includes(jobId)) ||
      seedJobsOf(cluster, 'CLOUD_BACKUP').some((j) => j.id && (j.components ?? []).some((c) => c.replicaSetName && shardRestoreJobId(j.id!, c.replicaSetName) === jobId));
    if (ofShard) {
      throw new SimulatedApiError(405, SimulatorErrorCode.CannotCancelShardRestoreJob, `Restore job ${jobId} is one shard's job of a sharded restore: cancel the restore job instead.`);
    }
    throw new SimulatedApiError(404, SimulatorErrorCode.RestoreJobNotFound, `No restore job with ID ${jobId} exists in ${clusterName}.`);
  }
  const deliveryType = created ? (ctx.jobs.render(created, ctx.now) as { deliveryType?: string }).deliveryType : seeded!.deliveryType;
  if (deliveryType !== 'download') {
    throw new SimulatedApiError(400, SimulatorErrorCode.CannotCancelAutomatedRestore, `Restore job ${jobId} is not a download restore: only download restore jobs can be cancelled.`);
  }
  if (created) created.cancelledAtMs ??= ctx.now;
  else seeded!.cancelled = true;
  return { status: 204, body: null };
}
