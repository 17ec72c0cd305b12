import type { LinkWire } from '../atlas/wire';

/**
 * Wire shapes of the cluster lookups, from atlas/successors.openapi.yaml (itself trimmed to what identifies a
 * cluster). Every field is optional here: a gateway must not fail on a description it cannot classify.
 */

/** `HardwareSpec20240805` (AWS/Azure/GCP/Tenant variants merged: the discriminator is the region's `providerName`). */
export interface HardwareSpec20240805Wire {
  instanceSize?: string;
  /** Tenant only: the true size (`FLEX` for a flex cluster still visible through the clusters API). */
  effectiveInstanceSize?: string;
  nodeCount?: number;
  diskSizeGB?: number;
}

/** `CloudRegionConfig20240805`. */
export interface CloudRegionConfig20240805Wire {
  electableSpecs?: HardwareSpec20240805Wire;
  priority?: number;
  providerName?: string;
}

/** `ReplicationSpec20240805`: one per shard. */
export interface ReplicationSpec20240805Wire {
  id?: string;
  regionConfigs?: CloudRegionConfig20240805Wire[];
  zoneId?: string;
  zoneName?: string;
}

/** `ClusterDescription20240805` (media type `application/vnd.atlas.2024-08-05+json`). */
export interface ClusterDescription20240805Wire {
  backupEnabled?: boolean;
  clusterType?: string;
  createDate?: string;
  groupId?: string;
  id?: string;
  links?: LinkWire[];
  mongoDBVersion?: string;
  name?: string;
  paused?: boolean;
  pitEnabled?: boolean;
  replicationSpecs?: ReplicationSpec20240805Wire[];
  stateName?: string;
  terminationProtectionEnabled?: boolean;
}

/** `FlexClusterDescription20241113` (media type `application/vnd.atlas.2024-11-13+json`). */
export interface FlexClusterDescription20241113Wire {
  backupSettings?: { enabled?: boolean };
  clusterType?: string;
  createDate?: string;
  groupId?: string;
  id?: string;
  links?: LinkWire[];
  mongoDBVersion?: string;
  name?: string;
  providerSettings?: { backingProviderName?: string; diskSizeGB?: number; providerName?: string; regionName?: string };
  stateName?: string;
  terminationProtectionEnabled?: boolean;
}
