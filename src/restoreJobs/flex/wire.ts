import type { AtlasSchemas, ResponseView } from '../../atlas/wire';

/** `FlexBackupRestoreJob20241113` (media type `application/vnd.atlas.2024-11-13+json`), response view. */
export type FlexBackupRestoreJobWire = ResponseView<AtlasSchemas['FlexBackupRestoreJob20241113']>;
