import { createHash } from 'node:crypto';
import { clusterIdOf, isSharded, shardCount } from '../clusters';
import type { SeedCluster } from '../SeedData';
import type { BackupSnapshotWire, DiskBackupReplicaSetWire, DiskBackupShardedClusterSnapshotWire, FlexBackupSnapshotWire } from '../wire';
import { ATLAS_V2, HOUR, INCREMENT_BASE, iso, SeedFactory } from './factory';

/**
 * One snapshot a restore can start from, in the shape of the snapshot API that lists it (snapshots.openapi.yaml):
 * Cloud Backup replica-set and sharded-cluster snapshots, flex snapshots, Legacy Backup snapshots.
 * NOTE: the snapshot cuts have no shared-tier or serverless schema. Atlas's tenant snapshots carry the flex fields
 * (`BackupTenantSnapshot`: id, status PENDING..COMPLETED, start/finish/scheduled times, expiration) and its
 * serverless ones the replica-set fields (`ServerlessBackupSnapshot`), so the simulator uses those two shapes.
 */
export type SeedSnapshot =
  | { shape: 'replicaSet'; body: DiskBackupReplicaSetWire }
  | { shape: 'shardedCluster'; body: DiskBackupShardedClusterSnapshotWire }
  | { shape: 'flex'; body: FlexBackupSnapshotWire }
  | { shape: 'legacy'; body: BackupSnapshotWire };

/** The snapshot's id. */
export function snapshotIdOf(snapshot: SeedSnapshot): string {
  return snapshot.body.id ?? '';
}

/** Whether a restore can start from it: Cloud Backup `completed`, flex `COMPLETED`, legacy `complete: true`. */
export function isSnapshotCompleted(snapshot: SeedSnapshot): boolean {
  switch (snapshot.shape) {
    case 'replicaSet':
    case 'shardedCluster':
      return snapshot.body.status === 'completed';
    case 'flex':
      return snapshot.body.status === 'COMPLETED';
    case 'legacy':
      return snapshot.body.complete === true;
  }
}

/** When the snapshot was taken (ISO 8601): what a restore job from it names as its snapshot's time. */
export function snapshotTakenAt(snapshot: SeedSnapshot): string | undefined {
  switch (snapshot.shape) {
    case 'replicaSet':
    case 'shardedCluster':
      return snapshot.body.createdAt;
    case 'flex':
      return snapshot.body.finishTime ?? snapshot.body.startTime;
    case 'legacy':
      return snapshot.body.created?.date;
  }
}

/** The day of the newest (in-progress) snapshot; the completed ones are the days before. */
const NEWEST_SNAPSHOT_MS = Date.UTC(2026, 0, 21, 6, 0, 0);
const DAY = 24 * HOUR;
/** How many snapshots each cluster gets: the newest still being taken, the others completed. */
const SNAPSHOTS_PER_CLUSTER = 4;

/**
 * The snapshots of one seeded cluster, newest first: three completed (daily, the oldest an on-demand one) and the
 * newest still in progress. None for a free cluster or a cluster with backup off. Deterministic and independent of
 * the job seed: each cluster draws from its own factory (its ids' "machine" part comes from the cluster's identity),
 * so no job id moves and no two clusters share a snapshot id.
 */
export function seedSnapshots(projectId: string, cluster: SeedCluster): SeedSnapshot[] {
  if (cluster.kind === 'FREE' || cluster.description?.backupEnabled === false) return [];
  const identity = createHash('sha256').update(`snapshots:${projectId}:${cluster.name}`).digest('hex');
  const f = new SeedFactory({ state: parseInt(identity.slice(0, 8), 16) | 0, machine: identity.slice(8, 18) });
  const snapshots: SeedSnapshot[] = [];
  for (let i = 0; i < SNAPSHOTS_PER_CLUSTER; i += 1) {
    const at = NEWEST_SNAPSHOT_MS - i * DAY;
    const taken: SnapshotMoment = { atMs: at, completed: i > 0, onDemand: i === SNAPSHOTS_PER_CLUSTER - 1, sizeBytes: 2_600_000_000 + i * 37_000_000 };
    snapshots.push(buildSnapshot(f, projectId, cluster, taken));
  }
  return snapshots;
}

interface SnapshotMoment {
  atMs: number;
  completed: boolean;
  onDemand: boolean;
  /** Above 2 GiB, as real snapshots are (DESIGN.md: `sizeBytes` is a SafeInt). */
  sizeBytes: number;
}

function buildSnapshot(f: SeedFactory, projectId: string, cluster: SeedCluster, m: SnapshotMoment): SeedSnapshot {
  const name = cluster.name;
  switch (cluster.kind) {
    case 'LEGACY_BACKUP':
      return { shape: 'legacy', body: legacySnapshot(f, projectId, cluster, m) };
    case 'FLEX':
      return { shape: 'flex', body: flexSnapshot(f, `${ATLAS_V2}/groups/${projectId}/flexClusters/${name}/backup/snapshots`, m) };
    case 'SHARED_TIER':
      return { shape: 'flex', body: flexSnapshot(f, `${ATLAS_V2}/groups/${projectId}/clusters/${name}/backup/tenant/snapshots`, m) };
    case 'SERVERLESS':
      return { shape: 'replicaSet', body: replicaSetSnapshot(f, `${ATLAS_V2}/groups/${projectId}/serverless/${name}/backup/snapshots`, cluster, m) };
    default:
      return isSharded(cluster)
        ? { shape: 'shardedCluster', body: shardedSnapshot(f, projectId, cluster, m) }
        : { shape: 'replicaSet', body: replicaSetSnapshot(f, `${ATLAS_V2}/groups/${projectId}/clusters/${name}/backup/snapshots`, cluster, m) };
  }
}

