import type { LinkWire } from '../atlas/wire';
import type { BackupRestoreJobDeliveryWire, BackupRestoreJobWire } from '../restoreJobs/legacyBackup/wire';
import type { TenantRestoreWire } from '../restoreJobs/sharedTier/wire';
import type { FlexBackupRestoreJobWire } from '../restoreJobs/flex/wire';
import type { ServerlessBackupRestoreJobWire } from '../restoreJobs/serverless/wire';
import type { DiskBackupSnapshotRestoreJobWire } from '../restoreJobs/cloudBackup/wire';

/** The five kinds of restore-job API the simulator serves, named as the gateway's `RestoreJobKind`. */
export type SeedClusterKind = 'LEGACY_BACKUP' | 'SHARED_TIER' | 'FLEX' | 'SERVERLESS' | 'CLOUD_BACKUP';

/** What the clusters API says about a dedicated or tenant cluster (defaults per kind in the simulator). */
export interface SeedClusterDescription {
  /** `electableSpecs.instanceSize`: M10.. for dedicated clusters, M0/M2/M5 for tenant ones. */
  instanceSize?: string;
  clusterType?: 'REPLICASET' | 'SHARDED' | 'GEOSHARDED';
  /** Shards of a sharded cluster (one `replicationSpecs` entry each). */
  shards?: number;
  providerName?: 'AWS' | 'AZURE' | 'GCP';
  backupEnabled?: boolean;
  pitEnabled?: boolean;
}

/**
 * One cluster (or flex cluster, or serverless instance) and its restore jobs, in the order the list returns them.
 * `kind` is the restore-job API that serves it; `FREE` is an M0 cluster, which has no restore jobs.
 */
export interface SeedCluster {
  name: string;
  kind: SeedClusterKind | 'FREE';
  /**
   * The kind it was before Atlas migrated it (M2/M5 to flex, serverless to dedicated): its old restore API answers as
   * retired (410 VERSION_GONE for the tenant API, CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API for serverless).
   */
  formerKind?: 'SHARED_TIER' | 'SERVERLESS';
  description?: SeedClusterDescription;
  legacy?: BackupRestoreJobWire[];
  tenant?: TenantRestoreWire[];
  flex?: FlexBackupRestoreJobWire[];
  serverless?: ServerlessBackupRestoreJobWire[];
  cloudBackup?: DiskBackupSnapshotRestoreJobWire[];
}

/** One Atlas project ("group"). */
export interface SeedProject {
  id: string;
  name: string;
  clusters: SeedCluster[];
}

/** Everything the simulator serves. Lookups read it live, so a test may edit it before its requests. */
export interface SeedData {
  projects: SeedProject[];
}

/** What demo mode's banner prints: the project, one cluster per kind, the cluster with many jobs, today's Atlas. */
export interface DemoInfo {
  projectId: string;
  clusters: Record<SeedClusterKind, string>;
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
};

/** A second project with a few jobs of each kind (some restore into the demo project and back). */
export const OTHER_PROJECT: { projectId: string; clusters: Record<SeedClusterKind, string> } = {
  projectId: '6602a9e17b3c4d5e6f708192',
  clusters: {
    LEGACY_BACKUP: 'legacy-cluster-1',
    SHARED_TIER: 'm5-cluster-1',
    FLEX: 'flex-cluster-1',
    SERVERLESS: 'serverless-1',
    CLOUD_BACKUP: 'dedicated-cluster-1',
  },
};

/**
 * A project of odd bodies, kept apart so demo data stays clean: per kind, jobs with status or delivery values outside
 * the spec's enums and a job with every optional field missing (plus, for shared tier, an older-style body), and one
 * empty cluster per kind.
 */
export const EDGE_CASES: {
  projectId: string;
  clusters: Record<SeedClusterKind, string>;
  emptyClusters: Record<SeedClusterKind, string>;
} = {
  projectId: '66139b2f8c1d2e3f40516273',
  clusters: {
    LEGACY_BACKUP: 'edge-cases-legacy',
    SHARED_TIER: 'edge-cases-m2',
    FLEX: 'edge-cases-flex',
    SERVERLESS: 'edge-cases-serverless',
    CLOUD_BACKUP: 'edge-cases-dedicated',
  },
  emptyClusters: {
    LEGACY_BACKUP: 'empty-legacy',
    SHARED_TIER: 'empty-m2',
    FLEX: 'empty-flex',
    SERVERLESS: 'empty-serverless',
    CLOUD_BACKUP: 'empty-dedicated',
  },
};

