import type { LinkWire } from '../../atlas/wire';
import { ATLAS_V2, HOUR, iso, type ClusterContext } from './factory';

/** One seeded shared-tier or flex job. */
export interface SnapshotRestoreSpec {
  scheduledMs: number;
  status: string;
  deliveryType: string;
  targetName?: string;
  targetProjectId?: string;
}

/** The statuses of shared-tier and flex jobs, terminal ones first. */
export const SNAPSHOT_RESTORE_STATUSES = ['COMPLETED', 'FAILED', 'RUNNING', 'QUEUED', 'PENDING'] as const;

/** The fields shared by `TenantRestore` and `FlexBackupRestoreJob20241113`. */
function snapshotRestoreFields(ctx: ClusterContext, spec: SnapshotRestoreSpec, id: string, snapshotId: string) {
  const download = spec.deliveryType === 'DOWNLOAD';
  const finished = spec.status === 'COMPLETED' || spec.status === 'FAILED';
  return {
    deliveryType: spec.deliveryType,
    ...(download ? { expirationDate: iso(spec.scheduledMs + 4 * HOUR) } : {}),
    id,
    projectId: ctx.projectId,
    ...(finished ? { restoreFinishedDate: iso(spec.scheduledMs + (download ? 5 : 20) * 60_000) } : {}),
    restoreScheduledDate: iso(spec.scheduledMs),
    snapshotFinishedDate: iso(spec.scheduledMs - 3 * HOUR),
    snapshotId,
    ...(download ? { snapshotUrl: `https://restore-${snapshotId}.mongodb.net:27017/${ctx.clusterName}/${id}/snapshot.tar.gz?token=sim-${ctx.f.hex(32)}` } : {}),
    status: spec.status,
    targetDeploymentItemName: spec.targetName ?? ctx.clusterName,
    targetProjectId: spec.targetProjectId ?? ctx.projectId,
  };
}

/**
 * One body of the twin shapes `TenantRestore` and `FlexBackupRestoreJob20241113`: same fields, but the source is
 * `clusterName` on the one and `instanceName` on the other, and the self link differs.
 */
export function snapshotRestoreJob(ctx: ClusterContext, spec: SnapshotRestoreSpec, shape: 'tenant' | 'flex') {
  const id = ctx.f.id(spec.scheduledMs);
  const snapshotId = ctx.f.id(spec.scheduledMs - 3 * HOUR);
  const self =
    shape === 'tenant'
      ? `${ATLAS_V2}/groups/${ctx.projectId}/clusters/${ctx.clusterName}/backup/tenant/restores/${id}`
      : `${ATLAS_V2}/groups/${ctx.projectId}/flexClusters/${ctx.clusterName}/backup/restoreJobs/${id}`;
  const links: LinkWire[] = [{ href: self, rel: 'self' }];
  const { deliveryType, expirationDate, projectId, restoreFinishedDate, restoreScheduledDate, snapshotFinishedDate, snapshotUrl, status, targetDeploymentItemName, targetProjectId } =
    snapshotRestoreFields(ctx, spec, id, snapshotId);
  return {
    ...(shape === 'tenant' ? { clusterName: ctx.clusterName } : { instanceName: ctx.clusterName }),
    deliveryType,
    ...(expirationDate ? { expirationDate } : {}),
    id,
    links,
    projectId,
    ...(restoreFinishedDate ? { restoreFinishedDate } : {}),
    restoreScheduledDate,
    snapshotFinishedDate,
    snapshotId,
    ...(snapshotUrl ? { snapshotUrl } : {}),
    status,
    targetDeploymentItemName,
    targetProjectId,
  };
}
