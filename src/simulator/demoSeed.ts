import type { RestoreJobKind } from '../restoreJobs/RestoreJobKind';
import type { SeedData, SeedProject } from './SeedData';
import type { BackupRestoreJobWire, DiskBackupSnapshotRestoreJobWire, FlexBackupRestoreJobWire, ServerlessBackupRestoreJobWire, TenantRestoreWire } from './wire';
import { BIG_PROJECT, buildBigProject, type BigProjectInfo } from './demoBigProject';
import { cloudBackupJob, type CloudBackupSpec } from './seed/cloudBackup';
import { context, HOUR, newestFirst, SeedFactory, type ClusterContext } from './seed/factory';
import type { FlagRestoreSpec } from './seed/flagRestore';
import { flexJob } from './seed/flex';
import { legacyJob, type LegacyDelivery, type LegacySpec } from './seed/legacyBackup';
import { serverlessJob } from './seed/serverless';
import { tenantJob } from './seed/sharedTier';
import { SNAPSHOT_RESTORE_STATUSES } from './seed/snapshotRestore';

/** What demo mode's banner prints: the project, one cluster per kind, the cluster with many jobs, today's Atlas. */
export interface DemoInfo {
  projectId: string;
  clusters: Record<RestoreJobKind, string>;
  bigCluster: { kind: 'LEGACY_BACKUP'; name: string; jobCount: number };
  /** Clusters as Atlas has them after the 2026 sunsets, for kind discovery and routing. */
  today: {
    /** A former M2 cluster, now flex: its tenant endpoints answer 410 VERSION_GONE. */
    formerM2: string;
    /** A former serverless instance, now a dedicated cluster with Cloud Backup jobs. */
    formerServerless: string;
    /** A sharded dedicated cluster whose Cloud Backup jobs have `components`. */
    sharded: string;
    /** A free (M0) cluster: no restore jobs. */
    free: string;
  };
  /** The project view's project: 32 clusters of mixed kinds, hundreds of jobs, failing clusters (demoBigProject.ts). */
  bigProject: BigProjectInfo;
}

/**
 * The main demo project: one clean cluster of each kind, `big-cluster` (1,250 legacy jobs), and today's Atlas: the
 * migrated clusters, a sharded dedicated cluster and a free one.
 */
export const DEMO: DemoInfo = {
  projectId: '65f1c0de2a4b6c8d0e1f2a3b',
  clusters: {
    LEGACY_BACKUP: 'legacy-cluster-0',
    SHARED_TIER: 'm2-cluster-0',
    FLEX: 'flex-cluster-0',
    SERVERLESS: 'serverless-0',
    CLOUD_BACKUP: 'dedicated-cluster-0',
  },
  bigCluster: { kind: 'LEGACY_BACKUP', name: 'big-cluster', jobCount: 1250 },
  today: {
    formerM2: 'm2-now-flex-0',
    formerServerless: 'serverless-now-dedicated-0',
    sharded: 'sharded-cluster-0',
    free: 'free-cluster-0',
  },
  bigProject: BIG_PROJECT,
};

/**
 * A project outside the demo that some demo restores come from or go to (Atlas lists a job whatever its target, even
 * one in a project the caller cannot see). The test seed's second project (test/support/seeds) has this id.
 */
export const FOREIGN_PROJECT_ID = '6602a9e17b3c4d5e6f708192';

/** When today's Atlas clusters' jobs start (January 2026, after the sunsets). */
export const TODAY_MS = Date.UTC(2026, 0, 20, 8, 0, 0);

/** The id of the job at `index` (0-based, list order) of `big-cluster`. */
export function bigClusterJobId(index: number): string {
  return `66b16c${index.toString(16).padStart(18, '0')}`;
}

