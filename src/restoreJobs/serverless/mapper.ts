import { toFlagRestoreModel } from '../mapping/flagRestore';
import type { JobLocation } from '../RestoreJobBaseModel';
import type { ServerlessRestoreJobModel } from './model';
import type { ServerlessBackupRestoreJobWire } from './wire';

/** `ServerlessBackupRestoreJob` -> ServerlessRestoreJobModel; null without a job id. */
export function toServerlessModel(
  wire: ServerlessBackupRestoreJobWire,
  location: JobLocation,
): ServerlessRestoreJobModel | null {
  return toFlagRestoreModel('SERVERLESS', wire, location);
}
