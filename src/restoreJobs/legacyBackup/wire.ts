import type { AtlasSchemas, ResponseView } from '../../atlas/wire';

/**
 * `BackupRestoreJobDelivery`, response view.
 * NOTE: `authValue` is a download credential and `url` (deprecated upstream) embeds the verification key: neither is
 * ever logged or put in an error.
 */
export type BackupRestoreJobDeliveryWire = ResponseView<AtlasSchemas['BackupRestoreJobDelivery']>;

/** `RestoreJobFileHash`, response view. */
export type RestoreJobFileHashWire = ResponseView<AtlasSchemas['RestoreJobFileHash']>;

/** `BackupRestoreJob` as returned by GET: the writeOnly request fields (`checkpointId`, `oplogTs`, ...) left out. */
export type BackupRestoreJobWire = ResponseView<AtlasSchemas['BackupRestoreJob']>;
