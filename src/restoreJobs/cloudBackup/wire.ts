import type { SuccessorRequestView, SuccessorResponseView, SuccessorSchemas } from '../../atlas/wire';

/**
 * Cloud Backup wire shapes, as aliases of the types generated from atlas/successors.openapi.yaml (`npm run codegen`).
 * NOTE: `deliveryUrl`, `downloadUrl` and `privateDownloadDeliveryUrls[].deliveryUrl` are signed download URLs: never
 * logged or put in an error.
 */

/** `ApiPrivateDownloadDeliveryUrl`: a download URL reachable through one private endpoint. */
export type ApiPrivateDownloadDeliveryUrlWire = SuccessorResponseView<SuccessorSchemas['ApiPrivateDownloadDeliveryUrl']>;

/** `DiskBackupRestoreMember`: one replica set of a sharded cluster's restore. */
export type DiskBackupRestoreMemberWire = SuccessorResponseView<SuccessorSchemas['DiskBackupRestoreMember']>;

/**
 * `DiskBackupSnapshotRestoreJob` as returned by GET (media type `application/vnd.atlas.2023-01-01+json`). Only
 * `deliveryType` is required by the spec; everything else may be missing.
 */
export type DiskBackupSnapshotRestoreJobWire = SuccessorResponseView<SuccessorSchemas['DiskBackupSnapshotRestoreJob']>;

/** `DiskBackupSnapshotRestoreJob` as POSTed by createGroupClusterBackupRestoreJob. */
export type DiskBackupSnapshotRestoreJobRequestWire = SuccessorRequestView<SuccessorSchemas['DiskBackupSnapshotRestoreJob']>;
