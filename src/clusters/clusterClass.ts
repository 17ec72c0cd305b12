import type { RestoreJobKind } from '../restoreJobs/RestoreJobKind';
import { bool, str, toDate } from '../restoreJobs/mapping/mapping';
import type { ClusterDescription20240805Wire, FlexClusterDescription20241113Wire } from './wire';

/** How the gateway learned a cluster's class. */
export type ClusterClassSource =
  /** The clusters API described it (`ClusterDescription20240805`). */
  | 'clusters-api'
  /** The flex API described it (`FlexClusterDescription20241113`). */
  | 'flex-api'
  /** The clusters API refused it as a serverless instance. */
  | 'serverless-refusal'
  /** A successor restore API answered for it during routing (no description read, so the tier may be unknown). */
  | 'restore-api';

/** What the gateway knows about one cluster: which restore-job API serves it, and its tier. */
export interface ClusterClass {
  /** The restore-job kind that serves the cluster; null for a free (M0) cluster, which has no restore jobs. */
  kind: RestoreJobKind | null;
  /** The tier as Atlas reports it (`M30`, `R40`, `M0`, `M2`, `FLEX`); null when unknown. */
  tier: string | null;
  /** `REPLICASET`, `SHARDED` or `GEOSHARDED`; null when unknown. */
  clusterType: string | null;
  /** Atlas's `backupEnabled` (flex: `backupSettings.enabled`); null when unknown. */
  backupEnabled: boolean | null;
  source: ClusterClassSource;
}

const TENANT_SIZES: Readonly<Record<string, RestoreJobKind | null>> = {
  M0: null,
  M2: 'SHARED_TIER',
  M5: 'SHARED_TIER',
  FLEX: 'FLEX',
};

/**
 * Classifies a `ClusterDescription20240805`. A region with `providerName: TENANT` makes a tenant cluster, sized by
 * `electableSpecs.effectiveInstanceSize` (else `instanceSize`): M0 is free (no restore jobs), M2/M5 are shared tier,
 * FLEX is flex. Anything else is a dedicated cluster, served by Cloud Backup; its tier is the first electable
 * `instanceSize`.
 * NOTE: Legacy Backup is never the answer. DESIGN.md speaks of `backupEnabled`/`providerBackupEnabled`, but the
 * 2024-08-05 description the successors spec keeps has no `providerBackupEnabled` (that field is in the 2023-01-01
 * LegacyAtlasCluster the cut drops), and its `backupEnabled` means Cloud Backup for dedicated clusters. A dedicated
 * cluster is therefore Cloud Backup whatever `backupEnabled` says (with backups off it simply has no or only old jobs);
 * Legacy Backup jobs are reached by naming `LEGACY_BACKUP`.
 * NOTE: with asymmetric shards the tier is the first shard's; a tenant size this gateway does not know is taken for a
 * flex-era size (FLEX), since M0/M2/M5 are the only pre-flex tenant tiers.
 */
export function classifyClusterDescription(wire: ClusterDescription20240805Wire): ClusterClass {
  const regions = (Array.isArray(wire.replicationSpecs) ? wire.replicationSpecs : []).flatMap((spec) =>
    Array.isArray(spec?.regionConfigs) ? spec.regionConfigs : [],
  );
  const electable = regions.find((r) => r?.electableSpecs && typeof r.electableSpecs === 'object')?.electableSpecs;
  const tenant = regions.some((r) => r?.providerName === 'TENANT');
  const common = { clusterType: str(wire.clusterType), backupEnabled: bool(wire.backupEnabled), source: 'clusters-api' as const };
  if (tenant) {
    const size = str(electable?.effectiveInstanceSize) ?? str(electable?.instanceSize);
    const kind = size !== null && Object.prototype.hasOwnProperty.call(TENANT_SIZES, size) ? TENANT_SIZES[size]! : 'FLEX';
    return { kind, tier: size, ...common };
  }
  return { kind: 'CLOUD_BACKUP', tier: str(electable?.instanceSize), ...common };
}

/** Classifies a `FlexClusterDescription20241113`: always flex, tier `FLEX` (its `providerSettings.providerName`). */
export function classifyFlexCluster(wire: FlexClusterDescription20241113Wire): ClusterClass {
  return {
    kind: 'FLEX',
    tier: str(wire.providerSettings?.providerName) ?? 'FLEX',
    clusterType: str(wire.clusterType) ?? 'REPLICASET',
    backupEnabled: bool(wire.backupSettings?.enabled),
    source: 'flex-api',
  };
}

/** A serverless instance, known only from the clusters API's refusal: no tier of its own. */
export const SERVERLESS_INSTANCE: ClusterClass = {
  kind: 'SERVERLESS',
  tier: null,
  clusterType: null,
  backupEnabled: null,
  source: 'serverless-refusal',
};

/** What a successor restore API answering for a cluster tells: its kind (and for flex, its tier). */
export function learnedFromRestoreApi(kind: RestoreJobKind): ClusterClass {
  return {
    kind,
    tier: kind === 'FLEX' ? 'FLEX' : null,
    clusterType: kind === 'FLEX' ? 'REPLICASET' : null,
    backupEnabled: null,
    source: 'restore-api',
  };
}

/**
 * What a description says of a cluster beyond its class (the `Cluster` fields `stateName` and on); null where the
 * API has no such field (the flex API has no `paused` nor `pitEnabled`) or Atlas sent none.
 */
export interface ClusterFacts {
  /** `stateName`: IDLE, CREATING, UPDATING, DELETING or REPAIRING (the Atlas word, whatever it is). */
  stateName: string | null;
  /** `mongoDBVersion`, e.g. `8.0.4`. */
  mongoDBVersion: string | null;
  /** `paused`. */
  paused: boolean | null;
  /** `pitEnabled`: continuous cloud backup (point-in-time restores). */
  pitEnabled: boolean | null;
  /** `createDate`. */
  createdAt: Date | null;
}

/** The facts of a `ClusterDescription20240805`. */
export function factsOfClusterDescription(wire: ClusterDescription20240805Wire): ClusterFacts {
  return {
    stateName: str(wire.stateName),
    mongoDBVersion: str(wire.mongoDBVersion),
    paused: bool(wire.paused),
    pitEnabled: bool(wire.pitEnabled),
    createdAt: toDate(typeof wire.createDate === 'string' ? wire.createDate : null),
  };
}

/** The facts of a `FlexClusterDescription20241113` (no `paused`, no `pitEnabled`: null). */
export function factsOfFlexCluster(wire: FlexClusterDescription20241113Wire): ClusterFacts {
  return {
    stateName: str(wire.stateName),
    mongoDBVersion: str(wire.mongoDBVersion),
    paused: null,
    pitEnabled: null,
    createdAt: toDate(typeof wire.createDate === 'string' ? wire.createDate : null),
  };
}

/** No facts: a serverless instance (known only from a refusal) or a class learned from a restore API. */
export const NO_FACTS: ClusterFacts = { stateName: null, mongoDBVersion: null, paused: null, pitEnabled: null, createdAt: null };
