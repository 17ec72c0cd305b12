import type { AtlasApiVersion, AtlasClient } from '../atlas/AtlasClient';
import type { CacheTtls } from '../atlas/upstreamCache/UpstreamCache';
import { RESTORE_JOB_KINDS, isRestoreJobKind, type RestoreJobKind } from './RestoreJobKind';
import type { RestoreJobModel } from './RestoreJobModel';
import { RestoreJobSource, type RestoreJobKindDefinition } from './RestoreJobSource';
import { legacyBackup } from './legacyBackup';
import { sharedTier } from './sharedTier';
import { flex } from './flex';
import { serverless } from './serverless';
import { cloudBackup } from './cloudBackup';

/**
 * The registry: each kind's declaration (its folder's definition), one line per kind. `satisfies` makes the compiler
 * insist on an entry for every RestoreJobKind, each carrying its own kind's model; the request's sources and the
 * GraphQL job types' resolvers are derived from it.
 */
export const KIND_DEFINITIONS = {
  LEGACY_BACKUP: legacyBackup,
  SHARED_TIER: sharedTier,
  FLEX: flex,
  SERVERLESS: serverless,
  CLOUD_BACKUP: cloudBackup,
} as const satisfies { readonly [K in RestoreJobKind]: RestoreJobKindDefinition<never, Extract<RestoreJobModel, { kind: K }>> };

export { RESTORE_JOB_KINDS, isRestoreJobKind, type RestoreJobKind };

/** One source per kind, bound to one request's client. */
export type RestoreJobSources = { readonly [K in RestoreJobKind]: RestoreJobSource };

/** Builds the sources of one request; `ttls` null: they neither read nor fill the client's cache. */
export function createSources(client: AtlasClient, version: AtlasApiVersion, ttls: CacheTtls | null = null): RestoreJobSources {
  const entries = RESTORE_JOB_KINDS.map((kind) => [
    kind,
    new RestoreJobSource(KIND_DEFINITIONS[kind] as RestoreJobKindDefinition, client, version, ttls),
  ]);
  return Object.fromEntries(entries) as RestoreJobSources;
}

/** The GraphQL object type of a kind's jobs. */
export function typeNameOf(kind: RestoreJobKind): string {
  return KIND_DEFINITIONS[kind].typeName;
}