/** The id of the job at `index` (0-based, list order) of `big-cluster`. */
export function bigClusterJobId(index: number): string {
  return `66b16c${index.toString(16).padStart(18, '0')}`;
}

const ATLAS_V2 = 'https://cloud.mongodb.com/api/atlas/v2';
const HOUR = 3_600_000;
/** NOTE: the spec gives `ApiBSONTimestampView.increment` a minimum of 1199145600 (an upstream copy of the epoch
 * minimum of `oplogTs`); the seed respects it, so every body validates against the contract. */
const INCREMENT_BASE = 1_199_145_600;

/** ISO 8601 in UTC without milliseconds, as Atlas writes it. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Deterministic ids, tokens and UUIDs: a counter for uniqueness and mulberry32 for the random-looking parts. */
class SeedFactory {
  private counter = 0;
  private state = 0x5eed_a71a;

  /** An ObjectId-shaped id: the time in seconds, a fixed "machine" part, a counter unique across the seed. */
  id(atMs: number): string {
    this.counter += 1;
    const seconds = Math.floor(atMs / 1000).toString(16).padStart(8, '0');
    return `${seconds}c0ffee5eed${this.counter.toString(16).padStart(6, '0')}`;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}

interface ClusterContext {
  f: SeedFactory;
  projectId: string;
  clusterName: string;
  /** The source cluster's id (legacy `clusterId`). */
  clusterId: string;
}

type LegacyDelivery =
  | { type: 'download'; methodName?: 'HTTP' | 'CLIENT_PIT_HTTP'; statusName: string; ready?: boolean; hashes?: boolean }
  | { type: 'plain'; methodName: string; statusName?: string }
  | {
      type: 'target';
      methodName: 'AUTOMATED_RESTORE' | 'HTTP' | 'SCP';
      statusName?: string;
      targetGroupId: string;
      targetClusterName?: string;
      targetClusterId?: string;
    };

interface LegacySpec {
  createdMs: number;
  statusName: string;
  delivery: LegacyDelivery;
  id?: string;
  batchId?: string;
  clusterId?: string;
  encrypted?: boolean;
  deploymentJobId?: boolean;
  /** Point in time of the snapshot restored; default one hour before `createdMs`. */
  snapshotMs?: number;
}

function legacyJob(ctx: ClusterContext, spec: LegacySpec): BackupRestoreJobWire {
  const { f, projectId, clusterName } = ctx;
  const id = spec.id ?? f.id(spec.createdMs);
  const snapshotMs = spec.snapshotMs ?? spec.createdMs - HOUR;
  const snapshotId = f.id(snapshotMs);
  const clusterId = spec.clusterId ?? ctx.clusterId;
  const self = `${ATLAS_V2}/groups/${projectId}/clusters/${clusterName}/restoreJobs/${id}`;
  let delivery: BackupRestoreJobDeliveryWire;
  let hashes: BackupRestoreJobWire['hashes'];
  const d = spec.delivery;
  if (d.type === 'download') {
    const expirationHours = 48;
    delivery = { expirationHours, maxDownloads: 3, methodName: d.methodName ?? 'HTTP', statusName: d.statusName };
    if (d.ready !== false) {
      const urlV2 = `https://restore-${clusterId}.mongodb.net:27017/${id}/${clusterName}-${snapshotId}.tar.gz`;
      delivery = {
        authHeader: 'X-Restore-Verification-Key',
        authValue: `sim-${f.hex(40)}`,
        expirationHours,
        expires: iso(spec.createdMs + expirationHours * HOUR),
        maxDownloads: 3,
        methodName: delivery.methodName,
        statusName: d.statusName,
        url: `${urlV2}?token=sim-${f.hex(32)}`,
        urlV2,
      };
      if (d.hashes !== false) {
        hashes = [
          {
            fileName: `${clusterName}-${snapshotId}.tar.gz`,
            hash: f.hex(40),
            links: [{ href: self, rel: 'http://cloud.mongodb.com/restoreJob' }],
            typeName: 'SHA1',
          },
        ];
      }
    }
  } else if (d.type === 'plain') {
    delivery = { methodName: d.methodName, ...(d.statusName ? { statusName: d.statusName } : {}) };
  } else {
    delivery = {
      methodName: d.methodName,
      ...(d.statusName ? { statusName: d.statusName } : {}),
      ...(d.targetClusterId ? { targetClusterId: d.targetClusterId } : {}),
      ...(d.targetClusterName ? { targetClusterName: d.targetClusterName } : {}),
      targetGroupId: d.targetGroupId,
    };
  }
  const job: BackupRestoreJobWire = {
    ...(spec.batchId ? { batchId: spec.batchId } : {}),
    clusterId,
    clusterName,
    created: iso(spec.createdMs),
    delivery,
    ...(spec.deploymentJobId ? { deploymentJobId: f.id(spec.createdMs - 2 * HOUR) } : {}),
    encryptionEnabled: spec.encrypted === true,
    groupId: projectId,
    ...(hashes ? { hashes } : {}),
    id,
    links: [
      { href: self, rel: 'self' },
      { href: `${ATLAS_V2}/groups/${projectId}/clusters/${clusterName}`, rel: 'http://cloud.mongodb.com/cluster' },
    ],
    ...(spec.encrypted ? { masterKeyUUID: f.uuid() } : {}),
    snapshotId,
    statusName: spec.statusName,
    timestamp: { date: iso(snapshotMs), increment: INCREMENT_BASE + (Math.floor(snapshotMs / 1000) % 97) },
  };
  return job;
}

function newestFirst<T>(jobs: T[]): T[] {
  return jobs.reverse();
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
      delivery: { type: 'target', methodName: 'AUTOMATED_RESTORE', statusName: 'INTERRUPTED', targetGroupId: OTHER_PROJECT.projectId, targetClusterId: restoreTargetId },
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

interface SnapshotRestoreSpec {
  scheduledMs: number;
  status: string;
  deliveryType: string;
  targetName?: string;
  targetProjectId?: string;
}

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
function snapshotRestoreJob(ctx: ClusterContext, spec: SnapshotRestoreSpec, shape: 'tenant' | 'flex') {
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

function tenantJob(ctx: ClusterContext, spec: SnapshotRestoreSpec): TenantRestoreWire {
  return snapshotRestoreJob(ctx, spec, 'tenant') as TenantRestoreWire;
}

function flexJob(ctx: ClusterContext, spec: SnapshotRestoreSpec): FlexBackupRestoreJobWire {
  return snapshotRestoreJob(ctx, spec, 'flex');
}

const SNAPSHOT_RESTORE_STATUSES = ['COMPLETED', 'FAILED', 'RUNNING', 'QUEUED', 'PENDING'] as const;

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
        ...(download ? {} : i % 4 === 0 ? { targetName: 'm5-cluster-1', targetProjectId: OTHER_PROJECT.projectId } : { targetName: 'm2-restore-target' }),
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
          ...(deliveryType === 'RESTORE' ? { targetName: n % 4 === 0 ? 'flex-cluster-1' : 'flex-restore-target', ...(n % 4 === 0 ? { targetProjectId: OTHER_PROJECT.projectId } : {}) } : {}),
        }),
      );
      n += 1;
    }
  }
  return jobs;
}

