import type { SeedCluster, SeedClusterDescription, SeedProject } from './SeedData';
import { cloudBackupJob, type CloudBackupSpec } from './seed/cloudBackup';
import { context, HOUR, SeedFactory, type ClusterContext } from './seed/factory';
import { flexJob } from './seed/flex';
import { legacyJob, type LegacyDelivery } from './seed/legacyBackup';
import { tenantJob } from './seed/sharedTier';
import { SNAPSHOT_RESTORE_STATUSES } from './seed/snapshotRestore';

/** The project view's demo project: its id, its name, and its clusters by role. */
export interface BigProjectInfo {
  projectId: string;
  name: string;
  /** Every cluster, in the order the seed (and so the clusters API, then the flex API) lists them. */
  clusterNames: string[];
  /** Dedicated replica sets on Cloud Backup; the first three hold more than 100 jobs each (pages cross Atlas pages). */
  replicaSets: string[];
  /** Clusters with more than 100 restore jobs of one kind. */
  manyJobs: string[];
  /** Sharded dedicated clusters (one geo-sharded): their Cloud Backup jobs have `components`. */
  sharded: string[];
  /** Dedicated clusters on Cloud Backup that also kept Legacy Backup jobs from before (reached with `LEGACY_BACKUP`). */
  legacyToo: string[];
  /** Flex clusters (the flex API). */
  flex: string[];
  /** A flex cluster made through the clusters API: both cluster lists hold it (the project view lists it once). */
  flexInBothLists: string;
  /** An M5 cluster still on the shared-tier restore API. */
  sharedTier: string;
  /** Free (M0) clusters: no restore jobs. */
  free: string[];
  /** A dedicated cluster with backups off: no restore jobs. */
  backupOff: string;
  /** A paused dedicated cluster (its jobs still list). */
  paused: string;
  /** A dedicated cluster being updated (`stateName: UPDATING`). */
  updating: string;
  /** A dedicated cluster still being created (`stateName: CREATING`): no jobs yet. */
  creating: string;
  /** A Cloud Backup cluster whose restore-job reads answer 500 (a seeded misbehaviour). */
  failing: string;
  /** A Cloud Backup cluster whose restore-job reads hang for {@link BIG_PROJECT_HANG_MS}. */
  hanging: string;
  /** Two clusters whose newest jobs were requested in the same second (ties: cluster name, then job id). */
  sameSecond: [string, string];
  /** Restore jobs in the project, every kind and cluster counted. */
  jobCount: number;
}

/** How long the hanging cluster's restore-job reads take: past any per-cluster or upstream attempt limit. */
export const BIG_PROJECT_HANG_MS = 120_000;

const PROJECT_ID = '6701ab5e0f1c2d3e4f5a6b7c';
/** The newest job of the project; every other is older. */
const NEWEST_MS = Date.UTC(2026, 0, 26, 18, 0, 0);
const SAME_SECOND_MS = Date.UTC(2026, 0, 26, 17, 30, 0);

const REPLICA_SETS = Array.from({ length: 10 }, (_, i) => `prod-rs-${i}`);
/** Job counts of the replica sets, in order: three above 100, the rest between 4 and 60. */
const REPLICA_SET_JOBS = [230, 150, 120, 60, 35, 24, 12, 8, 5, 4];
const SHARDED = ['prod-sharded-0', 'prod-geo-sharded-0'];
const LEGACY_TOO = ['migrated-legacy-0', 'migrated-legacy-1', 'migrated-legacy-2'];
const FLEX = Array.from({ length: 7 }, (_, i) => `flex-${i}`);
const FLEX_JOBS = [130, 40, 18, 9, 6, 3, 0];

/** What each cluster is: its seed kind, description and job counts per kind. */
interface ClusterPlan {
  name: string;
  kind: SeedCluster['kind'];
  description?: SeedClusterDescription;
  misbehaves?: SeedCluster['misbehaves'];
  cloudBackup?: number;
  legacy?: number;
  flex?: number;
  tenant?: number;
}

