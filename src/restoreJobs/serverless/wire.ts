import type { AtlasSchemas, ResponseView } from '../../atlas/wire';

/** `ServerlessBackupRestoreJob`, response view. */
export type ServerlessBackupRestoreJobWire = ResponseView<AtlasSchemas['ServerlessBackupRestoreJob']>;