function demoLegacyJobs(ctx: ClusterContext, restoreTargetId: string): BackupRestoreJobWire[] {
  const t = Date.UTC(2025, 9, 1, 8, 0, 0);
  const at = (n: number): number => t + n * 7 * HOUR;
  const batchId = ctx.f.id(at(14));
  const shardIds = [ctx.f.id(Date.UTC(2024, 0, 5)), ctx.f.id(Date.UTC(2024, 0, 5)), ctx.f.id(Date.UTC(2024, 0, 5))];
  const specs: LegacySpec[] = [
    { createdMs: at(0), statusName: 'FINISHED', delivery: { type: 'download', statusName: 'READY' } },
    { createdMs: at(1), statusName: 'FINISHED', delivery: { type: 'download', statusName: 'EXPIRED' } },
    { createdMs: at(2), statusName: 'FINISHED', delivery: { type: 'download', statusName: 'MAX_DOWNLOADS_EXCEEDED' } },
    { createdMs: at(3), statusName: 'BROKEN', delivery: { type: 'download', statusName: 'FAILED', hashes: false } },
    {
      createdMs: at(4),
      statusName: 'FINISHED',
      delivery: { type: 'target', methodName: 'AUTOMATED_RESTORE', statusName: 'READY', targetGroupId: DEMO.projectId, targetClusterName: 'restore-target-0' },
    },
    {
      createdMs: at(5),
      statusName: 'KILLED',
      delivery: { type: 'target', methodName: 'AUTOMATED_RESTORE', statusName: 'INTERRUPTED', targetGroupId: FOREIGN_PROJECT_ID, targetClusterId: restoreTargetId },
    },
    { createdMs: at(6), statusName: 'FINISHED', delivery: { type: 'plain', methodName: 'SCP', statusName: 'READY' } },
    {
      createdMs: at(7),
      statusName: 'FINISHED',
      delivery: { type: 'target', methodName: 'SCP', statusName: 'READY', targetGroupId: DEMO.projectId, targetClusterName: 'restore-target-0' },
    },
    { createdMs: at(8), statusName: 'FINISHED', delivery: { type: 'download', methodName: 'CLIENT_PIT_HTTP', statusName: 'READY' }, snapshotMs: at(8) - 26 * HOUR },
    { createdMs: at(9), statusName: 'KILLED', delivery: { type: 'plain', methodName: 'CLIENT_PIT_SCP', statusName: 'INTERRUPTED' } },
    { createdMs: at(10), statusName: 'FINISHED', delivery: { type: 'plain', methodName: 'THIRD_PARTY_COPY', statusName: 'READY' } },
    { createdMs: at(11), statusName: 'FINISHED', delivery: { type: 'download', statusName: 'READY' }, deploymentJobId: true },
    { createdMs: at(12), statusName: 'IN_PROGRESS', delivery: { type: 'plain', methodName: 'QUERY', statusName: 'NOT_STARTED' } },
    ...shardIds.map(
      (clusterId, i): LegacySpec => ({
        createdMs: at(14) + i * 1000,
        statusName: i === 2 ? 'FINISHED' : 'IN_PROGRESS',
        batchId,
        clusterId,
        encrypted: true,
        delivery: {
          type: 'target',
          methodName: 'AUTOMATED_RESTORE',
          statusName: i === 2 ? 'READY' : 'IN_PROGRESS',
          targetGroupId: DEMO.projectId,
          targetClusterName: 'restore-target-0',
        },
      }),
    ),
    {
      createdMs: at(15),
      statusName: 'IN_PROGRESS',
      delivery: { type: 'target', methodName: 'HTTP', statusName: 'IN_PROGRESS', targetGroupId: DEMO.projectId, targetClusterId: restoreTargetId },
    },
    {
      createdMs: at(16),
      statusName: 'IN_PROGRESS',
      delivery: { type: 'target', methodName: 'SCP', statusName: 'PENDING', targetGroupId: DEMO.projectId, targetClusterName: 'restore-target-0' },
    },
    { createdMs: at(17), statusName: 'IN_PROGRESS', delivery: { type: 'download', statusName: 'IN_PROGRESS', ready: false } },
  ];
  return newestFirst(specs.map((spec) => legacyJob(ctx, spec)));
}