function plans(): ClusterPlan[] {
  return [
    ...REPLICA_SETS.map((name, i): ClusterPlan => ({
      name,
      kind: 'CLOUD_BACKUP',
      description: { instanceSize: i < 3 ? 'M50' : 'M30', pitEnabled: i % 3 === 0, mongoDBVersion: i % 2 === 0 ? '8.0.4' : '7.0.16', createDate: `2024-0${1 + (i % 9)}-1${i % 10}T08:00:00Z` },
      cloudBackup: REPLICA_SET_JOBS[i]!,
    })),
    { name: SHARDED[0]!, kind: 'CLOUD_BACKUP', description: { instanceSize: 'M40', clusterType: 'SHARDED', shards: 2, pitEnabled: true }, cloudBackup: 110 },
    { name: SHARDED[1]!, kind: 'CLOUD_BACKUP', description: { instanceSize: 'M60', clusterType: 'GEOSHARDED', shards: 3, providerName: 'GCP' }, cloudBackup: 27 },
    ...LEGACY_TOO.map((name, i): ClusterPlan => ({
      name,
      kind: 'LEGACY_BACKUP',
      description: { instanceSize: 'M30', backupEnabled: true, createDate: '2019-06-01T00:00:00Z', mongoDBVersion: '7.0.16' },
      cloudBackup: [16, 9, 3][i]!,
      legacy: [45, 12, 105][i]!,
    })),
    ...FLEX.map((name, i): ClusterPlan => ({
      name,
      kind: 'FLEX',
      ...(i === 2 ? { description: { viaClustersApi: true } } : {}),
      flex: FLEX_JOBS[i]!,
    })),
    { name: 'm5-tenant-0', kind: 'SHARED_TIER', description: { instanceSize: 'M5' }, tenant: 14 },
    { name: 'free-0', kind: 'FREE', description: { instanceSize: 'M0', backupEnabled: false } },
    { name: 'free-1', kind: 'FREE', description: { instanceSize: 'M0', backupEnabled: false, mongoDBVersion: '8.0.3' } },
    { name: 'no-backup-0', kind: 'CLOUD_BACKUP', description: { instanceSize: 'M10', backupEnabled: false } },
    { name: 'paused-rs-0', kind: 'CLOUD_BACKUP', description: { instanceSize: 'M20', paused: true }, cloudBackup: 7 },
    { name: 'updating-rs-0', kind: 'CLOUD_BACKUP', description: { instanceSize: 'M30', stateName: 'UPDATING' }, cloudBackup: 11 },
    { name: 'creating-rs-0', kind: 'CLOUD_BACKUP', description: { instanceSize: 'M30', stateName: 'CREATING', mongoDBVersion: '8.0.5', createDate: '2026-01-26T17:55:00Z' } },
    { name: 'analytics-rs-0', kind: 'CLOUD_BACKUP', description: { instanceSize: 'M40', providerName: 'AZURE', pitEnabled: true }, cloudBackup: 15 },
    { name: 'failing-rs-0', kind: 'CLOUD_BACKUP', description: { instanceSize: 'M30' }, misbehaves: { restoreJobs: 'error' }, cloudBackup: 6 },
    { name: 'hanging-rs-0', kind: 'CLOUD_BACKUP', description: { instanceSize: 'M30' }, misbehaves: { restoreJobs: 'hang', hangMs: BIG_PROJECT_HANG_MS }, cloudBackup: 6 },
  ];
}

/** The project view's demo project (DEMO.bigProject): 32 clusters of mixed kinds, failing ones included. */
export const BIG_PROJECT: BigProjectInfo = (() => {
  const all = plans();
  return {
    projectId: PROJECT_ID,
    name: 'demo-big-project',
    clusterNames: all.map((p) => p.name),
    replicaSets: REPLICA_SETS,
    manyJobs: all.filter((p) => Math.max(p.cloudBackup ?? 0, p.legacy ?? 0, p.flex ?? 0, p.tenant ?? 0) > 100).map((p) => p.name),
    sharded: SHARDED,
    legacyToo: LEGACY_TOO,
    flex: FLEX,
    flexInBothLists: FLEX[2]!,
    sharedTier: 'm5-tenant-0',
    free: ['free-0', 'free-1'],
    backupOff: 'no-backup-0',
    paused: 'paused-rs-0',
    updating: 'updating-rs-0',
    creating: 'creating-rs-0',
    failing: 'failing-rs-0',
    hanging: 'hanging-rs-0',
    sameSecond: [REPLICA_SETS[1]!, REPLICA_SETS[2]!],
    jobCount: all.reduce((sum, p) => sum + (p.cloudBackup ?? 0) + (p.legacy ?? 0) + (p.flex ?? 0) + (p.tenant ?? 0), 0),
  };
})();

/**
 * The times of a cluster's `count` jobs, newest first: from just below the project's newest (each cluster a little
 * older than the one before, so the clusters' lists interleave), 2 to 9 hours apart. The two `sameSecond` clusters'
 * newest jobs share one second.
 */
function jobTimes(f: SeedFactory, index: number, name: string, count: number): number[] {
  const times: number[] = [];
  let at = BIG_PROJECT.sameSecond.includes(name) ? SAME_SECOND_MS : NEWEST_MS - index * 41 * 60_000;
  for (let i = 0; i < count; i += 1) {
    times.push(at);
    at -= 2 * HOUR + (parseInt(f.hex(4), 16) % (7 * 60)) * 60_000;
  }
  return times;
}

