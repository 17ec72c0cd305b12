import type { RestoreJobKind } from '../../restoreJobs/RestoreJobKind';
import { cloudBackup } from './cloudBackup';
import { flex } from './flex';
import { legacyBackup } from './legacyBackup';
import { serverless } from './serverless';
import { sharedTier } from './sharedTier';
import type { SimulatedKind } from './SimulatedKind';

/** Every kind the simulator serves, keyed by the gateway's kind enum (so a new kind cannot be forgotten). */
export const SIMULATED_KINDS: Readonly<Record<RestoreJobKind, SimulatedKind>> = {
  LEGACY_BACKUP: legacyBackup,
  SHARED_TIER: sharedTier,
  FLEX: flex,
  SERVERLESS: serverless,
  CLOUD_BACKUP: cloudBackup,
};

/** The versioned media types, one per resource (what v2 callers must send in `Accept`). */
export const SIMULATOR_MEDIA_TYPES: Readonly<Record<RestoreJobKind, string>> = {
  LEGACY_BACKUP: legacyBackup.mediaType,
  SHARED_TIER: sharedTier.mediaType,
  FLEX: flex.mediaType,
  SERVERLESS: serverless.mediaType,
  CLOUD_BACKUP: cloudBackup.mediaType,
};
