import type { AtlasApiVersion, AtlasClient } from '../atlas/AtlasClient';
import { RestoreJobSource, type RestoreJobKindDefinition } from './RestoreJobSource';
import type { RestoreJobKind } from './RestoreJobModel';
import { legacyBackup } from './legacyBackup';
import { sharedTier } from './sharedTier';
import { flex } from './flex';
import { serverless } from './serverless';

/** The registry: the only place that lists the kinds. The `Record` type makes a missing kind a compile error. */
export const KIND_DEFINITIONS: { readonly [K in RestoreJobKind]: RestoreJobKindDefinition<never, Extract<import('./RestoreJobModel').RestoreJobModel, { kind: K }>> } = {
  LEGACY_BACKUP: legacyBackup,
  SHARED_TIER: sharedTier,
  FLEX: flex,
  SERVERLESS: serverless,
};

/** One source per kind, bound to one request's client. */
export type RestoreJobSources = { readonly [K in RestoreJobKind]: RestoreJobSource };

/** Builds the sources of one request. */
export function createSources(client: AtlasClient, version: AtlasApiVersion): RestoreJobSources {
  const entries = Object.entries(KIND_DEFINITIONS).map(([kind, definition]) => [
    kind,
    new RestoreJobSource(definition as RestoreJobKindDefinition, client, version),
  ]);
  return Object.fromEntries(entries) as RestoreJobSources;
}

/** The GraphQL object type of a kind's jobs. */
export function typeNameOf(kind: RestoreJobKind): string {
  return KIND_DEFINITIONS[kind].typeName;
}