interface ServerlessSpec {
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
 * What a serverless and a Cloud Backup body derive alike from their spec (both are flag-status jobs): the ids (job
 * first, then snapshot, so the seeded id sequence is unchanged), the snapshot time, the delivery and the point in time.
 */
function flagJobBasics(ctx: ClusterContext, spec: { atMs: number; deliveryType: string }) {
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

function serverlessJob(ctx: ClusterContext, spec: ServerlessSpec): ServerlessBackupRestoreJobWire {
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

function demoServerlessJobs(ctx: ClusterContext): ServerlessBackupRestoreJobWire[] {
  const t = Date.UTC(2025, 9, 10, 6, 0, 0);
  const at = (n: number): number => t + n * 9 * HOUR;
  const specs: ServerlessSpec[] = [
    { atMs: at(0), deliveryType: 'automated', finished: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(1), deliveryType: 'download', finished: true, expired: true },
    { atMs: at(2), deliveryType: 'automated', cancelled: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(3), deliveryType: 'automated', failed: true, finished: true, targetClusterName: 'serverless-1', targetGroupId: OTHER_PROJECT.projectId },
    { atMs: at(4), deliveryType: 'pointInTime', finished: true, byOplog: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(5), deliveryType: 'pointInTime', finished: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(6), deliveryType: 'automated', cancelled: true, failed: true, finished: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(7), deliveryType: 'download', finished: true },
    { atMs: at(8), deliveryType: 'pointInTime', byOplog: true, targetClusterName: 'serverless-restore-target' },
    { atMs: at(9), deliveryType: 'automated', targetClusterName: 'serverless-restore-target' },
  ];
  return newestFirst(specs.map((spec) => serverlessJob(ctx, spec)));
}

function context(f: SeedFactory, projectId: string, clusterName: string, clusterCreatedMs: number): ClusterContext {
  return { f, projectId, clusterName, clusterId: f.id(clusterCreatedMs) };
}

function demoProject(f: SeedFactory): SeedProject {
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

function otherProject(f: SeedFactory): SeedProject {
  const p = OTHER_PROJECT.projectId;
  const c = OTHER_PROJECT.clusters;
  const t = Date.UTC(2025, 10, 2, 14, 0, 0);
  const legacyCtx = context(f, p, c.LEGACY_BACKUP, Date.UTC(2020, 0, 9));
  const tenantCtx = context(f, p, c.SHARED_TIER, Date.UTC(2022, 5, 1));
  const flexCtx = context(f, p, c.FLEX, Date.UTC(2025, 2, 1));
  const serverlessCtx = context(f, p, c.SERVERLESS, Date.UTC(2023, 6, 1));
  return {
    id: p,
    name: 'analytics-team',
    clusters: [
      {
        name: c.LEGACY_BACKUP,
        kind: 'LEGACY_BACKUP',
        legacy: newestFirst([
          legacyJob(legacyCtx, { createdMs: t, statusName: 'FINISHED', delivery: { type: 'download', statusName: 'READY' } }),
          legacyJob(legacyCtx, {
            createdMs: t + 3 * HOUR,
            statusName: 'FINISHED',
            delivery: { type: 'target', methodName: 'AUTOMATED_RESTORE', statusName: 'READY', targetGroupId: DEMO.projectId, targetClusterName: DEMO.clusters.LEGACY_BACKUP },
          }),
          legacyJob(legacyCtx, { createdMs: t + 6 * HOUR, statusName: 'IN_PROGRESS', delivery: { type: 'plain', methodName: 'SCP', statusName: 'IN_PROGRESS' } }),
        ]),
      },
      {
        name: c.SHARED_TIER,
        kind: 'SHARED_TIER',
        tenant: [
          tenantJob(tenantCtx, { scheduledMs: t + 5 * HOUR, status: 'RUNNING', deliveryType: 'RESTORE', targetName: DEMO.clusters.SHARED_TIER, targetProjectId: DEMO.projectId }),
          tenantJob(tenantCtx, { scheduledMs: t + 2 * HOUR, status: 'COMPLETED', deliveryType: 'DOWNLOAD' }),
          tenantJob(tenantCtx, { scheduledMs: t, status: 'COMPLETED', deliveryType: 'RESTORE', targetName: 'm5-restore-target' }),
        ],
      },
      {
        name: c.FLEX,
        kind: 'FLEX',
        flex: [
          flexJob(flexCtx, { scheduledMs: t + 4 * HOUR, status: 'QUEUED', deliveryType: 'DOWNLOAD' }),
          flexJob(flexCtx, { scheduledMs: t + HOUR, status: 'COMPLETED', deliveryType: 'RESTORE', targetName: DEMO.clusters.FLEX, targetProjectId: DEMO.projectId }),
          flexJob(flexCtx, { scheduledMs: t, status: 'FAILED', deliveryType: 'RESTORE', targetName: 'flex-restore-target' }),
        ],
      },
      {
        name: c.SERVERLESS,
        kind: 'SERVERLESS',
        serverless: newestFirst([
          serverlessJob(serverlessCtx, { atMs: t, deliveryType: 'download', finished: true }),
          serverlessJob(serverlessCtx, { atMs: t + 2 * HOUR, deliveryType: 'automated', finished: true, targetClusterName: DEMO.clusters.SERVERLESS, targetGroupId: DEMO.projectId }),
          serverlessJob(serverlessCtx, { atMs: t + 4 * HOUR, deliveryType: 'pointInTime', byOplog: true }),
        ]),
      },
    ],
  };
}

function edgeCasesProject(f: SeedFactory): SeedProject {
  const p = EDGE_CASES.projectId;
  const c = EDGE_CASES.clusters;
  const e = EDGE_CASES.emptyClusters;
  const t = Date.UTC(2025, 10, 5, 10, 0, 0);
  const legacyCtx = context(f, p, c.LEGACY_BACKUP, Date.UTC(2020, 3, 3));
  const tenantCtx = context(f, p, c.SHARED_TIER, Date.UTC(2021, 3, 3));
  const flexCtx = context(f, p, c.FLEX, Date.UTC(2025, 3, 3));
  const serverlessCtx = context(f, p, c.SERVERLESS, Date.UTC(2023, 3, 3));
  const olderTenantId = f.id(Date.UTC(2019, 4, 1, 15, 2, 25));
  return {
    id: p,
    name: 'edge-cases',
    clusters: [
      {
        name: c.LEGACY_BACKUP,
        kind: 'LEGACY_BACKUP',
        legacy: [
          legacyJob(legacyCtx, { createdMs: t + 2 * HOUR, statusName: 'SOMETHING_NEW', delivery: { type: 'download', statusName: 'READY' } }),
          legacyJob(legacyCtx, { createdMs: t + HOUR, statusName: 'FINISHED', delivery: { type: 'plain', methodName: 'CARRIER_PIGEON', statusName: 'WARMING_UP' } }),
          { delivery: { methodName: 'HTTP' }, id: f.id(t) },
        ],
      },
      {
        name: c.SHARED_TIER,
        kind: 'SHARED_TIER',
        tenant: [
          tenantJob(tenantCtx, { scheduledMs: t + 2 * HOUR, status: 'ARCHIVED', deliveryType: 'RESTORE', targetName: 'm2-restore-target' }),
          tenantJob(tenantCtx, { scheduledMs: t + HOUR, status: 'COMPLETED', deliveryType: 'TELEPORT' }),
          { id: f.id(t), snapshotId: f.id(t - HOUR), targetDeploymentItemName: c.SHARED_TIER },
          // NOTE: the shape of the v1.0 reference page (atlas/pages/001_*): `submittedAt`, `finishedDate` and `timestamp`
          // where current bodies carry `restoreScheduledDate`, `restoreFinishedDate` and `snapshotFinishedDate`.
          {
            clusterName: c.SHARED_TIER,
            deliveryType: 'DOWNLOAD',
            expirationDate: '2019-05-01T19:02:25Z',
            finishedDate: '2019-05-01T15:02:25Z',
            id: olderTenantId,
            projectId: p,
            snapshotId: f.id(Date.UTC(2019, 4, 1, 14, 33, 19)),
            snapshotUrl: `https://restore-${olderTenantId}.mongodb.net:27017/${c.SHARED_TIER}/snapshot.tar.gz?token=sim-${f.hex(32)}`,
            status: 'COMPLETED',
            submittedAt: '2019-05-01T15:02:25Z',
            targetDeploymentItemName: c.SHARED_TIER,
            targetProjectId: p,
            timestamp: '2019-05-01T14:33:19Z',
          },
        ],
      },
      {
        name: c.FLEX,
        kind: 'FLEX',
        flex: [
          flexJob(flexCtx, { scheduledMs: t + 2 * HOUR, status: 'ARCHIVED', deliveryType: 'DOWNLOAD' }),
          flexJob(flexCtx, { scheduledMs: t + HOUR, status: 'COMPLETED', deliveryType: 'TELEPORT' }),
          { id: f.id(t) },
        ],
      },
      {
        name: c.SERVERLESS,
        kind: 'SERVERLESS',
        serverless: [
          serverlessJob(serverlessCtx, { atMs: t + HOUR, deliveryType: 'teleport', finished: true }),
          { deliveryType: 'automated', id: f.id(t), targetClusterName: c.SERVERLESS, targetGroupId: p },
        ],
      },
      { name: e.LEGACY_BACKUP, kind: 'LEGACY_BACKUP', legacy: [] },
      { name: e.SHARED_TIER, kind: 'SHARED_TIER', tenant: [] },
      { name: e.FLEX, kind: 'FLEX', flex: [] },
      { name: e.SERVERLESS, kind: 'SERVERLESS', serverless: [] },
    ],
  };
}

interface CloudBackupSpec {
  atMs: number;
  deliveryType: string;
  cancelled?: boolean;
  failed?: boolean;
  expired?: boolean;
  finished?: boolean;
  /** Download URLs sent (public, private, or both); default: both once finished. */
  urls?: 'public' | 'private' | 'both' | 'none';
  /** pointInTime: by oplog timestamp, else by wall-clock seconds. */
  byOplog?: boolean;
  targetClusterName?: string;
  targetGroupId?: string;
  /** The replica sets of a sharded cluster: one `components` entry each. */
  replicaSets?: string[];
  /** Components past this index have no URL yet (a sharded download still being prepared). */
  readyComponents?: number;
}

/** A `DiskBackupSnapshotRestoreJob` body, shaped like the spec's. */
function cloudBackupJob(ctx: ClusterContext, spec: CloudBackupSpec): DiskBackupSnapshotRestoreJobWire {
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

function demoCloudBackupJobs(ctx: ClusterContext): DiskBackupSnapshotRestoreJobWire[] {
  const t = Date.UTC(2026, 0, 5, 7, 0, 0);
  const at = (n: number): number => t + n * 8 * HOUR;
  const specs: CloudBackupSpec[] = [
    { atMs: at(0), deliveryType: 'automated', finished: true, targetClusterName: 'dedicated-restore-target' },
    { atMs: at(1), deliveryType: 'download', finished: true, expired: true, urls: 'public' },
    { atMs: at(2), deliveryType: 'automated', cancelled: true, targetClusterName: 'dedicated-restore-target' },
    { atMs: at(3), deliveryType: 'automated', failed: true, finished: true, targetClusterName: 'dedicated-cluster-1', targetGroupId: OTHER_PROJECT.projectId },
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
 * Today's Atlas, appended after the older data (so the ids of older jobs stay as they were): Cloud Backup clusters
 * (one sharded), a former M2 cluster now flex, a former serverless instance now dedicated, and a free cluster; a
 * dedicated cluster in the second project and in the edge cases (odd bodies, an empty one).
 */
function addTodaysAtlas(f: SeedFactory, [demo, other, edge]: SeedProject[]): void {
  const p = DEMO.projectId;
  const formerM2 = context(f, p, DEMO.today.formerM2, Date.UTC(2022, 3, 1));
  const t = Date.UTC(2026, 0, 20, 8, 0, 0);
  demo!.clusters.push(
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
  const otherCtx = context(f, OTHER_PROJECT.projectId, OTHER_PROJECT.clusters.CLOUD_BACKUP, Date.UTC(2024, 2, 1));
  other!.clusters.push({
    name: OTHER_PROJECT.clusters.CLOUD_BACKUP,
    kind: 'CLOUD_BACKUP',
    description: { instanceSize: 'M20', providerName: 'AZURE' },
    cloudBackup: newestFirst([
      cloudBackupJob(otherCtx, { atMs: t, deliveryType: 'download', finished: true }),
      cloudBackupJob(otherCtx, { atMs: t + 2 * HOUR, deliveryType: 'automated', finished: true, targetClusterName: DEMO.clusters.CLOUD_BACKUP, targetGroupId: DEMO.projectId }),
      cloudBackupJob(otherCtx, { atMs: t + 4 * HOUR, deliveryType: 'pointInTime', byOplog: true }),
    ]),
  });
  const edgeCtx = context(f, EDGE_CASES.projectId, EDGE_CASES.clusters.CLOUD_BACKUP, Date.UTC(2024, 3, 3));
  edge!.clusters.push(
    {
      name: EDGE_CASES.clusters.CLOUD_BACKUP,
      kind: 'CLOUD_BACKUP',
      cloudBackup: [
        cloudBackupJob(edgeCtx, { atMs: t + HOUR, deliveryType: 'teleport', finished: true }),
        { components: [{}], deliveryType: 'download', id: f.id(t) },
        { deliveryType: 'automated', id: f.id(t - HOUR) },
      ],
    },
    { name: EDGE_CASES.emptyClusters.CLOUD_BACKUP, kind: 'CLOUD_BACKUP', cloudBackup: [] },
  );
}

/**
 * Builds the simulator's data: three projects, jobs of all five kinds in every status and delivery type the gateway
 * maps, `big-cluster` with 1,250 legacy jobs and a 25-job shared-tier cluster to page through, odd bodies apart, and
 * today's Atlas (migrated clusters, a sharded and a free one). Deterministic (no clock, no Math.random): every call
 * returns an equal, fresh copy.
 */
export function createSeed(): SeedData {
  const f = new SeedFactory();
  const projects = [demoProject(f), otherProject(f), edgeCasesProject(f)];
  addTodaysAtlas(f, projects);
  return { projects };
}
