import type { LinkWire } from '../../atlas/wire';

/** `FlexBackupRestoreJob20241113` (media type `application/vnd.atlas.2024-11-13+json`). */
export interface FlexBackupRestoreJobWire {
  deliveryType?: string;
  expirationDate?: string;
  id?: string;
  instanceName?: string;
  links?: LinkWire[];
  projectId?: string;
  restoreFinishedDate?: string;
  restoreScheduledDate?: string;
  snapshotFinishedDate?: string;
  snapshotId?: string;
  snapshotUrl?: string;
  status?: string;
  targetDeploymentItemName?: string;
  targetProjectId?: string;
}