function bigClusterJobs(ctx: ClusterContext, restoreTargetId: string): BackupRestoreJobWire[] {
  const newest = Date.UTC(2025, 8, 30, 23, 0, 0);
  const statuses = ['FINISHED', 'FINISHED', 'BROKEN', 'FINISHED', 'FINISHED', 'KILLED', 'FINISHED'];
  const jobs: BackupRestoreJobWire[] = [];
  for (let i = 0; i < DEMO.bigCluster.jobCount; i += 1) {
    const statusName = i < 3 ? 'IN_PROGRESS' : statuses[i % statuses.length]!;
    const done = statusName === 'FINISHED';
    let delivery: LegacyDelivery;
    switch (i % 4) {
      case 0:
        delivery = done ? { type: 'download', statusName: 'EXPIRED', hashes: false } : { type: 'download', statusName: 'FAILED', ready: false };
        break;
      case 1:
        delivery = { type: 'target', methodName: 'AUTOMATED_RESTORE', statusName: done ? 'READY' : 'IN_PROGRESS', targetGroupId: DEMO.projectId, targetClusterId: restoreTargetId };
        break;
      case 2:
        delivery = { type: 'plain', methodName: 'SCP', statusName: done ? 'READY' : 'INTERRUPTED' };
        break;
      default:
        delivery = { type: 'plain', methodName: 'CLIENT_PIT_SCP', statusName: done ? 'READY' : 'INTERRUPTED' };
    }
    jobs.push(legacyJob(ctx, { id: bigClusterJobId(i), createdMs: newest - i * 3 * HOUR, statusName, delivery }));
  }
  return jobs;
}

function demoTenantJobs(ctx: ClusterContext): TenantRestoreWire[] {
  const newest = Date.UTC(2025, 9, 20, 12, 0, 0);
  const jobs: TenantRestoreWire[] = [];
  for (let i = 0; i < 25; i += 1) {
    // The newest few are still moving; older ones are mostly done.
    const status = i < 5 ? SNAPSHOT_RESTORE_STATUSES[4 - i]! : i % 6 === 0 ? 'FAILED' : 'COMPLETED';
    const download = i % 2 === 1;
    jobs.push(
      tenantJob(ctx, {
        scheduledMs: newest - i * 6 * HOUR,
        status,
        deliveryType: download ? 'DOWNLOAD' : 'RESTORE',
        ...(download ? {} : i % 4 === 0 ? { targetName: 'm5-cluster-1', targetProjectId: FOREIGN_PROJECT_ID } : { targetName: 'm2-restore-target' }),
      }),
    );
  }
  return jobs;
}

function demoFlexJobs(ctx: ClusterContext): FlexBackupRestoreJobWire[] {
  const newest = Date.UTC(2025, 9, 25, 9, 30, 0);
  const jobs: FlexBackupRestoreJobWire[] = [];
  let n = 0;
  for (const status of [...SNAPSHOT_RESTORE_STATUSES].reverse()) {
    for (const deliveryType of ['RESTORE', 'DOWNLOAD']) {
      jobs.push(
        flexJob(ctx, {
          scheduledMs: newest - n * 5 * HOUR,
          status,
          deliveryType,
          ...(deliveryType === 'RESTORE' ? { targetName: n % 4 === 0 ? 'flex-cluster-1' : 'flex-restore-target', ...(n % 4 === 0 ? { targetProjectId: FOREIGN_PROJECT_ID } : {}) } : {}),
        }),
      );
      n += 1;
    }
  }
  return jobs;
}

function demoServerlessJobs(ctx: ClusterContext): ServerlessBackupRestoreJobWire[] {
  const t = Date.UTC(2025, 9, 10, 6, 0, 0);
  const at = (n: number): number => t + n * 9 * HOUR;
  const specs: FlagRestoreSpec[] = [
    { atMs: at(0), deliveryType: 'automated', finished: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(1), deliveryType: 'download', finished: true, expired: true },
    { atMs: at(2), deliveryType: 'automated', cancelled: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(3), deliveryType: 'automated', failed: true, finished: true, targetClusterName: 'serverless-1', targetGroupId: FOREIGN_PROJECT_ID },
    { atMs: at(4), deliveryType: 'pointInTime', finished: true, byOplog: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(5), deliveryType: 'pointInTime', finished: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(6), deliveryType: 'automated', cancelled: true, failed: true, finished: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(7), deliveryType: 'download', finished: true },
    { atMs: at(8), deliveryType: 'pointInTime', byOplog: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(9), deliveryType: 'automated', targetClusterName: 'serverless-restore-target' },
  ];
  return newestFirst(specs.map((spec) => serverlessJob(ctx, spec)));
}

