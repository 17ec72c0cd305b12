/**
 * Any restore job: the explicit union of every kind's model (each in its kind's folder), discriminated on `kind`, which
 * the compiler's exhaustive switches run over. The check below fails to compile when a kind of RestoreJobKind has no
 * model in the union (or the union holds one that is not a kind).
 */
import type { CloudBackupRestoreJobModel } from './cloudBackup/model';
import type { FlexRestoreJobModel } from './flex/model';
import type { LegacyBackupRestoreJobModel } from './legacyBackup/model';
import type { RestoreJobKind } from './RestoreJobKind';
import type { ServerlessRestoreJobModel } from './serverless/model';
import type { SharedTierRestoreJobModel } from './sharedTier/model';

export * from './RestoreJobBaseModel';
export type { CloudBackupRestoreComponentModel, CloudBackupRestoreJobModel, PrivateDownloadUrlModel } from './cloudBackup/model';
export type { FlexRestoreJobModel } from './flex/model';
export type { LegacyBackupRestoreJobModel, LegacyRestoreDeliveryModel, RestoreFileHashModel } from './legacyBackup/model';
export type { ServerlessRestoreJobModel } from './serverless/model';
export type { SharedTierRestoreJobModel } from './sharedTier/model';

/** Any restore job. */
export type RestoreJobModel =
  | LegacyBackupRestoreJobModel
  | SharedTierRestoreJobModel
  | FlexRestoreJobModel
  | ServerlessRestoreJobModel
  | CloudBackupRestoreJobModel;

/** Every kind has exactly one model in the union. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyKindHasAModel: Same<RestoreJobModel['kind'], RestoreJobKind> = true;
void everyKindHasAModel;