function cloudBackupJobs(ctx: ClusterContext, times: number[], replicaSets: string[] | null) {
  return times.map((atMs, i) => {
    const running = i < 2;
    const shape: CloudBackupSpec =
      i % 3 === 0
        ? { atMs, deliveryType: 'download', urls: 'public' }
        : i % 3 === 1
          ? { atMs, deliveryType: 'automated', targetClusterName: `${ctx.clusterName}-restore-target` }
          : { atMs, deliveryType: 'pointInTime', byOplog: i % 2 === 0, targetClusterName: `${ctx.clusterName}-restore-target` };
    const ending: Partial<CloudBackupSpec> = running ? {} : i % 11 === 0 ? { failed: true, finished: true } : i % 13 === 0 ? { cancelled: true } : { finished: true, ...(i % 17 === 0 && shape.deliveryType === 'download' ? { expired: true } : {}) };
    return cloudBackupJob(ctx, { ...shape, ...ending, ...(replicaSets ? { replicaSets } : {}) });
  });
}

function legacyJobs(ctx: ClusterContext, times: number[]) {
  const oldest = Date.UTC(2020, 5, 30);
  return times.map((t, i) => {
    // Legacy Backup jobs are from before the cluster moved to Cloud Backup (mid-2020 and earlier).
    const createdMs = oldest - (NEWEST_MS - t);
    const statusName = i % 9 === 4 ? 'BROKEN' : i % 7 === 5 ? 'KILLED' : 'FINISHED';
    const delivery: LegacyDelivery =
      i % 2 === 0 ? { type: 'download', statusName: statusName === 'FINISHED' ? 'EXPIRED' : 'FAILED', hashes: false } : { type: 'plain', methodName: 'SCP', statusName: 'READY' };
    return legacyJob(ctx, { createdMs, statusName, delivery });
  });
}

function snapshotJobs(ctx: ClusterContext, times: number[], shape: 'flex' | 'tenant') {
  return times.map((scheduledMs, i) => {
    const status = i < 3 ? SNAPSHOT_RESTORE_STATUSES[4 - i]! : i % 8 === 0 ? 'FAILED' : 'COMPLETED';
    const deliveryType = i % 2 === 0 ? 'DOWNLOAD' : 'RESTORE';
    const spec = { scheduledMs, status, deliveryType, ...(deliveryType === 'RESTORE' ? { targetName: `${ctx.clusterName}-restore-target` } : {}) };
    return shape === 'flex' ? flexJob(ctx, spec) : tenantJob(ctx, spec);
  });
}

function replicaSetNamesOf(name: string, shards: number): string[] {
  return [...Array.from({ length: shards }, (_, i) => `${name}-shard-${i}`), `${name}-config-0`];
}

/**
 * The project view's demo project ({@link BIG_PROJECT}), from a factory of its own (so no id of the demo project
 * moves): 10 dedicated replica sets (3 with 120 to 230 Cloud Backup jobs), 2 sharded clusters, 3 dedicated clusters
 * with Legacy Backup jobs too (one with 105), 7 flex clusters (one with 130, one in both cluster lists), an M5 on the
 * shared-tier API, 2 free clusters, one with backups off, a paused, an updating and a creating one, one more on
 * Azure, and two whose restore-job reads fail (500) or hang. Jobs of each kind the cluster serves, newest first,
 * their ObjectId times interleaved across clusters. Deterministic.
 */
export function buildBigProject(): SeedProject {
  const f = new SeedFactory({ state: 0x6b16_0013, machine: 'b16b16b16b' });
  const clusters = plans().map((plan, index): SeedCluster => {
    const ctx = context(f, PROJECT_ID, plan.name, Date.UTC(2023, 2, 1) + index * 24 * HOUR);
    const shards = plan.description?.clusterType === 'REPLICASET' || !plan.description?.clusterType ? null : (plan.description.shards ?? 2);
    const cluster: SeedCluster = { name: plan.name, kind: plan.kind };
    if (plan.description) cluster.description = plan.description;
    if (plan.misbehaves) cluster.misbehaves = plan.misbehaves;
    if (plan.cloudBackup) cluster.cloudBackup = cloudBackupJobs(ctx, jobTimes(f, index, plan.name, plan.cloudBackup), shards ? replicaSetNamesOf(plan.name, shards) : null);
    if (plan.legacy) cluster.legacy = legacyJobs(ctx, jobTimes(f, index, plan.name, plan.legacy));
    if (plan.flex) cluster.flex = snapshotJobs(ctx, jobTimes(f, index, plan.name, plan.flex), 'flex');
    if (plan.tenant) cluster.tenant = snapshotJobs(ctx, jobTimes(f, index, plan.name, plan.tenant), 'tenant');
    return cluster;
  });
  return { id: PROJECT_ID, name: BIG_PROJECT.name, clusters };
}
