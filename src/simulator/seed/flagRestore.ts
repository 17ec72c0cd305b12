import { HOUR, type ClusterContext } from './factory';

/** What a seeded serverless or Cloud Backup job (both flag-status kinds) is: when, how, and how it ended. */
export interface FlagRestoreSpec {
  atMs: number;
  deliveryType: string;
  cancelled?: boolean;
  failed?: boolean;
  expired?: boolean;
  finished?: boolean;
  /** pointInTime: by oplog timestamp, else by wall-clock seconds. */
  byOplog?: boolean;
  targetClusterName?: string;
  targetGroupId?: string;
}

/**
 * What a serverless and a Cloud Backup body derive alike from their spec: the ids (job first, then snapshot, so the
 * seeded id sequence is unchanged), the snapshot time, the delivery and the point in time.
 */
export function flagJobBasics(ctx: ClusterContext, spec: { atMs: number; deliveryType: string }) {
  const id = ctx.f.id(spec.atMs);
  const snapshotMs = spec.atMs - 2 * HOUR;
  const snapshotId = ctx.f.id(snapshotMs);
  return {
    id,
    snapshotMs,
    snapshotId,
    download: spec.deliveryType === 'download',
    pit: spec.deliveryType === 'pointInTime',
    pitSeconds: Math.floor((spec.atMs - 30 * 60_000) / 1000),
  };
}