/** The replica sets of a sharded cluster as its restores name them: one per shard, then the config host. */
export function replicaSetNames(cluster: SeedCluster): string[] {
  return [...Array.from({ length: shardCount(cluster) }, (_, i) => `${cluster.name}-shard-${i}`), `${cluster.name}-config-0`];
}

function onDemand(m: SnapshotMoment): { description?: string; snapshotType: string; frequencyType: string } {
  return m.onDemand
    ? { description: 'Before the schema migration', frequencyType: 'daily', snapshotType: 'onDemand' }
    : { frequencyType: 'daily', snapshotType: 'scheduled' };
}

function replicaSetSnapshot(f: SeedFactory, list: string, cluster: SeedCluster, m: SnapshotMoment): DiskBackupReplicaSetWire {
  const id = f.id(m.atMs);
  const { description, frequencyType, snapshotType } = onDemand(m);
  return {
    cloudProvider: cluster.description?.providerName ?? 'AWS',
    copyRegions: [],
    createdAt: iso(m.atMs),
    ...(description ? { description } : {}),
    expiresAt: iso(m.atMs + 7 * DAY),
    frequencyType,
    id,
    links: [{ href: `${list}/${id}`, rel: 'self' }],
    mongodVersion: '8.0.4',
    policyItems: [f.id(m.atMs - 400 * DAY)],
    replicaSetName: `${cluster.name}-shard-0`,
    snapshotType,
    status: m.completed ? 'completed' : 'inProgress',
    storageSizeBytes: m.sizeBytes,
    type: 'replicaSet',
  };
}

function shardedSnapshot(f: SeedFactory, projectId: string, cluster: SeedCluster, m: SnapshotMoment): DiskBackupShardedClusterSnapshotWire {
  const id = f.id(m.atMs);
  const members = replicaSetNames(cluster).map((replicaSetName) => ({ cloudProvider: cluster.description?.providerName ?? 'AWS', id: f.id(m.atMs), replicaSetName }));
  const { description, frequencyType, snapshotType } = onDemand(m);
  return {
    configServerType: 'DEDICATED',
    createdAt: iso(m.atMs),
    ...(description ? { description } : {}),
    expiresAt: iso(m.atMs + 7 * DAY),
    frequencyType,
    id,
    links: [{ href: `${ATLAS_V2}/groups/${projectId}/clusters/${cluster.name}/backup/snapshots/shardedCluster/${id}`, rel: 'self' }],
    members,
    mongodVersion: '8.0.4',
    policyItems: [f.id(m.atMs - 400 * DAY)],
    snapshotIds: members.map((member) => member.id),
    snapshotType,
    status: m.completed ? 'completed' : 'inProgress',
    storageSizeBytes: m.sizeBytes * members.length,
    type: 'shardedCluster',
  };
}

function flexSnapshot(f: SeedFactory, list: string, m: SnapshotMoment): FlexBackupSnapshotWire {
  const id = f.id(m.atMs);
  return {
    expiration: iso(m.atMs + 8 * DAY),
    ...(m.completed ? { finishTime: iso(m.atMs + 6 * 60_000) } : {}),
    id,
    links: [{ href: `${list}/${id}`, rel: 'self' }],
    mongoDBVersion: '8.0.4',
    scheduledTime: iso(m.atMs),
    startTime: iso(m.atMs + 30_000),
    status: m.completed ? 'COMPLETED' : 'RUNNING',
  };
}

function legacySnapshot(f: SeedFactory, projectId: string, cluster: SeedCluster, m: SnapshotMoment): BackupSnapshotWire {
  const id = f.id(m.atMs);
  const clusterId = clusterIdOf(projectId, cluster.name);
  const sharded = isSharded(cluster);
  const names = sharded ? replicaSetNames(cluster) : [`${cluster.name}-shard-0`];
  const timestamp = (ms: number) => ({ date: iso(ms), increment: INCREMENT_BASE + (Math.floor(ms / 1000) % 89) });
  return {
    clusterId,
    clusterName: cluster.name,
    complete: m.completed,
    created: timestamp(m.atMs),
    doNotDelete: m.onDemand,
    ...(m.onDemand ? {} : { expires: iso(m.atMs + 7 * DAY) }),
    groupId: projectId,
    id,
    incremental: !m.onDemand,
    lastOplogAppliedTimestamp: timestamp(m.atMs - 60_000),
    links: [{ href: `${ATLAS_V2}/groups/${projectId}/clusters/${cluster.name}/snapshots/${id}`, rel: 'self' }],
    parts: names.map((replicaSetName, i) => ({
      clusterId: sharded ? f.id(m.atMs) : clusterId,
      ...(m.completed ? { completedTime: iso(m.atMs + 9 * 60_000) } : {}),
      compressionSetting: 'GZIP',
      dataSizeBytes: m.sizeBytes,
      encryptionEnabled: false,
      fcv: '8.0',
      fileSizeBytes: Math.round(m.sizeBytes * 1.1),
      machineId: `${replicaSetName.replace(/[^a-z0-9]/g, '')}.sim.mongodb.net:27017`,
      mongodVersion: '8.0.4',
      replicaSetName,
      replicaState: 'SECONDARY',
      storageSizeBytes: Math.round(m.sizeBytes * 0.4),
      typeName: sharded && i === names.length - 1 ? 'CONFIG_SERVER_REPLICA_SET' : 'REPLICA_SET',
    })),
  };
}
