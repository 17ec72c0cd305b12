import type { components, Readable } from './__generated__/atlas-openapi';

/**
 * Wire shapes shared by every Atlas resource, as aliases of the types generated from the contract
 * (src/atlas/__generated__/atlas-openapi.ts, `npm run codegen`). Nothing here is written by hand but the two view
 * helpers below.
 */

/** The contract's `components/schemas`, as generated. */
export type AtlasSchemas = components['schemas'];

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
