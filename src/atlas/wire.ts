import type { components, Readable, Writable } from './__generated__/atlas-openapi';
import type { components as successorComponents, Readable as SuccessorReadable, Writable as SuccessorWritable } from './__generated__/successors-openapi';
import type { components as snapshotComponents, Readable as SnapshotReadable } from './__generated__/snapshots-openapi';

/**
 * Wire shapes shared by every Atlas resource, as aliases of the types generated from the contract
 * (src/atlas/__generated__/atlas-openapi.ts, `npm run codegen`). Nothing here is written by hand but the two view
 * helpers below.
 */

/** The contract's `components/schemas` (restore-jobs.openapi.yaml: the four original kinds), as generated. */
export type AtlasSchemas = components['schemas'];

/** successors.openapi.yaml's schemas: Cloud Backup restore jobs, cluster lookups and lists. */
export type SuccessorSchemas = successorComponents['schemas'];

/** snapshots.openapi.yaml's schemas: the backup snapshot lists. */
export type SnapshotSchemas = snapshotComponents['schemas'];

/** Widens string, number and boolean literal unions (the spec's enums) to their base types, deeply. */
export type OpenEnums<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer E)[]
        ? OpenEnums<E>[]
        : T extends object
          ? { [K in keyof T]: OpenEnums<T[K]> }
          : T;

/**
 * What a GET returns for a schema of the contract: its response view.
 * NOTE: the generator runs with `readWriteMarkers`, so a `writeOnly` property (a request-only field such as
 * `BackupRestoreJob.oplogTs`) is typed `$Write<T>` and a `readOnly` one `$Read<T>`; the generated `Readable<T>` drops
 * the former and unwraps the latter. Properties that are neither stay, with the spec's `required`.
 * NOTE: enums are widened to `string`: Atlas adds enum values without a new API version, and every mapper turns a
 * word it does not know into UNKNOWN (DESIGN.md), so no code may rely on the closed set. The enums stay visible in the
 * generated file, and the contract tests hold the simulator to them.
 */
export type ResponseView<T> = OpenEnums<Readable<T>>;

/** {@link ResponseView} of a successors.openapi.yaml schema. */
export type SuccessorResponseView<T> = OpenEnums<SuccessorReadable<T>>;

/** {@link ResponseView} of a snapshots.openapi.yaml schema. */
export type SnapshotResponseView<T> = OpenEnums<SnapshotReadable<T>>;

/**
 * What a POST sends for a schema of the contract: its request view (readOnly response fields dropped, writeOnly ones
 * unwrapped), enums kept closed (the gateway writes only values the spec lists).
 */
export type RequestView<T> = Writable<T>;

/** {@link RequestView} of a successors.openapi.yaml schema. */
export type SuccessorRequestView<T> = SuccessorWritable<T>;

/** `Link`: one RFC 5988 link of an Atlas resource. */
export type LinkWire = ResponseView<AtlasSchemas['Link']>;

/** `ApiError`: the body Atlas sends with every 4xx/5xx. */
export type ApiErrorWire = ResponseView<AtlasSchemas['ApiError']>;

/**
 * Every `Paginated*View`: `links`, the page's `results` and an estimated `totalCount` (omitted when
 * `includeCount=false`). The four views differ only in the type of `results`, so one generic shape serves them.
 */
export type PaginatedWire<T> = Omit<ResponseView<AtlasSchemas['PaginatedRestoreJobView']>, 'results'> & { results: T[] };

/** `ApiBSONTimestampView`. */
export type BsonTimestampWire = ResponseView<AtlasSchemas['ApiBSONTimestampView']>;
