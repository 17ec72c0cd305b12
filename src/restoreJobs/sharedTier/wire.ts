import type { AtlasSchemas, ResponseView } from '../../atlas/wire';

type TenantRestore = ResponseView<AtlasSchemas['TenantRestore']>;

/** The request-only required fields of `TenantRestore` (see the NOTE on {@link TenantRestoreWire}). */
type RequestOnlyRequired = 'snapshotId' | 'targetDeploymentItemName';

/**
 * Fields of older shared-tier bodies that the spec no longer lists.
 * NOTE: the v1.0 reference page's example (atlas/pages/001_*) still shows `submittedAt`, `finishedDate` and
 * `timestamp`; the mapper reads them as fallbacks for `restoreScheduledDate`, `restoreFinishedDate` and
 * `snapshotFinishedDate` (src/restoreJobs/snapshotRestore.ts). They are the only extensions of the generated type.
 */
export interface TenantRestoreStaleFields {
  /** Older name of `restoreScheduledDate` (ISO 8601). */
  submittedAt?: string;
  /** Older name of `restoreFinishedDate` (ISO 8601). */
  finishedDate?: string;
  /** Older name of `snapshotFinishedDate`: when the snapshot was taken (ISO 8601). */
  timestamp?: string;
}

/**
 * `TenantRestore` as returned by GET, plus {@link TenantRestoreStaleFields}.
 * NOTE: the spec's one `TenantRestore` schema serves both the create request and the responses, and its `required`
 * (`snapshotId`, `targetDeploymentItemName`) is the create request's: its twin response schema
 * `FlexBackupRestoreJob20241113` requires nothing, and `FlexBackupRestoreJobCreate20241113` requires exactly these two.
 * The response view makes them optional; test/contract/specSchemas.ts applies the same adjustment to validation.
 */
export type TenantRestoreWire = Omit<TenantRestore, RequestOnlyRequired> &
  Partial<Pick<TenantRestore, RequestOnlyRequired>> &
  TenantRestoreStaleFields;
