import { toFlagRestoreModel } from '../flagRestore';
import type { JobLocation, ServerlessRestoreJobModel } from '../RestoreJobModel';
import type { ServerlessBackupRestoreJobWire } from './wire';

/** `ServerlessBackupRestoreJob` -> ServerlessRestoreJobModel; null without a job id. */
export function toServerlessModel(
  wire: ServerlessBackupRestoreJobWire,
  location: JobLocation,
): ServerlessRestoreJobModel | null {
  return toFlagRestoreModel('SERVERLESS', wire, location);
}
