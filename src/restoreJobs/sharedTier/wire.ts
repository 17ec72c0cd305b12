import type { LinkWire } from '../../atlas/wire';

/**
 * `TenantRestore` as returned by GET.
 * NOTE: the v1.0 reference page's example (atlas/pages/001_*) still shows older field names, `submittedAt`,
 * `finishedDate` and `timestamp`, which the spec no longer lists; they are kept here, optional, so such bodies map.
 */
export interface TenantRestoreWire {
  clusterName?: string;
  deliveryType?: string;
  expirationDate?: string;
  id?: string;
  links?: LinkWire[];
  projectId?: string;
  restoreFinishedDate?: string;
  restoreScheduledDate?: string;
  snapshotFinishedDate?: string;
  snapshotId: string;
  snapshotUrl?: string;
  status?: string;
  targetDeploymentItemName: string;
  targetProjectId?: string;
  /** Older bodies only (see NOTE above). */
  submittedAt?: string;
  /** Older bodies only (see NOTE above). */
  finishedDate?: string;
  /** Older bodies only: when the snapshot was taken. */
  timestamp?: string;
}
