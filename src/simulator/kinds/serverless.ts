import { clusterOf, isDedicated } from '../clusters';
import { clusterInServerlessApi, serverlessInstanceNotFound, SimulatorErrorCode, versionGone } from '../errors';
import { simToken } from '../JobLedger';
import { RequestBody } from '../requestBody';
import { refuseIfRestoring, restoreTarget, snapshotToRestore } from '../restores';
import { ATLAS_V2 } from '../seed/factory';
import { snapshotTakenAt } from '../seed/snapshots';
import { readFlagRestore, renderFlagRestore, runningFlagTarget } from './flagRestore';
import type { SimulatedKind, WriteContext, WriteRequest } from './SimulatedKind';

/** Serverless restore jobs (`…/serverless/{clusterName}/backup/restoreJobs`), v2 and v1.0. */
export const serverless: SimulatedKind = {
  kind: 'SERVERLESS',
  pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/serverless\/([^/]+)\/backup\/restoreJobs(?:\/([^/]+))?$/,
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  paged: true,
  jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  servingCluster(seed, groupId, clusterName) {
    const cluster = clusterOf(seed, groupId, clusterName);
    if (cluster?.formerKind === 'SERVERLESS' || isDedicated(cluster) || cluster?.kind === 'FREE') throw clusterInServerlessApi(clusterName);
    if (cluster?.kind !== 'SERVERLESS') throw serverlessInstanceNotFound(clusterName, groupId);
    return cluster;
  },
  runningRestoreTarget: (job) => runningFlagTarget(job),
  writes: [
    {
      operationId: 'createGroupServerlessBackupRestoreJob',
      method: 'POST',
      pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/serverless\/([^/]+)\/backup\/restoreJobs$/,
      handle: (ctx, request) => create(ctx, request),
    },
  ],
};

/**
 * createGroupServerlessBackupRestoreJob (v1.0: createServerlessBackupRestoreJob): `ServerlessBackupRestoreJob` in,
 * the new job out (200). Past the API's sunset (x-sunset 2026-01-22) for a migrated instance: 410 VERSION_GONE.
 * NOTE: the reads of a migrated instance keep answering CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API, as they always
 * did here; a write answers the spec's `gone` response, which the successors cut names for this sunset API.
 * NOTE: the schema requires `targetClusterName` and `targetGroupId` on every request, a download's too; the
 * simulator holds clients to that.
 */
function create(ctx: WriteContext, request: WriteRequest) {
  const { groupId, clusterName } = request;
  if (clusterOf(ctx.seed, groupId, clusterName)?.formerKind === 'SERVERLESS') throw versionGone();
  serverless.servingCluster(ctx.seed, groupId, clusterName);
  const restore = readFlagRestore(RequestBody.parse(request.bodyText), ctx.now, true);
  const snapshot = restore.snapshotId === undefined ? undefined : snapshotToRestore(ctx, { groupId, clusterName }, restore.snapshotId, ['replicaSet']);
  if (restore.target && restore.deliveryType !== 'download') {
    restoreTarget(ctx, restore.target.groupId, { name: restore.target.clusterName });
    refuseIfRestoring(ctx, restore.target);
  }
  const id = ctx.jobs.newId(ctx.now);
  const job = {
    id,
    request: restore,
    self: `${ATLAS_V2}/groups/${groupId}/serverless/${clusterName}/backup/restoreJobs/${id}`,
    ...(snapshot ? { snapshotTakenAt: snapshotTakenAt(snapshot) } : {}),
    downloadUrls: [`https://restore-${restore.snapshotId ?? id}.mongodb.net:27017/${clusterName}/${id}/part-0.tar.gz?token=${simToken(id, 'part-0')}`],
    replicaSets: null,
    showsTarget: true,
  };
  const created = ctx.jobs.add({ kind: 'SERVERLESS', projectId: groupId, clusterName, id, createdAtMs: ctx.now, steps: 1, render: (moment) => renderFlagRestore(job, moment) });
  return { status: 200, body: ctx.jobs.render(created, ctx.now) };
}
