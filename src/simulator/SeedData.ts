import type { RestoreJobKind } from '../restoreJobs/RestoreJobKind';
import type {
  BackupRestoreJobWire,
  DiskBackupSnapshotRestoreJobWire,
  FlexBackupRestoreJobWire,
  ServerlessBackupRestoreJobWire,
  TenantRestoreWire,
} from './wire';

/** A record with one entry per kind: the compiler names the kind a new entry is missing for. */
type PerKind<T extends Record<RestoreJobKind, unknown>> = T;

/** The body of a seeded job of each kind. */
export type SeedJobWire = PerKind<{
  LEGACY_BACKUP: BackupRestoreJobWire;
  SHARED_TIER: TenantRestoreWire;
  FLEX: FlexBackupRestoreJobWire;
  SERVERLESS: ServerlessBackupRestoreJobWire;
  CLOUD_BACKUP: DiskBackupSnapshotRestoreJobWire;
}>;

/** The field of a {@link SeedCluster} that holds each kind's jobs (the seed's own names, kept for its JSON). */
export const SEED_JOB_FIELD = {
  LEGACY_BACKUP: 'legacy',
  SHARED_TIER: 'tenant',
  FLEX: 'flex',
  SERVERLESS: 'serverless',
  CLOUD_BACKUP: 'cloudBackup',
} as const satisfies Record<RestoreJobKind, string>;

/** Each kind's jobs of one cluster, in the order the list returns them (seeded bodies; writes add their own). */
export type SeedClusterJobs = { [K in RestoreJobKind as (typeof SEED_JOB_FIELD)[K]]?: SeedJobWire[K][] };

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
  /** `stateName` (default IDLE). */
  stateName?: 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING';
  /** `mongoDBVersion` (default 8.0.4). */
  mongoDBVersion?: string;
  /** `paused` (default false). */
  paused?: boolean;
  /** `createDate`, ISO 8601 (defaults per API). */
  createDate?: string;
  /**
   * A flex cluster made through the clusters API (Create Cluster): that API describes and lists it too, as a TENANT
   * cluster of effective size FLEX, besides the flex API.
   */
  viaClustersApi?: boolean;
}

/**
 * How a cluster's restore-job reads misbehave, whatever the kind asked (demo mode's failing clusters): `error`
 * answers 500, `hang` answers only after `hangMs`.
 */
export type SeedMisbehaviour = { restoreJobs: 'error' } | { restoreJobs: 'hang'; hangMs: number };

/**
 * One cluster (or flex cluster, or serverless instance) and its restore jobs. `kind` is the restore-job API that
 * serves it; `FREE` is an M0 cluster, which has no restore jobs.
 */
export interface SeedCluster extends SeedClusterJobs {
  name: string;
  kind: RestoreJobKind | 'FREE';
  /**
   * The kind it was before Atlas migrated it (M2/M5 to flex, serverless to dedicated): its old restore API answers as
   * retired (410 VERSION_GONE for the tenant API, CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API for serverless reads).
   */
  formerKind?: 'SHARED_TIER' | 'SERVERLESS';
  description?: SeedClusterDescription;
  /** Restore-job reads of this cluster fail so (the simulator honours it before routing); absent: they work. */
  misbehaves?: SeedMisbehaviour;
}

/** A restore job as the routes handle it, of any kind: a body with an id (and, for legacy, a batch). */
export type Job = { id?: string; batchId?: string };

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

/** The seeded jobs of one kind of a cluster (the live array: writes that change a seeded job change it here). */
export function seedJobsOf<K extends RestoreJobKind>(cluster: SeedCluster, kind: K): SeedJobWire[K][] {
  return (cluster[SEED_JOB_FIELD[kind]] as SeedJobWire[K][] | undefined) ?? [];
}
