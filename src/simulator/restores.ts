import { clusterIdOf } from './clusters';
import { SimulatedApiError, SimulatorErrorCode } from './errors';
import { OBJECT_ID } from './http';
import type { RestoreTarget, WriteContext } from './kinds/SimulatedKind';
import { invalidAttribute, type RequestBody } from './requestBody';
import type { SeedCluster } from './SeedData';
import { isSnapshotCompleted, snapshotIdOf, type SeedSnapshot } from './seed/snapshots';

/**
 * The snapshot a restore starts from: 400 INVALID_SNAPSHOT_ID for an id that is no ObjectId, 404 SNAPSHOT_NOT_FOUND
 * for one the cluster does not have (in the snapshot API of this kind, `shapes`), 400
 * CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT while it is still being taken.
 * NOTE: the spec lists these codes nowhere; they are Atlas's error-code reference's (DESIGN.md, "Mutations"), and
 * the statuses (400, 404, 400) are the simulator's reading of them.
 */
export function snapshotToRestore(
  ctx: WriteContext,
  source: RestoreTarget,
  snapshotId: string,
  shapes: readonly SeedSnapshot['shape'][],
): SeedSnapshot {
  if (!OBJECT_ID.test(snapshotId)) {
    throw new SimulatedApiError(400, SimulatorErrorCode.InvalidSnapshotId, `Invalid snapshot ID ${snapshotId}: expected a 24-hexadecimal digit string.`);
  }
  const snapshot = ctx.snapshots.of(source.groupId, source.clusterName).find((s) => snapshotIdOf(s) === snapshotId && shapes.includes(s.shape));
  if (!snapshot) {
    throw new SimulatedApiError(404, SimulatorErrorCode.SnapshotNotFound, `No snapshot with ID ${snapshotId} exists for cluster ${source.clusterName}.`);
  }
  if (!isSnapshotCompleted(snapshot)) {
    throw new SimulatedApiError(
      400,
      SimulatorErrorCode.IncompleteSnapshot,
      `Cannot start a restore job from snapshot ${snapshotId}: the snapshot is not complete yet.`,
    );
  }
  return snapshot;
}

/**
 * The cluster a restore writes to, by name (or by the clusters API's id, legacy `delivery.targetClusterId`): 404
 * CLUSTER_NOT_FOUND when the project or the cluster is unknown.
 * NOTE: Atlas's answer for an unknown target *project* is not documented; the simulator says CLUSTER_NOT_FOUND, as
 * the cluster named cannot be found. It does not check target tiers or versions (Atlas does).
 */
export function restoreTarget(ctx: WriteContext, groupId: string, by: { name: string } | { id: string }): SeedCluster {
  const project = ctx.seed.projects.find((p) => p.id === groupId);
  const cluster = project?.clusters.find((c) => ('name' in by ? c.name === by.name : clusterIdOf(groupId, c.name) === by.id));
  if (!cluster) {
    const named = 'name' in by ? `named ${by.name}` : `with ID ${by.id}`;
    throw new SimulatedApiError(404, SimulatorErrorCode.ClusterNotFound, `No cluster ${named} exists in group ${groupId}.`);
  }
  return cluster;
}

/** 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS while an automated or point-in-time restore onto the target is running. */
export function refuseIfRestoring(ctx: WriteContext, target: RestoreTarget): void {
  if (ctx.restoreRunningOnto(target)) {
    throw new SimulatedApiError(
      409,
      SimulatorErrorCode.RestoreInProgress,
      `A restore onto cluster ${target.clusterName} in group ${target.groupId} is already in progress.`,
    );
  }
}

/** A point in time given in seconds (Cloud Backup, serverless): no later than now. */
export function pastSeconds(body: RequestBody, field: string, nowMs: number): number | undefined {
  const seconds = body.integer(field, { min: 1_199_145_600 });
  // NOTE: the spec does not say so, but a restore to a moment that has not happened yet cannot exist.
  if (seconds !== undefined && seconds * 1000 > nowMs) throw invalidAttribute(body.name(field), 'must not be in the future');
  return seconds;
}