/**
 * The demo project's original clusters (one per kind and `big-cluster`), drawn from `f` first; today's Atlas comes
 * later from {@link addDemoTodaysAtlas}. Two steps so that the test seed can draw its own projects in between and keep
 * every id it always had.
 */
export function buildDemoProject(f: SeedFactory): SeedProject {
  const p = DEMO.projectId;
  const restoreTargetId = f.id(Date.UTC(2023, 4, 2));
  const legacyCtx = context(f, p, DEMO.clusters.LEGACY_BACKUP, Date.UTC(2019, 10, 4));
  const bigCtx = context(f, p, DEMO.bigCluster.name, Date.UTC(2019, 2, 14));
  return {
    id: p,
    name: 'demo-project',
    clusters: [
      { name: DEMO.clusters.LEGACY_BACKUP, kind: 'LEGACY_BACKUP', legacy: demoLegacyJobs(legacyCtx, restoreTargetId) },
      { name: DEMO.clusters.SHARED_TIER, kind: 'SHARED_TIER', tenant: demoTenantJobs(context(f, p, DEMO.clusters.SHARED_TIER, Date.UTC(2022, 1, 1))) },
      { name: DEMO.clusters.FLEX, kind: 'FLEX', flex: demoFlexJobs(context(f, p, DEMO.clusters.FLEX, Date.UTC(2025, 1, 1))) },
      { name: DEMO.clusters.SERVERLESS, kind: 'SERVERLESS', serverless: demoServerlessJobs(context(f, p, DEMO.clusters.SERVERLESS, Date.UTC(2023, 1, 1))) },
      { name: DEMO.bigCluster.name, kind: 'LEGACY_BACKUP', legacy: bigClusterJobs(bigCtx, restoreTargetId) },
    ],
  };
}

function demoCloudBackupJobs(ctx: ClusterContext): DiskBackupSnapshotRestoreJobWire[] {
  const t = Date.UTC(2026, 0, 5, 7, 0, 0);
  const at = (n: number): number => t + n * 8 * HOUR;
  const specs: CloudBackupSpec[] = [
    { atMs: at(0), deliveryType: 'automated', finished: true, targetClusterName: 'dedicated-restore-target' },
    { atMs: at(1), deliveryType: 'download', finished: true, expired: true, urls: 'public' },
    { atMs: at(2), deliveryType: 'automated', cancelled: true, targetClusterName: 'dedicated-restore-target' },
    { atMs: at(3), deliveryType: 'automated', failed: true, finished: true, targetClusterName: 'dedicated-cluster-1', targetGroupId: FOREIGN_PROJECT_ID },
    { atMs: at(4), deliveryType: 'pointInTime', finished: true, byOplog: true, targetClusterName: 'dedicated-restore-target' },
    { atMs: at(5), deliveryType: 'pointInTime', finished: true, targetClusterName: 'dedicated-restore-target' },
    { atMs: at(6), deliveryType: 'download', finished: true, urls: 'public' },
    { atMs: at(7), deliveryType: 'download', finished: true, urls: 'both' },
    { atMs: at(8), deliveryType: 'download', finished: true, urls: 'private' },
    { atMs: at(9), deliveryType: 'pointInTime', byOplog: true, targetClusterName: 'dedicated-restore-target' },
    { atMs: at(10), deliveryType: 'download' },
    { atMs: at(11), deliveryType: 'automated', targetClusterName: 'dedicated-restore-target' },
  ];
  return newestFirst(specs.map((spec) => cloudBackupJob(ctx, spec)));
}

