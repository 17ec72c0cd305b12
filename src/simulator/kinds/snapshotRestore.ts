import { simToken, type JobMoment } from '../JobLedger';
import { DEPLOYMENT_ITEM_NAME, OBJECT_ID, RequestBody } from '../requestBody';
import { refuseIfRestoring, restoreTarget, snapshotToRestore } from '../restores';
import { ATLAS_V2, HOUR, iso } from '../seed/factory';
import { snapshotTakenAt } from '../seed/snapshots';
import type { FlexBackupRestoreJobWire, TenantRestoreWire } from '../wire';
import type { Job } from '../SeedData';
import type { RestoreTarget, SimulatedKind, WriteAnswer, WriteContext, WriteRequest } from './SimulatedKind';

/** The states of a shared-tier or flex job, one per step. */
const PROGRESS = ['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED'] as const;
const RUNNING = new Set<string>(['PENDING', 'QUEUED', 'RUNNING']);

/** Shared tier (`TenantRestore`, source `clusterName`) or flex (`FlexBackupRestoreJob20241113`, source `instanceName`). */
export type SnapshotRestoreShape = 'tenant' | 'flex';

/** A created shared-tier or flex job. */
interface SnapshotRestoreJob {
  shape: SnapshotRestoreShape;
  id: string;
  source: RestoreTarget;
  deliveryType: 'RESTORE' | 'DOWNLOAD';
  snapshotId: string;
  snapshotFinishedDate: string | undefined;
  target: { projectId: string; name: string };
  createdAtMs: number;
}

/**
 * A create (`RESTORE`: the snapshot onto `targetDeploymentItemName` in `targetProjectId`, by default the source's
 * project) or a download (`DOWNLOAD`) of a shared-tier or flex snapshot. `fields` are the request schema's writable
 * ones, `requiresTarget` whether it requires `targetDeploymentItemName`. Answers the new job (200), PENDING.
 * NOTE: the spec's request schemas list the response's readOnly fields too; only the writable ones are taken.
 */
export function createSnapshotRestore(
  kind: Pick<SimulatedKind, 'kind' | 'servingCluster'>,
  shape: SnapshotRestoreShape,
  deliveryType: SnapshotRestoreJob['deliveryType'],
  fields: readonly string[],
): (ctx: WriteContext, request: WriteRequest) => WriteAnswer {
  return (ctx, request) => {
    const source = { groupId: request.groupId, clusterName: request.clusterName };
    kind.servingCluster(ctx.seed, source.groupId, source.clusterName);
    const body = RequestBody.parse(request.bodyText).only(fields);
    const snapshotId = body.string('snapshotId', { required: true })!;
    const targetName = body.string('targetDeploymentItemName', { required: fields.includes('targetDeploymentItemName'), pattern: DEPLOYMENT_ITEM_NAME });
    const targetProjectId = body.string('targetProjectId', { pattern: OBJECT_ID }) ?? source.groupId;
    const snapshot = snapshotToRestore(ctx, source, snapshotId, ['flex']);
    if (deliveryType === 'RESTORE') {
      const target = { groupId: targetProjectId, clusterName: targetName! };
      restoreTarget(ctx, target.groupId, { name: target.clusterName });
      refuseIfRestoring(ctx, target);
    }
    const job: SnapshotRestoreJob = {
      shape,
      id: ctx.jobs.newId(ctx.now),
      source,
      deliveryType,
      snapshotId,
      snapshotFinishedDate: snapshotTakenAt(snapshot),
      // A download names the source as its target, as Atlas's download jobs do.
      target: deliveryType === 'RESTORE' ? { projectId: targetProjectId, name: targetName! } : { projectId: source.groupId, name: source.clusterName },
      createdAtMs: ctx.now,
    };
    const created = ctx.jobs.add({
      kind: kind.kind,
      projectId: source.groupId,
      clusterName: source.clusterName,
      id: job.id,
      createdAtMs: ctx.now,
      steps: PROGRESS.length - 1,
      render: (moment) => renderSnapshotRestore(job, moment),
    });
    return { status: 200, body: ctx.jobs.render(created, ctx.now) };
  };
}

/**
 * A created job's body: PENDING, QUEUED, RUNNING, then COMPLETED (with `restoreFinishedDate`), one state per step. A
 * download's `expirationDate` is four hours after the request (the spec: the snapshot URL "remains active for four
 * hours after you make the request"); its `snapshotUrl` comes once it completed.
 * NOTE: the seed's download jobs carry a URL in every status; the spec does not say when it appears.
 * NOTE: the spec's prose for `restoreFinishedDate` says the job then turns `CLOSED`, a status its `status` enum does
 * not have; the enum wins (COMPLETED), as the shared-tier reference page (atlas/pages/001_*) also says. That page calls
 * `targetDeploymentItemName` the "target Atlas project"; the spec's "cluster on the target project" wins, so it is
 * checked as a cluster of `targetProjectId`. `restoreScheduledDate` is the request's time (the page: "when the restore
 * was requested"; the spec: when Atlas "will restore" it, the same moment for a restore that starts at once).
 */
function renderSnapshotRestore(job: SnapshotRestoreJob, m: JobMoment): FlexBackupRestoreJobWire | TenantRestoreWire {
  const status = PROGRESS[m.step]!;
  const done = status === 'COMPLETED';
  const download = job.deliveryType === 'DOWNLOAD';
  const { groupId, clusterName } = job.source;
  const self =
    job.shape === 'tenant'
      ? `${ATLAS_V2}/groups/${groupId}/clusters/${clusterName}/backup/tenant/restores/${job.id}`
      : `${ATLAS_V2}/groups/${groupId}/flexClusters/${clusterName}/backup/restoreJobs/${job.id}`;
  return {
    ...(job.shape === 'tenant' ? { clusterName } : { instanceName: clusterName }),
    deliveryType: job.deliveryType,
    ...(download ? { expirationDate: iso(job.createdAtMs + 4 * HOUR) } : {}),
    id: job.id,
    links: [{ href: self, rel: 'self' }],
    projectId: groupId,
    ...(done ? { restoreFinishedDate: iso(m.stepAt(PROGRESS.length - 1)) } : {}),
    restoreScheduledDate: iso(job.createdAtMs),
    ...(job.snapshotFinishedDate ? { snapshotFinishedDate: job.snapshotFinishedDate } : {}),
    snapshotId: job.snapshotId,
    ...(download && done
      ? { snapshotUrl: `https://restore-${job.snapshotId}.mongodb.net:27017/${clusterName}/${job.id}/snapshot.tar.gz?token=${simToken(job.id, 'snapshot')}` }
      : {}),
    status,
    targetDeploymentItemName: job.target.name,
    targetProjectId: job.target.projectId,
  };
}

/** The target of a shared-tier or flex `RESTORE` job still pending, queued or running. */
export function runningSnapshotRestoreTarget(job: Job, projectId: string): RestoreTarget | null {
  const j = job as { deliveryType?: string; status?: string; targetDeploymentItemName?: string; targetProjectId?: string };
  if (j.deliveryType !== 'RESTORE' || !RUNNING.has(j.status ?? '') || !j.targetDeploymentItemName) return null;
  return { groupId: j.targetProjectId ?? projectId, clusterName: j.targetDeploymentItemName };
}
