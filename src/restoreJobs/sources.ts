import type { AtlasApiVersion, AtlasClient } from '../atlas/AtlasClient';
import type { CacheTtls } from '../cache/UpstreamCache';
import { RestoreJobSource, type RestoreJobKindDefinition } from './RestoreJobSource';
import { legacyBackup } from './legacyBackup';
import { sharedTier } from './sharedTier';
import { flex } from './flex';
import { serverless } from './serverless';
import { cloudBackup } from './cloudBackup';

/**
 * The registry: the only place that lists the kinds. `RestoreJobKind`, the `RestoreJobModel` union, the runtime list
 * of kinds, the sources of a request and the GraphQL job types' resolvers are all derived from it, so adding a kind is
 * its folder and one line here (plus its enum value and type in schema.graphql).
 */
export const KIND_DEFINITIONS = {
  LEGACY_BACKUP: legacyBackup,
  SHARED_TIER: sharedTier,
  FLEX: flex,
  SERVERLESS: serverless,
  CLOUD_BACKUP: cloudBackup,
} as const;

/** Kinds of restore job; the same words as the GraphQL enum `RestoreJobKind`. */
export type RestoreJobKind = keyof typeof KIND_DEFINITIONS;

/** The model a kind's definition maps its wire shape to. */
type ModelOf<D> = D extends RestoreJobKindDefinition<never, infer M> ? M : never;

/** Any restore job: the union of every registered kind's model. */
export type RestoreJobModel = { [K in RestoreJobKind]: ModelOf<(typeof KIND_DEFINITIONS)[K]> }[RestoreJobKind];

/** Compile-time check that each entry's model carries its own key as `kind`. */
type RegistryIsConsistent = { [K in RestoreJobKind]: ModelOf<(typeof KIND_DEFINITIONS)[K]>['kind'] extends K ? true : false }[RestoreJobKind];
const registryIsConsistent: RegistryIsConsistent = true;
void registryIsConsistent;

/** Every kind, in registry order. */
export const RESTORE_JOB_KINDS = Object.keys(KIND_DEFINITIONS) as RestoreJobKind[];

/** True for a word the registry lists. */
export function isRestoreJobKind(value: unknown): value is RestoreJobKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KIND_DEFINITIONS, value);
}

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