function shardedCloudBackupJobs(ctx: ClusterContext): DiskBackupSnapshotRestoreJobWire[] {
  const t = Date.UTC(2026, 0, 12, 9, 0, 0);
  const replicaSets = [`${ctx.clusterName}-shard-0`, `${ctx.clusterName}-shard-1`, `${ctx.clusterName}-config-0`];
  const specs: CloudBackupSpec[] = [
    { atMs: t, deliveryType: 'automated', finished: true, replicaSets, targetClusterName: 'sharded-restore-target' },
    { atMs: t + 6 * HOUR, deliveryType: 'download', finished: true, urls: 'both', replicaSets },
    { atMs: t + 12 * HOUR, deliveryType: 'download', urls: 'public', replicaSets, readyComponents: 1 },
  ];
  return newestFirst(specs.map((spec) => cloudBackupJob(ctx, spec)));
}


/**
 * Today's Atlas in the demo project, appended after the older data (so the ids of older jobs stay as they were): Cloud
 * Backup clusters (one sharded), a former M2 cluster now flex, a former serverless instance now dedicated, and a free
 * cluster.
 */
export function addDemoTodaysAtlas(f: SeedFactory, demo: SeedProject): void {
  const p = DEMO.projectId;
  const formerM2 = context(f, p, DEMO.today.formerM2, Date.UTC(2022, 3, 1));
  const t = TODAY_MS;
  demo.clusters.push(
    { name: DEMO.clusters.CLOUD_BACKUP, kind: 'CLOUD_BACKUP', description: { instanceSize: 'M30', pitEnabled: true }, cloudBackup: demoCloudBackupJobs(context(f, p, DEMO.clusters.CLOUD_BACKUP, Date.UTC(2024, 1, 1))) },
    {
      name: DEMO.today.sharded,
      kind: 'CLOUD_BACKUP',
      description: { instanceSize: 'M40', clusterType: 'SHARDED', shards: 2 },
      cloudBackup: shardedCloudBackupJobs(context(f, p, DEMO.today.sharded, Date.UTC(2024, 5, 1))),
    },
    {
      name: DEMO.today.formerM2,
      kind: 'FLEX',
      formerKind: 'SHARED_TIER',
      flex: [
        flexJob(formerM2, { scheduledMs: t + 2 * HOUR, status: 'RUNNING', deliveryType: 'RESTORE', targetName: 'flex-restore-target' }),
        flexJob(formerM2, { scheduledMs: t + HOUR, status: 'COMPLETED', deliveryType: 'DOWNLOAD' }),
        flexJob(formerM2, { scheduledMs: t, status: 'COMPLETED', deliveryType: 'RESTORE', targetName: DEMO.today.formerM2 }),
      ],
    },
    {
      name: DEMO.today.formerServerless,
      kind: 'CLOUD_BACKUP',
      formerKind: 'SERVERLESS',
      description: { instanceSize: 'M10', providerName: 'GCP' },
      cloudBackup: (() => {
        const ctx = context(f, p, DEMO.today.formerServerless, Date.UTC(2023, 8, 1));
        return newestFirst([
          cloudBackupJob(ctx, { atMs: t, deliveryType: 'download', finished: true, urls: 'public' }),
          cloudBackupJob(ctx, { atMs: t + 3 * HOUR, deliveryType: 'automated', finished: true, targetClusterName: 'dedicated-restore-target' }),
        ]);
      })(),
    },
    { name: DEMO.today.free, kind: 'FREE', description: { instanceSize: 'M0', backupEnabled: false } },
  );
}

/**
 * The demo seed: demo mode's Atlas (the default of `new AtlasSimulator()`). Two projects: {@link DEMO}'s, with one
 * clean cluster of each kind, `big-cluster` (1,250 legacy jobs), a 25-job shared-tier cluster to page through, and
 * today's Atlas (migrated clusters, a sharded and a free one); and `DEMO.bigProject`, the project view's 32 clusters
 * (drawn from a factory of its own, so the first project's ids are what they always were). Deterministic (no clock,
 * no Math.random): every call returns an equal, fresh copy.
 */
export function createDemoSeed(): SeedData {
  const f = new SeedFactory();
  const demo = buildDemoProject(f);
  addDemoTodaysAtlas(f, demo);
  return { projects: [demo, buildBigProject()] };
}
