import type { SuccessorResponseView, SuccessorSchemas } from '../atlas/wire';

/**
 * Wire shapes of the cluster lookups and lists, as aliases of the types generated from atlas/successors.openapi.yaml
 * (`npm run codegen`). The classifier reads every field as optional: a gateway must not fail on a description it
 * cannot classify.
 */

/**
 * `HardwareSpec20240805`. NOTE: the spec makes it a union of the AWS, Azure, GCP and tenant variants (the region's
 * `providerName` says which); the classifier reads the fields of any of them, so they are merged here.
 */
export type HardwareSpec20240805Wire = Partial<
  SuccessorResponseView<SuccessorSchemas['AWSHardwareSpec20240805']> &
    SuccessorResponseView<SuccessorSchemas['TenantHardwareSpec20240805']> & { diskSizeGB: number }
>;

/** `CloudRegionConfig20240805`. */
export type CloudRegionConfig20240805Wire = Omit<SuccessorResponseView<SuccessorSchemas['CloudRegionConfig20240805']>, 'electableSpecs'> & {
  electableSpecs?: HardwareSpec20240805Wire;
};

/** `ReplicationSpec20240805`: one per shard. */
export type ReplicationSpec20240805Wire = Omit<SuccessorResponseView<SuccessorSchemas['ReplicationSpec20240805']>, 'regionConfigs'> & {
  regionConfigs?: CloudRegionConfig20240805Wire[];
};

/** `ClusterDescription20240805` (media type `application/vnd.atlas.2024-08-05+json`). */
export type ClusterDescription20240805Wire = Partial<
  Omit<SuccessorResponseView<SuccessorSchemas['ClusterDescription20240805']>, 'replicationSpecs'> & { replicationSpecs: ReplicationSpec20240805Wire[] }
>;

/** `FlexClusterDescription20241113` (media type `application/vnd.atlas.2024-11-13+json`). */
export type FlexClusterDescription20241113Wire = Partial<SuccessorResponseView<SuccessorSchemas['FlexClusterDescription20241113']>>;

/** `PaginatedClusterDescription20240805`: one page of `listGroupClusters` (media type `application/vnd.atlas.2024-08-05+json`). */
export type PaginatedClusterDescription20240805Wire = Partial<
  Omit<SuccessorResponseView<SuccessorSchemas['PaginatedClusterDescription20240805']>, 'results'> & { results: ClusterDescription20240805Wire[] }
>;

/** `PaginatedFlexClusters20241113`: one page of `listGroupFlexClusters` (media type `application/vnd.atlas.2024-11-13+json`). */
export type PaginatedFlexClusters20241113Wire = Partial<
  Omit<SuccessorResponseView<SuccessorSchemas['PaginatedFlexClusters20241113']>, 'results'> & { results: FlexClusterDescription20241113Wire[] }
>;
